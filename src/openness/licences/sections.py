"""A licence file that is not one clean licence text, read section by section.

Real licence files wrap the standard texts: a title or heading, a licence followed by a disclaimer or a
third-party notice, several licences one after the other ("Part 1: code … Part 2: model weights …").
``split`` cuts such a text into sections at paragraph boundaries and identifies each one with the same
text matcher (``openness.licences.detect``):

1. the paragraphs are compared with the reference text closest to the whole (word triples); the longest
   run of paragraphs that text covers is one section, identified on its own (a clean match, or a
   modified licence that is no licence: 'modified, closest …');
2. the text before and after that run is read the same way, recursively (at most ``MAX_SECTIONS``);
   a long text no one reference covers (a licence followed by hundreds of third-party notices) is cut at
   the heading nearest its middle and each half read the same way;
3. what no reference covers is other text: title lines and headings (``title``), prose that states
   nothing about use or rights (a disclaimer, an attribution, a third-party notice: ``notice``), or
   prose with terms of its own (``terms``: 'may not', 'only for', 'you agree' …).

The file's licence is the AND of its licence sections (the cautious reading: the file does not say
whether they are alternatives), each with its line range; notices are reported, not decisive. A section
whose heading names what it covers (code, model weights, data, documentation) carries that ``scope``.
Text with terms of its own, or a lone modified licence, makes the whole file unknown, 'modified, closest
…': a licence with added terms is not that licence. A modified licence among identified ones (three
licences one after another, one of them without its disclaimer) is an unrecognised part of the AND: the
others keep their ids. No word here names a licence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openness.licences import titles
from openness.licences.matches import TextMatch
from openness.licences.wording import words

if TYPE_CHECKING:
    from openness.licences.detect import _Ref

    Ranked = list[tuple[float, _Ref]]

MAX_SECTIONS = 1000
OPENING = 6
"""Words that open a licence text (``detect.openings``): where a list of licences may be cut."""
MAX_PARAGRAPHS = 10_000
"""Texts with more paragraphs are not split (said in a note): the matcher's answer stands."""
COVERED = 0.75
"""Share of a paragraph's word triples a reference must hold for the paragraph to be part of it."""
SUBSTANTIAL = 0.5
"""A run of paragraphs holding less than this share of a licence's words that is not that licence is text
the licence shares with others (its notice, its disclaimer), not a modified copy of it."""
SHORT = 15
"""Paragraphs of at most this many words with no terms are titles or headings."""

