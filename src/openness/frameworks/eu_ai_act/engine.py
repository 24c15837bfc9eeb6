"""The Art. 53(2) pre-check for a general-purpose AI model, Art. 2(12) for AI systems built on it, and
a training-compute estimate, from the release's evidence and the user's declarations.

What openness cannot observe (monetisation, systemic risk, compute) is read from declarations; without
them the finding says what was assumed and which ``--declare`` would settle it. Never a guess dressed
as a fact: assumed findings are ``met-with-caveats`` with ``judgement`` set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openness.domain.release import Release
from openness.frameworks import declarations as decl
from openness.frameworks.context import Context, Options
from openness.frameworks.eu_ai_act import rules
from openness.frameworks.licence_facts import (
    LicenceFacts,
    LicenceView,
    read_licence,
)
from openness.frameworks.parts import Parts
from openness.frameworks.parts import evidence_of as _ev
from openness.frameworks.verdicts import Finding, Status, Verdict, overall, summarise

ART53 = "art-53-2"
ART212 = "art-2-12"
WEIGHTS = "Model parameters (Final)"


def _licence_view(ps: Parts, facts: LicenceFacts) -> tuple[LicenceView, str]:
    w = ps[WEIGHTS]
    if w.unknown:
        return LicenceView(None, "unknown", None), "the final weights"
    if w.present:
        return w.licence, "the final weights"
    return read_licence(ps.release.global_licence("distribution"), facts), "the release"


def licence_finding(ps: Parts, facts: LicenceFacts, group: str = ART53) -> Finding:
    """Free and open-source licence: access, use, modification and distribution, no use restrictions."""
    title = "Free and open-source licence (use, study, modify, distribute; no use restrictions)"
    req = f"{group}.licence"
    v, what = _licence_view(ps, facts)
    comps = (WEIGHTS,)
    ev = _ev(ps[WEIGHTS])
    fix = f"release {what} under a licence without use restrictions, such as Apache-2.0 or MIT"
    if v.kind == "unknown":
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness could not look at {what} or their terms",
            "",
            comps,
            ev,
            group=group,
        )
    if v.kind == "none":
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"{what} carry no licence, so no one may use or share them",
            fix,
            comps,
            ev,
            group=group,
        )
    if v.withheld:  # proprietary, undisclosed or not included: no free and open-source terms are granted
        terms = {"proprietary": "proprietary terms", "undisclosed": "terms that are not disclosed"}
        said = terms.get(v.kind, "no licence (the component is not included)")
        return Finding(req, title, Status.NOT_MET, f"{what} are under {said}", fix, comps, ev, group=group)
    if not v.known:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness does not know the terms {v.label}; read them for use restrictions, user caps "
            "and field-of-use limits",
            fix,
            comps,
            ev,
            group=group,
        )
    if v.use_restrictions:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"{v.named} restricts use ("
            + "; ".join(c.cite() for c in v.use_restrictions)
            + "): widely read as not free and open-source (Commission guidelines C(2025) 5045)",
            fix,
            comps,
            ev,
            v.cite(),
            group=group,
        )
    if v.eu_foss is True:
        benign = sorted(v.flags - {c.flag for c in v.use_restrictions})
        extra = f" ({', '.join(benign)} requirements are compatible, Recital 102)" if benign else ""
        return Finding(
            req,
            title,
            Status.MET,
            f"{v.label} allows access, use, modification and distribution{extra}",
            "",
            comps,
            ev,
            group=group,
        )
    if v.eu_foss is None:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness cannot tell whether {v.label} is free and open-source",
            fix,
            comps,
            ev,
            group=group,
        )
    reason = "; ".join(p.eu_reason for p in v.parts if p.eu_foss is not True) or "not free and open-source"
    return Finding(req, title, Status.NOT_MET, f"{v.named}: {reason}", fix, comps, ev, group=group)


def _public(
    req: str, title: str, ps: Parts, full: tuple[str, ...], partial: tuple[str, ...], fix: str
) -> Finding:
    found = [ps[n] for n in full if ps[n].shared]
    comps = full + partial
    ev = _ev(*(ps[n] for n in comps))
    if found:
        return Finding(
            req,
            title,
            Status.MET,
            "public in the " + ", ".join(p.name.lower() for p in found),
            "",
            comps,
            ev,
            group=ART53,
        )
    weaker = [ps[n] for n in partial if ps[n].shared]
    if weaker:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            "only the " + ", ".join(p.name.lower() for p in weaker) + " may hold it (a judgement)",
            fix,
            comps,
            ev,
            judgement=True,
            group=ART53,
        )
    unknown = [ps[n] for n in comps if ps[n].unknown]
    if unknown:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            "openness could not look at " + ", ".join(p.name.lower() for p in unknown),
            fix,
            comps,
            ev,
            group=ART53,
        )
    return Finding(
        req,
        title,
        Status.NOT_MET,
        "none of the " + ", ".join(n.lower() for n in comps) + " is in the release",
        fix,
        comps,
        ev,
        group=ART53,
    )


def compute(declared: Mapping[str, str]) -> dict[str, Any]:
    """Training compute: declared, or estimated as 6·N·D from parameters and tokens; None when unknown."""
    flop = decl.quantity(declared, "training-flop")
    n = decl.quantity(declared, "parameters")
    d = decl.quantity(declared, "training-tokens")
    estimate = 6.0 * n * d if n is not None and d is not None else None
    used, basis = (
        (flop, "declared")
        if flop is not None
        else (estimate, "estimate: 6·N·D")
        if estimate is not None
        else (None, "unknown")
    )
    out: dict[str, Any] = {
        "declared_flop": flop,
        "parameters": n,
        "training_tokens": d,
        "estimate_flop": estimate,
        "flop": used,
        "basis": basis,
        "is_estimate": flop is None and estimate is not None,
    }
    if used is not None:
        out["above_gpai_indicative_1e23"] = used > rules.GPAI_INDICATIVE_FLOP
        out["above_systemic_risk_1e25"] = used > rules.SYSTEMIC_RISK_FLOP
    return out


def _systemic(declared: Mapping[str, str], comp: Mapping[str, Any]) -> Finding:
    req, title = f"{ART53}.no-systemic-risk", "Not a model with systemic risk (Art. 51, Art. 53(2))"
    said = decl.flag(declared, "systemic-risk")
    if said is True:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            "declared a model with systemic risk: the exemption does not apply to it",
            "",
            group=ART53,
        )
    if said is False:
        return Finding(req, title, Status.MET, "declared not a model with systemic risk", "", group=ART53)
    flop = comp["flop"]
    if flop is None:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            "assumed no systemic risk: training compute unknown",
            "--declare systemic-risk=no, or --declare training-flop=… (or parameters=… and "
            "training-tokens=…)",
            judgement=True,
            group=ART53,
        )
    shown = f"{flop:.2g} FLOP ({comp['basis']})"
    if flop > rules.SYSTEMIC_RISK_FLOP:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"training compute {shown} is above 10^25: presumed systemic risk (Art. 51(2))",
            "",
            group=ART53,
            judgement=bool(comp["is_estimate"]),
        )
    if comp["is_estimate"]:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            f"training compute {shown} is below 10^25 (an estimate)",
            "--declare systemic-risk=no or training-flop=…",
            judgement=True,
            group=ART53,
        )
    return Finding(req, title, Status.MET, f"training compute {shown} is below 10^25", "", group=ART53)


def _monetised(declared: Mapping[str, str]) -> Finding:
    req, title = f"{ART53}.not-monetised", "Not monetised (Recital 103)"
    said = decl.flag(declared, "monetised")
    if said is True:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            "declared monetised: a monetised release does not benefit from the exemption (Recital 103)",
            "stop charging for, or tying paid services to, the release",
            group=ART53,
        )
    if said is False:
        return Finding(req, title, Status.MET, "declared not monetised", "", group=ART53)
    return Finding(
        req,
        title,
        Status.CAVEATS,
        "assumed not monetised (no price, paid support or platform "
        "services tied to it; open repositories alone are not monetisation)",
        "--declare monetised=no (or yes)",
        judgement=True,
        group=ART53,
    )


def art_2_12(ps: Parts, facts: LicenceFacts, declared: Mapping[str, str]) -> Finding:
    """Art. 2(12): AI systems under free and open-source licences, unless high-risk, Art. 5 or Art. 50."""
    lic = licence_finding(ps, facts, ART212)
    title = "AI systems under a free and open-source licence are outside the Act (Art. 2(12))"
    req = f"{ART212}.systems"
    if lic.status is not Status.MET:
        return Finding(
            req,
            title,
            lic.status,
            "licence: " + lic.reason,
            lic.would_change,
            lic.components,
            lic.evidence,
            lic.clauses,
            group=ART212,
        )
    keys = (
        ("high-risk", "high-risk (Art. 6)"),
        ("prohibited", "a prohibited practice (Art. 5)"),
        ("art50", "under the transparency duties of Art. 50"),
    )
    said = {k: decl.flag(declared, k) for k, _ in keys}
    yes = [label for k, label in keys if said[k] is True]
    if yes:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            "declared " + ", ".join(yes) + ": Art. 2(12) does not apply",
            "",
            lic.components,
            lic.evidence,
            group=ART212,
        )
    unsaid = [k for k, _ in keys if said[k] is None]
    if unsaid:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            "licence is free and open-source; assumed not "
            + ", ".join(label for k, label in keys if k in unsaid),
            " ".join(f"--declare {k}=no" for k in unsaid),
            lic.components,
            lic.evidence,
            judgement=True,
            group=ART212,
        )
    return Finding(
        req,
        title,
        Status.MET,
        "licence is free and open-source; declared not high-risk, not Art. 5, not Art. 50",
        "",
        lic.components,
        lic.evidence,
        group=ART212,
    )


def evaluate(
    release: Release, declared: Mapping[str, str] | None = None, facts: LicenceFacts | None = None
) -> Verdict:
    """The EU AI Act verdict on a release alone (a context of its own)."""
    return evaluate_context(Context(release, Options(declarations=declared or {}), facts))


def evaluate_context(ctx: Context) -> Verdict:
    """The Art. 53(2) exemption pre-check, Art. 2(12) and the compute estimate for the context's release."""
    declared, facts, ps = ctx.declarations, ctx.facts, ctx.parts
    comp = compute(declared)
    art53 = (
        licence_finding(ps, facts),
        _public(
            f"{ART53}.weights-public",
            "Parameters including weights publicly available",
            ps,
            (WEIGHTS,),
            (),
            "publish the final weights",
        ),
        _public(
            f"{ART53}.architecture-public",
            "Information on the model architecture publicly available",
            ps,
            ("Model architecture", "Technical report", "Research paper"),
            ("Model card",),
            "publish the model architecture code or a technical report describing it",
        ),
        _public(
            f"{ART53}.usage-public",
            "Information on model usage publicly available",
            ps,
            ("Model card", "Technical report", "Inference code"),
            (),
            "publish a model card with usage instructions",
        ),
        _monetised(declared),
        _systemic(declared, comp),
    )
    verdict = overall(art53).value
    systemic = art53[-1].status is Status.NOT_MET
    exempt = verdict in ("meets", "meets-with-caveats")
    duties = [{"article": a, "duty": d, "applies": "always"} for a, d in rules.ALWAYS_APPLY]
    if not exempt:
        when = "not exempt" if verdict == "does-not-meet" else "unless the exemption applies"
        duties += [{"article": a, "duty": d, "applies": when} for a, d in rules.EXEMPTED]
    if systemic:
        duties += [{"article": a, "duty": d, "applies": "systemic risk"} for a, d in rules.SYSTEMIC]
    flop = comp["flop"]
    if flop is None:
        gpai = "unknown: declare training-flop, or parameters and training-tokens"
    elif flop > rules.GPAI_INDICATIVE_FLOP:
        gpai = "above the indicative 10^23 FLOP criterion: likely a general-purpose AI model"
    else:
        gpai = "below the indicative 10^23 FLOP criterion: may not be a general-purpose AI model"
    findings = (*art53, art_2_12(ps, facts, declared))
    assumptions = [f.reason for f in findings if f.judgement and f.status is Status.CAVEATS]
    questions = sorted({f.would_change for f in findings if f.would_change.startswith("--declare")})
    details: dict[str, Any] = {
        "notice": rules.NOTICE,
        "exemption": (
            "Art. 53(2) exempts the model from Art. 53(1)(a) and (b)"
            + (" on the assumptions stated" if verdict == "meets-with-caveats" else "")
        )
        if exempt
        else (
            "the Art. 53(2) exemption does not apply"
            if verdict == "does-not-meet"
            else "openness cannot tell whether the Art. 53(2) exemption applies"
        ),
        "compute": comp,
        "gpai": gpai,
        "duties": duties,
        "assumptions": assumptions,
        "questions": questions,
        "art_2_12": next(f.status.value for f in findings if f.group == ART212),
        "declarations": dict(sorted(declared.items())),
    }
    return Verdict(
        "eu_ai_act",
        rules.NAME,
        rules.VERSION,
        rules.SOURCE,
        verdict,
        "Art. 53(2) " + summarise(verdict, art53),
        findings,
        (rules.NOTICE,),
        details,
    )
