"""The licence facts the verdict frameworks need, behind a small interface so tests can inject fakes.

``LicenceFacts.lookup(licence)`` answers for one licence id (or, for a string openness cannot resolve,
the string as written) with a ``LicenceFact``, or None when openness knows nothing of it.
``DefaultLicenceFacts`` reads the AI licence catalogue (``openness.licences.catalogue``), which also
holds the facts derived from the SPDX list and the MOF's open data list for every other SPDX id.

``read_licence`` turns a licence string as written on a component into a ``LicenceView``: the
normalised expression and the combined facts of its parts, read with the one expression model
(``openness.licences.expression``: OR: the most open branch; AND: all parts; WITH: closed unless the
exception is on the SPDX License Exceptions list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal, Protocol

from openness.licences import expression, mof, spdx
from openness.licences.expression import Leaf, exception_adds_permissions
from openness.licences.normalise import Kind, normalise

# Restriction flags (the catalogue's vocabulary) that limit use, users or fields of use: a licence with
# any of them is not free and open-source in the sense of OSAID, the OSD or the EU AI Act.
USE_RESTRICTING = frozenset(
    {
        "acceptable-use-policy",
        "field-of-use",
        "user-cap",
        "revenue-cap",
        "non-commercial",
        "no-improving-other-models",
        "regional-exclusion",
        "remote-restriction",
        "termination-trigger",
        "no-derivatives",
        "research-only",
    }
)
# Flags that leave a licence open (Recital 102 of the EU AI Act: attribution is compatible with FOSS;
# the OSD allows naming requirements, clause 4); noted, never failing.
BENIGN = frozenset({"attribution", "naming-requirement"})


@dataclass(frozen=True, slots=True)
class Clause:
    """One restrictive clause of a licence, with where the fact comes from."""

    flag: str
    detail: str
    source: str

    def cite(self) -> str:
        return f"{self.flag}: {self.detail}" if self.detail else self.flag


@dataclass(frozen=True, slots=True)
class LicenceFact:
    """What openness knows about one licence."""

    id: str
    name: str
    osi_approved: bool | None
    """True/False when known; None when openness cannot say."""
    open_data: bool = False
    """An open data or open content licence the MOF accepts (CC-BY-4.0, CDLA-Permissive-2.0 …)."""
    osd_compliant: bool | None = None
    osd_reason: str = ""
    eu_foss: bool | None = None
    eu_reason: str = ""
    restrictions: tuple[Clause, ...] = ()
    source: str = ""


class LicenceFacts(Protocol):
    def lookup(self, licence: str) -> LicenceFact | None:
        """Facts on a licence id (SPDX, LicenseRef-, catalogue id or alias), or None."""
        ...


_SCANCODE = "LicenseRef-scancode-"


def _open_data(licence_id: str) -> bool:
    return licence_id in mof.default_open_data_ids()


def spdx_fact(licence_id: str) -> LicenceFact | None:
    """Facts from the SPDX list and the MOF open data list alone (the catalogue's SPDX-derived entry)."""
    from openness.licences import catalogue

    entry = catalogue.spdx_entry(licence_id)
    if entry is not None:
        return _from_entry(entry)
    if _open_data(licence_id):  # an open data id the SPDX list spells otherwise
        return LicenceFact(
            licence_id, licence_id, False, True, True, "an open data/content licence (MOF list)", True,
            "allows access, use, modification and distribution", (), "MOF open data list",
        )  # fmt: skip
    return None


class DefaultLicenceFacts:
    """The AI licence catalogue (``openness.licences.catalogue``: curated AI licences, and an entry
    derived from the SPDX list for every other SPDX id); ``use_catalogue=False`` gives the SPDX-derived
    facts alone, as if openness knew no AI licence."""

    def __init__(self, catalogue: Callable[[str], Any] | None = None, use_catalogue: bool = True) -> None:
        if catalogue is None and use_catalogue:
            from openness.licences import catalogue as module

            catalogue = module.lookup
        self._catalogue = catalogue

    @property
    def has_catalogue(self) -> bool:
        return self._catalogue is not None

    def lookup(self, licence: str) -> LicenceFact | None:
        if self._catalogue is not None:
            entry = self._catalogue(licence)
            if entry is None and licence.startswith(_SCANCODE):
                entry = self._catalogue(licence.removeprefix(_SCANCODE))  # the bare ScanCode key
            if entry is not None:
                return _from_entry(entry)
        return spdx_fact(licence)


def _from_entry(entry: Any) -> LicenceFact:
    return LicenceFact(
        id=entry.id,
        name=entry.name,
        osi_approved=spdx.is_osi_approved(entry.id) if entry.spdx_listed else False,
        open_data=_open_data(entry.id),
        osd_compliant=entry.osd_compliant,
        osd_reason=entry.osd_reason,
        eu_foss=entry.eu_foss,
        eu_reason=entry.eu_reason,
        restrictions=tuple(Clause(r.flag, r.detail, r.source) for r in entry.restrictions),
        source=entry.source,
    )


@cache
def default_facts() -> DefaultLicenceFacts:
    """One shared default instance (its data loads once), so per-release results can be shared."""
    return DefaultLicenceFacts()


LicenceKind = Literal["none", "undisclosed", "proprietary", "not-included", "unresolved", "known", "unknown"]
"""How a licence string reads: no licence; the MOT's markers; not understood; read through the facts;
or ``unknown`` (openness could not look at the component that carries it)."""

NOT_RELEASED: frozenset[LicenceKind] = frozenset({"undisclosed", "proprietary", "not-included"})
"""Markers that say a listed component is not openly released: the MOT's 'Undisclosed' and
'Proprietary' (terms withheld, or closed) and 'Component not included' (``Part.shared``)."""
WITHHELD: frozenset[LicenceKind] = NOT_RELEASED | {"none"}
"""LicenceView kinds that grant no open terms: the markers above and no licence ('unlicensed')."""


@dataclass(frozen=True, slots=True)
class LicenceView:
    """A licence string as written on a component, read through the facts."""

    raw: str | None
    kind: LicenceKind
    expression: str | None
    parts: tuple[LicenceFact, ...] = ()
    osi_approved: bool | None = None
    open_terms: bool = False
    """Every part is OSI-approved or an open data/content licence."""
    osd_compliant: bool | None = None
    eu_foss: bool | None = None
    restrictions: tuple[Clause, ...] = ()

    @property
    def label(self) -> str:
        if self.parts:
            return " AND ".join(p.id for p in self.parts)
        if self.expression:
            return self.expression
        return f"'{self.raw}'" if self.raw and self.kind != "none" else "no licence"

    @property
    def named(self) -> str:
        """The licence as resolved, with the words it was written in when they differ."""
        written = (self.raw or "").strip()
        label = self.label
        if written and self.kind != "none" and f"'{written}'" != label and written != label:
            return f"'{written}' ({label})"
        return label

    @property
    def known(self) -> bool:
        return self.kind == "known"

    @property
    def withheld(self) -> bool:
        """No open terms are granted: no licence, terms not disclosed, proprietary, or not included (the
        MOT's markers). Not openly released in every framework; never 'cannot tell'."""
        return self.kind in WITHHELD

    @property
    def use_restrictions(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.restrictions if c.flag in USE_RESTRICTING)

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(c.flag for c in self.restrictions)

    def cite(self) -> tuple[str, ...]:
        """The use-restricting clauses as ``licence: flag: detail`` lines."""
        return tuple(f"{self.label}: {c.cite()}" for c in self.use_restrictions)


def _all_true(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _combine(raw: str | None, expression: str | None, facts: list[LicenceFact]) -> LicenceView:
    return LicenceView(
        raw=raw,
        kind="known",
        expression=expression,
        parts=tuple(facts),
        osi_approved=_all_true([f.osi_approved for f in facts]),
        open_terms=all(f.open_data or f.osi_approved is True for f in facts),
        osd_compliant=_all_true([f.osd_compliant for f in facts]),
        eu_foss=_all_true([f.eu_foss for f in facts]),
        restrictions=tuple(c for f in facts for c in f.restrictions),
    )


def _rank(v: LicenceView) -> tuple[int, int, int]:
    return (int(v.osi_approved is True), int(not v.use_restrictions), int(v.osd_compliant is True))


def _leaf(raw: str, leaf: Leaf, facts: LicenceFacts) -> LicenceView:
    """One licence of an expression. Closed by default: an exception not on the SPDX list, or a licence
    the facts do not know, leaves the leaf unresolved (never open)."""
    if leaf.exception is not None and not exception_adds_permissions(leaf.exception):
        return LicenceView(raw, "unresolved", leaf.key)
    fact = facts.lookup(leaf.licence)
    if fact is None:
        return LicenceView(raw, "unresolved", leaf.key)
    return _combine(raw, leaf.key, [fact])


def _all_of(views: Sequence[LicenceView]) -> LicenceView:
    """AND: every part applies; one part openness cannot read leaves the whole unresolved."""
    raw = views[0].raw
    if any(v.kind != "known" for v in views):
        return LicenceView(raw, "unresolved", None)
    facts = {f.id: f for v in views for f in v.parts}
    return _combine(raw, None, list(facts.values()))


def _any_of(views: Sequence[LicenceView]) -> LicenceView:
    """OR: the licensee chooses, so the most open branch openness can read."""
    known = [v for v in views if v.kind == "known"]
    if not known:
        return LicenceView(views[0].raw, "unresolved", None)
    return max(known, key=_rank)


_MARKER_KINDS: dict[Kind, LicenceKind] = {
    Kind.NONE: "none",
    Kind.UNDISCLOSED: "undisclosed",
    Kind.PROPRIETARY: "proprietary",
    Kind.NOT_INCLUDED: "not-included",
}


def _plain_id(text: str) -> bool:
    """An id a fake or custom fact source may know by its exact spelling: printable ASCII, no spaces."""
    return text.isascii() and text.isprintable() and " " not in text and "(" not in text


def read_licence(raw: str | None, facts: LicenceFacts) -> LicenceView:
    """Read a licence string (as written) through the facts: normalised, then one fold of the expression
    model (``openness.licences.expression``) — AND: all parts; OR: the most open branch; WITH: closed
    unless the exception is on the SPDX list."""
    if raw is None or not raw.strip() or raw.strip() == "unlicensed":
        return LicenceView(raw, "none", None)
    norm = normalise(raw)
    if norm.kind in _MARKER_KINDS:
        return LicenceView(raw, _MARKER_KINDS[norm.kind], None)
    if norm.expression is None:
        fact = facts.lookup(raw.strip()) if not norm.problem and _plain_id(raw.strip()) else None
        if fact is None:
            return LicenceView(raw, "unresolved", None)
        return _combine(raw, fact.id, [fact])
    try:
        tree = expression.parse(norm.expression)
    except expression.ExpressionSyntaxError:
        return LicenceView(raw, "unresolved", norm.expression)
    view = expression.fold(tree, lambda leaf: _leaf(raw, leaf, facts), _all_of, _any_of)
    return replace(view, expression=norm.expression)