_TERMS = re.compile(
    r"\b(?:may|must|shall|will|should|can)(?:\s+not|n[o']t)?\s+(?:be\s+)?(?:used?|distribut|modif|copy|"
    r"shar|sell|deploy|train|access|redistribut|reproduc|sublicens|creat|make)|"
    r"\bmay\s+not\b|\bmust\s+not\b|\bshall\s+not\b(?!\s+be\s+liable)|\bcannot\b|\bprohibit|\brestrict|"
    r"\bonly\s+(?:be\s+)?(?:for|used|with|in|by|under)\b|\byou\s+(?:agree|must|shall|may)\b|\bagree\s+to\b|"
    r"\bterminat|\bgrants?\b|\bpermission\s+(?:is|to)\b|\bpermitted\b|\bcommercial|\bresearch\s+purposes?\b|"
    r"\bacademic\b|\bintended\s+(?:for|solely)\b|\bsolely\b|\bconditions?\b",
    re.IGNORECASE,
)
"""Words that set terms of use (rights given or withheld, obligations, purposes)."""
_RESTRICTS = re.compile(
    r"\b(?:may|must|shall|will|can)\s+not\b(?!\s+be\s+liable)|\bcannot\b|\bprohibit|\brestrict|"
    r"\bnon-?commercial\s+(?:use|purposes?|research)\b|\bnot\s+for\s+commercial\b|"
    r"\bonly\s+(?:be\s+)?(?:for|used)\b|\bsolely\b|"
    r"\bresearch\s+purposes?\b|\bdoes\s+not\s+grant\b|\bno\s+right\b|\byou\s+agree\b|\bterminat",
    re.IGNORECASE,
)
"""Words that take a right away (a use, a purpose, a person): the terms a short statement may add."""
_STATES = re.compile(r"\b(?:licen[cs]ed|released|distributed|available|provided)\s+under\b", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\bwarrant|\bliab|\bas[\s\"'“”]+is\b|\bdamages\b|\bresponsib|\bendorse|\baccuracy\b|\bmerchantab",
    re.IGNORECASE,
)
"""Words of a disclaimer: a sentence with them takes no rights away (and may say 'shall not')."""
_NOTICE = re.compile(
    r"\bcopyright\b|\bincludes?\b|\bcontains?\b|\bbased\s+on\b|\bderived\s+from\b|\bdeveloped\s+(?:by|at)\b|"
    r"\bportions?\b|\bthird[\s-]part|\b(?:licen[cs]ed|released|distributed|available|provided)\s+(?:under|at)\b|"
    r"\blicen[cs]es?\s+for\b|\bapplies\s+to\b|\bfollowing\b|\bfiles?\b|\bincorporat|\bnotices?\b|\bbelow\b|\babove\b|"
    r"\brepository\b|\b(?:copied|adapted|modified)\s+from\b|\bpublic\s+domain\b|\bsee\b|"
    r"\bfor\s+more\s+information\b|\bthank|\backnowledg|\bcontact\b|\btrademarks?\b|\bhttps?://",
    re.IGNORECASE,
)
"""Words of an attribution or a third-party notice: who made what, under which terms, where to look."""
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
_SCOPES = (
    ("model", re.compile(r"\b(?:models?|weights?|parameters?|checkpoints?)\b", re.IGNORECASE)),
    ("data", re.compile(r"\b(?:data|datasets?)\b", re.IGNORECASE)),
    ("document", re.compile(r"\b(?:documentation|docs|documents?)\b", re.IGNORECASE)),
    ("code", re.compile(r"(?<!legal )\b(?:code|software|source)\b", re.IGNORECASE)),
)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|\*\*|part\s+\w+\b|section\s+\w+\b|[=\-*_~]{3,})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a licence file, with its lines (1-based, inclusive)."""

    start: int
    end: int
    kind: str
    """``licence`` (identified), ``modified`` (close to a licence, not it), ``title``, ``notice`` or
    ``terms``."""
    id: str | None = None
    """The licence, for a ``licence`` section; the closest licence, for a ``modified`` one."""
    scope: str | None = None
    """What the section's heading says it covers: ``code``, ``model``, ``data``, ``document``."""
    detail: str = ""

    @property
    def lines(self) -> str:
        return f"lines {self.start}–{self.end}" if self.end > self.start else f"line {self.start}"


@dataclass(frozen=True, slots=True)
class _Para:
    start: int
    end: int
    text: str
    tokens: list[str]


def paragraphs(text: str) -> list[_Para]:
    """The paragraphs of a text (blank lines apart), with their line numbers and comparable words."""
    out: list[_Para] = []
    lines = text.splitlines()
    start: int | None = None
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if start is None:
                start = number
            continue
        if start is not None:
            body = "\n".join(lines[start - 1 : number - 1])
            out.append(_Para(start, number - 1, body, words(body)))
            start = None
    return out


def terms_in(text: str) -> str | None:
    """The first sentence of a text that may set terms of use, or None. A sentence with words of terms
    does, unless it is a disclaimer; so does prose (four words or more) in a paragraph with no words of
    an attribution or notice: prose openness cannot place is read as terms (the cautious reading)."""
    for paragraph in re.split(r"\n\s*\n", text):
        noticed = bool(_NOTICE.search(paragraph))
        for sentence in _SENTENCE.split(paragraph):
            if _DISCLAIMER.search(sentence) or _heading(sentence):
                continue
            if _TERMS.search(sentence) or (len(sentence.split()) >= 4 and not noticed):
                return " ".join(sentence.split())[:160]
    return None


def _heading(text: str) -> bool:
    """A title or heading: a few words, no sentence, no terms."""
    stripped = text.strip()
    return (
        len(stripped.split()) <= SHORT
        and not stripped.endswith((".", "!", "?", ";"))
        and not _TERMS.search(stripped)
    )


def kinds_named(text: str) -> frozenset[str]:
    """Every kind of artifact a text names (model weights, code, data, documents)."""
    return frozenset(scope for scope, pattern in _SCOPES if pattern.search(text))


def scope_of(heading: str) -> str | None:
    """What a heading says a section covers: the one kind it names (model weights, code, data …)."""
    found = set(kinds_named(heading))
    if len(found) == 1:
        return found.pop()
    if "model" in found:  # 'model weights and code': not one kind; 'model data' reads as the model's
        return "model" if found <= {"model", "data"} and "weight" in heading.lower() else None
    return None


