"""Bounded text helpers: card front matter (YAML, aliases refused), URLs, SPDX headers."""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_FRONT_MATTER = 64 * 1024
URL_RE = re.compile(r"""(?:https?://|s3://|gs://|hf://|magnet:\?)[^\s<>()\[\]"'`]+""")
SPDX_RE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+\-: ()]+?)\s*(?:\*/|-->|#|$)", re.MULTILINE)
_KEY_RE = re.compile(r"^([A-Za-z_][\w\-]*)\s*:", re.MULTILINE)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses YAML aliases (no alias bombs in a card)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed", mark)
        return super().compose_node(parent, index)


def decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def front_matter(text: str) -> tuple[dict[str, Any] | None, dict[str, int]]:
    """The YAML front matter of a card (``---`` … ``---`` at the top) and the file line of each key."""
    if not text.startswith("---"):
        return None, {}
    end = text.find("\n---", 3)
    if end < 0 or end > MAX_FRONT_MATTER:
        return None, {}
    body = text[3:end]
    loader = _NoAliasLoader(body)
    try:
        value = loader.get_single_data()
    except yaml.YAMLError:
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(value, dict):
        return None, {}
    lines = {m.group(1): body.count("\n", 0, m.start()) + 1 for m in _KEY_RE.finditer(body)}
    return value, lines


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
