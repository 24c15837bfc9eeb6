"""Open-weight verdicts: each criterion of the two definitions with its finding."""

from __future__ import annotations

from openness.domain.release import Evidence, Release
from openness.frameworks.context import Context
from openness.frameworks.licence_facts import (
    LicenceFacts,
    LicenceView,
    read_licence,
)
from openness.frameworks.open_weight import rules
from openness.frameworks.parts import Part, Parts
from openness.frameworks.parts import evidence_of as _ev
from openness.frameworks.verdicts import Finding, Overall, Status, Verdict, overall, summarise

WEIGHTS = "Model parameters (Final)"
_WORST = [Overall.MEETS, Overall.MEETS_WITH_CAVEATS, Overall.CANNOT_TELL, Overall.DOES_NOT_MEET]
_FIX = "release the weights under a licence without use restrictions, such as Apache-2.0"


def _licence(ps: Parts, facts: LicenceFacts) -> LicenceView:
    w = ps[WEIGHTS]
    if w.unknown:
        return LicenceView(None, "unknown", None)
    return w.licence if w.present else read_licence(ps.release.global_licence("distribution"), facts)


def licence_criterion(
    group: str,
    req: str,
    title: str,
    breaking: frozenset[str],
    strict: bool,
    v: LicenceView,
    ev: tuple[Evidence, ...],
) -> Finding:
    rid, comps = f"{group}.{req}", (WEIGHTS,)
    if v.kind == "unknown":
        return Finding(
            rid,
            title,
            Status.CANNOT_TELL,
            "openness could not look at the weights or their terms",
            "",
            comps,
            ev,
            group=group,
        )
    if v.kind in ("none", "proprietary"):
        what = "no licence" if v.kind == "none" else "proprietary terms"
        return Finding(rid, title, Status.NOT_MET, f"the weights carry {what}", _FIX, comps, ev, group=group)
    if not v.known:
        return Finding(
            rid,
            title,
            Status.CANNOT_TELL,
            f"openness does not know the terms {v.label}",
            _FIX,
            comps,
            ev,
            group=group,
        )
    hit = [c for c in v.restrictions if c.flag in breaking]
    if hit:
        return Finding(
            rid,
            title,
            Status.NOT_MET,
            f"{v.named}: " + "; ".join(c.cite() for c in hit),
            _FIX,
            comps,
            ev,
            tuple(f"{v.label}: {c.cite()}" for c in hit),
            group=group,
        )
    if req == "integrity" and "naming-requirement" in v.flags:
        return Finding(
            rid,
            title,
            Status.CAVEATS,
            f"{v.label} sets naming conditions, which the definition allows",
            "",
            comps,
            ev,
            judgement=True,
            group=group,
        )
    if v.osd_compliant is True or v.open_terms or v.use_restrictions:
        # Known clauses explain why a licence is not open: criteria they do not touch are met.
        return Finding(
            rid, title, Status.MET, f"{v.label} sets no such restriction", "", comps, ev, group=group
        )
    reasons = (
        "; ".join(p.osd_reason for p in v.parts if p.osd_compliant is not True) or "not known to be open"
    )
    status = Status.NOT_MET if strict and v.osd_compliant is False else Status.CANNOT_TELL
    return Finding(rid, title, status, f"{v.label}: {reasons}", _FIX, comps, ev, group=group)


def _weights(group: str, req: str, title: str, w: Part, check_form: bool) -> Finding:
    rid, comps, ev = f"{group}.{req}", (WEIGHTS,), _ev(w)
    if w.unknown:
        return Finding(
            rid,
            title,
            Status.CANNOT_TELL,
            "openness could not look for the weights",
            "",
            comps,
            ev,
            group=group,
        )
    if not w.shared:
        return Finding(
            rid,
            title,
            Status.NOT_MET,
            "the final weights are not in the release"
            if not w.present
            else f"the final weights are listed but not released ({w.licence.named})",
            "publish the final weights",
            comps,
            ev,
            group=group,
        )
    if not check_form:
        return Finding(
            rid, title, Status.MET, "the final weights are in the release", "", comps, ev, group=group
        )
    forms = [loc for loc in w.locations if loc.lower().endswith(rules.WEIGHT_FORMATS)]
    if forms:
        return Finding(
            rid,
            title,
            Status.MET,
            "weights in a common format: " + ", ".join(forms[:3]),
            "",
            comps,
            ev,
            group=group,
        )
    return Finding(
        rid,
        title,
        Status.CAVEATS,
        "the final weights are in the release; openness did not see their "
        "file format, so cannot confirm they are not obfuscated",
        "",
        comps,
        ev,
        judgement=True,
        group=group,
    )


