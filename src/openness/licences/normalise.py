"""Turn a licence string as people write it into an SPDX id, a catalogue id or an expression, saying how.

Resolution order, first answer wins:
0. a string that cannot be a licence id or expression — control or format characters, unbalanced or
   too deep parentheses, over 4,096 characters — is unresolved, with the problem in the note
   (``malformed``; ``openness.licences.expression.character_error``);
1. empty → no licence;
2. an SPDX id as written (``exact``);
3. a marker that is not a licence: 'unlicensed', 'Undisclosed', 'Proprietary', 'other', 'Component not
   included' (``marker``);
4. a catalogue id or ScanCode key in any case (``exact`` / ``case`` / ``scancode-key``); any other
   well-formed ``LicenseRef-`` id kept as written;
5. an SPDX id in any case (``case``);
6. a Hugging Face ``license:`` tag (``tag``);
7. a family word with no single answer: 'BSD', 'GPL', 'cc', 'openrail', 'Public Domain' (``family``);
8. a known spelling: ``data/aliases.json`` and the catalogue's names and aliases (``alias``);
9. the same after folding punctuation, 'licence'/'license' and 'the' (``loose-alias``), or an SPDX
   licence's full name (``spdx-name``);
10. a pattern for the common families: Creative Commons, GNU GPL/LGPL/AGPL, Apache (``pattern``);
11. the string with spaces as hyphens (``hyphenated``);
12. an expression (AND / OR / WITH), each operand resolved by the steps above, the whole parsed with
    license-expression (``expression``); an operator without an operand is ``malformed``.
Nothing else resolves: an unresolved string is never treated as open.

"In any case" means ASCII case (``spdx.fold``): characters are compared exactly after Unicode NFC, so a
look-alike ('BSD-3-Clauſe' with a long s, 'MIT Licenſe') never resolves to the licence it imitates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from openness.licences import catalogue, spdx
from openness.licences.data import load
from openness.licences.expression import character_error, grammar_error, licensing


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
    FAMILY = "family"
    """A family of licences ('BSD', 'GPL', 'cc', 'openrail'): no single licence, so no id is guessed."""
    OTHER = "other"
    """'other': a licence the record does not name (Hugging Face: read license_name / license_link)."""
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
    """How: ``exact``, ``case``, ``scancode-key``, ``tag``, ``alias``, ``loose-alias``, ``spdx-name``,
    ``pattern``, ``hyphenated``, ``expression``, ``marker``, ``family``, ``empty``, ``none``."""
    confidence: float
    family: str | None = None
    """The family named, when ``kind`` is FAMILY."""
    parts: tuple[Normalised, ...] = ()
    """For an expression: how each operand was resolved."""
    problem: str = ""
    """Why the string cannot be a licence id or expression at all (``malformed``), else empty."""

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
        if self.kind is Kind.UNRESOLVED and self.problem:
            return f"licence {shown(self.raw)} cannot be read: {self.problem}; not treated as open"
        if self.kind is Kind.UNRESOLVED:
            return f"licence '{self.raw}' is not a licence openness recognises; not treated as open"
        if self.kind is Kind.FAMILY:
            return (
                f"licence '{self.raw}' names the {self.family} family, not one licence; "
                "no id is guessed and it is not treated as open"
            )
        labels = {
            Kind.NONE: "no licence",
            Kind.UNDISCLOSED: "licence terms not disclosed",
            Kind.PROPRIETARY: "proprietary terms",
            Kind.NOT_INCLUDED: "the record says the component is not included",
            Kind.OTHER: "a licence the record does not name ('other'); not treated as open",
        }
        return f"licence '{self.raw}' read as: {labels[self.kind]}"


_SPACES = re.compile(r"\s+")
_OPERATORS = re.compile(r"\s(AND|OR|WITH|and|or|with)\s|[()]")
_SPLIT = re.compile(r"(\(|\)|\s+(?:AND|OR|WITH)\s+)", re.IGNORECASE)
_TRAILING = re.compile(r" (?:license|license agreement|agreement|terms|terms of use)$")
_LOOSE_DROP = re.compile(r"[\s\"'`“”‘’,;:()\[\]]+")
_LICENSE_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+")
"""An SPDX user-defined licence reference (SPDX 2.3 Annex D idstring: letters, digits, '.' and '-')."""


def _fold(text: str) -> str:
    return spdx.fold(_SPACES.sub(" ", text.strip()))


def shown(raw: str) -> str:
    """A licence string quoted for a note, with characters that are not printable escaped (``\\x07``)."""
    escaped = (ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in raw)
    return "'" + "".join(escaped) + "'"


def _loose(text: str) -> str:
    """A key that ignores punctuation, 'licence' vs 'license', 'the' and 'version'/'v' before a number."""
    t = _fold(text).replace("licence", "license").replace("_", "-")
    t = re.sub(r"^the ", "", t)
    t = re.sub(r"\b(version|ver\.?|v)\s*(?=\d)", "", t)
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)
    return _LOOSE_DROP.sub(" ", t).strip()


@cache
def _tables() -> dict[str, dict[str, str]]:
    """Lookup tables, built once: folded string → id (or family), per method."""
    aliases = load("aliases.json")
    exact: dict[str, str] = {}
    scancode: dict[str, str] = {}
    tags: dict[str, str] = dict(aliases["hf_tags"])
    alias: dict[str, str] = dict(aliases["aliases"])
    for entry in catalogue.entries():
        exact[spdx.fold(entry.id)] = entry.id
        if entry.scancode_key:
            scancode[spdx.fold(entry.scancode_key)] = entry.id
            scancode[spdx.fold(f"licenseref-scancode-{entry.scancode_key}")] = entry.id
        for tag in entry.hf_tags:
            tags[spdx.fold(tag)] = entry.id
        for name in (*entry.aliases, entry.name):
            alias.setdefault(_fold(name), entry.id)
    loose: dict[str, str] = {}
    for key, value in alias.items():
        loose.setdefault(_loose(key), value)
    names: dict[str, str] = {}
    ambiguous: set[str] = set()
    for licence_id, lic in spdx.LICENSES.items():
        if lic.deprecated_id:
            continue
        for name in {lic.name, re.sub(r" International$", "", lic.name)}:
            key = _loose(name)
            if key in names and names[key] != licence_id:
                ambiguous.add(key)
            names[key] = licence_id
    for key in ambiguous:
        del names[key]
    return {
        "exact": exact,
        "scancode": scancode,
        "tags": tags,
        "alias": alias,
        "loose": loose,
        "names": names,
        "families": dict(aliases["families"]),
        "markers": dict(aliases["markers"]),
    }


# --- patterns for the common families ---------------------------------------------------------------------

_CC = re.compile(
    r"^(?:cc|creative commons)[ -]?((?:by|attribution)(?:[ -]+(?:nc|nd|sa|non[ -]?commercial|"
    r"no[ -]?derivatives|no[ -]?derivs|share[ -]?alike))*)[ -]*(?:license|licence)?[ -]*v?(\d(?:\.\d)?)"
    r"(?: international| generic| unported)?"
    r"(?: license| licence)?$"
)
_CC_PART = {
    "by": "BY",
    "attribution": "BY",
    "nc": "NC",
    "noncommercial": "NC",
    "non commercial": "NC",
    "non-commercial": "NC",
    "nd": "ND",
    "noderivatives": "ND",
    "no derivatives": "ND",
    "no-derivatives": "ND",
    "noderivs": "ND",
    "no derivs": "ND",
    "no-derivs": "ND",
    "sa": "SA",
    "sharealike": "SA",
    "share alike": "SA",
    "share-alike": "SA",
}
_CC_WORDS = re.compile(
    r"by|attribution|non[ -]?commercial|nc|no[ -]?derivatives|no[ -]?derivs|nd|share[ -]?alike|sa"
)
_GNU = re.compile(
    r"^(?:gnu )?(a|l|affero |lesser |library )?(?:gpl|general public license|general public licence)[ -]?"
    r"(?:version |v)?(\d(?:\.\d)?)(\+| or later| or-later|-or-later| or any later version| only|-only)?$"
)
_APACHE = re.compile(
    r"^(?:the )?(?:apache|asl|apache software|apache license|apache software license)"
    r"[ ,-]*(?:license|licence)?[ ,-]*(?:version |v)?2(?:\.0)?(?: license| licence)?$"
)


def _cc(folded: str) -> str | None:
    m = _CC.match(folded)
    if not m:
        return None
    parts = [_CC_PART[w.replace("  ", " ")] for w in _CC_WORDS.findall(m.group(1))]
    version = m.group(2) if "." in m.group(2) else f"{m.group(2)}.0"
    candidate = "CC-" + "-".join(dict.fromkeys(parts)) + f"-{version}"
    return spdx.canonical_id(candidate)


def _gnu(folded: str) -> tuple[str, float] | None:
    m = _GNU.match(folded)
    if not m:
        return None
    prefix = {
        None: "GPL",
        "a": "AGPL",
        "affero ": "AGPL",
        "l": "LGPL",
        "lesser ": "LGPL",
        "library ": "LGPL",
    }[m.group(1)]
    version = m.group(2) if "." in m.group(2) else f"{m.group(2)}.0"
    later = m.group(3) and ("later" in m.group(3) or m.group(3) == "+")
    suffix = "-or-later" if later else "-only"
    found = spdx.canonical_id(f"{prefix}-{version}{suffix}")
    if found is None:
        return None
    # Without 'only' or 'or later' the SPDX convention (and the deprecated bare id) reads it as 'only'.
    return found, 0.9 if m.group(3) else 0.85


def _pattern(folded: str) -> tuple[str, float] | None:
    found = _cc(folded)
    if found:
        return found, 0.9
    gnu = _gnu(folded)
    if gnu:
        return gnu
    if _APACHE.match(folded):
        return "Apache-2.0", 0.9
    return None


# --- the resolver ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def normalise(raw: str) -> Normalised:
    """Normalise one licence string (cached: the same strings recur across releases)."""
    text = raw.strip().strip("'\"“”").strip()
    problem = character_error(text)
    if problem:
        return Normalised(raw, Kind.UNRESOLVED, None, "malformed", 0.0, problem=problem)
    if not text:
        return Normalised(raw, Kind.NONE, None, "empty", 1.0)
    if text in spdx.LICENSES:
        return Normalised(raw, Kind.LICENCE, text, "exact", 1.0)
    t = _tables()
    folded = _fold(text)
    marker = t["markers"].get(folded)
    if marker is not None:
        return Normalised(raw, Kind(marker), None, "marker", 1.0)
    found = t["exact"].get(folded)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "exact" if found == text else "case", 1.0)
    found = t["scancode"].get(folded)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "scancode-key", 0.95)
    if _LICENSE_REF.fullmatch(text):
        return Normalised(raw, Kind.LICENCE, text, "exact", 1.0)
    found = spdx.canonical_id(text)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "case", 1.0)
    found = t["tags"].get(folded)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "tag", 0.95)
    family = (
        t["families"].get(folded)
        or t["families"].get(_loose(text))
        or t["families"].get(_TRAILING.sub("", _loose(text)))
    )
    if family:
        return Normalised(raw, Kind.FAMILY, None, "family", 1.0, family=family)
    found = t["alias"].get(folded)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "alias", 0.95)
    loose = _loose(text)
    found = t["loose"].get(loose)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "loose-alias", 0.85)
    found = t["names"].get(loose)
    if found:
        return Normalised(raw, Kind.LICENCE, found, "spdx-name", 0.9)
    trimmed = _TRAILING.sub("", loose)
    found = t["loose"].get(trimmed) if trimmed != loose else None
    if found:
        return Normalised(raw, Kind.LICENCE, found, "loose-alias", 0.85)
    patterned = _pattern(folded)
    if patterned:
        return Normalised(raw, Kind.LICENCE, patterned[0], "pattern", patterned[1])
    hyphenated = spdx.canonical_id(_SPACES.sub("-", text))
    if hyphenated:
        return Normalised(raw, Kind.LICENCE, hyphenated, "hyphenated", 0.9)
    problem = grammar_error(text)
    if problem:
        return Normalised(raw, Kind.UNRESOLVED, None, "malformed", 0.0, problem=problem)
    if _OPERATORS.search(text):
        return _expression(raw, text)
    if "/" in text and "://" not in text:
        return _slashed(raw, text)
    return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)


def _slashed(raw: str, text: str) -> Normalised:
    """'MIT/Apache-2.0': the older Cargo and npm way of writing a choice of licences (OR)."""
    parts = [normalise(p) for p in text.split("/")]
    if len(parts) < 2 or any(p.kind is not Kind.LICENCE or p.expression is None for p in parts):
        return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
    n = _expression(raw, " OR ".join(p.expression or "" for p in parts))
    if n.expression is None:  # pragma: no cover - every part resolved
        return n
    return Normalised(
        raw, n.kind, n.expression, "expression", min(p.confidence for p in parts) * 0.9, parts=n.parts
    )


@cache
def _exceptions() -> dict[str, str]:
    """Exception ids WITH may name: the SPDX list's and ScanCode's (these resolve, and are judged closed
    unless on the SPDX list: ``openness.licences.expression``)."""
    from license_expression import get_license_index

    out = {
        spdx.fold(row["spdx_license_key"]): row["spdx_license_key"]
        for row in get_license_index()
        if row.get("is_exception") and row.get("spdx_license_key")
    }
    out.update({spdx.fold(key): key for key in spdx.EXCEPTIONS})
    return out


def _expression(raw: str, text: str) -> Normalised:
    """Resolve each operand, then parse the rebuilt expression with license-expression."""
    from license_expression import ExpressionError

    tokens = [tok.strip() for tok in _SPLIT.split(text) if tok and tok.strip()]
    rebuilt: list[str] = []
    parts: list[Normalised] = []
    after_with = False
    for tok in tokens:
        upper = tok.upper()
        if upper in ("AND", "OR", "WITH"):
            rebuilt.append(upper)
            after_with = upper == "WITH"
            continue
        if tok in "()":
            rebuilt.append(tok)
            continue
        if after_with:
            exception = _exceptions().get(spdx.fold(tok))
            if exception is None:
                return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
            rebuilt.append(exception)
            after_with = False
            continue
        part = normalise(tok)
        if part.kind is not Kind.LICENCE or part.expression is None:
            return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0, parts=(part,))
        parts.append(part)
        rebuilt.append(part.expression)
    if not parts:
        return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
    try:
        parsed = licensing().parse(" ".join(rebuilt), validate=False, strict=False)
    except (ExpressionError, IndexError, ValueError, TypeError):  # the parser's errors on malformed input
        return Normalised(raw, Kind.UNRESOLVED, None, "none", 0.0)
    if parsed is None:  # pragma: no cover - operands were checked above
        return Normalised(raw, Kind.NONE, None, "empty", 1.0)
    rendered = str(parsed.render("{symbol.key}"))
    kind = Kind.EXPRESSION if " " in rendered else Kind.LICENCE
    confidence = min((p.confidence for p in parts), default=1.0)
    return Normalised(raw, kind, rendered, "expression", confidence, parts=tuple(parts))