def split(text: str, ranked: Ranked | None = None) -> tuple[list[Section], list[str]] | None:
    """The sections of a text, or None when it has no part a reference text covers (nothing to split);
    no sections and a note when the text is past the bound.
    ``ranked``: the matcher's ranking of the whole text, when it has one (the whole is then known not to
    be one clean text, and is not compared again)."""
    paras = paragraphs(text)
    if len(paras) > MAX_PARAGRAPHS:
        return [], [f"more than {MAX_PARAGRAPHS:,} paragraphs: not read part by part (a bound)"]
    sections: list[Section] = []
    notes: list[str] = []
    _read(paras, sections, notes, ranked)
    if not any(s.kind in ("licence", "modified") for s in sections):
        return None
    sections.sort(key=lambda s: s.start)
    return _with_scopes(sections, paras), notes


def _read(paras: list[_Para], out: list[Section], notes: list[str], ranked: Ranked | None = None) -> None:
    """Identify ``paras``: a clean match whole; else the run of paragraphs the closest reference covers,
    and the rest on either side the same way."""
    from openness.licences import detect

    if not paras:
        return
    tokens = [t for p in paras for t in p.tokens]
    text = "\n\n".join(p.text for p in paras)
    if len(out) >= MAX_SECTIONS:
        out.append(_other(paras))
        notes.append(f"more than {MAX_SECTIONS} sections: the rest was not split")
        return
    cut = _heading_near_middle(paras) if len(tokens) >= detect.LONG else None
    if cut is not None:  # a long list of licences (one and its third-party notices): halves read apart
        _read(paras[:cut], out, notes)
        _read(paras[cut:], out, notes)
        return
    if ranked is None and len(tokens) >= 3 * detect.CLAUSE:  # shorter is no licence text: other text
        whole = detect.identify_whole(text)
        if whole.id is not None and whole.method in ("text", "title"):
            out.append(Section(paras[0].start, paras[-1].end, "licence", whole.id, detail=whole.method))
            return
    if len(tokens) >= 3 * detect.CLAUSE and ranked is None:
        ranked = detect.rank(tokens)
    run = _covered_run(paras, ranked) if ranked else None
    if run is None:
        out.append(_other(paras))
        return
    lo, hi, ref_id, ref_size = run
    inner = "\n\n".join(p.text for p in paras[lo:hi])
    same = detect.exact_texts().get(tuple(t for p in paras[lo:hi] for t in p.tokens))
    # the very words of a reference text (the common case): no need to compare again; else compare
    # with the texts closest to the whole only
    exact = TextMatch(same[0], 1.0, "text", 1.0) if same else None
    among = tuple(ref for _, ref in (ranked or [])[:3])
    found = titles.versioned(inner, exact) if exact else detect.identify_whole(inner, among)
    if found.id is None and exact is None and among:
        # the texts closest to the whole need not be closest to this part (a BSD-3-Clause notice after
        # two BSD-2-Clause ones): the part compared on its own
        alone = detect.identify_whole(inner)
        if alone.id is not None and alone.method in ("text", "title"):
            found = alone
    again = _second_copy(paras[lo:hi], ranked[0][1]) if ranked and found.id is None else None
    if found.id is not None and found.method in ("text", "title"):
        out.append(Section(paras[lo].start, paras[hi - 1].end, "licence", found.id, detail=found.method))
    elif again is not None:  # two copies of one licence, one after the other: each read on its own
        _read(paras[lo : lo + again], out, notes)
        _read(paras[lo + again : hi], out, notes)
    elif sum(len(p.tokens) for p in paras[lo:hi]) < SUBSTANTIAL * ref_size:
        # a few paragraphs a licence shares with others (a notice, a disclaimer): not that licence changed
        out.append(_other(paras[lo:hi]))
    else:
        closest = found.candidates[0][0] if found.candidates else ref_id
        out.append(
            Section(
                paras[lo].start, paras[hi - 1].end, "modified", closest, detail="; ".join(found.differences)
            )
        )
    _read(paras[:lo], out, notes)
    _read(paras[hi:], out, notes)


