"""Write a release as a Model Openness Tool YAML record, ready to submit to the MOT.

Only components that are in the release (included or referenced) are listed: to the MOT a listed
component is an included one. Fields the MOT schema does not know, kept from a record that was read,
are written back so that read → write → read preserves every field."""

from __future__ import annotations

from typing import Any

from openness.domain.components import BY_NAME
from openness.domain.release import Component, Presence, Release
from openness.domain.serialize import plain
from openness.frameworks.mof.result import FRAMEWORK_NAME, FRAMEWORK_VERSION

FRAMEWORK_DATE = "2024-12-15"


def _component(c: Component) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name}
    spec = BY_NAME.get(c.name)
    out["description"] = c.description or (spec.description if spec else "")
    if c.licence_declared or c.licence is not None:
        out["license"] = c.licence
    if c.licence_path:
        out["license_path"] = c.licence_path
    if c.locations:
        out["component_path"] = c.locations[0]
    out.update(plain(c.extra))
    return out


def to_record(r: Release) -> dict[str, Any]:
    framework = plain(r.framework) or {
        "name": FRAMEWORK_NAME,
        "version": FRAMEWORK_VERSION,
        "date": FRAMEWORK_DATE,
    }
    release: dict[str, Any] = {"name": r.name}
    for f in ("version", "date", "type", "architecture", "treatment", "origin", "producer", "contact"):
        value = getattr(r, f)
        if value or f != "treatment":
            release[f] = value
    release.update(plain(r.links))
    release["license"] = {
        scope: {"name": g.name, "path": g.path, **plain(g.extra)} for scope, g in r.licences.items()
    }
    if any(e.source == "mot-yaml" for e in r.evidence):
        release.update(plain(r.extra))  # fields of a MOT record openness does not model; a collector's
        # own metadata (what it could not read, request logs) is not part of a MOT record
    release["components"] = [
        _component(c) for c in r.components if c.presence in (Presence.INCLUDED, Presence.REFERENCED)
    ]
    return {"framework": framework, "release": release}


def render(r: Release) -> str:
    import yaml

    return yaml.safe_dump(
        to_record(r), sort_keys=False, allow_unicode=True, default_flow_style=False, width=120
    )
