"""AI bills of materials as targets: a CycloneDX ML-BOM (JSON) or an SPDX 3 document (JSON-LD) read
back as a release, so a BOM made by openness or by another tool can be assessed.

A BOM openness wrote carries, per piece, the MOF component it stands for, its presence, the licence as
the release declared it and the evidence behind it (``openness:`` properties): reading it back gives the
same assessment. A BOM from another tool is read by the standards' own fields, each mapping a rule with
its evidence: a machine-learning model (CycloneDX ``machine-learning-model``, SPDX ``ai_AIPackage``) is
the final parameters; its model card (CycloneDX ``modelCard``) is the model card; ``data`` components and
SPDX datasets the model was ``trainedOn`` are the datasets; a library is a supporting library. Anything
else is listed in the notes, not guessed.

Bounded: the file is read whole up to ``MAX_BYTES`` and parsed as JSON with the project's limits.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from typing import Any

from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.errors import InputError
from openness.reports import aibom as fields
from openness.sources.bounded import ParseError, load_json

MAX_BYTES = 16 * 1024 * 1024


def claims(target: str) -> bool:
    return target.lower().endswith(".json") and os.path.isfile(target)


def _read(path: str) -> tuple[bytes, Any]:
    """The file's bytes (read once, bounded) and its JSON."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file", where=path, hint="give a BOM file")
        if st.st_size > MAX_BYTES:
            raise InputError(f"over {MAX_BYTES:,} bytes", where=path, hint="a BOM this large is not assessed")
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=path) from exc
    try:
        return data, load_json(data)  # bounded depth and number length (openness.sources.bounded)
    except ParseError as exc:
        where = f"{path}:{exc.line}" if exc.line else path
        raise InputError(
            f"not JSON: {exc.reason}", where=where, hint="give a CycloneDX or SPDX 3 JSON file"
        ) from None


def collect(path: str) -> Release:
    data, doc = _read(path)
    if isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX":
        return _from_cyclonedx(doc, path)
    if isinstance(doc, dict) and "spdx.org/rdf/3" in str(doc.get("@context", "")):
        return _from_spdx(data, path)
    raise InputError(
        "a JSON file that is neither a CycloneDX BOM nor an SPDX 3 document",
        where=path,
        hint="give a CycloneDX 1.6 ML-BOM (bomFormat: CycloneDX) or SPDX 3.0.1 JSON-LD",
    )