def _heading_near_middle(paras: list[_Para]) -> int | None:
    """Where to cut a long text no one licence covers, to read its halves apart: the heading (a short
    line without terms: a package's name, a rule of dashes) nearest to the middle of its words whose next
    words open a licence text (so the cut falls between two licences of the list, never inside one).
    None when it has none."""
    from openness.licences.detect import openings

    starts = openings()
    total = sum(len(p.tokens) for p in paras)
    seen, best, best_gap = 0, None, total
    for i, p in enumerate(paras):
        if i and abs(2 * seen - total) < best_gap and _heading(p.text):
            following = next((q.tokens for q in paras[i + 1 : i + 4] if len(q.tokens) >= OPENING), None)
            opened = starts.get(tuple(following[:OPENING])) if following is not None else None
            # a heading of the licence that follows ('TERMS AND CONDITIONS …') is inside it: no cut there
            if opened and not any(_coverage(p.tokens, ref.triples) for ref in opened):  # full text's
                best, best_gap = i, abs(2 * seen - total)
        seen += len(p.tokens)
    return best


def _second_copy(run: list[_Para], ref: _Ref) -> int | None:
    """Where, in a run of paragraphs, the reference's opening words begin again (a label such as
    '(2.B)' may stand before them): the start of a second copy, or None."""
    head = list(ref.tokens[:6])
    if len(head) < 6:
        return None
    for i, p in enumerate(run[1:], start=1):
        for at in range(min(4, len(p.tokens) - 5)):
            if p.tokens[at : at + 6] == head:
                return i
    return None


def _covered_run(paras: list[_Para], ranked: Ranked) -> tuple[int, int, str, int] | None:
    """(first, end, reference id) of the longest run of paragraphs the reference closest to the text
    covers; paragraphs too short to tell (fewer than three words) may stand inside a run."""
    from openness.licences import detect

    if not ranked or ranked[0][0] < 0.2:
        return None
    best: tuple[int, int, int, _Ref] | None = None
    for _, ref in ranked[:1]:  # the closest text decides where its run is; the rest is read apart
        known = ref.triples
        start: int | None = None
        size = 0
        last = -1
        for i, p in enumerate([*paras, None]):
            covered = p is not None and _coverage(p.tokens, known)
            if covered is None:  # too short: part of a run only between covered paragraphs
                continue
            if covered:
                if start is None:
                    start, size = i, 0
                size += len(p.tokens) if p is not None else 0
                last = i
                continue
            if start is not None and (best is None or size > best[2]):
                best = (start, last + 1, size, ref)
            start = None
    if best is None or best[2] < 3 * detect.CLAUSE:
        return None
    return best[0], best[1], best[3].id, len(best[3].tokens)


def _coverage(tokens: list[str], known: frozenset[tuple[str, str, str]]) -> bool | None:
    triples = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
    if not triples:
        return None
    return sum(map(known.__contains__, triples)) >= COVERED * len(triples)


def _other(paras: list[_Para]) -> Section:
    """Text no reference covers: title lines, a notice, or terms of its own."""
    text = "\n\n".join(p.text for p in paras)
    terms = terms_in(text)
    start, end = paras[0].start, paras[-1].end
    if all(_heading(p.text) for p in paras):
        return Section(start, end, "title", detail=" ".join(text.split())[:120])
    if terms is not None:
        return Section(start, end, "terms", detail=terms)
    return Section(start, end, "notice", detail=" ".join(text.split())[:160])


def _with_scopes(sections: list[Section], paras: list[_Para]) -> list[Section]:
    """Each licence section (identified or modified) with the scope its heading names: the headings at the
    top of the section, a title section right before it, or headings at the very end of the section
    before it (a heading read together with the licence above); the nearest heading that names a scope
    decides."""
    from dataclasses import replace

    def inside(s: Section) -> list[_Para]:
        return [p for p in paras if s.start <= p.start <= s.end]

    out: list[Section] = []
    for i, s in enumerate(sections):
        if s.kind in ("licence", "modified"):
            headings: list[str] = []
            if i:
                before = sections[i - 1]
                if before.kind == "title":
                    headings.append(before.detail)
                trailing: list[str] = []
                for p in reversed(inside(before)):
                    if not _heading(p.text):
                        break
                    trailing.insert(0, p.text)
                if before.kind != "title" and len(trailing) < len(inside(before)):
                    headings.extend(trailing)
            for p in inside(s):
                if not _heading(p.text):
                    break
                headings.append(p.text)
            scopes = [scope for scope in map(scope_of, headings) if scope is not None]
            if scopes:
                s = replace(s, scope=scopes[-1])
        out.append(s)
    return out


