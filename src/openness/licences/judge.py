"""Is a resolved licence (an SPDX id, a catalogue LicenseRef or an expression) open, and does it suit a
content type?

OR is open when one branch is open for the content type at hand (the chosen branch is named); AND only
when every part is; a WITH exception leaves its licence open only when it is on the SPDX License
Exceptions list (closed by default: ``openness.licences.expression``). A catalogue LicenseRef is open
only when the catalogue says its terms meet the Open Source Definition (OpenMDW-1.0 does; Llama, Gemma,
RAIL … do not); any other LicenseRef is not open. Rules: MOF v1.0 licence expectations (code:
OSI-approved; data and documents: open data / open content licences), see ``openness.licences.mof``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from openness.licences import expression as expression_model
from openness.licences import mof, spdx
from openness.licences.expression import Leaf, exception_adds_permissions, exception_reason

if TYPE_CHECKING:
    from openness.licences.catalogue import Restriction


@dataclass(frozen=True, slots=True)
class Judgement:
    open: bool
    type_appropriate: bool
    reason: str
    branch: str | None = None
    """For an OR: the branch the verdict rests on."""


def _judge_id(licence_id: str, content_type: str) -> Judgement:
    is_open, reason = mof.is_open_id(licence_id)
    types = mof.content_types(licence_id)
    fits = content_type in types
    if is_open and not fits:
        suits = ", ".join(sorted(types)) or "no MOF content type"
        reason += f"; suits {suits}, not {content_type}"
    return Judgement(is_open, is_open and fits, reason, licence_id)


def _rank(j: Judgement) -> int:
    return 2 if j.type_appropriate else 1 if j.open else 0


def _leaf(leaf: Leaf, content_type: str) -> Judgement:
    if leaf.exception is not None and not exception_adds_permissions(leaf.exception):
        return Judgement(False, False, exception_reason(leaf.exception), leaf.key)
    inner = _judge_id(leaf.licence, content_type)
    return Judgement(inner.open, inner.type_appropriate, inner.reason, leaf.key)


def _any_of(parts: Sequence[Judgement]) -> Judgement:
    best = max(parts, key=_rank)
    branch = best.branch or "?"
    if best.open:
        reason = f"OR: open through the branch {branch}: {best.reason}"
    else:
        reason = "OR: no branch is open: " + "; ".join(p.reason for p in parts)
    return Judgement(best.open, best.type_appropriate, reason, branch)


def _all_of(parts: Sequence[Judgement]) -> Judgement:
    closed = [p for p in parts if not p.open]
    head = "AND: every part is open" if not closed else f"AND: not open because of {closed[0].branch}"
    return Judgement(
        all(p.open for p in parts),
        all(p.type_appropriate for p in parts),
        head + ": " + "; ".join(p.reason for p in parts),
        " AND ".join(p.branch or "?" for p in parts),
    )


@lru_cache(maxsize=8192)
def judge(expression: str, content_type: str) -> Judgement:
    """Judge a normalised licence id or SPDX expression for one MOF content type (one fold of the
    expression model: ``openness.licences.expression``). An expression that does not parse is not open."""
    try:
        tree = expression_model.parse(expression)
    except expression_model.ExpressionSyntaxError as exc:
        return Judgement(False, False, f"'{expression}' cannot be read as a licence expression: {exc}")
    return expression_model.fold(tree, lambda leaf: _leaf(leaf, content_type), _all_of, _any_of)


@dataclass(frozen=True, slots=True)
class Terms:
    """What the licences of an expression allow together, from the catalogue's OSD and EU AI Act facts
    (for ``openness licence``): AND needs every part, OR takes the first branch that meets the OSD."""

    label: str
    """The licences the reading rests on (for an OR: the branch chosen, when one meets the OSD)."""
    osd: bool | None
    eu: bool | None
    osi: bool
    fsf: bool
    osd_reason: str
    eu_reason: str
    restrictions: tuple[Restriction, ...]
    leaf: bool = False
    """One licence: its reasons do not name it yet."""


def _both(values: Sequence[bool | None], any_of: bool) -> bool | None:
    if any_of:
        return True if True in values else (False if all(v is False for v in values) else None)
    return False if False in values else (True if all(v is True for v in values) else None)


def _terms_leaf(leaf: Leaf) -> Terms:
    if leaf.exception is not None and not exception_adds_permissions(leaf.exception):
        why = exception_reason(leaf.exception)
        return Terms(leaf.key, False, False, False, False, why, why, (), True)
    from openness.licences import catalogue

    k = leaf.licence
    entry = catalogue.lookup(k)
    return Terms(
        leaf.key,
        entry.osd_compliant if entry else False,
        entry.eu_foss if entry else None,
        spdx.is_osi_approved(k),
        spdx.is_fsf_libre(k),
        entry.osd_reason if entry else "unknown licence",
        entry.eu_reason if entry else "unknown licence",
        entry.restrictions if entry else (),
        True,
    )


def _terms_all(parts: Sequence[Terms]) -> Terms:
    return Terms(
        " AND ".join(p.label for p in parts),
        _both([p.osd for p in parts], False),
        _both([p.eu for p in parts], False),
        all(p.osi for p in parts),
        all(p.fsf for p in parts),
        "; ".join(_cited(p, p.osd_reason) for p in parts),
        "; ".join(_cited(p, p.eu_reason) for p in parts),
        tuple(dict.fromkeys(r for p in parts for r in p.restrictions)),
    )


def _terms_any(parts: Sequence[Terms]) -> Terms:
    chosen = next((p for p in parts if p.osd), None)
    if chosen is None:
        every = _terms_all(parts)
        return replace(
            every,
            label=" OR ".join(p.label for p in parts),
            osd=_both([p.osd for p in parts], True),
            eu=_both([p.eu for p in parts], True),
            osi=any(p.osi for p in parts),
            fsf=any(p.fsf for p in parts),
        )
    eu_reason = (
        f"OR: the branch {chosen.label} is free and open-source: {chosen.eu_reason}"
        if chosen.eu
        else "; ".join(_cited(p, p.eu_reason) for p in parts)
    )
    return Terms(
        chosen.label,
        True,
        _both([p.eu for p in parts], True),
        any(p.osi for p in parts),
        any(p.fsf for p in parts),
        f"OR: the branch {chosen.label} meets the OSD: {chosen.osd_reason}",
        eu_reason,
        chosen.restrictions,
    )


def _cited(t: Terms, reason: str) -> str:
    """A part's reason with the licence it is about."""
    return f"{t.label}: {reason}" if t.leaf else reason


def terms(expression: str) -> Terms:
    """The OSD and EU AI Act reading of a resolved id or expression (one fold of the expression model)."""
    try:
        tree = expression_model.parse(expression)
    except expression_model.ExpressionSyntaxError as exc:
        why = f"'{expression}' cannot be read as a licence expression: {exc}"
        return Terms(expression, False, None, False, False, why, why, ())
    t = expression_model.fold(tree, _terms_leaf, _terms_all, _terms_any)
    if t.leaf:
        return replace(t, osd_reason=_cited(t, t.osd_reason), eu_reason=_cited(t, t.eu_reason), leaf=False)
    return t
