"""What a text says about its licence, short of holding a licence text: ``SPDX-License-Identifier:`` lines,
a model card's front matter ``license:``, and sentences or lines that name a licence ('This model is released
under the Llama 3.1 Community License', 'Model weights: CC-BY-4.0'), each resolved by the normaliser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from openness.licences.matches import TextMatch
from openness.licences.normalise import Kind, normalise

if TYPE_CHECKING:
    from openness.licences.sections import Section

_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n\r*]+?)\s*(?:\*/|-->|#\}|$)", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.{0,20000}?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CARD_FIELD = re.compile(
    r"^(license|license_name|license_link):[ \t]*['\"]?([^'\"\n#]*?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE
)


def card(text: str) -> TextMatch | None:
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


def headers(text: str) -> TextMatch | None:
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


_UNDER = re.compile(
    r"\b(?:released|licensed|licenced|available|distributed|provided|published|governed)\s+under\s+"
    r"(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?((?:[^\n.;:()\[\]]|\.(?=\d)){2,80})",
    re.IGNORECASE,
)


def sentence(text: str) -> TextMatch | None:
    """'This model is released under the Llama 3.1 Community License': the licence a sentence names.

    Only for texts that are not licence texts (a licence's own 'how to apply' notice would otherwise
    name it for a modified copy). The words after 'under' are tried whole, then without trailing words;
    so is the value of a line 'Model weights: CC-BY-4.0'. A sentence or line whose words name what it
    covers (the code, the model weights, the data) gives its licence that scope; several licences are
    read together only when each covers its own kind of artifact."""
    from openness.licences.sections import Section, scope_of

    found: list[tuple[str, str, float, int]] = []
    head = plain(text[:200_000])
    for m in [*_UNDER.finditer(head), *_SCOPED_LINE.finditer(head)]:
        phrase = m.group(1).replace("**", " ").replace("__", " ").replace("`", " ").strip()
        words_ = phrase.split()
        for end in range(len(words_), 0, -1):
            n = normalise(" ".join(words_[:end]))
            if n.kind is Kind.LICENCE and n.expression is not None:
                found.append((n.expression, m.group(0).strip(), n.confidence, m.start()))
                break
        else:  # 'under the Creative Commons license (CC BY-SA-4.0)': the id in brackets (rule bracketed-id)
            bracket = _BRACKETED.match(head, m.end())
            if bracket is None:
                continue
            inner = normalise(bracket.group(1).strip())
            if inner.kind is Kind.LICENCE and inner.expression is not None:
                said = m.group(0).strip() + bracket.group(0)
                found.append((inner.expression, said, inner.confidence, m.start()))
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
        if None in by_scope:
            note = "the text names several licences: " + ", ".join(ids) + "; not one is chosen"
            return TextMatch(None, None, "sentence", 0.0, notes=(note,))
        scoped = _merged(scoped)  # rule several-for-one-scope: base and tuned checkpoints, each its licence
        said = "; ".join(f"the {s.scope}: {s.id} (line {s.start})" for s in scoped)
        note = f"read from the sentences that name what each licence covers: {said}"
        expr = " AND ".join(sorted(f"({i})" if " " in i else i for i in ids))
        return TextMatch(expr, None, "sentence", 0.8, notes=(note,), sections=tuple(scoped))
    expression, sentence, confidence, _ = found[0]
    note = f"read from the sentence '{sentence}' ({expression}); the licence text itself was not seen"
    scopes = {s.scope for s in scoped}
    kept = tuple(scoped[:1]) if len(scopes) == 1 and None not in scopes else ()
    return TextMatch(expression, None, "sentence", min(confidence, 0.8), notes=(note,), sections=kept)


def _merged(scoped: list[Section]) -> list[Section]:
    """Sentences that each name what their licence covers, several for one kind ('base model checkpoints
    are licensed under A', 'fine-tuned checkpoints under B'): that kind is under all of them, read
    together (A AND B), one section per kind at its first sentence."""
    from openness.licences.sections import Section

    out: list[Section] = []
    for sec in scoped:
        same = [o for o in scoped if o.scope == sec.scope]
        if same[0] is not sec:
            continue
        ids = sorted({str(o.id) for o in same})
        if len(ids) == 1:
            out.append(sec)
            continue
        expr = " AND ".join(f"({i})" if " " in i else i for i in ids)
        out.append(Section(sec.start, sec.end, "licence", expr, sec.scope, sec.detail))
    return out


_BRACKETED = re.compile(r"\s*\(\s*([^()\n]{2,40}?)\s*\)")
"""The bracket right after a licence family's name: the precise licence it means."""
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


_BADGE = re.compile(
    r"!\[(?P<alt>[^\]\n]{0,80})\]\(https?://img\.shields\.io/badge/(?P<label>[^/)\s-]{1,20})-"
    r"(?P<value>(?:[^/)\s-]|--){1,60})-[^/)\s]{1,30}\)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
"""A percent-escaped byte of a badge URL ('%20')."""
_ALT = re.compile(r"^\s*licen[cs]e\s*:\s*(.{2,60})$", re.IGNORECASE)


def badge(text: str) -> tuple[int, TextMatch] | None:
    """A licence badge ('![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)'): (its line,
    the licence its label names), or None. The label is the release's own statement, resolved by the
    normaliser like any licence string; a badge naming no one licence says nothing."""
    for m in _BADGE.finditer(text[:200_000]):
        alt = _ALT.match(m.group("alt"))
        if alt:
            value = alt.group(1)
        elif m.group("label").lower() in ("license", "licence"):
            value = _PERCENT.sub(lambda p: chr(int(p.group(1), 16)), m.group("value"))
            value = value.replace("--", "\0").replace("_", " ").replace("\0", "-")
        else:
            continue
        n = normalise(value.strip())
        if n.kind is Kind.LICENCE and n.expression is not None:
            note = (
                f"read from the licence badge '{m.group(0)[:120]}' ({n.expression}); no licence text was seen"
            )
            line = text.count("\n", 0, m.start()) + 1
            return line, TextMatch(n.expression, None, "badge", min(n.confidence, 0.7), notes=(note,))
    return None


_LINK = re.compile(r"!?\[([^\]\n]{0,200})\]\([^)\s]{0,500}\)")
"""A Markdown link or image: its words stay, its target goes."""


def plain(text: str) -> str:
    """Markdown prose as words: links and images give their text, emphasis marks (``*``) are dropped.
    Lines stay where they were (nothing spanning a line break is removed)."""
    return _LINK.sub(lambda m: m.group(1), text).replace("*", "")


_STATES = re.compile(
    r"\blicen[cs](?:e|ed|es|ing)\b|\b(?:released|distributed|available)\s+under\b|\bgoverned\s+by\b|"
    r"\bsubject\s+to\b",
    re.IGNORECASE,
)
"""Words of a sentence that says under which terms something is released."""
_OWN_TERMS = re.compile(
    r"\b(?:own|separate|different|respective|original|other)\s+(?:licen[cs]es?|terms)\b|\bthird[\s-]part",
    re.IGNORECASE,
)
"""A sentence about terms that are not the release's own (a dataset's or another party's)."""
_FILE_POINTER = re.compile(
    r"\]\((?:\./)?(?:[^)\s]*/)?(?:LICEN[CS]E|COPYING)(?:\.(?:md|txt))?\)|\bthe\s+`?LICEN[CS]E`?\s+file\b|"
    r"\bsee\s+`?LICEN[CS]E`?\b",
    re.IGNORECASE,
)
"""A pointer to the release's licence file: a link to LICENSE, 'the LICENSE file', 'see LICENSE'."""


def covered(section: str) -> tuple[frozenset[str], bool]:
    """What a README licence section says its licence covers: the kinds of artifact (``model``, ``code``,
    ``data``, ``document``) its statement sentences name ('code and model weights are released under …',
    'the following license applies to all code … as well as the models'), and whether it ties them to
    the release's licence file (it points to LICENSE, or names the code and the model in one sentence:
    they share the one licence, which the file holds). Sentences about other parties' terms ('datasets
    keep their own licences') name nothing."""
    from openness.licences.sections import kinds_named

    kinds: set[str] = set()
    shared = bool(_FILE_POINTER.search(section))
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", plain(section)):
        if not _STATES.search(sentence) or _OWN_TERMS.search(sentence):
            continue
        named = kinds_named(sentence)
        kinds |= named
        shared = shared or {"code", "model"} <= named
    return frozenset(kinds), shared


_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
POINTER_WORDS = 40
"""A text this short that names one address holds no terms of its own: it points to them."""


def _address(url: str) -> str:
    """A URL compared loosely: no scheme, no ``www.``, host in lower case, no trailing slash or dot."""
    bare = re.sub(r"^https?://(?:www\.)?", "", url.strip().rstrip("/.,;:"), flags=re.IGNORECASE)
    host, _, path = bare.partition("/")
    return f"{host.lower()}/{path}".rstrip("/")


def pointer(text: str) -> TextMatch | None:
    """A licence file that only points to the licence ('See the licence at https://…'): the licence whose
    recorded text is at that address (a catalogue entry's ``url`` or ``other_urls``), or None. Only for a
    short text naming one address: anything longer may hold terms of its own."""
    from openness.licences.catalogue import entries

    if len(text.split()) > POINTER_WORDS:
        return None
    found = {_address(u) for u in _URL.findall(text)}
    if len(found) != 1:
        return None
    address = found.pop()
    for entry in entries():
        if address in {_address(u) for u in (entry.url or "", *entry.other_urls) if u}:
            note = f"the text holds no terms; it points to {address}, where the text of {entry.name} is kept"
            return TextMatch(entry.id, None, "pointer", 0.8, notes=(note,))
    return None


_FIELD = re.compile(r"^[ \t>*+-]*licen[cs]e[ \t]*:[ \t]*([^\n]{2,80})$", re.IGNORECASE | re.MULTILINE)
"""A 'License: Apache 2.0' line of a card's details list (emphasis marks removed first)."""


def licence_field(text: str) -> tuple[int, str, str | None, float] | None:
    """The first 'License: X' line of a card's details that names one licence: (its line, the licence,
    the kind of artifact the heading above it names — 'Model Description' gives ``model`` —, confidence),
    or None."""
    head = plain(text[:200_000])
    for m in _FIELD.finditer(head):
        n = normalise(m.group(1).strip().rstrip("."))
        if n.kind is Kind.LICENCE and n.expression is not None:
            line = head.count("\n", 0, m.start()) + 1
            return line, n.expression, _heading_scope(head, m.start()), min(n.confidence, 0.8)
    return None


_README_ADDRESS = re.compile(r"(?:^|/)readme(?:\.(?:md|markdown|rst|txt))?(?:#[^/\s]*)?$", re.IGNORECASE)


def points_to_readme(text: str) -> bool:
    """A licence file that holds only an address of the project's README ('…/blob/main/README.md#models'):
    no licence of its own; the README's statements (a table of each model's licence) apply."""
    if len(text.split()) > POINTER_WORDS:
        return False
    found = {_address(u) for u in _URL.findall(text)}
    return len(found) == 1 and bool(_README_ADDRESS.search(found.pop()))


_LICENCE_HEADING = re.compile(r"^(#{1,6})\s*(?:\W\s*)?licen[cs](?:e|es|ing)\b[^\n]{0,40}$", re.IGNORECASE)
_ASKS_LICENCE = re.compile(r"^(#{1,6})\s+[^\n]{0,40}?\blicen[cs](?:e|es|ing)\b[^\n]{0,40}$", re.IGNORECASE)
"""A heading that names the licence further in ('What license is this library released under?',
'7. License'): read when no heading starts with it, unless it is about data or documents."""
MAX_SECTION_CHARS = 20_000


def licence_section(markdown: str) -> tuple[int, str] | None:
    """A Markdown document's 'License' section: (line of its first line, its text up to the next heading
    of the same or a higher level), or None. A heading that starts with the word comes first; else a
    heading that names it further in and no kind of artifact other than code or the model."""
    from openness.licences import sections

    lines = markdown.splitlines()
    for strict in (True, False):
        for number, line in enumerate(lines):
            heading = line.strip()
            m = (_LICENCE_HEADING if strict else _ASKS_LICENCE).match(heading)
            if m is None or (not strict and not sections.kinds_named(heading) <= {"code", "model"}):
                continue
            level = len(m.group(1))
            body: list[str] = []
            for later in lines[number + 1 :]:
                head = re.match(r"^(#{1,6})\s", later)
                if head and len(head.group(1)) <= level:
                    break
                body.append(later)
            text = "\n".join(body)[:MAX_SECTION_CHARS]
            if text.strip():
                return number + 2, text
    return None
