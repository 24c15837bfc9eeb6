"""The prepared reference texts the matcher (``detect``) compares with: each text's words and where its
body (the terms) lies, an index of every word as a bit, each text's word set as a bit mask, and the
postings of rare words (which texts hold them). Built once from the packaged texts and kept on disk
(``prepared``); a cache entry of another shape is rebuilt (``valid_index``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeGuard

from openness.licences.texts import ReferenceTexts
from openness.licences.wording import body, words

RARE = 60
"""Words in at most this many reference texts are 'rare': they point to the texts worth comparing."""


Words = tuple[tuple[str, tuple[str, ...], int, int], ...]
"""(licence id, words of the full text, where the body (the terms) begins and ends) per reference text."""
Index = tuple[Words, dict[str, int], tuple[int, ...], dict[str, tuple[int, ...]]]
"""The reference words, every word's bit, each reference's word set as bits, and the rare words'
postings (read by ``detect._vocab_masks`` and ``detect._postings``)."""


def build_index(refs: ReferenceTexts) -> Index:
    rows = reference_words(refs)
    index: dict[str, int] = {}
    for _, full, _, _ in rows:
        for word in full:
            if word not in index:
                index[word] = len(index)
    vocabs = [frozenset(full) for _, full, _, _ in rows]
    masks = tuple(mask(map(index.__getitem__, vocab)) for vocab in vocabs)
    postings: dict[str, list[int]] = {}
    for i, vocab in enumerate(vocabs):
        for word in vocab:
            postings.setdefault(word, []).append(i)
    rare = {w: tuple(sorted(ix)) for w, ix in postings.items() if len(ix) <= RARE}
    return rows, index, masks, rare


def reference_words(refs: ReferenceTexts) -> Words:
    out = []
    for licence_id, text in sorted(refs.texts.items()):
        full = words(text)
        if len(full) < 8:
            continue
        out.append((licence_id, tuple(full), *body(full)))
    return tuple(out)


def valid_index(data: object) -> TypeGuard[Index]:
    """A cache entry has the shape ``build_index`` gives (anything else is rebuilt)."""
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


def mask(bits: Iterable[int]) -> int:
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
