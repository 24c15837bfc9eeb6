"""The fast paths of licence text detection give exactly what the plain forms they replace give: the
word split, list-number and notice removal, link unwrapping, the uncovered-word runs and the word-set
scores (hypothesis, on text built from licence-like pieces)."""

from __future__ import annotations

import re
from itertools import groupby

from hypothesis import given, settings
from hypothesis import strategies as st

from openness.licences import detect, wording

PIECES = [
    "Copyright",
    "copyright",
    "COPYRIGHT",
    "(c)",
    "(C)",
    "©",
    "2024",
    "1999-2001",
    "[yyyy]",
    "<year>",
    "All rights reserved",
    "ALL RIGHTS RESERVED.",
    "You",
    "permission",
    "the",
    "Licence",
    "license",
    "1.",
    "12)",
    "123.",
    "2.",
    "a1.",
    "x.2.",
    ",3)",
    " ",
    "\n",
    "\n\n",
    ". ",
    " Redistribution",
    " (a)",
    ' "b"',
    "![img](x.png)",
    "[link](http://x)",
    "[yyyy",
    "]",
    "(",
    ")",
    "Ünïcode",
    "ß",
    "İ",
    "ſ",
    "K",
    "–",
    "’",
    "&",
    "_",
    "Foo Bar Inc.",
    "-",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)

# The plain forms, as they were before the fast paths.
PLAIN_LIST_NUMBER = re.compile(r"(?<![\w.,])\d{1,2}[.)](?=\s+[A-Z(\"'])")
PLAIN_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
PLAIN_TOKEN = re.compile(r"[a-z0-9]+")


@SETTINGS
@given(TEXTS)
def test_list_numbers_are_removed_as_the_lookbehind_pattern_does(text: str) -> None:
    assert wording._LIST_NUMBER.sub(wording._list_number, text) == PLAIN_LIST_NUMBER.sub(" ", text)


@SETTINGS
@given(TEXTS)
def test_notices_are_removed_as_the_case_ignoring_pattern_does(text: str) -> None:
    assert wording._without_notices_in(text) == wording._NOTICE.sub(" ", text)
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    assert wording._without_notices_in(ascii_text) == wording._NOTICE.sub(" ", ascii_text)


@SETTINGS
@given(TEXTS)
def test_links_are_unwrapped_as_the_optional_bang_pattern_does(text: str) -> None:
    assert wording._MD_LINK.sub(r"\1", text) == PLAIN_MD_LINK.sub(r"\1", text)


@SETTINGS
@given(TEXTS)
def test_the_word_split_is_the_regex_split(text: str) -> None:
    folded = text.casefold()
    fast = folded.encode("ascii", "replace").translate(wording._SEPARATE).decode("ascii").split()
    assert fast == PLAIN_TOKEN.findall(folded)


def plain_runs(tokens: list[str], known: frozenset[tuple[str, str, str]]) -> list[tuple[int, int]]:
    triples = zip(tokens, tokens[1:], tokens[2:], strict=False)
    hits = [False, False, *(t in known for t in triples), False, False]
    covered = [a or b or c for a, b, c in zip(hits, hits[1:], hits[2:], strict=False)][: len(tokens)]
    runs, position = [], 0
    for is_covered, group in groupby(covered):
        length = sum(1 for _ in group)
        if not is_covered:
            runs.append((position, position + length))
        position += length
    return runs


WORDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=40)


@SETTINGS
@given(WORDS, WORDS)
def test_uncovered_runs_are_those_of_the_word_by_word_scan(tokens: list[str], reference: list[str]) -> None:
    known = detect._triples(reference)
    assert detect._runs(tokens, known) == plain_runs(tokens, known)


@SETTINGS
@given(st.sets(st.integers(0, 5000), max_size=60), st.sets(st.integers(0, 5000), max_size=60))
def test_bit_masks_count_the_shared_members(a: set[int], b: set[int]) -> None:
    assert (detect._mask(a) & detect._mask(b)).bit_count() == len(a & b)
    assert detect._mask(a).bit_count() == len(a)
