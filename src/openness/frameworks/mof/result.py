"""What the MOF engine returns: a class, progress per class, a finding per component, and for every
class not met the list of changes that would meet it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

FRAMEWORK_NAME = "Model Openness Framework"
FRAMEWORK_VERSION = "1.0"
FRAMEWORK_SOURCE = "MOF v1.0 specification, LF AI & Data, 2024-12-15 (arXiv 2403.13784)"

# Labels as the Model Openness Tool prints them.
CLASS_LABELS: dict[int, str] = {
    0: "Unclassified",
    1: "Class I - Open Science Model",
    2: "Class II - Open Tooling Model",
    3: "Class III - Open Model",
}
ROMAN = {1: "I", 2: "II", 3: "III"}


class Mode(StrEnum):
    DEFAULT = "default"
    """Licence strings are normalised first; every normalisation is noted."""
    MOT_COMPATIBLE = "mot-compatible"
    """Reproduces the Model Openness Tool's evaluator: literal ids, its licence table."""


class Status(StrEnum):
    """A component's standing under the MOF."""

    COUNTED = "counted"
    """Present under an open licence: it counts toward every class that requires it."""
    UNLICENSED = "unlicensed"
    """Present with no licence."""
    INVALID = "invalid"
    """Present under a licence that is not open (or that openness could not resolve)."""
    MISSING = "missing"
    """Not in the release."""
    UNKNOWN = "unknown"
    """Could not be looked at: neither counted nor called missing."""
    OPTIONAL = "optional"
    """An optional component that is not present."""


@dataclass(frozen=True, slots=True)
class ComponentFinding:
    name: str
    mot_id: int
    content_type: str
    mof_class: int
    required: bool
    presence: str
    status: Status
    licence: str | None
    """The licence that applies, as resolved (default mode) or as written (MOT-compatible mode)."""
    licence_as_written: str | None
    licence_source: str
    """Where the licence came from: ``component``, ``release:code`` (… data, document),
    ``release:distribution`` or ``none``."""
    conditional: bool
    """Counted, but the licence is not one the MOF lists for this content type."""
    reason: str
    notes: tuple[str, ...] = ()


StepAction = Literal["release", "license", "relicense", "check"]
"""Release a missing component, license an unlicensed one, relicense one under closed terms, or look at
one openness could not see."""


@dataclass(frozen=True, slots=True)
class Step:
    """One change toward a class: release a component, license it, or relicense it."""

    component: str
    action: StepAction
    detail: str


@dataclass(frozen=True, slots=True)
class MofResult:
    mode: Mode
    mof_class: int
    progress: tuple[float, float, float]
    """Progress toward Class I, II and III in percent (index 0 is Class I)."""
    components: tuple[ComponentFinding, ...]
    next_steps: tuple[tuple[int, tuple[Step, ...]], ...]
    """For each class not met (3, 2, 1 order): the changes that would meet it."""
    notes: tuple[str, ...] = ()
    paper_for_report: bool = False
    """True when a counted research paper stands in for a technical report that is not counted."""

    @property
    def label(self) -> str:
        return CLASS_LABELS[self.mof_class]

    @property
    def conditional(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.components if f.conditional)

    def progress_of(self, mof_class: int) -> float:
        return self.progress[mof_class - 1]

    def steps_for(self, mof_class: int) -> tuple[Step, ...]:
        for klass, steps in self.next_steps:
            if klass == mof_class:
                return steps
        return ()

    def finding(self, name: str) -> ComponentFinding | None:
        for f in self.components:
            if f.name == name:
                return f
        return None


def to_json(r: MofResult) -> dict[str, Any]:
    """The MOF result as JSON-ready values (the ``mof`` object of the assessment schema)."""
    return {
        "framework": "MOF",
        "version": FRAMEWORK_VERSION,
        "mode": r.mode.value,
        "class": r.mof_class,
        "label": r.label,
        "progress": {str(k): r.progress_of(k) for k in (1, 2, 3)},
        "components": [_finding_to_json(f) for f in r.components],
        "conditional": list(r.conditional),
        "next_steps": [
            {
                "class": k,
                "label": f"Class {ROMAN[k]}",
                "steps": [{"component": s.component, "action": s.action, "detail": s.detail} for s in steps],
            }
            for k, steps in r.next_steps
        ],
        "notes": list(r.notes),
    }


def _finding_to_json(f: ComponentFinding) -> dict[str, Any]:
    return {
        "name": f.name,
        "mot_id": f.mot_id,
        "content_type": f.content_type,
        "class": f.mof_class,
        "required": f.required,
        "status": f.status.value,
        "licence": f.licence,
        "licence_as_written": f.licence_as_written,
        "licence_source": f.licence_source,
        "conditional": f.conditional,
        "reason": f.reason,
        "notes": list(f.notes),
    }
