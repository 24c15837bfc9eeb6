"""Bounded readers for the structured files of a release: JSON, TOML and card front matter.

Each reader either returns the value or raises ``ParseError`` (a ``ValueError``) that says why and,
when known, on which line, so a collector can turn that one file into "unknown" with a note and go on
with the rest of the release. The limits are explicit and the same for every format (those of
``yaml_core``): nesting depth, number length; none relies on Python's recursion or int-conversion
limits. Nothing read is executed.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from openness.sources import yaml_core
from openness.sources.yaml_core import MAX_DEPTH, MAX_NUMBER_CHARS

MAX_FRONT_MATTER = 1024 * 1024
"""Bytes of card front matter read; the largest real model-index blocks are a few hundred KB."""

# JSON tokens that matter for nesting: a whole string (skipped) or a bracket.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
# TOML: strings and comments (skipped), brackets, and bare values that start like a number.
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|[\[\]{}]|(?<![\w.-])[-+]?[0-9][\w.:+-]*"
)
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$", re.DOTALL | re.MULTILINE)


class ParseError(ValueError):
    """A file that could not be read as its format: the reason and the 1-based line (0 if unknown)."""

    def __init__(self, reason: str, line: int = 0) -> None:
        super().__init__(f"{reason} (line {line})" if line else reason)
        self.reason = reason
        self.line = line


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _too_deep(text: str, pos: int) -> ParseError:
    return ParseError(f"nested deeper than {MAX_DEPTH} levels", _line(text, pos))


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise ParseError(f"a number of {len(text):,} characters (the limit is {MAX_NUMBER_CHARS})")
    return text


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            data.count(b"\n", 0, exc.start) + 1,
        ) from None


def check_depth(value: Any) -> None:
    """Refuse a parsed value nested deeper than ``MAX_DEPTH`` (walked with a stack, not recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels")
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))


def load_json(data: bytes | str) -> Any:
    """A JSON value, with nesting and number length bounded."""
    text = _decode(data)
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(text, m.start())
        elif c in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_int=lambda s: int(_number(s)), parse_float=lambda s: float(_number(s)))
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except ParseError:
        raise
    except (ValueError, RecursionError) as exc:  # pragma: no cover - the checks above come first
        raise ParseError(f"invalid JSON: {exc}") from None


def load_toml(data: bytes | str) -> dict[str, Any]:
    """A TOML document, with nesting (inline and dotted) and number length bounded."""
    text = _decode(data)
    depth = 0
    for m in _TOML_TOKENS.finditer(text):
        c = m.group()
        if c in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(text, m.start())
        elif c in ("]", "}"):
            depth -= 1
        elif c[0] not in "\"'#" and len(c) > MAX_NUMBER_CHARS:
            raise ParseError(
                f"a value of {len(c):,} characters (the limit for a number is {MAX_NUMBER_CHARS})",
                _line(text, m.start()),
            )
    try:
        doc = tomllib.loads(text, parse_float=lambda s: float(_number(s)))
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"invalid TOML: {exc}") from None
    except ParseError:
        raise
    except (ValueError, RecursionError) as exc:  # pragma: no cover - the checks above come first
        raise ParseError(f"invalid TOML: {exc}") from None
    check_depth(doc)  # dotted keys and table headers nest without brackets
    return doc


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML front matter of a card (``---`` … ``---`` at the top of a Markdown file)."""

    status: str
    """``ok`` (read), ``none`` (the file has none), ``broken`` (it would not parse: see ``error``)."""
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    """The text after the front matter (the whole text when there is none)."""
    lines: dict[str, int] = field(default_factory=dict)
    """The file line of each top-level key."""
    error: str = ""
    line: int = 0
    """The file line of the error, when known."""


def front_matter(text: str) -> FrontMatter:
    """The one front-matter reader of the project (local cards and Hub cards alike)."""
    if not text.lstrip("\ufeff").startswith("---"):
        return FrontMatter("none", body=text)
    head = text[: MAX_FRONT_MATTER + 16]
    match = _FRONT.match(head)
    if match is None:
        if len(text) > len(head):
            return FrontMatter("broken", body=text, error=f"front matter over {MAX_FRONT_MATTER:,} bytes")
        return FrontMatter("none", body=text)
    body = text[match.end() :]
    first = _line(text, match.start(1))  # the file line of the YAML's first line
    try:
        doc = yaml_core.load(match.group(1), track_lines=1)
    except yaml_core.YamlError as exc:
        line = exc.line + first - 1 if exc.line else 0
        where = f" at line {line}" if line else ""
        return FrontMatter(
            "broken", body=body, error=f"card YAML does not parse{where}: {exc.reason}", line=line
        )
    if doc.value is None:
        return FrontMatter("ok", body=body)
    if not isinstance(doc.value, dict):
        return FrontMatter("broken", body=body, error="card YAML is not a mapping", line=first)
    lines = {str(p[0]): n + first - 1 for p, n in doc.lines.items() if len(p) == 1}
    return FrontMatter("ok", doc.value, body, lines)
