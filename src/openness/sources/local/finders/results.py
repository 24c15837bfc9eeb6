"""Evaluation results a card or README gives without a benchmark name in the table: a table introduced
as results ("zero-shot classification performance" above it), and results it points to elsewhere
("see Section 3 of the paper for evaluations", "technical reports for metrics")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from openness.domain.release import Presence
from openness.sources.local.finders.common import hit
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import EVAL_RESULTS, Hit
from openness.sources.local.text import URL_RE

OUTCOME = re.compile(
    r"\b(?:evaluations?|results|metrics|performance|benchmarks?|scores|accuracy|ablations)\b", re.IGNORECASE
)
DOCUMENT = re.compile(
    r"\b(?:paper|technical reports?|tech reports?|reports?|appendix|appendices|section \d+)\b", re.IGNORECASE
)
POINTER = re.compile(
    r"\b(?:see|refer to|(?:can be |are )?found in|described in|describes|reported in|detailed in|given in|"
    r"listed in|in (?:section|table|appendix))\b"
    r"|\b(?:technical|tech)\s+reports?\s+for\s+(?:metrics|results|evaluations?|benchmarks)\b",
    re.IGNORECASE,
)
"""Words that send the reader elsewhere for the results."""
TABLE_INTRO = re.compile(
    r"\b(?:performance|results|accuracy|scores|benchmarks?|evaluation|zero-shot|leaderboard)\b", re.IGNORECASE
)
SPLIT_COLUMN = re.compile(r"\b(?:test|val|valid|validation|dev|held[- ]out)\b", re.IGNORECASE)
"""Rule ``split-column``: a table whose header names an evaluation split ('SA-V test (J&F)', 'MOSE val')
holds scores on it, whatever the heading above says."""
NUMBER = re.compile(r"(?<![\w.])\d{1,3}\.\d{1,2}(?![\w.])")
_CITATION = re.compile(r"\b(?:citation|cite|bibtex|references|acknowledg\w*)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][)\]\"'\u2019\u201d])\s+")
"""Where a sentence ends: after . ! ? — also when a closing bracket or quote follows ('(Please see the
outputs below.) Further tuning …' is two sentences; rule ``sentence-ends``)."""


def outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, stripped line) of the Markdown lines outside code fences (``` or ~~~)."""
    fence = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        elif not fence:
            yield index, stripped


def pointed(f: FileInfo, text: str) -> list[Hit]:
    """A sentence that sends the reader to a paper or report for the model's results."""
    heading = ""
    for index, stripped in outside_fences(text.splitlines()):
        number = index + 1
        if stripped.startswith("#"):
            heading = stripped
            continue
        if _CITATION.search(heading):
            continue
        for sentence in _SENTENCE.split(stripped):
            if OUTCOME.search(sentence) and DOCUMENT.search(sentence) and POINTER.search(sentence):
                link = URL_RE.search(sentence)
                url = link.group(0).rstrip(".,;:!?*_)") if link else None
                detail = f"results pointed to elsewhere: {sentence[:80]}"
                rule = "local.results.pointed-to"
                return [hit(EVAL_RESULTS, f, rule, 0.5, detail, Presence.REFERENCED, line=number, url=url)]
    return []


def introduced_table(f: FileInfo, text: str) -> list[Hit]:
    """A table whose heading or the text just above calls it results, and which holds scores."""
    lines = text.splitlines()
    heading, above = "", ""
    for i, stripped in outside_fences(lines):
        if stripped.startswith("#"):
            heading, above = stripped, ""
            continue
        starts_table = stripped.startswith("<table") or (
            stripped.startswith("|") and i + 1 < len(lines) and set(lines[i + 1].strip()) <= set("|-: ")
        )
        if starts_table:
            intro = f"{heading}\n{above}"
            body = "\n".join(lines[i : i + 60])
            said = TABLE_INTRO.search(intro) or SPLIT_COLUMN.search(stripped)
            if said and len(NUMBER.findall(body)) >= 3:
                detail = f"a table of scores under '{(above or heading)[:60]}'"
                return [hit(EVAL_RESULTS, f, "local.results.introduced-table", 0.5, detail, line=i + 1)]
            above = ""
            continue
        if stripped and not stripped.startswith(("<", "|")):
            above = stripped[-300:]
    return []
