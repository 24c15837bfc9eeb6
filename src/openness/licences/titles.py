"""Catalogue licences no package ships a text of, by the distinctive title or version line the catalogue
records (with its source); and the check that a title's version agrees with the licence it is matched to.
Such a match cannot tell a modified text: the notes say so.
"""

from __future__ import annotations

import re
from functools import cache

from openness.licences import catalogue, versions
from openness.licences.matches import TextMatch, replace_match
from openness.licences.texts import reference_texts
from openness.licences.wording import words


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


def title(tokens: list[str], text: str) -> TextMatch | None:
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
        if versions.conflict(said, _catalogue_versions(licence_id)) or dated_otherwise(dated, licence_id):
            refused.append(licence_id)
            continue
        entry = catalogue.lookup(licence_id)
        recorded = entry.title_versions if entry else None
        marks = entry.body_phrases if entry else ()
        if (recorded is not None and said and not said <= set(recorded)) or (
            marks and not any(f" {' '.join(words(m))} " in joined for m in marks)
        ):  # another issue of the licence: a version its title does not name, or not its words
            refused.append(licence_id)
            continue
        note = (
            f"recognised by the phrase '{phrase}' recorded for {licence_id} "
            f"(source: {sources[phrase]}); no reference text is packaged for it, so changes to the "
            "rest of the text cannot be detected"
        )
        confidence = 0.9 if position < 400 else 0.8 if position < 1500 else 0.7
        return TextMatch(licence_id, None, "title", confidence, notes=(note,))
    named = " and ".join(
        ([f"version {versions.describe(said)}"] if said else [])
        + ([f"the date {versions.describe(dated)}"] if dated else [])
    )
    why = f"the title names {named}" if named else "the text lacks the words of the catalogued issue"
    note = (
        f"{why}; the licences whose phrases the text holds ({', '.join(dict.fromkeys(refused))}) are other "
        "issues: not given as either"
    )
    return TextMatch(None, None, "none", 0.0, tuple((r, 0.0) for r in dict.fromkeys(refused)), notes=(note,))


def dated_otherwise(dated: frozenset[str], licence_id: str) -> bool:
    """The text dates itself, and the id names another date of its text (…-2023-12-06); a date decides
    only for an id that names one."""
    entry = catalogue.lookup(licence_id)
    return entry is not None and entry.version in licence_id and versions.date_conflict(dated, entry.version)


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


def versioned(text: str, match: TextMatch) -> TextMatch:
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
    return replace_match(match, id=None, method="none", confidence=0.0, notes=(*match.notes, note))


@cache
def _same_text() -> dict[str, tuple[str, ...]]:
    """Licence id → the other ids whose reference text has the very same words (GPL-2.0-only and
    GPL-2.0-or-later …)."""
    out: dict[str, tuple[str, ...]] = {}
    from openness.licences.detect import exact_texts

    for ids in exact_texts().values():
        for i in ids:
            out[i] = tuple(dict.fromkeys(x for x in (*out.get(i, ()), *ids) if x != i))
    return out


def as_named(text: str, match: TextMatch) -> TextMatch:
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
    return replace_match(match, id=named[0], notes=(*match.notes, note))
