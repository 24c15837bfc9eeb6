"""The project's one YAML loader: the YAML 1.2 core schema only, aliases refused, every size bounded.

Used for MOT records and card front matter. What it accepts:

- the core schema's types only (``null``, ``bool``, ``int``, ``float``, ``str``, sequences, mappings);
  plain scalars resolve as the core schema says (so ``yes``, ``on`` and ``2024-01-01`` stay text, as
  on the Hugging Face Hub, whose YAML reader follows YAML 1.2);
- any other tag (``!!python/object/apply:…``, ``!!timestamp``, ``!!binary``, ``!custom``) is refused by
  name; a value that does not fit the core tag it carries (``!!bool maybe``) is refused;
- aliases are refused (no alias bombs); anchors alone are harmless and ignored;
- explicit limits instead of Python's recursion or int-conversion limits: nesting depth
  (``MAX_DEPTH``), node count (``MAX_NODES``), number length (``MAX_NUMBER_CHARS``); characters YAML
  does not allow in a stream (NUL, ESC and other control characters) are refused with their line;
- duplicate keys and keys that are not scalars are refused (YAML 1.2 forbids the first).

Events come from libyaml when PyYAML has it (fast and without recursion), else from PyYAML's own
parser; the values are built here with an explicit stack, so deep input cannot exhaust Python's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 64
"""Mappings and sequences nested inside each other; real records and cards stay under 10."""
MAX_NODES = 200_000
"""Scalars, mappings and sequences in one document; a real MOT record has about 100."""
MAX_NUMBER_CHARS = 100
"""Characters of one number (digits, sign, prefix, exponent): a 64-bit value needs 20."""

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Characters YAML 1.2 does not allow in a stream (c-printable's complement), lone surrogates included.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class YamlError(ValueError):
    """YAML that this loader will not read: what is wrong and the 1-based line (0 when unknown)."""

    def __init__(self, reason: str, line: int = 0, hint: str = "fix the YAML at that line") -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.reason = reason
        self.line = line
        self.hint = hint
        self.field = ""
        """The dotted path of the field where it went wrong (``release.license``), when known."""


@dataclass(slots=True)
class Document:
    """A loaded document: its value and the 1-based line of each node, by path of keys and indexes."""

    value: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line(self, *path: Any, default: int = 1) -> int:
        """The line of the node at ``path`` (or of its nearest ancestor that has one)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def _events(text: str) -> Iterator[yaml.Event]:
    parser_cls = getattr(yaml, "CSafeLoader", None)
    if parser_cls is not None:  # libyaml: C speed, no Python recursion; only its events are used
        parser = parser_cls(text.encode("utf-8"))
        try:
            while True:
                event = parser.get_event()
                if event is None:
                    return
                yield event
        finally:
            parser.dispose()
    else:  # pragma: no cover - PyYAML built without libyaml
        loader = yaml.SafeLoader(text)
        try:
            while loader.check_event():
                yield loader.get_event()  # type: ignore[no-untyped-call]
        finally:
            loader.dispose()


def shown_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _number(value: str, line: int) -> None:
    if len(value) > MAX_NUMBER_CHARS:
        raise YamlError(
            f"a number of {len(value):,} characters (the limit is {MAX_NUMBER_CHARS})",
            line,
            "quote it if it is meant as text",
        )


