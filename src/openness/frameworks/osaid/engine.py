"""OSAID 1.0 verdict: Data Information, each required Code component, Parameters.

Licence rules (OSAID 1.0 text): code under OSI-approved licences; parameters and data information
under "OSI-approved terms", for which the OSI keeps no list — so weights under an open licence the OSI
has not approved (CC-BY-4.0, CDLA-Permissive-2.0 …) meet the requirement with a caveat that says so.
Copyleft is allowed. A licence with use restrictions (acceptable-use policy, field-of-use limits, user
caps …) never meets it.
"""

from __future__ import annotations

from openness.domain.release import Release
from openness.frameworks.context import Context
from openness.frameworks.licence_facts import DefaultLicenceFacts, LicenceFacts, LicenceView
from openness.frameworks.osaid import rules
from openness.frameworks.parts import Part, Parts
from openness.frameworks.parts import evidence_of as _ev
from openness.frameworks.verdicts import Finding, Status, Verdict, overall, summarise


def _unknown_note(v: LicenceView, facts: LicenceFacts) -> str:
    if isinstance(facts, DefaultLicenceFacts) and not facts.has_catalogue:
        return " (the AI licence catalogue is not in use, so its clauses cannot be cited)"
    return ""


def _restricted(v: LicenceView) -> str:
    return f"{v.named} restricts use: " + "; ".join(c.cite() for c in v.use_restrictions)


def _be(name: str) -> str:
    return "are" if name.endswith(("tools", "weights", "datasets")) else "is"


def _has(name: str) -> str:
    return "have" if _be(name) == "are" else "has"


def _its(name: str) -> str:
    return "their" if _be(name) == "are" else "its"


def code_finding(req: str, component: str, title: str, p: Part, facts: LicenceFacts) -> Finding:
    """One Code requirement: the component released under an OSI-approved licence."""
    name = component.lower()
    fix = f"release the {name} under an OSI-approved licence such as {rules.SUGGESTED_CODE}"
    ev = _ev(p)
    if p.unknown:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness could not look for the {name}",
            f"let openness look at the {name}, or record it",
            (component,),
            ev,
        )
    if not p.present and component in rules.IF_USED:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            f"no {name} {_be(name)} listed; the definition asks for them only if used, so a release "
            "that used none separately still meets this (check that none was used)",
            f"if the release used its own {name}, {fix}",
            (component,),
            ev,
        )
    if not p.present:
        return Finding(
            req, title, Status.NOT_MET, f"the {name} {_be(name)} not in the release", fix, (component,), ev
        )
    v = p.licence
    relicense = f"relicense the {name} from {v.named} to {rules.SUGGESTED_CODE} (OSI-approved)"
    if v.kind == "unknown":
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"the {name} {_be(name)} in the release, but openness could not read {_its(name)} licence",
            f"let openness read where the {name}'s licence is stated",
            (component,),
            ev,
        )
    if v.kind == "none":
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"the {name} {_has(name)} no licence; OSAID needs an OSI-approved one",
            f"put the {name} under {rules.SUGGESTED_CODE}",
            (component,),
            ev,
        )
    if not v.known:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"the {name} {_be(name)} under {v.named}, not an OSI-approved licence" + _unknown_note(v, facts),
            relicense,
            (component,),
            ev,
        )
    if v.use_restrictions:
        return Finding(req, title, Status.NOT_MET, _restricted(v), relicense, (component,), ev, v.cite())
    if v.osi_approved is True:
        return Finding(
            req,
            title,
            Status.MET,
            f"the {name} {_be(name)} under {v.label}, OSI-approved",
            "",
            (component,),
            ev,
        )
    if v.osi_approved is None:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness does not know whether {v.label} is OSI-approved",
            f"check {v.label} against opensource.org/licenses",
            (component,),
            ev,
        )
    return Finding(
        req,
        title,
        Status.NOT_MET,
        f"the {name} {_be(name)} under {v.named}, not OSI-approved",
        relicense,
        (component,),
        ev,
    )


