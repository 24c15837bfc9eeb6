"""The version a licence text says it is, in its title lines, against the version of the licence it is
matched to: a text whose title says version 1.1 is never given as version 1.0 (OpenMDW 1.0/1.1, CC 3.0/4.0,
GPL 2/3, Llama 3/3.1/3.2 …).

Versions are read from a text's first lines only (a title, a version line), in the forms licences write
them: 'Version 2.0', 'v1.1', '4.0 International', 'LLAMA 3.2 COMMUNITY LICENSE', 'License 2.0'. A
reference's versions are read the same way from its reference text, or from a catalogue entry's name and
recorded phrases. No version named on either side: no conflict.
"""

from __future__ import annotations

import re

TITLE_LINES = 6
_FORMS = (
    re.compile(r"\bversion\s*:?\s*(\d{1,2}(?:\.\d{1,2})*)\b(?![.,]?\d)", re.IGNORECASE),
    re.compile(r"(?<![\w.])v(\d{1,2}(?:\.\d{1,2})+)\b", re.IGNORECASE),
    re.compile(r"\b(\d{1,2}\.\d{1,2})\s+(?:international|unported|generic|universal)\b", re.IGNORECASE),
    # a number between a name and the word licence / agreement: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT'
    re.compile(
        r"\b[A-Za-z][\w-]*\s+(\d{1,2}(?:\.\d{1,2})?)\s+(?:[A-Za-z]+\s+){0,3}(?:licen[cs]e|agreement)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:licen[cs]e|agreement),?\s+(\d{1,2}\.\d{1,2})\b", re.IGNORECASE),
)
_MARKS = re.compile(r"[#*_`>=~|]+")


def _canonical(version: str) -> str:
    """'3' and '3.0' are one version; '3.1' is another."""
    parts = version.split(".")
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return ".".join(str(int(p)) for p in parts)


def versions_in(text: str, lines: int = TITLE_LINES) -> frozenset[str]:
    """The versions named in the first ``lines`` non-empty lines of a text."""
    head: list[str] = []
    for line in text[:4000].splitlines():
        line = _MARKS.sub(" ", line).strip()
        if line:
            head.append(line)
            if len(head) >= lines:
                break
    found: set[str] = set()
    for line in head:
        for form in _FORMS:
            found.update(_canonical(m.group(1)) for m in form.finditer(line))
    return frozenset(found)


def conflict(text_versions: frozenset[str], licence_versions: frozenset[str]) -> bool:
    """True when both name versions and none agree."""
    return bool(text_versions) and bool(licence_versions) and not (text_versions & licence_versions)


def describe(text_versions: frozenset[str]) -> str:
    return ", ".join(sorted(text_versions))


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"),
        start=1,
    )
}  # fmt: skip
_DATE_LINE = re.compile(
    r"\b(?:dated|date|effective\s+date|release\s+date|last\s+(?:modified|updated))\s*:?\s*"
    r"(january|february|march|april|may|june|july|august|september|october|november|december)\s+"
    r"(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)


def dates_in(text: str, lines: int = TITLE_LINES) -> frozenset[str]:
    """The dates (ISO) a text's first lines give as its own ('Dated: November 28, 2023', 'Version Release
    Date: July 23, 2024')."""
    head = "\n".join(text[:4000].splitlines()[: lines * 3])
    return frozenset(
        f"{int(m.group(3)):04d}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
        for m in _DATE_LINE.finditer(head)
    )


def date_conflict(text_dates: frozenset[str], entry_version: str) -> bool:
    """True when the text dates itself and the entry is a text of another full date."""
    return (
        bool(text_dates)
        and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry_version))
        and (entry_version not in text_dates)
    )