def _resolve_plain(value: str, line: int) -> Any:
    """A plain scalar as the core schema resolves it."""
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT10.fullmatch(value):
        _number(value, line)
        return int(value)
    if _INT8.fullmatch(value) or _INT16.fullmatch(value):
        _number(value, line)
        return int(value[2:], 8 if value[1] == "o" else 16)
    if _FLOAT.fullmatch(value):
        _number(value, line)
        return float(value)
    if _INF.fullmatch(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.fullmatch(value):
        return float("nan")
    return value


def _scalar(event: yaml.ScalarEvent, line: int) -> Any:
    tag, value = event.tag, event.value
    plain = event.style is None or event.style == ""
    if tag in (None, "!"):
        if plain and tag is None and event.implicit[0]:
            return _resolve_plain(value, line)
        return value
    if tag == _CORE + "str":
        return value
    kind = tag[len(_CORE) :] if tag.startswith(_CORE) else ""
    if kind in ("null", "bool", "int", "float"):
        resolved = _resolve_plain(value, line)
        ok = {
            "null": resolved is None,
            "bool": isinstance(resolved, bool),
            "int": isinstance(resolved, int) and not isinstance(resolved, bool),
            "float": isinstance(resolved, (int, float)) and not isinstance(resolved, bool),
        }[kind]
        if not ok:
            raise YamlError(f"'{value[:40]}' is not a valid !!{kind}", line, f"give a {kind} or drop the tag")
        return float(resolved) if kind == "float" else resolved
    raise _tag_refused(tag, line)


def _tag_refused(tag: str, line: int) -> YamlError:
    return YamlError(
        f"YAML tag '{shown_tag(tag)}' is not allowed",
        line,
        "only the core schema's tags are read: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map",
    )


def _check_collection_tag(tag: str | None, kind: str, line: int) -> None:
    if tag not in (None, "!", _CORE + kind):
        raise _tag_refused(tag, line)


def check_characters(text: str) -> None:
    """Refuse characters a YAML stream may not hold, naming the first one and its line."""
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise YamlError(
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            line,
            "remove it, or write it as an escape in a double-quoted string",
        )


def load(text: str, *, track_lines: int = 4) -> Document:
    """The single document in ``text`` (None for an empty stream), with the lines of nodes up to
    ``track_lines`` levels deep. Raises ``YamlError`` for anything this loader will not read."""
    check_characters(text)
    # Each open collection: [container, path, pending key or a marker that no key is pending].
    stack: list[list[Any]] = []
    doc = Document(None)
    documents = nodes = 0
    no_key = object()
    path: tuple[Any, ...] = ()
    try:
        for event in _events(text):
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError("more than one YAML document (one '---' block is expected)", line)
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlError("YAML aliases are not allowed", line)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                _attach(stack, doc, done[0], done[1], line, no_key)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlError(f"more than {MAX_NODES:,} YAML nodes", line, "split or shorten the file")
            path = _child_path(stack, no_key)
            if len(path) <= track_lines:
                doc.lines.setdefault(path, line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                is_map = isinstance(event, yaml.MappingStartEvent)
                _check_collection_tag(event.tag, "map" if is_map else "seq", line)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nested deeper than {MAX_DEPTH} levels", line, "flatten the structure")
                stack.append([{} if is_map else [], path, no_key])
                continue
            assert isinstance(event, yaml.ScalarEvent)
            _attach(stack, doc, _scalar(event, line), path, line, no_key)
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is not no_key:
                key_path = (*stack[-1][1], stack[-1][2])  # a key was just read: its line is the entry's
                if len(key_path) <= track_lines:
                    doc.lines[key_path] = line
    except YamlError as exc:
        exc.field = ".".join(str(p) for p in path)
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        raise YamlError(f"invalid YAML: {problem}", mark.line + 1 if mark is not None else 0) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    return doc


def _child_path(stack: list[list[Any]], no_key: object) -> tuple[Any, ...]:
    if not stack:
        return ()
    container, path, key = stack[-1]
    if isinstance(container, dict):
        return path if key is no_key else (*path, key)
    return (*path, len(container))


def _attach(
    stack: list[list[Any]], doc: Document, value: Any, path: tuple[Any, ...], line: int, no_key: object
) -> None:
    if not stack:
        doc.value = value
        return
    top = stack[-1]
    container = top[0]
    if isinstance(container, list):
        container.append(value)
    elif top[2] is no_key:
        if isinstance(value, (dict, list)):
            raise YamlError("a mapping key must be text or a number, not a mapping or list", line)
        if value in container:
            raise YamlError(f"duplicate key '{str(value)[:80]}'", line)
        top[2] = value
    else:
        container[top[2]] = value
        top[2] = no_key
