"""The MOF v1.0 classification of a release, in two modes.

Rules (MOF v1.0 spec; the Model Openness Tool's evaluator for the arithmetic, see DOMAIN notes):
- a component's licence is its own when it declares one (an empty or ``unlicensed`` one means no
  licence, with no fallback), else the release's licence for its content type, else the release's
  distribution licence;
- present + open licence = counted (a licence not listed for the content type still counts, with a
  conditional warning); present + no licence = unlicensed; present + not open = invalid;
- a research paper stands in for a missing technical report;
- classes are cumulative: progress toward class c walks III → c and stops at the first class not met.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from openness.domain.components import (
    COMPONENTS,
    RESEARCH_PAPER,
    TECHNICAL_REPORT,
    ComponentSpec,
)
from openness.domain.release import Component, Presence, Release
from openness.frameworks.mof.result import (
    ROMAN,
    ComponentFinding,
    Mode,
    MofResult,
    Status,
    Step,
)
from openness.licences import judge as licence_judge
from openness.licences.mof import mot_table
from openness.licences.normalise import Kind, normalise

REQUIRED: dict[int, tuple[ComponentSpec, ...]] = {
    k: tuple(c for c in COMPONENTS if c.mof_class == k and c.required) for k in (3, 2, 1)
}
SUGGESTED = {
    "code": "an OSI-approved licence such as Apache-2.0 or MIT",
    "data": "an open data licence such as CDLA-Permissive-2.0 or CC-BY-4.0",
    "document": "an open content licence such as CC-BY-4.0",
}
_PRESENT = (Presence.INCLUDED, Presence.REFERENCED)

# (status, conditional, licence as resolved, reason, notes) for a licence string and content type.
_Verdict = tuple[Status, bool, str | None, str, tuple[str, ...]]


def _licence_of(comp: Component, release: Release, content_type: str) -> tuple[str | None, str]:
    if comp.licence_declared:
        return comp.licence, "component"
    name = release.global_licence(content_type)
    if name is not None:
        return name, f"release:{content_type}"
    name = release.global_licence("distribution")
    if name is not None:
        return name, "release:distribution"
    return None, "none"


def _mot_verdict(raw: str | None, content_type: str) -> _Verdict:
    if raw is None or raw == "" or raw == "unlicensed":
        return Status.UNLICENSED, False, None, "no licence", ()
    table = mot_table()
    if not table.is_open(raw):
        return Status.INVALID, False, raw, f"'{raw}' is not an open licence in the MOT's table", ()
    fits = content_type in table.content_types(raw)
    reason = f"{raw} is open" + ("" if fits else f" but not listed for {content_type} (conditional)")
    return Status.COUNTED, not fits, raw, reason, ()


def _default_verdict(raw: str | None, content_type: str) -> _Verdict:
    if raw is None:
        return Status.UNLICENSED, False, None, "no licence", ()
    norm = normalise(raw)
    note = norm.note()
    notes = (note,) if note else ()
    if norm.kind is Kind.NONE:
        return Status.UNLICENSED, False, None, "no licence", notes
    if norm.kind is Kind.NOT_INCLUDED:
        return Status.MISSING, False, None, "the record says it is not included", notes
    if norm.expression is None:
        reason = {
            Kind.UNDISCLOSED: "licence not disclosed",
            Kind.PROPRIETARY: "proprietary licence",
            Kind.FAMILY: f"'{raw}' names a family of licences ({norm.family}), not one licence",
            Kind.OTHER: f"'{raw}': the licence is not named",
        }.get(norm.kind, f"unrecognised licence '{raw}'")
        return Status.INVALID, False, None, reason + ": not open", notes
    j = licence_judge.judge(norm.expression, content_type)
    if not j.open:
        return Status.INVALID, False, norm.expression, j.reason, notes
    return Status.COUNTED, not j.type_appropriate, norm.expression, j.reason, notes


_VERDICTS: dict[Mode, Callable[[str | None, str], _Verdict]] = {
    Mode.MOT_COMPATIBLE: _mot_verdict,
    Mode.DEFAULT: _default_verdict,
}


def _finding(spec: ComponentSpec, comp: Component | None, release: Release, mode: Mode) -> ComponentFinding:
    presence = comp.presence if comp is not None else Presence.ABSENT
    if mode is Mode.MOT_COMPATIBLE and presence is Presence.REFERENCED:
        presence = Presence.INCLUDED  # the MOT has no such distinction: a listed component is included
    if comp is None or presence not in _PRESENT:
        return _judged(spec, presence, None, "none", mode)
    raw, source = _licence_of(comp, release, spec.content_type)
    if raw is None and comp.licence_unread and mode is Mode.DEFAULT:
        source = "unread"  # no licence found where it could not be read: unknown, not unlicensed
    return _judged(spec, presence, raw, source, mode)


def _unjudged(spec: ComponentSpec, presence: Presence, status: Status, reason: str) -> ComponentFinding:
    """A finding with no licence to judge: not present, or present with its licence unknown."""
    return ComponentFinding(
        spec.name, spec.mot_id, spec.content_type, spec.mof_class, spec.required, presence.value, status,
        None, None, "none", False, reason,
    )  # fmt: skip


@lru_cache(maxsize=16384)
def _judged(
    spec: ComponentSpec, presence: Presence, raw: str | None, source: str, mode: Mode
) -> ComponentFinding:
    """The finding for a component in a given state (findings are immutable, so the same state — which
    recurs across releases — is judged once)."""
    if presence not in _PRESENT:
        if presence is Presence.UNKNOWN:
            return _unjudged(spec, presence, Status.UNKNOWN, "could not be looked at")
        if spec.required:
            return _unjudged(spec, presence, Status.MISSING, "not in the release")
        return _unjudged(spec, presence, Status.OPTIONAL, "optional; not in the release")
    if source == "unread":
        return _unjudged(spec, presence, Status.UNKNOWN, "its licence could not be read (where it is stated)")
    if presence is Presence.REFERENCED and raw is None:
        # released elsewhere and its terms not read: the licence is unknown, which is not "no licence"
        return _unjudged(
            spec, presence, Status.UNKNOWN, "released elsewhere (referenced); its licence was not read"
        )
    status, conditional, licence, reason, notes = _VERDICTS[mode](raw, spec.content_type)
    if source != "component" and raw is not None:
        reason += f" (inherited from the release's {source.split(':')[1]} licence)"
    return ComponentFinding(
        spec.name,
        spec.mot_id,
        spec.content_type,
        spec.mof_class,
        spec.required,
        presence.value,
        status,
        licence,
        raw,
        source,
        conditional,
        reason,
        notes,
    )


def _class_counts(findings: dict[str, ComponentFinding]) -> tuple[dict[int, int], dict[int, int], list[str]]:
    """Counted components and required totals per class, after the research-paper rule."""
    counted = {k: sum(findings[c.name].status is Status.COUNTED for c in REQUIRED[k]) for k in (3, 2, 1)}
    totals = {k: len(REQUIRED[k]) for k in (3, 2, 1)}
    notes: list[str] = []
    report, paper = findings[TECHNICAL_REPORT], findings[RESEARCH_PAPER]
    paper_listed = paper.presence in (Presence.INCLUDED.value, Presence.REFERENCED.value)
    if report.status is not Status.COUNTED and paper_listed:
        if paper.status is Status.COUNTED:
            counted[3] += 1
            counted[1] -= 1
            totals[1] -= 1
            notes.append("the research paper stands in for the technical report (MOF v1.0)")
        else:
            notes.append(
                f"the research paper would stand in for the technical report, but it is {paper.status.value}"
            )
    return counted, totals, notes


def _progress(counted: dict[int, int], totals: dict[int, int], target: int) -> float:
    total = done = 0
    for klass in (3, 2, 1):
        total += totals[klass]
        done += counted[klass]
        if klass == target:
            return min(done / total * 100.0, 100.0)
        if done < total:
            return 0.0
    raise ValueError(f"no MOF class {target}")  # pragma: no cover - targets are 1, 2, 3


@lru_cache(maxsize=16384)
def _step(f: ComponentFinding) -> Step:
    suggestion = SUGGESTED[f.content_type]
    if f.status is Status.MISSING:
        alternative = " (or a research paper, which stands in for it)" if f.name == TECHNICAL_REPORT else ""
        return Step(f.name, "release", f"release the {f.name.lower()} under {suggestion}{alternative}")
    if f.status is Status.UNLICENSED:
        return Step(f.name, "license", f"put the {f.name.lower()} under {suggestion}")
    if f.status is Status.INVALID:
        written = f.licence_as_written or "its licence"
        return Step(f.name, "relicense", f"relicense the {f.name.lower()} from '{written}' to {suggestion}")
    return Step(f.name, "check", f"openness could not look at the {f.name.lower()}: {f.reason}")


def _next_steps(
    findings: dict[str, ComponentFinding], progress: tuple[float, float, float], paper_stands_in: bool
) -> tuple[tuple[int, tuple[Step, ...]], ...]:
    out: list[tuple[int, tuple[Step, ...]]] = []
    steps: list[Step] = []  # classes are cumulative: each class needs the steps of the ones below it
    for klass in (3, 2, 1):
        for spec in REQUIRED[klass]:
            f = findings[spec.name]
            if f.status is Status.COUNTED or (f.name == TECHNICAL_REPORT and paper_stands_in):
                continue
            steps.append(_step(f))
        if progress[klass - 1] < 100.0:
            out.append((klass, tuple(steps)))
    return tuple(out)


def evaluate(release: Release, mode: Mode = Mode.DEFAULT) -> MofResult:
    """Classify a release under MOF v1.0."""
    by_name = {c.name: c for c in release.components}
    findings = {spec.name: _finding(spec, by_name.get(spec.name), release, mode) for spec in COMPONENTS}
    counted, totals, notes = _class_counts(findings)
    progress = (_progress(counted, totals, 1), _progress(counted, totals, 2), _progress(counted, totals, 3))
    met = [k for k in (1, 2, 3) if progress[k - 1] == 100.0]
    mof_class = met[0] if met else 0
    paper_stands_in = bool(notes) and notes[0].startswith("the research paper stands in")
    steps = _next_steps(findings, progress, paper_stands_in)
    if mode is Mode.MOT_COMPATIBLE:
        notes.append("MOT-compatible mode: licence ids matched literally against the MOT's licence table")
    for f in findings.values():
        if f.conditional:
            notes.append(
                f"{f.name}: counted, but {f.licence} is not a licence the MOF lists for "
                f"{f.content_type} (conditional, Class {ROMAN[f.mof_class]})"
            )
    return MofResult(
        mode, mof_class, progress, tuple(findings.values()), steps, tuple(notes), paper_stands_in
    )