def _props(items: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in items:
        out.setdefault(k, []).append(v)
    return out


def _evidence(values: list[str], source: str, locator: str, rule: str, detail: str) -> tuple[Evidence, ...]:
    out = [Evidence(source, locator, rule, 1.0, detail)]
    for v in values:
        bits = [b.strip() for b in v.split(" | ", 4)]
        if len(bits) == 5:
            try:
                out.append(Evidence(bits[0], bits[2], bits[1], float(bits[3]), bits[4]))
            except ValueError:
                continue
    return tuple(out)


def _component(
    name: str, props: dict[str, list[str]], licence: str | None, urls: list[str], ev: tuple[Evidence, ...]
) -> Component:
    """A MOF component from a BOM piece: exactly as openness wrote it, or from the standard's fields."""
    ours = fields.P_PRESENCE in props
    presence = (
        Presence(props[fields.P_PRESENCE][0])
        if ours
        else (Presence.REFERENCED if urls else Presence.INCLUDED)
    )
    declared = props.get(fields.P_DECLARED, ["true"])[0] == "true" if ours else licence is not None
    own = props.get(fields.P_DECLARED_AS, [None])[0] if ours else licence
    locations = tuple(urls) + tuple(props.get("openness:location", []))
    return Component(
        name=name,
        presence=presence,
        licence=own,
        licence_declared=declared,
        licence_path=props.get(fields.P_LICENCE_PATH, [None])[0],
        licence_unread=props.get(fields.P_LICENCE_UNREAD, ["false"])[0] == "true",
        locations=locations,
        evidence=ev,
    )


def _release(
    name: str, props: dict[str, list[str]], comps: list[Component], ev: Evidence, notes: list[str]
) -> Release:
    meta = {
        k[len(fields.P_RELEASE_FIELD) :]: v[0]
        for k, v in props.items()
        if k.startswith(fields.P_RELEASE_FIELD)
    }
    links = {k[5:]: v for k, v in meta.items() if k.startswith("link:")}
    licences = {
        k[len(fields.P_RELEASE_LICENCE) :]: GlobalLicence(v[0])
        for k, v in props.items()
        if k.startswith(fields.P_RELEASE_LICENCE)
    }
    return Release(
        name=name,
        links=links,
        licences=licences,
        components=tuple(comps),
        evidence=(ev,),
        notes=tuple(props.get("openness:note", [])) + tuple(notes),
        **{k: meta[k] for k in fields.RELEASE_FIELDS if k in meta},  # type: ignore[arg-type]
    )


def _cdx_licence(licences: list[Any]) -> str | None:
    for lic in licences or []:
        if isinstance(lic, dict) and lic.get("expression"):
            return str(lic["expression"])
        inner = lic.get("license") if isinstance(lic, dict) else None
        if isinstance(inner, dict) and (inner.get("id") or inner.get("name")):
            return str(inner.get("id") or inner.get("name"))
    return None


def _cdx_props(c: dict[str, Any]) -> dict[str, list[str]]:
    return _props(
        (str(p.get("name")), str(p.get("value"))) for p in c.get("properties") or [] if isinstance(p, dict)
    )


def _cdx_urls(c: dict[str, Any]) -> list[str]:
    return [str(r["url"]) for r in c.get("externalReferences") or [] if isinstance(r, dict) and r.get("url")]


_CDX_TYPES = {
    "machine-learning-model": "Model parameters (Final)",
    "data": "Datasets",
    "library": "Supporting libraries and tools",
}


def _from_cyclonedx(doc: dict[str, Any], path: str) -> Release:
    meta = doc.get("metadata") or {}
    model = meta.get("component") or {}
    comps: list[Component] = []
    notes: list[str] = []
    seen: set[str] = set()
    pieces = [("metadata.component", model)] + [
        (f"components[{i}]", c) for i, c in enumerate(doc.get("components") or []) if isinstance(c, dict)
    ]
    for where, c in pieces:
        props = _cdx_props(c)
        name = props.get(fields.P_COMPONENT, [None])[0] or _CDX_TYPES.get(str(c.get("type")))
        if where == "metadata.component" and name is None:
            name = "Model parameters (Final)"
        if name is None or name in seen:
            notes.append(f"{where} ({c.get('type')} '{c.get('name')}') is not mapped to a MOF component")
            continue
        seen.add(name)
        if props.get(fields.P_PRESENCE) == ["absent"]:
            continue
        ev = _evidence(
            props.get(fields.P_EVIDENCE, []),
            "cyclonedx",
            f"{path}#{where}",
            "aibom.cyclonedx-component",
            f"{c.get('type')} '{c.get('name')}'",
        )
        comps.append(_component(name, props, _cdx_licence(c.get("licenses") or []), _cdx_urls(c), ev))
    foreign = fields.P_PRESENCE not in _cdx_props(model)
    if foreign and "modelCard" in model and "Model card" not in seen:
        where = f"{path}#metadata.component.modelCard"
        card = Evidence("cyclonedx", where, "aibom.cyclonedx-model-card", 0.8, "the BOM carries a model card")
        comps.append(Component("Model card", Presence.INCLUDED, evidence=(card,)))
    spec = doc.get("specVersion", "?")
    release_ev = Evidence("cyclonedx", path, "aibom.cyclonedx", 1.0, f"CycloneDX {spec} BOM")
    name = str(model.get("name") or os.path.basename(path))
    return _release(name, _cdx_props(meta), comps, release_ev, notes)


def _from_spdx(data: bytes, path: str) -> Release:
    from spdx_python_model import v3_0_1 as spdx

    from openness.reports.spdx3 import read

    try:
        objset = read(data)  # the bytes already read and checked as JSON: not read a second time
    except Exception as exc:  # the bindings raise several types for a document they reject
        raise InputError(f"not a valid SPDX 3.0.1 document: {exc}", where=path) from exc
    objects = list(objset.objects)

    def props_of(o: Any) -> dict[str, list[str]]:
        items = []
        for ext in getattr(o, "extension", None) or []:
            for e in getattr(ext, "extension_cdxProperty", None) or []:
                items.append((str(e.extension_cdxPropName), str(e.extension_cdxPropValue)))
        return _props(items)

    licences: dict[tuple[str | None, str], str] = {}
    trained: set[str | None] = set()
    for o in objects:
        if isinstance(o, spdx.Relationship) and o.from_ is not None:
            kind = str(o.relationshipType).rsplit("/", 1)[-1]
            src = o.from_ if isinstance(o.from_, str) else o.from_.get_id()
            for t in o.to or []:
                if kind in ("hasDeclaredLicense", "hasConcludedLicense") and isinstance(
                    t, spdx.simplelicensing_LicenseExpression
                ):
                    licences[(src, kind)] = str(t.simplelicensing_licenseExpression)
                if kind == "trainedOn":
                    trained.add(t if isinstance(t, str) else t.get_id())
    comps: list[Component] = []
    notes: list[str] = []
    seen: set[str] = set()
    name = os.path.basename(path)
    doc_props: dict[str, list[str]] = {}
    for o in objects:
        if isinstance(o, spdx.SpdxDocument):
            doc_props = props_of(o)
            continue
        if not isinstance(o, spdx.software_Package):
            continue
        props = props_of(o)
        comp = props.get(fields.P_COMPONENT, [None])[0]
        if comp is None and isinstance(o, spdx.ai_AIPackage):
            comp = "Model parameters (Final)"
            name = str(o.name or name)
        elif comp is None and isinstance(o, spdx.dataset_DatasetPackage) and o.get_id() in trained:
            comp = "Datasets"
        if comp == "Model parameters (Final)" and isinstance(o, spdx.ai_AIPackage):
            name = str(o.name or name)
        if comp is None or comp in seen:
            notes.append(f"{o.get_id()} ({type(o).__name__} '{o.name}') is not mapped to a MOF component")
            continue
        seen.add(comp)
        if props.get(fields.P_PRESENCE) == ["absent"]:
            continue
        urls = [o.software_downloadLocation] if o.software_downloadLocation else []
        ev = _evidence(
            props.get(fields.P_EVIDENCE, []),
            "spdx",
            f"{path}#{o.get_id()}",
            "aibom.spdx-element",
            f"{type(o).__name__} '{o.name}'",
        )
        declared = licences.get((o.get_id(), "hasDeclaredLicense"))
        comps.append(_component(comp, props, declared, urls, ev))
    release_ev = Evidence("spdx", path, "aibom.spdx", 1.0, "SPDX 3.0.1 document")
    return _release(name, doc_props, comps, release_ev, notes)
