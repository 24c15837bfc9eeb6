"""Read a Model Openness Tool (MOT) YAML record into a Release.

Follows the MOT schema (``framework`` and ``release`` with ``license`` and ``components``) and tolerates
the real files' quirks: ``license: {  }``, missing keys, empty values, extra keys (kept for the round
trip). Read through the project's one YAML loader (``yaml_core``: core schema only, aliases and other
tags refused, depth, size and numbers bounded); every problem is an ``InputError`` naming file:line
and field. Nothing is executed.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openness.domain.components import component_spec
from openness.domain.release import (
    RELEASE_TEXT_FIELDS,
    Component,
    Evidence,
    GlobalLicence,
    Presence,
    Release,
)
from openness.errors import InputError
from openness.sources import yaml_core

MAX_BYTES = 5 * 1024 * 1024
SOURCE = "mot-yaml"
LINK_KEYS = ("repository", "huggingface")
RELEASE_FIELDS = RELEASE_TEXT_FIELDS
COMPONENT_FIELDS = ("name", "description", "license", "license_path", "component_path")
LICENCE_SCOPES = ("distribution", "code", "data", "document")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})([Tt ].*)?")


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


def _load(text: str, where: str) -> yaml_core.Document:
    try:
        return yaml_core.load(text)
    except yaml_core.YamlError as exc:
        loc = f"{where}:{exc.line}" if exc.line else where
        reason = f"{exc.field}: {exc.reason}" if exc.field else exc.reason
        raise InputError(reason, where=loc, hint=exc.hint) from None


def _check_date(value: str, field: str, where: str) -> None:
    """A date written as YYYY-MM-DD must be a real one (the MOT schema's format)."""
    m = _DATE.fullmatch(value.strip())
    if m is None:
        return
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m.group(4):  # a time too: it must be a real one, with a real offset
            datetime.datetime.fromisoformat(value.strip().replace(" ", "T", 1).replace("t", "T"))
    except ValueError:
        raise InputError(
            f"{field} '{value.strip()[:60]}' is not a real date", where=where, hint="write it as YYYY-MM-DD"
        ) from None


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


def _text(value: Any, field: str, where: str) -> str:
    """A scalar field as text ('' for empty); a mapping or list where text belongs is an error."""
    if value is None or value == {}:
        return ""
    if isinstance(value, (list, dict)):
        raise InputError(f"field '{field}' must be text, not a {type(value).__name__}", where=where)
    if isinstance(value, bool):
        raise InputError(
            f"field '{field}' must be text, not the boolean {str(value).lower()}",
            where=where,
            hint=f"quote the value if '{str(value).lower()}' is meant as text",
        )
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


def _component(raw: Any, line: int, path: str, lines: dict[str, int]) -> Component:
    """One component; ``lines`` has the file line of each of its fields."""
    where = f"{path}:{line}"

    def _field(key: str) -> str:
        return _text(raw.get(key), key, f"{path}:{lines.get(key, line)}")

    if not isinstance(raw, Mapping):
        raise InputError("each component must be a mapping with a name", where=where)
    name = _field("name").strip()
    spec = component_spec(name)
    if spec is None:
        raise InputError(
            f"unknown component '{name}'",
            where=where,
            hint="use one of the 17 MOF names; see 'openness explain components'",
        )
    declared = "license" in raw
    licence_value = raw.get("license")
    licence = None if licence_value is None or licence_value == {} else _field("license")
    component_path = _field("component_path")
    detail = f"listed as '{name}'" + (f", license '{licence}'" if declared else ", no license field")
    return Component(
        name=spec.name,
        presence=Presence.INCLUDED,
        licence=licence,
        licence_declared=declared,
        licence_path=_field("license_path") or None,
        description=_field("description") or spec.description,
        locations=(component_path,) if component_path else (),
        evidence=(Evidence(SOURCE, where, "mot-yaml.component-listed", 1.0, detail),),
        extra=_jsonable({k: v for k, v in raw.items() if k not in COMPONENT_FIELDS}),
    )


def parse(text: str, path: str = "<string>") -> Release:
    """Parse the text of a MOT YAML record."""
    loaded = _load(text, path)
    doc = loaded.value
    if doc is None:
        raise InputError("empty file: a MOT record needs a 'release' mapping", where=path)
    if not isinstance(doc, Mapping):
        raise InputError(f"top level must be a mapping, not a {type(doc).__name__}", where=f"{path}:1")
    release = doc.get("release")
    rel_line = loaded.line("release")
    rel_where = f"{path}:{rel_line}"
    if not isinstance(release, Mapping):
        raise InputError("missing 'release' mapping", where=path, hint="see the MOT schema")

    def at(*keys: Any) -> str:
        return f"{path}:{loaded.line('release', *keys)}"

    name = _text(release.get("name"), "name", at("name")).strip()
    if not name:
        raise InputError("release.name is missing or empty", where=at("name"), hint="give the model's name")
    framework = doc.get("framework")
    if framework is not None and not isinstance(framework, Mapping):
        raise InputError("framework must be a mapping", where=f"{path}:{loaded.line('framework')}")
    if framework is not None and isinstance(framework.get("date"), str):
        _check_date(framework["date"], "framework.date", f"{path}:{loaded.line('framework', 'date')}")
    raw_components = release.get("components")
    if raw_components is None:
        raw_components = []
    if not isinstance(raw_components, list):
        raise InputError("release.components must be a list", where=at("components"))
    components: list[Component] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_components):
        line = loaded.line("release", "components", i)
        keys = raw if isinstance(raw, Mapping) else {}
        field_lines = {str(k): loaded.line("release", "components", i, k) for k in keys}
        comp = _component(raw, line, path, field_lines)
        if comp.name in seen:
            raise InputError(f"component '{comp.name}' is listed twice", where=f"{path}:{line}")
        seen.add(comp.name)
        components.append(comp)

    def field(f: str) -> str:
        return _text(release.get(f), f, at(f))

    _check_date(field("date"), "release.date", at("date"))
    links = {k: _text(release[k], k, at(k)) for k in LINK_KEYS if k in release}
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
        licences=_licences(release.get("license"), at("license")),
        components=tuple(components),
        evidence=(Evidence(SOURCE, rel_where, "mot-yaml.record", 1.0, "MOT YAML record"),),
        framework=_jsonable(dict(framework or {})),
        extra=_jsonable({k: v for k, v in release.items() if k not in known}),
    )


def load(path: str | os.PathLike[str]) -> Release:
    """Read and parse a MOT YAML file, bounded to ``MAX_BYTES``."""
    p = Path(path)
    return load_bytes(read_bytes(p), str(p))


def load_bytes(data: bytes, where: str) -> Release:
    """Parse a MOT YAML record read already (``read_bytes``); ``where`` names it in evidence and errors."""
    return parse(_decode(data, where), where)
