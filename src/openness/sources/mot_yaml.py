"""Read a Model Openness Tool (MOT) YAML record into a Release.

Follows the MOT schema (``framework`` and ``release`` with ``license`` and ``components``) and tolerates
the real files' quirks: ``license: {  }``, missing keys, empty values, extra keys (kept for the round
trip). Every read is bounded; YAML aliases are refused (no alias bombs); nothing is executed.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from openness.domain.components import component_spec
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
SOURCE = "mot-yaml"
LINK_KEYS = ("repository", "huggingface")
RELEASE_FIELDS = (
    "name",
    "version",
    "date",
    "type",
    "architecture",
    "treatment",
    "origin",
    "producer",
    "contact",
)
COMPONENT_FIELDS = ("name", "description", "license", "license_path", "component_path")
LICENCE_SCOPES = ("distribution", "code", "data", "document")


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases: MOT records never need them, and refusing them
    rules out alias bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in a MOT record", event.start_mark
            )
        return super().compose_node(parent, index)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The content of a regular file, refusing anything larger than ``limit``."""
    where = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", where=where, hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=where) from None
    if path.is_dir():
        raise InputError(
            "is a directory, not a MOT YAML file", where=where, hint="give the path of a .yml record"
        ) from None
    if not path.is_file():
        raise InputError("is not a regular file", where=where) from None
    if st.st_size > limit:
        raise InputError(f"file is {st.st_size:,} bytes, over the {limit:,}-byte limit", where=where)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=where) from None
    if len(data) > limit:
        raise InputError(f"file is over the {limit:,}-byte limit", where=where)
    return data


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            where=f"{where}:{line}",
            hint="save the file as UTF-8",
        ) from None


def _compose(text: str, where: str) -> yaml.Node | None:
    loader = _NoAliasLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = f"{where}:{mark.line + 1}" if mark is not None else where
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(f"invalid YAML: {problem}", where=loc) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", where=where) from None
    finally:
        loader.dispose()


def _construct(node: yaml.Node) -> Any:
    loader = _NoAliasLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _jsonable(value: Any) -> Any:
    """Kept fields as JSON-compatible values: dates as ISO text, keys as text."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                found: yaml.Node = v
                return found
    return None


def _text(value: Any, field: str, where: str) -> str:
    """A scalar field as text ('' for empty); a mapping or list where text belongs is an error."""
    if value is None or value == {}:
        return ""
    if isinstance(value, (list, dict)):
        raise InputError(f"field '{field}' must be text, not a {type(value).__name__}", where=where)
    return str(value)


def _licences(value: Any, where: str) -> dict[str, GlobalLicence]:
    if value is None or value == {} or value == []:  # an empty mapping, or PHP's empty array
        return {}
    if not isinstance(value, Mapping):
        raise InputError("release.license must be a mapping of distribution/code/data/document", where=where)
    out: dict[str, GlobalLicence] = {}
    for scope, entry in value.items():
        if entry is None:
            entry = {}
        if not isinstance(entry, Mapping):
            raise InputError(f"release.license.{scope} must be a mapping with name and path", where=where)
        extra = _jsonable({k: v for k, v in entry.items() if k not in ("name", "path")})
        name = entry.get("name")
        path = entry.get("path")
        out[str(scope)] = GlobalLicence(
            name=None if name is None else _text(name, f"license.{scope}.name", where),
            path=None if path is None else _text(path, f"license.{scope}.path", where),
            extra=extra,
        )
    return out


def _component(raw: Any, line: int, path: str) -> Component:
    where = f"{path}:{line}"
    if not isinstance(raw, Mapping):
        raise InputError("each component must be a mapping with a name", where=where)
    name = _text(raw.get("name"), "name", where).strip()
    spec = component_spec(name)
    if spec is None:
        raise InputError(
            f"unknown component '{name}'",
            where=where,
            hint="use one of the 17 MOF names; see 'openness explain components'",
        )
    declared = "license" in raw
    licence_value = raw.get("license")
    licence = None if licence_value is None or licence_value == {} else _text(licence_value, "license", where)
    component_path = _text(raw.get("component_path"), "component_path", where)
    detail = f"listed as '{name}'" + (f", license '{licence}'" if declared else ", no license field")
    return Component(
        name=spec.name,
        presence=Presence.INCLUDED,
        licence=licence,
        licence_declared=declared,
        licence_path=_text(raw.get("license_path"), "license_path", where) or None,
        description=_text(raw.get("description"), "description", where) or spec.description,
        locations=(component_path,) if component_path else (),
        evidence=(Evidence(SOURCE, where, "mot-yaml.component-listed", 1.0, detail),),
        extra=_jsonable({k: v for k, v in raw.items() if k not in COMPONENT_FIELDS}),
    )


def parse(text: str, path: str = "<string>") -> Release:
    """Parse the text of a MOT YAML record."""
    root = _compose(text, path)
    if root is None:
        raise InputError("empty file: a MOT record needs a 'release' mapping", where=path)
    doc = _construct(root)
    if not isinstance(doc, Mapping):
        raise InputError(f"top level must be a mapping, not a {type(doc).__name__}", where=f"{path}:1")
    release = doc.get("release")
    release_node = _child(root, "release")
    rel_line = release_node.start_mark.line + 1 if release_node is not None else 1
    rel_where = f"{path}:{rel_line}"
    if not isinstance(release, Mapping):
        raise InputError("missing 'release' mapping", where=path, hint="see the MOT schema")
    name = _text(release.get("name"), "name", rel_where).strip()
    if not name:
        raise InputError("release.name is missing or empty", where=rel_where)
    framework = doc.get("framework")
    if framework is not None and not isinstance(framework, Mapping):
        raise InputError("framework must be a mapping", where=path)
    raw_components = release.get("components")
    if raw_components is None:
        raw_components = []
    if not isinstance(raw_components, list):
        raise InputError("release.components must be a list", where=rel_where)
    comp_nodes = _child(release_node, "components")
    lines = (
        [n.start_mark.line + 1 for n in comp_nodes.value] if isinstance(comp_nodes, yaml.SequenceNode) else []
    )
    components: list[Component] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_components):
        line = lines[i] if i < len(lines) else rel_line
        comp = _component(raw, line, path)
        if comp.name in seen:
            raise InputError(f"component '{comp.name}' is listed twice", where=f"{path}:{line}")
        seen.add(comp.name)
        components.append(comp)

    def field(f: str) -> str:
        return _text(release.get(f), f, rel_where)

    links = {k: _text(release[k], k, rel_where) for k in LINK_KEYS if k in release}
    known = set(RELEASE_FIELDS) | set(LINK_KEYS) | {"license", "components"}
    return Release(
        name=name,
        version=field("version"),
        date=field("date"),
        type=field("type"),
        architecture=field("architecture"),
        treatment=field("treatment"),
        origin=field("origin"),
        producer=field("producer"),
        contact=field("contact"),
        links=links,
        licences=_licences(release.get("license"), rel_where),
        components=tuple(components),
        evidence=(Evidence(SOURCE, rel_where, "mot-yaml.record", 1.0, "MOT YAML record"),),
        framework=_jsonable(dict(framework or {})),
        extra=_jsonable({k: v for k, v in release.items() if k not in known}),
    )


def load(path: str | os.PathLike[str]) -> Release:
    """Read and parse a MOT YAML file, bounded to ``MAX_BYTES``."""
    p = Path(path)
    return parse(_decode(read_bytes(p), str(p)), str(p))
