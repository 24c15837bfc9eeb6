"""Grade a release on the European Open Source AI Index's 12 dimensions and score it."""

from __future__ import annotations

from collections.abc import Mapping

from openness.domain.release import Release
from openness.frameworks import declarations as decl
from openness.frameworks.context import Context, Options
from openness.frameworks.licence_facts import LicenceFacts, LicenceView
from openness.frameworks.osai_index import rules
from openness.frameworks.parts import Part, Parts
from openness.frameworks.parts import evidence_of as _ev
from openness.frameworks.verdicts import Finding, Status, Verdict

STATUS = {
    "open": Status.MET,
    "partial": Status.CAVEATS,
    "closed": Status.NOT_MET,
    "unknown": Status.CANNOT_TELL,
}
# Grade, reason, what would raise it.
_Grade = tuple[str, str, str]


def _component(p: Part, fix: str) -> _Grade:
    name = p.name.lower()
    if p.unknown:
        return "unknown", f"openness could not look for the {name}", ""
    if p.counted:
        return "open", f"{name} released under {p.licence.label}", ""
    if p.present:
        return "partial", f"{name} released under {p.licence.label}, not an open licence", fix
    return "closed", f"no {name}", fix


def _data(ps: Parts) -> _Grade:
    ds, card = ps["Datasets"], ps["Data card"]
    g = _component(ds, "release the training datasets under an open data licence")
    if g[0] == "closed" and card.present:
        return "partial", "datasets not released, but described in the data card", g[2]
    return g


def _terms(v: LicenceView) -> str:
    """Why a licence falls short of open, as precisely as the facts allow."""
    if v.kind == "unknown":
        return "terms that could not be read"
    if v.kind == "none":
        return "no licence stated"
    if v.use_restrictions:
        return "restricted (" + ", ".join(dict.fromkeys(c.flag for c in v.use_restrictions)) + ")"
    if not v.known:
        return "terms openness does not know"
    return "not an OSI-approved or open licence"


def _weights(p: Part) -> _Grade:
    fix = "release the weights under Apache-2.0"
    if p.unknown:
        return "unknown", "openness could not look for the weights", ""
    if not p.present:
        return "closed", "no weights released", fix
    v = p.licence
    if p.counted and not v.use_restrictions:
        return "open", f"weights under {v.label}", ""
    return "partial", f"weights available under {v.label}: {_terms(v)}", fix


def _code(ps: Parts) -> _Grade:
    tc, pre = ps["Training code"], ps["Data preprocessing code"]
    g = _component(tc, "release the training code under Apache-2.0")
    if g[0] == "closed" and pre.present:
        return "partial", "only the data preprocessing code is released", g[2]
    return g


def _documentation(ps: Parts) -> _Grade:
    tc = ps["Training code"]
    docs = [ps[n] for n in ("Technical report", "Supporting libraries and tools") if ps[n].present]
    if tc.unknown:
        return "unknown", "openness could not look for the training code", ""
    if tc.present and docs:
        return (
            "open",
            "training code with "
            + ", ".join(p.name.lower() for p in docs)
            + " (openness does not read code comments)",
            "",
        )
    code = [p for p in ps.by_name.values() if p.finding.content_type == "code" and p.present]
    if code:
        return (
            "partial",
            "some code released: " + ", ".join(p.name.lower() for p in code),
            "release the training code with a technical report documenting it",
        )
    return "closed", "no code released", "release the training code with documentation"


def _hardware(ps: Parts) -> _Grade:
    docs = [ps[n] for n in ("Technical report", "Research paper") if ps[n].present]
    if docs:
        return (
            "open",
            "the " + ", ".join(p.name.lower() for p in docs) + " can document the hardware "
            "(openness does not read them)",
            "",
        )
    if ps["Model card"].present:
        return "partial", "only the model card can document the hardware", "publish a technical report"
    return "closed", "no document describes the hardware", "publish a technical report"


def _preprint(ps: Parts) -> _Grade:
    if ps["Research paper"].present:
        return "open", "research paper released", ""
    if ps["Technical report"].present:
        return "partial", "a technical report, no research paper", "publish a preprint (e.g. on arXiv)"
    if ps["Research paper"].unknown:
        return "unknown", "openness could not look for a paper", ""
    return "closed", "no preprint", "publish a preprint (e.g. on arXiv)"


def _paper(ps: Parts, declared: Mapping[str, str]) -> _Grade:
    paper = ps["Research paper"]
    reviewed = decl.flag(declared, "peer-reviewed")
    if not paper.present:
        return (
            ("unknown", "openness could not look for a paper", "")
            if paper.unknown
            else ("closed", "no paper", "publish a peer-reviewed paper")
        )
    if reviewed is True:
        return "open", "research paper, declared peer-reviewed", ""
    if reviewed is False:
        return "closed", "research paper declared not peer-reviewed", "publish a peer-reviewed paper"
    return (
        "partial",
        "a research paper; openness cannot tell whether it is peer-reviewed",
        "--declare peer-reviewed=yes (or no)",
    )


def _licence(ps: Parts) -> _Grade:
    w = ps["Model parameters (Final)"]
    v = w.licence
    fix = "release the weights under an OSI-approved licence such as Apache-2.0"
    if w.unknown:
        return "unknown", "openness could not look for the weights", ""
    if not w.present or v.kind in ("none", "proprietary"):
        return "closed", "no open licence on the weights", fix
    if v.known and not v.use_restrictions and (v.osi_approved is True or v.open_terms):
        return "open", f"weights under {v.label}", ""
    return "partial", f"weights under {v.label}: {_terms(v)}", fix


def grades(ps: Parts, declared: Mapping[str, str]) -> dict[str, tuple[_Grade, tuple[str, ...]]]:
    data = _data(ps)
    weights = _weights(ps["Model parameters (Final)"])
    docs = ("Technical report", "Research paper", "Model card")
    return {
        "base-model-data": (data, ("Datasets", "Data card")),
        "end-model-data": (data, ("Datasets", "Data card")),
        "base-model-weights": (weights, ("Model parameters (Final)",)),
        "end-model-weights": (weights, ("Model parameters (Final)",)),
        "training-code": (_code(ps), ("Training code", "Data preprocessing code")),
        "code-documentation": (
            _documentation(ps),
            ("Training code", "Technical report", "Supporting libraries and tools"),
        ),
        "hardware-architecture": (_hardware(ps), docs),
        "preprint": (_preprint(ps), ("Research paper", "Technical report")),
        "paper": (_paper(ps, declared), ("Research paper",)),
        "model-card": (_component(ps["Model card"], "publish a model card under CC-BY-4.0"), ("Model card",)),
        "datasheet": (_component(ps["Data card"], "publish a datasheet under CC-BY-4.0"), ("Data card",)),
        "licence": (_licence(ps), ("Model parameters (Final)",)),
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
        (grade, reason, fix), comps = graded[dim]
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
                judgement=grade == "partial",
                grade=grade,
            )
        )
    known = [rules.POINTS[f.grade] for f in findings if f.grade in rules.POINTS]
    unknown = len(findings) - len(known)
    low = sum(known) / len(findings)
    high = (sum(known) + unknown) / len(findings)
    score = low if unknown == 0 else None
    if score is None:
        verdict = "cannot-tell"
    else:
        verdict = "open" if score == 1.0 else "closed" if score == 0.0 else "partial"
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
    notes = (
        "openness grades the release it was given; the index rates one model per family by hand",
        "base and end model are graded from the same components: openness does not yet tell them apart",
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
