"""Everything openness knows about a licence string or a licence text, in one record.

``identify("Apache 2.0")`` and ``identify_text(text)`` answer with an :class:`Identification`: the id it
resolves to (or None), how it was matched and how sure, what the licence is (catalogue facts), whether it
is open for each MOF content type, its OSD and EU AI Act verdicts and its restrictions.
Pure: the caller reads files; this module only reads the package's data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openness.licences import catalogue, spdx
from openness.licences import expression as expression_model
from openness.licences import judge as judging
from openness.licences.catalogue import Restriction
from openness.licences.normalise import Kind, Normalised, normalise

CONTENT_TYPES = ("code", "data", "document")

MATCHED_BY = {
    "exact": "exact-id",
    "case": "exact-id",
    "scancode-key": "scancode-key",
    "tag": "tag",
    "alias": "alias",
    "loose-alias": "alias",
    "spdx-name": "alias",
    "pattern": "alias",
    "hyphenated": "alias",
    "expression": "expression",
    "family": "family",
    "marker": "marker",
    "empty": "marker",
}


@dataclass(frozen=True, slots=True)
class Identification:
    """What a licence string or text is, and what it permits. ``id`` is None when unknown."""

    input: str
    kind: str
    """A :class:`~openness.licences.normalise.Kind` value."""
    id: str | None
    scancode_key: str | None
    name: str | None
    family: str | None
    spdx_listed: bool
    osi_approved: bool
    fsf_libre: bool
    open_for: dict[str, bool]
    osd_compliant: bool | None
    osd_reason: str
    eu_foss: bool | None
    eu_reason: str
    restrictions: tuple[Restriction, ...]
    confidence: float
    matched_by: str | None
    """exact-id, scancode-key, tag, alias, expression, family, marker, header, card, title, sentence, text,
    or None."""
    method: str
    similarity: float | None = None
    differences: tuple[str, ...] = ()
    candidates: tuple[tuple[str, float], ...] = ()
    notes: tuple[str, ...] = field(default=())
    deprecated: bool = False
    """A deprecated SPDX id (e.g. GPL-3.0 for GPL-3.0-only)."""


def _unknown(raw: str, norm: Normalised) -> Identification:
    note = norm.note()
    reason = {
        Kind.NONE: "no licence: nothing is granted",
        Kind.UNDISCLOSED: "the terms are not disclosed",
        Kind.PROPRIETARY: "proprietary terms",
        Kind.NOT_INCLUDED: "the component is not included",
        Kind.FAMILY: f"'{raw}' names the {norm.family} family, not one licence",
        Kind.OTHER: "the licence is not named",
    }.get(norm.kind, "not a licence openness recognises")
    failed = [f"operand '{p.raw}' is not one licence ({p.kind.value})" for p in norm.parts]
    return Identification(
        input=raw,
        kind=norm.kind.value,
        id=None,
        scancode_key=None,
        name=None,
        family=norm.family,
        spdx_listed=False,
        osi_approved=False,
        fsf_libre=False,
        open_for=dict.fromkeys(CONTENT_TYPES, False),
        osd_compliant=None
        if norm.kind in (Kind.UNRESOLVED, Kind.FAMILY, Kind.OTHER, Kind.UNDISCLOSED)
        else False,
        osd_reason=reason,
        eu_foss=None if norm.kind is not Kind.NONE else False,
        eu_reason=reason,
        restrictions=(),
        confidence=norm.confidence,
        matched_by=MATCHED_BY.get(norm.method),
        method=norm.method,
        notes=tuple(x for x in (note, *failed) if x),
    )


def _from_normalised(raw: str, norm: Normalised, matched_by: str | None = None) -> Identification:
    if norm.expression is None or norm.kind not in (Kind.LICENCE, Kind.EXPRESSION):
        return _unknown(raw, norm)
    expr = norm.expression
    open_for = {t: judging.judge(expr, t).type_appropriate for t in CONTENT_TYPES}
    notes = [n for n in (norm.note(),) if n]
    if norm.kind is Kind.LICENCE:
        entry = catalogue.lookup(expr)
        osd = entry.osd_compliant if entry else False
        return Identification(
            input=raw,
            kind=norm.kind.value,
            id=expr,
            scancode_key=entry.scancode_key if entry else None,
            name=entry.name if entry else spdx.name_of(expr),
            family=entry.family if entry else None,
            spdx_listed=expr in spdx.LICENSES,
            osi_approved=spdx.is_osi_approved(expr),
            fsf_libre=spdx.is_fsf_libre(expr),
            open_for=open_for,
            osd_compliant=osd,
            osd_reason=entry.osd_reason if entry else f"{expr} is not a licence openness knows",
            eu_foss=entry.eu_foss if entry else None,
            eu_reason=entry.eu_reason if entry else f"{expr} is not a licence openness knows",
            restrictions=entry.restrictions if entry else (),
            confidence=norm.confidence,
            matched_by=matched_by or MATCHED_BY.get(norm.method),
            method=norm.method,
            notes=tuple(notes),
            deprecated=spdx.is_deprecated(expr),
        )
    try:
        tree = expression_model.parse(expr)
    except expression_model.ExpressionSyntaxError:
        return _unknown(raw, norm)
    keys = [leaf.licence for leaf in expression_model.leaves(tree)]
    entries = [e for e in (catalogue.lookup(k) for k in dict.fromkeys(keys)) if e is not None]
    code = judging.judge(expr, "code")
    read = judging.terms(expr)
    families = sorted({e.family for e in entries})
    notes.append(f"expression: {code.reason}")
    return Identification(
        input=raw,
        kind=norm.kind.value,
        id=expr,
        scancode_key=None,
        name=None,
        family=families[0] if len(families) == 1 else None,
        spdx_listed=all(k in spdx.LICENSES for k in keys),
        osi_approved=read.osi,
        fsf_libre=read.fsf,
        open_for=open_for,
        osd_compliant=read.osd,
        osd_reason=read.osd_reason,
        eu_foss=read.eu,
        eu_reason=read.eu_reason,
        restrictions=read.restrictions,
        confidence=norm.confidence,
        matched_by=matched_by or "expression",
        method=norm.method,
        notes=tuple(notes),
    )


def identify(raw: str) -> Identification:
    """Identify a licence string: an SPDX id, a spelling, a Hugging Face tag, an AI licence name, an
    expression or a family word."""
    return _from_normalised(raw, normalise(raw))


def identify_text(text: str, origin: str = "<text>") -> Identification:
    """Identify the licence in a file's text (LICENSE, model card section, source header)."""
    from openness.licences import detect

    match = detect.identify_text(text)
    if match.id is None:
        base = _unknown(origin, Normalised(origin, Kind.UNRESOLVED, None, "none", 0.0))
        closest = ", ".join(f"{c} ({s:.0%})" for c, s in match.candidates[:3])
        reason = f"unknown, closest: {closest}" if closest else "no licence text recognised"
        return _replace(
            base,
            similarity=match.similarity,
            differences=match.differences,
            candidates=match.candidates,
            osd_reason=reason,
            eu_reason=reason,
            method=match.method,
            matched_by=None,
            notes=(*base.notes[:0], *match.notes, reason),
        )
    norm = normalise(match.id)
    ident = _from_normalised(origin, norm, matched_by=match.method)
    return _replace(
        ident,
        similarity=match.similarity,
        differences=match.differences,
        candidates=match.candidates,
        confidence=match.confidence,
        method=match.method,
        notes=(*ident.notes, *match.notes),
    )


def _replace(ident: Identification, **changes: object) -> Identification:
    from dataclasses import replace

    return replace(ident, **changes)  # type: ignore[arg-type]
