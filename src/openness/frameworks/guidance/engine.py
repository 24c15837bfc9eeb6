"""What to do next: the smallest set of changes that would reach the next MOF class, meet OSAID 1.0,
or qualify for the EU AI Act's Art. 53(2) exemption — each change naming the requirement it meets.

Every change is one component released, licensed or relicensed (or a fact to declare), so a plan can
be applied to the release (``apply``) and re-assessed: the tests do exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from openness.domain.components import BY_NAME
from openness.domain.release import Component, Evidence, Presence, Release
from openness.frameworks.context import Context, Options
from openness.frameworks.licence_facts import LicenceFacts
from openness.frameworks.mof.result import ROMAN, MofResult
from openness.frameworks.mof.result import Status as MofStatus
from openness.frameworks.verdicts import Finding, Status, Verdict

NAME = "What to do next"
VERSION = "1"
SOURCE = "openness: derived from the MOF v1.0, OSAID 1.0 and EU AI Act Art. 53(2) findings"

LICENCE_FOR = {"code": "Apache-2.0", "data": "CDLA-Permissive-2.0", "document": "CC-BY-4.0"}
WEIGHTS_LICENCE = "Apache-2.0"
"""OSI-approved, so the weights meet OSAID without a caveat (an open data licence would add one)."""


Action = Literal["release", "license", "relicense", "declare", "check"]
PlanStatus = Literal["reached", "reachable", "blocked"]


@dataclass(frozen=True, slots=True)
class Change:
    requirement: str
    """The framework requirement the change meets (``osaid:code.training``, ``mof:III:Model card`` …)."""
    action: Action
    detail: str
    component: str | None = None
    licence: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    goal: str
    """``mof``, ``osaid`` or ``eu_ai_act``."""
    title: str
    status: PlanStatus
    """``reached`` (nothing to do), ``reachable`` (the changes reach it) or ``blocked`` (no release
    change can)."""
    changes: tuple[Change, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Guidance:
    plans: tuple[Plan, ...]
    verdict: Literal["nothing-to-do", "changes-suggested", "not-a-model-release"]
    """``nothing-to-do`` when every goal is reached, ``not-a-model-release`` (and no plans) when the source
    is something else (a library, a benchmark, licence texts), else ``changes-suggested``."""
    note: str = ""
    """Why there are no plans, when there are none to give."""

    def plan(self, goal: str) -> Plan | None:
        for p in self.plans:
            if p.goal == goal:
                return p
        return None


def _licence_for(component: str) -> str:
    if component == "Model parameters (Final)":
        return WEIGHTS_LICENCE
    return LICENCE_FOR[BY_NAME[component].content_type]


def _component_change(requirement: str, component: str, present: bool, why: str) -> Change:
    lic = _licence_for(component)
    if present:
        return Change(
            requirement, "relicense", f"relicense the {component.lower()} under {lic} ({why})", component, lic
        )
    return Change(
        requirement, "release", f"release the {component.lower()} under {lic} ({why})", component, lic
    )


def _mof_plan(mof: MofResult) -> Plan:
    target = {0: 3, 3: 2, 2: 1}.get(mof.mof_class)
    if target is None:
        return Plan("mof", "MOF Class I - Open Science", "reached", ())
    title = f"MOF Class {ROMAN[target]}"
    changes = []
    for step in mof.steps_for(target):
        req = f"mof:{ROMAN[target]}:{step.component}"
        if step.action == "check":
            changes.append(Change(req, "check", step.detail, step.component))
            continue
        lic = LICENCE_FOR[BY_NAME[step.component].content_type]
        changes.append(Change(req, step.action, step.detail, step.component, lic))
    blocked = any(c.action == "check" for c in changes)
    return Plan(
        "mof",
        title,
        "blocked" if blocked else "reachable",
        tuple(changes),
        "unknown components must be looked at first" if blocked else "",
    )


_PUBLISH_WHY = {
    "Data card": "describe the training data",
    "Technical report": "write up the training data and method",
}


def _osaid_changes(f: Finding, present: Mapping[str, bool]) -> list[Change]:
    req = f"osaid:{f.requirement}"
    if f.status is Status.CANNOT_TELL:
        return [Change(req, "check", f.would_change or f.reason, f.components[0] if f.components else None)]
    if f.requirement != "data-information":
        comp = f.components[0]
        return [_component_change(req, comp, present[comp], f.title)]
    out = []
    for comp in f.relicense:  # documents under restricted terms: relicense each
        out.append(_component_change(req, comp, True, "data information under open terms"))
    for comp in f.publish:  # what is missing: publish each
        out.append(_component_change(req, comp, present[comp], _PUBLISH_WHY.get(comp, f.title)))
    return out or [Change(req, "check", f.would_change)]


def _osaid_plan(v: Verdict, present: Mapping[str, bool]) -> Plan:
    title = "OSAID 1.0"
    if v.verdict in ("meets", "meets-with-caveats"):
        return Plan("osaid", title, "reached", (), v.summary if v.verdict != "meets" else "")
    changes = [
        c
        for f in v.findings
        if f.status in (Status.NOT_MET, Status.CANNOT_TELL)
        for c in _osaid_changes(f, present)
    ]
    blocked = any(c.action == "check" for c in changes)
    return Plan(
        "osaid",
        title,
        "blocked" if blocked else "reachable",
        tuple(_dedupe(changes)),
        "some requirements need a look or a reviewer first" if blocked else "",
    )


_EU_COMPONENT = {
    "art-53-2.weights-public": "Model parameters (Final)",
    "art-53-2.architecture-public": "Technical report",
    "art-53-2.usage-public": "Model card",
    "art-53-2.licence": "Model parameters (Final)",
}


def _eu_plan(v: Verdict, present: Mapping[str, bool]) -> Plan:
    title = "EU AI Act Art. 53(2) exemption"
    art53 = [f for f in v.findings if f.group == "art-53-2"]
    if v.verdict in ("meets", "meets-with-caveats"):
        note = (
            "on assumptions: " + "; ".join(f.would_change for f in art53 if f.judgement)
            if v.verdict != "meets"
            else ""
        )
        return Plan("eu_ai_act", title, "reached", (), note)
    changes: list[Change] = []
    blocked = ""
    for f in art53:
        if f.status not in (Status.NOT_MET, Status.CANNOT_TELL):
            continue
        req = f"eu_ai_act:{f.requirement}"
        comp = _EU_COMPONENT.get(f.requirement)
        if comp is not None:
            changes.append(_component_change(req, comp, present[comp], f.title))
        else:
            blocked = f.reason
    status: PlanStatus = "blocked" if blocked else "reachable"
    return Plan(
        "eu_ai_act",
        title,
        status,
        tuple(_dedupe(changes)),
        f"no release change helps: {blocked}" if blocked else "",
    )


def _dedupe(changes: Iterable[Change]) -> list[Change]:
    """One change per component: the first requirement named keeps it, the others are added to it."""
    out: dict[str, Change] = {}
    loose: list[Change] = []
    for c in changes:
        if c.component is None:
            loose.append(c)
        elif c.component in out:
            first = out[c.component]
            if c.requirement not in first.requirement:
                out[c.component] = replace(first, requirement=first.requirement + ", " + c.requirement)
        else:
            out[c.component] = c
    return list(out.values()) + loose


def evaluate(
    release: Release,
    declared: Mapping[str, str] | None = None,
    facts: LicenceFacts | None = None,
    *,
    mot_compatible: bool = False,
) -> Guidance:
    """The guidance for a release alone (a context of its own)."""
    options = Options(mot_compatible=mot_compatible, declarations=declared or {})
    return evaluate_context(Context(release, options, facts))


def evaluate_context(ctx: Context) -> Guidance:
    """Plans from the results already computed for the context's release: the MOF result of the mode the
    user chose, and the OSAID and EU AI Act verdicts (their structured fields, never their reason text)."""
    if ctx.release.not_a_model_release:  # no model to make open: no seventeen-component to-do list
        return Guidance(
            (),
            "not-a-model-release",
            f"not a model release ({ctx.release.kind}): the frameworks' requirements are for model "
            "releases, so there is nothing to plan",
        )
    mof = ctx.mof
    present = {
        f.name: f.presence in ("included", "referenced") and f.status is not MofStatus.MISSING
        for f in mof.components
    }
    plans = (
        _mof_plan(mof),
        _osaid_plan(ctx.result("osaid"), present),
        _eu_plan(ctx.result("eu_ai_act"), present),
    )
    done = all(p.status == "reached" for p in plans)
    return Guidance(plans, "nothing-to-do" if done else "changes-suggested")


def apply(release: Release, changes: Iterable[Change]) -> Release:
    """The release as it would be after the changes: each named component present under its licence."""
    comps = {c.name: c for c in release.components}
    order = [c.name for c in release.components]
    for ch in changes:
        if ch.component is None or ch.action not in ("release", "license", "relicense"):
            continue
        ev = Evidence("guidance", "what-if", "guidance.apply", 1.0, ch.detail)
        old = comps.get(ch.component)
        if old is None:
            order.append(ch.component)
            comps[ch.component] = Component(ch.component, Presence.INCLUDED, ch.licence, True, evidence=(ev,))
        else:
            comps[ch.component] = replace(
                old,
                presence=Presence.INCLUDED,
                licence=ch.licence,
                licence_declared=True,
                evidence=(*old.evidence, ev),
            )
    return replace(release, components=tuple(comps[n] for n in order))


def to_json(g: Guidance) -> dict[str, Any]:
    """The guidance as JSON-ready values (the ``guidance`` object of the assessment schema)."""
    return {
        "verdict": g.verdict,
        **({"note": g.note} if g.note else {}),
        "plans": [
            {
                "goal": p.goal,
                "title": p.title,
                "status": p.status,
                "note": p.note,
                "changes": [
                    {
                        "requirement": c.requirement,
                        "action": c.action,
                        "detail": c.detail,
                        "component": c.component,
                        "licence": c.licence,
                    }
                    for c in p.changes
                ],
            }
            for p in g.plans
        ],
    }
