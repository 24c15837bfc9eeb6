"""JSON round trip of releases: ``release_to_dict`` and ``release_from_dict`` are inverses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release


def plain(value: Any) -> Any:
    """Read-only mappings and tuples as plain dicts and lists, for JSON."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def evidence_to_dict(ev: Evidence) -> dict[str, Any]:
    return {
        "source": ev.source,
        "locator": ev.locator,
        "rule": ev.rule,
        "confidence": ev.confidence,
        "detail": ev.detail,
    }


def evidence_from_dict(d: Mapping[str, Any]) -> Evidence:
    return Evidence(
        d["source"], d["locator"], d["rule"], float(d.get("confidence", 1.0)), d.get("detail", "")
    )


def component_to_dict(c: Component) -> dict[str, Any]:
    return {
        "name": c.name,
        "presence": c.presence.value,
        "licence": c.licence,
        "licence_declared": c.licence_declared,
        "licence_path": c.licence_path,
        "licence_unread": c.licence_unread,
        "description": c.description,
        "locations": list(c.locations),
        "evidence": [evidence_to_dict(e) for e in c.evidence],
        "extra": plain(c.extra),
    }


def component_from_dict(d: Mapping[str, Any]) -> Component:
    return Component(
        name=d["name"],
        presence=Presence(d.get("presence", "included")),
        licence=d.get("licence"),
        licence_declared=bool(d.get("licence_declared", False)),
        licence_path=d.get("licence_path"),
        licence_unread=bool(d.get("licence_unread", False)),
        description=d.get("description", ""),
        locations=tuple(d.get("locations", ())),
        evidence=tuple(evidence_from_dict(e) for e in d.get("evidence", ())),
        extra=d.get("extra") or {},
    )


_RELEASE_TEXT = ("version", "date", "type", "architecture", "treatment", "origin", "producer", "contact")


def release_to_dict(r: Release) -> dict[str, Any]:
    out: dict[str, Any] = {"name": r.name}
    for f in _RELEASE_TEXT:
        out[f] = getattr(r, f)
    out["links"] = plain(r.links)
    out["licences"] = {
        scope: {"name": g.name, "path": g.path, "extra": plain(g.extra)} for scope, g in r.licences.items()
    }
    out["components"] = [component_to_dict(c) for c in r.components]
    out["evidence"] = [evidence_to_dict(e) for e in r.evidence]
    out["framework"] = plain(r.framework)
    out["extra"] = plain(r.extra)
    out["notes"] = list(r.notes)
    if r.kind:
        out["kind"] = r.kind
        out["kind_evidence"] = [evidence_to_dict(e) for e in r.kind_evidence]
    return out


def release_from_dict(d: Mapping[str, Any]) -> Release:
    return Release(
        name=d["name"],
        **{f: d.get(f, "") for f in _RELEASE_TEXT},
        links=d.get("links") or {},
        licences={
            scope: GlobalLicence(g.get("name"), g.get("path"), g.get("extra") or {})
            for scope, g in (d.get("licences") or {}).items()
        },
        components=tuple(component_from_dict(c) for c in d.get("components", ())),
        evidence=tuple(evidence_from_dict(e) for e in d.get("evidence", ())),
        framework=d.get("framework") or {},
        extra=d.get("extra") or {},
        notes=tuple(d.get("notes", ())),
        kind=d.get("kind") or "",
        kind_evidence=tuple(evidence_from_dict(e) for e in d.get("kind_evidence", ())),
    )
