"""Plain-text explanations of MOF components and classes, for ``openness explain``."""

from __future__ import annotations

from openness.domain.components import COMPONENTS, component_spec
from openness.errors import UsageError
from openness.frameworks.mof.engine import REQUIRED, SUGGESTED
from openness.frameworks.mof.result import CLASS_LABELS, FRAMEWORK_SOURCE, ROMAN

_CLASS_WORDS = {"i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
_LICENCES = {
    "code": "an OSI-approved licence (e.g. Apache-2.0, MIT, BSD-3-Clause)",
    "data": "an open data licence (e.g. CDLA-Permissive-2.0, CC-BY-4.0, CC0-1.0)",
    "document": "an open content licence (e.g. CC-BY-4.0)",
}


def _component(name: str) -> str:
    spec = component_spec(name)
    assert spec is not None
    need = (
        f"required from Class {ROMAN[spec.mof_class]} ({CLASS_LABELS[spec.mof_class]}) up"
        if spec.required
        else f"optional (listed with Class {ROMAN[spec.mof_class]})"
    )
    lines = [
        f"{spec.name} (MOT id {spec.mot_id})",
        f"  {spec.description}.",
        f"  Content type: {spec.content_type}; {need}.",
        f"  To count, it must be released under {_LICENCES[spec.content_type]}.",
        "  Open but not type-appropriate licences still count, with a conditional warning.",
    ]
    if spec.name == "Technical report":
        lines.append("  A research paper in the release stands in for a missing technical report.")
    lines.append(f"  Source: {FRAMEWORK_SOURCE}.")
    return "\n".join(lines)


def _class(klass: int) -> str:
    lines = [
        f"{CLASS_LABELS[klass]}",
        "  Classes are cumulative: a class needs every component of the "
        "classes below it (III is the entry class, I the highest).",
    ]
    for k in (3, 2, 1):
        if k < klass:
            break
        lines.append(f"  From Class {ROMAN[k]}:")
        for spec in REQUIRED[k]:
            lines.append(f"    - {spec.name} ({spec.content_type}: {SUGGESTED[spec.content_type]})")
    lines.append(f"  Source: {FRAMEWORK_SOURCE}.")
    return "\n".join(lines)


def explain(subject: str) -> str:
    key = subject.strip().casefold().removeprefix("class ").strip()
    if key in ("components", "component", "all"):
        rows = [
            f"{c.name:<34} {c.content_type:<9} "
            f"{'Class ' + ROMAN[c.mof_class] if c.required else 'optional':<10}"
            for c in COMPONENTS
        ]
        return "MOF v1.0 components (name, content type, first required in):\n  " + "\n  ".join(rows)
    if key in ("classes", "class"):
        return "\n\n".join(_class(k) for k in (3, 2, 1))
    if key in _CLASS_WORDS:
        return _class(_CLASS_WORDS[key])
    if component_spec(subject) is not None:
        return _component(subject)
    raise UsageError(
        f"'{subject}' is neither a MOF component nor a class",
        hint="try 'openness explain components' or 'openness explain II'",
    )
