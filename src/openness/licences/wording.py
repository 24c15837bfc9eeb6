"""The comparable words of a licence text, and which of a reference text's words are its terms.

Texts are compared as word sequences (ASCII a-z and 0-9) after removing Markdown and HTML, copyright lines
and notices, list numbers and spelling variants ('licence'/'license'), so that reflowing, wrapping, a
changed copyright line or a Markdown or HTML wrapper do not matter. ``body`` says which words of a
reference text are its terms: the GNU 'how to apply' appendix, the notices Creative Commons puts around
its licences and the GPL-3.0 the SPDX copy of LGPL-3.0 carries are left out.
"""

from __future__ import annotations

import html
import re

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


def body(tokens: list[str]) -> tuple[int, int]:
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
