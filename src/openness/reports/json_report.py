"""The stable machine-readable form of an assessment (schema: ``schema/assessment.schema.json``).

Output is deterministic: the same assessment gives the same bytes (sorted keys, fixed order of
components in MOF order)."""

from __future__ import annotations

import json
from typing import Any

from openness.domain.assessment import Assessment
from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Presence
from openness.domain.serialize import evidence_to_dict, plain, release_to_dict
from openness.frameworks.mof.result import ComponentFinding
from openness.frameworks.registry import FRAMEWORKS

SCHEMA_VERSION = "1.0"


def _component(name: str, comp: Component | None, finding: ComponentFinding | None) -> dict[str, Any]:
    return {
        "name": name,
        "status": comp.presence.value if comp else Presence.ABSENT.value,
        "licence": finding.licence if finding else (comp.licence if comp else None),
        "licence_as_written": comp.licence if comp else None,
        "locations": list(comp.locations) if comp else [],
        "evidence": [evidence_to_dict(e) for e in comp.evidence] if comp else [],
    }


def to_dict(a: Assessment) -> dict[str, Any]:
    mof = a.results.get("mof")
    release = release_to_dict(a.release)
    release.pop("components")
    release.pop("notes")  # shown once, as the assessment's notes
    comps = {c.name: c for c in a.release.components}
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "target": a.target,
        "release": release,
        "components": [
            _component(spec.name, comps.get(spec.name), mof.finding(spec.name) if mof else None)
            for spec in COMPONENTS
        ],
        "notes": list(a.notes),
        "versions": plain(a.versions),
    }
    for key, result in a.results.items():
        out[key] = FRAMEWORKS[key].to_json(result)
    return out


def error_to_dict(target: str, message: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "target": target, "error": message}


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(obj, indent=indent, sort_keys=True, ensure_ascii=False)


def schema() -> dict[str, Any]:
    """The JSON Schema of one output object (published in the package)."""
    from importlib import resources

    text = resources.files("openness.reports").joinpath("schema", "assessment.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
