"""Bounded text helpers: card front matter (through the one bounded reader), URLs, SPDX headers."""

from __future__ import annotations

import re
from typing import Any

from openness.sources import bounded

URL_RE = re.compile(r"""(?:https?://|s3://|gs://|hf://|magnet:\?)[^\s<>()\[\]"'`]+""")
SPDX_RE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+\-: ()]+?)\s*(?:\*/|-->|#|$)", re.MULTILINE)


def decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def front_matter(text: str) -> tuple[dict[str, Any] | None, dict[str, int]]:
    """The YAML front matter of a card and the file line of each key; (None, {}) when it has none.

    Raises ``ParseError`` when there is front matter that will not parse, so the scan notes the file
    and treats what it would have told as unknown (see ``openness.sources.bounded``)."""
    fm = bounded.front_matter(text)
    if fm.status == "broken":
        raise bounded.ParseError(fm.error)  # the message names the file line already
    if fm.status == "none":
        return None, {}
    return fm.data, fm.lines


def urls(text: str) -> list[tuple[int, str, str]]:
    """(line number, URL, the line's text) for each URL in the text, in order."""
    out: list[tuple[int, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "://" not in line and "magnet:" not in line:
            continue
        for m in URL_RE.finditer(line):
            out.append((number, m.group(0).rstrip(".,;:!?*_"), line))
    return out


def spdx_ids(text: str) -> list[tuple[int, str]]:
    """(line number, expression) for each ``SPDX-License-Identifier:`` line."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(1).strip()) for m in SPDX_RE.finditer(text)]


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