def parameters_finding(p: Part, facts: LicenceFacts) -> Finding:
    """Parameters: the final weights under OSI-approved terms."""
    req, title, comp = "parameters", "Parameters: final weights under OSI-approved terms", rules.PARAMETERS
    ev = _ev(p)
    fix = f"release the final weights under {rules.SUGGESTED_WEIGHTS} (OSI-approved)"
    if p.unknown:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            "openness could not look for the final weights",
            "let openness look at the weights",
            (comp,),
            ev,
        )
    if not p.present:
        return Finding(
            req, title, Status.NOT_MET, "the final weights are not in the release", fix, (comp,), ev
        )
    v = p.licence
    relicense = f"relicense the final weights from {v.named} to {rules.SUGGESTED_WEIGHTS} (OSI-approved)"
    if v.kind == "unknown":
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            "the final weights are in the release, but openness could not read their terms",
            "let openness read where the weights' licence is stated",
            (comp,),
            ev,
        )
    if v.kind == "none":
        return Finding(
            req,
            title,
            Status.NOT_MET,
            "the final weights have no stated terms",
            f"put the final weights under {rules.SUGGESTED_WEIGHTS}",
            (comp,),
            ev,
        )
    if not v.known:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            f"the final weights are under {v.named}, not OSI-approved terms" + _unknown_note(v, facts),
            relicense,
            (comp,),
            ev,
        )
    if v.use_restrictions:
        return Finding(req, title, Status.NOT_MET, _restricted(v), relicense, (comp,), ev, v.cite())
    if v.osi_approved is True:
        return Finding(
            req, title, Status.MET, f"the final weights are under {v.label}, OSI-approved", "", (comp,), ev
        )
    if v.open_terms or v.osd_compliant is True:
        return Finding(
            req,
            title,
            Status.CAVEATS,
            f"the final weights are under {v.label}, an open licence the OSI has not itself reviewed "
            "as terms for parameters; openness judges it open",
            relicense,
            (comp,),
            ev,
            judgement=True,
        )
    if v.osd_compliant is None:
        return Finding(
            req,
            title,
            Status.CANNOT_TELL,
            f"openness cannot tell whether {v.label} is open",
            relicense,
            (comp,),
            ev,
        )
    return Finding(
        req,
        title,
        Status.NOT_MET,
        f"the final weights are under {v.named}, not open terms",
        relicense,
        (comp,),
        ev,
    )


def _doc_licence_issues(ps: list[Part]) -> tuple[list[str], list[str], list[str], tuple[str, ...]]:
    """(failing reasons, caveats, clauses, the components failing on their terms) from the licences
    of the present data information parts."""
    blocking: list[str] = []
    failing: list[str] = []
    caveats: list[str] = []
    clauses: list[str] = []
    for p in ps:
        v = p.licence
        if p.name == "Datasets":
            continue  # the data itself need not be open: OSAID asks where to get it, even for a fee
        if v.use_restrictions:
            blocking.append(p.name)
            failing.append(f"the {p.name.lower()} is under {_restricted(v)}")
            clauses.extend(v.cite())
        elif v.kind == "unknown":
            caveats.append(f"the licence of the {p.name.lower()} could not be read")
        elif v.kind == "none":
            caveats.append(f"the {p.name.lower()} has no stated licence")
        elif not v.known or v.osd_compliant is not True:
            caveats.append(f"the {p.name.lower()} is under {v.label}, terms the OSI has not reviewed")
    return failing, caveats, clauses, tuple(blocking)