def _training_information(ps: Parts) -> Finding:
    group, rid = rules.OSS_CAPITAL, f"{rules.OSS_CAPITAL}.training-information"
    title = "Training information: architecture, method, data, hyperparameters"
    docs = ("Technical report", "Research paper")
    aspects = {
        "architecture": (("Model architecture",), docs),
        "training method": (("Training code",), docs),
        "data description and provenance": (("Data card", "Datasets"), docs),
        "hyperparameters": (("Training code", "Model metadata"), docs),
    }
    missing, judged, unseen = [], [], []
    used: set[str] = set()
    for aspect, (direct, indirect) in aspects.items():
        if any(ps[n].present for n in direct):
            used.update(n for n in direct if ps[n].present)
        elif any(ps[n].present for n in indirect):
            used.update(n for n in indirect if ps[n].present)
            judged.append(aspect)
        elif any(ps[n].unknown for n in direct + indirect):
            unseen.append(aspect)  # not found, but not every place it could be was looked at
        else:
            missing.append(aspect)
    names = tuple(sorted({n for d, i in aspects.values() for n in d + i}))
    ev = _ev(*(ps[n] for n in names))
    if unseen and not missing:
        return Finding(
            rid,
            title,
            Status.CANNOT_TELL,
            "could not look for the " + ", ".join(unseen),
            "make the components that would hold it readable",
            names,
            ev,
            group=group,
        )
    if missing:
        return Finding(
            rid,
            title,
            Status.NOT_MET,
            "no public " + ", ".join(missing),
            "publish a technical report or data card covering " + ", ".join(missing),
            names,
            ev,
            group=group,
        )
    if judged:
        return Finding(
            rid,
            title,
            Status.CAVEATS,
            "only the paper or report can hold the " + ", ".join(judged) + " (a judgement)",
            "",
            names,
            ev,
            judgement=True,
            group=group,
        )
    return Finding(
        rid,
        title,
        Status.MET,
        "found in the " + ", ".join(sorted(n.lower() for n in used)),
        "",
        names,
        ev,
        group=group,
    )


def _training_software(ps: Parts) -> Finding:
    group, rid = rules.OSS_CAPITAL, f"{rules.OSS_CAPITAL}.training-software-open"
    title, p = "Training software open source", ps["Training code"]
    comps, ev = ("Training code",), _ev(p)
    if p.unknown:
        return Finding(
            rid,
            title,
            Status.CANNOT_TELL,
            "openness could not look for the training code",
            "",
            comps,
            ev,
            group=group,
        )
    if not p.present:
        return Finding(
            rid,
            title,
            Status.NOT_MET,
            "the training code is not in the release",
            "release the training code under Apache-2.0",
            comps,
            ev,
            group=group,
        )
    v = p.licence
    if v.known and v.osi_approved is True and not v.use_restrictions:
        return Finding(
            rid,
            title,
            Status.MET,
            f"the training code is under {v.label}, OSI-approved",
            "",
            comps,
            ev,
            group=group,
        )
    return Finding(
        rid,
        title,
        Status.NOT_MET,
        f"the training code is under {v.label}, not an OSI-approved licence",
        f"relicense the training code from {v.label} to Apache-2.0",
        comps,
        ev,
        v.cite(),
        group=group,
    )


def evaluate(release: Release, facts: LicenceFacts | None = None) -> Verdict:
    """The open-weight verdicts on a release alone (a context of its own)."""
    return evaluate_context(Context(release, facts=facts))


def evaluate_context(ctx: Context) -> Verdict:
    """The OSS Capital and Open Weight Definition verdicts on the context's release."""
    facts, ps = ctx.facts, ctx.parts
    v = _licence(ps, facts)
    w = ps[WEIGHTS]
    ev = _ev(w)
    oss = [
        _weights(rules.OSS_CAPITAL, "weights-accessible", "Weights accessible", w, False),
        _training_information(ps),
    ]
    oss += [
        licence_criterion(rules.OSS_CAPITAL, r, t, b, s, v, ev) for r, t, b, s in rules.OSS_CAPITAL_LICENCE
    ]
    oss.insert(4, _training_software(ps))
    owd = [licence_criterion(rules.OWD, r, t, b, s, v, ev) for r, t, b, s in rules.OWD_LICENCE]
    owd.insert(
        1,
        _weights(
            rules.OWD, "weights-form", "2. Weights in the form practitioners use, not obfuscated", w, True
        ),
    )
    per = {rules.OSS_CAPITAL: overall(oss), rules.OWD: overall(owd)}
    verdict = max(per.values(), key=_WORST.index).value
    summary = "; ".join(f"{rules.GROUP_NAMES[g]}: {o.value}" for g, o in per.items())
    details = {
        "definitions": {
            g: {
                "name": rules.GROUP_NAMES[g],
                "verdict": o.value,
                "summary": summarise(o.value, oss if g == rules.OSS_CAPITAL else owd),
            }
            for g, o in per.items()
        },
        "licence": v.label,
    }
    return Verdict(
        "open_weight", rules.NAME, rules.VERSION, rules.SOURCE, verdict, summary, (*oss, *owd), (), details
    )