def combine(sections: list[Section], notes: list[str]) -> TextMatch | None:
    """The file's licence from its sections (see the module's docstring), or None to let the matcher's
    other readings (titles, sentences) speak."""
    from openness.licences.matches import TextMatch

    licences = [s for s in sections if s.kind == "licence" and s.id]
    bad = [s for s in sections if s.kind in ("modified", "terms")]
    parts = [f"{s.lines}: {_describe(s)}" for s in sections]
    notes = [*notes, "sections: " + "; ".join(parts)]
    if licences and bad and all(s.kind == "modified" for s in bad):
        return _with_modified_parts(licences, bad, notes, tuple(sections))
    if bad:
        closest = next((s.id for s in sections if s.kind in ("modified", "licence") and s.id), None)
        why = (
            f"{bad[0].lines}: terms of its own ('{bad[0].detail}')"
            if bad[0].kind == "terms"
            else f"{bad[0].lines}: {bad[0].id} with changes"
        )
        notes.append(
            f"{why}: a modified licence is not the licence it was modified from"
            + (f"; closest: {closest}" if closest else "")
        )
        diffs = tuple(s.detail for s in bad if s.detail)
        return TextMatch(None, None, "none", 0.0, (), diffs, tuple(notes), tuple(sections))
    if not licences or (len(sections) == 1 and licences[0].detail == "title"):
        return None  # nothing beyond what the matcher's title reading says
    ids = sorted({s.id for s in licences if s.id})
    expr = ids[0] if len(ids) == 1 else " AND ".join(f"({i})" if " " in i else i for i in ids)
    if len(ids) > 1:
        notes.append(
            f"{len(ids)} licences in one file, combined with AND (the cautious reading: the file does not "
            "say whether they are alternatives)"
        )
    extra = [s for s in sections if s.kind == "notice"]
    if extra:
        notes.append(
            "text that is not part of the licence (a disclaimer or notice, reported, not judged): "
            + "; ".join(f"{s.lines}: '{s.detail}'" for s in extra)
        )
    confidence = 0.95 if extra or len(ids) > 1 else 0.97
    return TextMatch(expr, None, "sections", confidence, (), (), tuple(notes), tuple(sections))


def _with_modified_parts(
    licences: list[Section], modified: list[Section], notes: list[str], sections: tuple[Section, ...]
) -> TextMatch:
    """Rule ``sections.modified-part``: a file of several licences, one after another, of which some are
    modified copies (a licence's conditions without its disclaimer, changed words) and no text sets terms
    of its own. Each identified licence keeps its id; each modified one is unrecognised: the file's licence
    is the AND of the identified ids and ``UNRECOGNISED``, never the licence a part was modified from, and
    never open (an AND with an unknown part is not)."""
    from openness.licences.matches import UNRECOGNISED, TextMatch

    ids = sorted({s.id for s in licences if s.id})
    expr = " AND ".join([*(f"({i})" if " " in i else i for i in ids), UNRECOGNISED])
    notes.append(
        "several licences in one file, combined with AND; "
        + "; ".join(f"{s.lines}: {s.id} with changes, so not {s.id} (unrecognised)" for s in modified)
        + ": a modified licence is not the licence it was modified from"
    )
    diffs = tuple(s.detail for s in modified if s.detail)
    return TextMatch(expr, None, "sections", 0.6, (), diffs, tuple(notes), sections)


def _describe(s: Section) -> str:
    if s.kind == "licence":
        return f"{s.id}" + (f" (for the {s.scope})" if s.scope else "")
    if s.kind == "modified":
        return f"modified, closest {s.id}"
    return {"title": "title", "notice": "notice", "terms": "terms of its own"}[s.kind]


def added_terms(text: str, licence_id: str) -> str | None:
    """A sentence of a short statement ('Licensed under the Apache License, Version 2.0 …') that sets terms
    the named licence's own text does not hold ('… may not be used to sell the software'), or None. The
    licence's notice ('you may not use this file except in compliance with the License') is its own
    text: a sentence mostly made of the reference text's word triples is not an added term. Sentences
    of licences with no packaged text are not checked (their words are unknown)."""
    from openness.licences import detect

    ref = next((r for r in detect.references() if r.id == licence_id), None)
    for sentence in _SENTENCE.split(text):
        if not _RESTRICTS.search(sentence) or _DISCLAIMER.search(sentence) or _heading(sentence):
            continue
        if _STATES.search(sentence):  # the statement naming the licence itself
            continue
        tokens = words(sentence)
        if ref is not None and _coverage(tokens, ref.triples) is not False:
            continue
        if ref is None and licence_id not in sentence:
            continue
        return " ".join(sentence.split())[:160]
    return None