def data_information_finding(ps: Parts, *, reading: str = "1.0") -> Finding:
    """Data Information: training data described (data card, paper, report) and listed (Datasets)."""
    req, title = "data-information", "Data information: training data described and listed"
    names = rules.DATA_COMPONENTS
    ds, card = ps["Datasets"], ps["Data card"]
    writeups = [ps["Research paper"], ps["Technical report"]]
    all_parts = [ps[n] for n in names]
    ev = _ev(*all_parts)
    present = [p for p in all_parts if p.present]
    unknown = [p for p in all_parts if p.unknown]
    publish: list[str] = []
    if reading == "0.0.9":
        missing = [] if present else ["any data component (datasets, data card, paper or report)"]
    else:
        missing = []
        has_writeup = any(p.present for p in writeups)
        if not card.present and not (has_writeup and ds.present):
            missing.append("a data card describing the training data")
            publish.append("Data card")
        if not has_writeup:
            missing.append("a research paper or technical report")
            publish.append("Technical report")
    if missing:
        if unknown:
            return Finding(
                req,
                title,
                Status.CANNOT_TELL,
                "openness could not look at "
                + ", ".join(p.name.lower() for p in unknown)
                + "; otherwise missing: "
                + "; ".join(missing),
                "let openness look at those components",
                names,
                ev,
            )
        fix = (
            "publish " + " and ".join(missing) + " (provenance, scope, selection, labelling, processing; "
            "where to obtain public and third-party data)"
        )
        # say everything that stands in the way at once: what is missing and what is under restricted terms
        failing, _, clauses, blocking = _doc_licence_issues(present)
        reason = "; ".join(["missing " + "; ".join(missing), *failing])
        if blocking:
            fix += "; relicense the " + " and the ".join(b.lower() for b in blocking)
            fix += f" under open terms such as {rules.SUGGESTED_DOCUMENT}"
        return Finding(
            req,
            title,
            Status.NOT_MET,
            reason,
            fix,
            names,
            ev,
            tuple(clauses),
            relicense=blocking,
            publish=tuple(publish),
        )
    failing, caveats, clauses, blocking = _doc_licence_issues(present)
    if failing:
        return Finding(
            req,
            title,
            Status.NOT_MET,
            "; ".join(failing),
            f"relicense the data information under open terms such as {rules.SUGGESTED_DOCUMENT}",
            names,
            ev,
            tuple(clauses),
            relicense=blocking,
        )
    reasons = [
        "described by " + ", ".join(p.name.lower() for p in present if p.name != "Datasets")
        if any(p.name != "Datasets" for p in present)
        else "datasets listed"
    ]
    judgement = False
    if ds.present:
        reasons.append(
            "the training datasets are listed"
            + (
                ""
                if ds.counted
                else f" (under {ds.licence.label}; OSAID asks where to obtain them, not that they be open)"
            )
        )
    elif reading == "1.0":
        judgement = True
        caveats.append(
            "the training datasets are not released: whether the description suffices "
            "(unshareable data described in detail) is a reviewer's judgement, as the OSAID checklist says"
        )
    if reading == "1.0" and not card.present:
        judgement = True
        caveats.append("no data card: the training data description rests on the paper or report")
    if caveats:
        fix = (
            "publish the missing pieces and state open licences (e.g. "
            + rules.SUGGESTED_DOCUMENT
            + ") on them"
        )
        return Finding(
            req, title, Status.CAVEATS, "; ".join(reasons + caveats), fix, names, ev, judgement=judgement
        )
    return Finding(req, title, Status.MET, "; ".join(reasons), "", names, ev)


def findings(ps: Parts, facts: LicenceFacts, *, reading: str = "1.0") -> tuple[Finding, ...]:
    out = [data_information_finding(ps, reading=reading)]
    for req, comp, title in rules.CODE_REQUIREMENTS:
        out.append(code_finding(req, comp, title, ps[comp], facts))
    out.append(parameters_finding(ps[rules.PARAMETERS], facts))
    return tuple(out)


def evaluate(release: Release, facts: LicenceFacts | None = None) -> Verdict:
    """The OSAID 1.0 verdict on a release alone (a context of its own)."""
    return evaluate_context(Context(release, facts=facts))


def evaluate_context(ctx: Context) -> Verdict:
    """The OSAID 1.0 verdict on the context's release, with the 0.0.9 reading where it differs."""
    facts, ps = ctx.facts, ctx.parts
    fs = findings(ps, facts)
    verdict = overall(fs).value
    details: dict[str, object] = {}
    old = findings(ps, facts, reading="0.0.9")
    old_verdict = overall(old).value
    if old_verdict != verdict:
        differs = [o.requirement for o, n in zip(old, fs, strict=True) if o.status is not n.status]
        details["readings"] = [
            {
                "version": "0.0.9",
                "verdict": old_verdict,
                "differs_on": differs,
                "reason": "the 0.0.9 draft checklist accepted any one data component as Data Information; "
                "1.0 asks for the training data to be described (data card) and written up (paper or report)",
            }
        ]
    notes = []
    if (
        isinstance(facts, DefaultLicenceFacts)
        and not facts.has_catalogue
        and any(not p.licence.known and p.licence.kind == "unresolved" for p in ps.by_name.values())
    ):
        notes.append(
            "licences openness does not recognise are treated as not OSI-approved; with the AI "
            "licence catalogue in use, their clauses are cited"
        )
    return Verdict(
        "osaid",
        rules.NAME,
        rules.VERSION,
        rules.SOURCE,
        verdict,
        summarise(verdict, fs),
        fs,
        tuple(notes),
        details,
    )
