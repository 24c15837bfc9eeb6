"""Turn a licence string as people write it into an SPDX id or expression, saying how.

Resolution order: an SPDX id in any case; a known spelling (``data/aliases.json``); a marker that is
not a licence ('unlicensed', 'Undisclosed', 'Proprietary', 'Component not included'); the same
string with spaces as hyphens; an SPDX expression (AND / OR / WITH, parsed with license-expression).
A string none of these resolves stays unresolved: it is never treated as open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from openness.licences import spdx
from openness.licences.data import load


class Kind(StrEnum):
    """What a licence string turned out to be."""

    LICENCE = "licence"
    """One licence id (SPDX or LicenseRef-)."""
    EXPRESSION = "expression"
    """An SPDX expression combining several licences."""
    NONE = "none"
    """No licence: 'unlicensed', empty."""
    UNDISCLOSED = "undisclosed"
    """Terms exist but are not stated."""
    PROPRIETARY = "proprietary"
    NOT_INCLUDED = "not-included"
    """The record says the component is not part of the release."""
    UNRESOLVED = "unresolved"
    """Nothing openness knows: not open, not closed, just not understood."""


@dataclass(frozen=True, slots=True)
class Normalised:
    """The result of normalising one licence string."""

    raw: str
    kind: Kind
    expression: str | None
    """The SPDX id or expression, when ``kind`` is LICENCE or EXPRESSION."""
    method: str
    """How: ``exact``, ``case``, ``alias``, ``marker``, ``hyphenated``, ``expression``, ``none``."""
    confidence: float

    @property
    def changed(self) -> bool:
        """True when the resolved form differs from the string as written."""
        return self.expression is not None and self.expression != self.raw.strip()

    def note(self) -> str | None:
        """A one-line account of the normalisation, when it changed or judged something."""
        if self.kind in (Kind.LICENCE, Kind.EXPRESSION):
            if self.changed:
                return f"licence '{self.raw}' read as {self.expression} ({self.method})"
            return None
        if self.kind is Kind.UNRESOLVED:
            return f"licence '{self.raw}' is not a licence openness recognises; not treated as open"
        labels = {
            Kind.NONE: "no licence",
            Kind.UNDISCLOSED: "licence terms not disclosed",
            Kind.PROPRIETARY: "proprietary terms",
            Kind.NOT_INCLUDED: "the record says the component is not included",
        }
        return f"licence '{self.raw}' read as: {labels[self.kind]}"


_SPACES = re.compile(r"\s+")
_OPERATORS = re.compile(r"\s(AND|OR|WITH|and|or|with)\s|[()]")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.strip()).casefold()


@lru_cache(maxsize=4096)
def normalise(raw: str) -> Normalised:
    """Normalise one licence string (cached: the same strings recur across releases)."""
    text = raw.strip()
    if not text:
        return Normalised(raw, Kind.NONE, None, "empty", 1.0)
    if text in spdx.LICENSES:
        return Normalised(raw, Kind.LICENCE, text, "exact", 1.0)
    folded = _fold(text)
    marker = load("aliases.json")["markers"].get(folded)
    if marker is not None:
        return Normalised(raw, Kind(marker), None, "marker", 1.0)
    if text.startswith("LicenseRef-"):
        return Normalised(raw, Kind.LICENCE, text, "exact", 1.0)
    found = spdx.canonical_id(text)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "case", 1.0)
    alias = load("aliases.json")["aliases"].get(folded)
    if alias is not None:
        return Normalised(raw, Kind.LICENCE, alias, "alias", 0.95)
    hyphenated = spdx.canonical_id(_SPACES.sub("-", text))
    if hyphenated:
        return Normalised(raw, Kind.LICENCE, hyphenated, "hyphenated", 0.9)
    if _OPERATORS.search(text):
        return _expression(raw, text)
    return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)


def _expression(raw: str, text: str) -> Normalised:
    from license_expression import ExpressionError, get_spdx_licensing

    licensing = get_spdx_licensing()
    try:
        parsed = licensing.parse(text, validate=True, strict=False)
    except ExpressionError:
        return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
    if parsed is None:
        return Normalised(raw, Kind.NONE, None, "empty", 1.0)
    keys = licensing.license_keys(parsed)
    known = (spdx.canonical_id, spdx.canonical_exception)
    if any(all(f(k) is None for f in known) and not k.startswith("LicenseRef-") for k in keys):
        return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
    rendered = str(parsed.render("{symbol.key}"))
    kind = Kind.EXPRESSION if len(keys) > 1 or " WITH " in rendered else Kind.LICENCE
    return Normalised(raw, kind, rendered, "expression", 1.0)
