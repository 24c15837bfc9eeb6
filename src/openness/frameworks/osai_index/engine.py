"""Grade a release on the European Open Source AI Index's 12 dimensions and score it."""

from __future__ import annotations

from collections.abc import Mapping

from openness.domain.release import Release
from openness.frameworks.context import Context, Options
from openness.frameworks.licence_facts import LicenceFacts
from openness.frameworks.osai_index import grading as g
from openness.frameworks.osai_index import rules
from openness.frameworks.parts import Parts
from openness.frameworks.parts import evidence_of as _ev
from openness.frameworks.verdicts import Finding, Status, Verdict

STATUS = {
    "open": Status.MET,
    "partial": Status.CAVEATS,
    "closed": Status.NOT_MET,
    "unknown": Status.CANNOT_TELL,
}
_DOCS = ("Technical report", "Research paper")


def grades(ps: Parts, declared: Mapping[str, str]) -> dict[str, tuple[g.Grade, tuple[str, ...]]]:
    """Each dimension's grade and the MOF components it rests on."""
    data = g.data(ps)
    weights = g.weights(ps["Model parameters (Final)"])
    return {
        "base-model-data": (data, ("Datasets",)),
        "end-model-data": (data, ("Datasets",)),
        "base-model-weights": (weights, ("Model parameters (Final)",)),
        "end-model-weights": (weights, ("Model parameters (Final)",)),
        "training-code": (g.training_code(ps), ("Training code", "Data preprocessing code")),
        "code-documentation": (g.code_documentation(ps), ("Training code", "Data preprocessing code")),
        "hardware-architecture": (g.hardware(ps), _DOCS),
        "preprint": (g.preprint(ps), _DOCS),
        "paper": (g.paper(ps, declared), ("Research paper",)),
        "model-card": (g.document(ps["Model card"], "model card"), ("Model card",)),
        "datasheet": (g.document(ps["Data card"], "datasheet"), ("Data card",)),
        "licence": (g.licences(ps), ("Model parameters (Final)", "Training code", "Datasets")),
    }


def evaluate(
    release: Release, declared: Mapping[str, str] | None = None, facts: LicenceFacts | None = None
) -> Verdict:
    """The index grades of a release alone (a context of its own)."""
    return evaluate_context(Context(release, Options(declarations=declared or {}), facts))


def evaluate_context(ctx: Context) -> Verdict:
    """The twelve index dimensions graded for the context's release, with the score."""
    ps = ctx.parts
    graded = grades(ps, ctx.declarations)
    findings = []
    for dim, title, asks in rules.DIMENSIONS:
        graded_dim, comps = graded[dim]
        grade, reason, fix = graded_dim.grade, graded_dim.reason, graded_dim.fix
        unseen = [c.lower() for c in comps if ps[c].unknown]
        if grade == "closed" and unseen:  # never call closed what openness could not look at
            grade, reason, fix = "unknown", "openness could not look at the " + ", ".join(unseen), ""
        findings.append(
            Finding(
                f"{dim}",
                f"{title} ({asks})",
                STATUS[grade],
                reason,
                fix,
                comps,
                _ev(*(ps[c] for c in comps)),
                judgement=graded_dim.judgement and grade == graded_dim.grade,
                grade=grade,
            )
        )
    known = [rules.POINTS[f.grade] for f in findings if f.grade in rules.POINTS]
    unknown = len(findings) - len(known)
    low = sum(known) / len(findings)
    high = (sum(known) + unknown) / len(findings)
    score = low if unknown == 0 else None
    verdict = "cannot-tell" if score is None else rules.overall_grade(score)
    counts = {g: sum(f.grade == g for f in findings) for g in ("open", "partial", "closed", "unknown")}
    shown = f"{score:.2f}" if score is not None else f"between {low:.2f} and {high:.2f}"
    summary = (
        f"score {shown} ({counts['open']} open, {counts['partial']} partial, {counts['closed']} closed"
        + (f", {counts['unknown']} unknown" if unknown else "")
        + ")"
    )
    details = {
        "score": score,
        "score_range": [low, high],
        "grades": counts,
        "scale": {"open": 1.0, "partial": 0.5, "closed": 0.0},
    }
    judged = [f.requirement for f in findings if f.judgement]
    notes = (
        "openness grades the release it was given; the index rates one model per family by hand",
        "base and end model are graded from the same components: openness does not yet tell them apart",
    ) + (
        (
            f"{len(judged)} dimension(s) rest on documents openness does not read ({', '.join(judged)}): "
            "graded as judgements and never open, so the score counts only what openness can confirm",
        )
        if judged
        else ()
    )
    return Verdict(
        "osai_index",
        rules.NAME,
        rules.VERSION,
        rules.SOURCE,
        verdict,
        summary,
        tuple(findings),
        notes,
        details,
    )
