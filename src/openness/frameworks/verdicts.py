"""What the frameworks beyond MOF return: a finding per requirement and an overall verdict.

One shape for OSAID, the EU AI Act, the open-weight definitions and the European Open Source AI
Index, so every report format can show any of them. Framework-specific figures (a compute estimate,
an index score, older readings) go in ``Verdict.details`` as plain JSON-ready values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from openness.domain.release import Evidence, frozen_mapping
from openness.domain.serialize import evidence_to_dict, plain


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


class Status(StrEnum):
    """How a release stands against one requirement."""

    MET = "met"
    CAVEATS = "met-with-caveats"
    """Met on a judgement, an assumption or with a gap the user should know about (said in the reason)."""
    NOT_MET = "not-met"
    CANNOT_TELL = "cannot-tell"
    """openness could not observe what the requirement needs (unknown evidence, undeclared fact)."""


class Overall(StrEnum):
    """The overall verdict of a pass/fail framework."""

    MEETS = "meets"
    MEETS_WITH_CAVEATS = "meets-with-caveats"
    DOES_NOT_MEET = "does-not-meet"
    CANNOT_TELL = "cannot-tell"


@dataclass(frozen=True, slots=True)
class Finding:
    """One requirement of a framework, and how the release stands against it."""

    requirement: str
    """Stable id of the requirement (``code.training``, ``art53-2.licence`` …)."""
    title: str
    status: Status
    reason: str
    would_change: str = ""
    """What would change the status (empty when met without caveats)."""
    components: tuple[str, ...] = ()
    """The MOF components the finding rests on."""
    evidence: tuple[Evidence, ...] = ()
    clauses: tuple[str, ...] = ()
    """Licence clauses the finding cites (``acceptable-use-policy: …``)."""
    _: KW_ONLY
    judgement: bool = False
    """True when the status rests on a judgement or assumption rather than an observed fact."""
    group: str = ""
    """For frameworks with parts (the two open-weight definitions), the part this belongs to."""
    grade: str = ""
    """For graded frameworks (the OSAI index): open, partial, closed or unknown."""
    relicense: tuple[str, ...] = ()
    """Components present under terms that stand in the way: relicensing them is part of the fix."""
    publish: tuple[str, ...] = ()
    """Components missing from the release: publishing them (under open terms) is part of the fix."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """A framework's result for one release."""

    key: str
    name: str
    version: str
    source: str
    verdict: str
    summary: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    details: Mapping[str, Any] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", frozen_mapping(self.details))

    def finding(self, requirement: str) -> Finding | None:
        for f in self.findings:
            if f.requirement == requirement:
                return f
        return None

    def failing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status is Status.NOT_MET)


def overall(findings: Iterable[Finding]) -> Overall:
    """Pass/fail verdict: any not-met fails; else any cannot-tell; else any caveat; else meets."""
    statuses = {f.status for f in findings}
    if Status.NOT_MET in statuses:
        return Overall.DOES_NOT_MEET
    if Status.CANNOT_TELL in statuses:
        return Overall.CANNOT_TELL
    if Status.CAVEATS in statuses:
        return Overall.MEETS_WITH_CAVEATS
    return Overall.MEETS


def summarise(verdict: str, findings: Iterable[Finding]) -> str:
    """One line: the verdict and the requirements behind it."""
    fs = list(findings)
    failing = [f.title for f in fs if f.status is Status.NOT_MET]
    unknown = [f.title for f in fs if f.status is Status.CANNOT_TELL]
    caveats = [f.title for f in fs if f.status is Status.CAVEATS]
    if failing:
        return f"{verdict}: not met — " + "; ".join(failing)
    if unknown:
        return f"{verdict}: cannot tell — " + "; ".join(unknown)
    if caveats:
        return f"{verdict}: caveats on " + "; ".join(caveats)
    return f"{verdict}: every requirement met"


def finding_to_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "requirement": f.requirement,
        "title": f.title,
        "status": f.status.value,
        "reason": f.reason,
        "would_change": f.would_change,
        "components": list(f.components),
        "evidence": [evidence_to_dict(e) for e in f.evidence],
        "clauses": list(f.clauses),
        "relicense": list(f.relicense),
        "judgement": f.judgement,
    }
    if f.publish:
        out["publish"] = list(f.publish)
    if f.group:
        out["group"] = f.group
    if f.grade:
        out["grade"] = f.grade
    return out


def to_json(v: Verdict) -> dict[str, Any]:
    """A verdict as JSON-ready values. Shape: ``framework``, ``key``, ``version``, ``source``, ``verdict``,
    ``summary``, ``findings`` (``requirement``, ``title``, ``status``, ``reason``, ``would_change``,
    ``components``, ``evidence``, ``clauses``, ``relicense``, ``judgement``, and ``publish``, ``group``
    and ``grade`` where they apply), ``notes``, then the framework's own figures (``notice``,
    ``compute``, ``readings``, ``score`` …)."""
    out: dict[str, Any] = {
        "framework": v.name,
        "key": v.key,
        "version": v.version,
        "source": v.source,
        "verdict": v.verdict,
        "summary": v.summary,
        "findings": [finding_to_json(f) for f in v.findings],
        "notes": list(v.notes),
    }
    for key, value in v.details.items():
        if key in out:
            raise ValueError(f"detail '{key}' of {v.key} would overwrite a fixed field")
        out[key] = plain(value)
    return out
