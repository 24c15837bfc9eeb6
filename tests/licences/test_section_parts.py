"""A licence file that gathers the licences of several copied tools: each part is compared with the texts
closest to it, not only with those closest to the whole file. Built from the SPDX reference texts, laid
out as such files are (a heading per tool, one line per paragraph in the last part)."""

from __future__ import annotations

import re

from openness.licences.identification import identify_text
from openness.licences.texts import reference_texts

TEXTS = reference_texts().texts


def _one_line_paragraphs(text: str) -> str:
    paras = [re.sub(r"\s*\n\s*", " ", p.strip()) for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(re.sub(r"^\d\.\s*", "", p) for p in paras)


def _gathered() -> str:
    bsd2 = TEXTS["BSD-2-Clause"].replace("<year> <owner>", "2017, A. Author")
    conditions = "\n\n".join(p for p in bsd2.split("\n\n") if "Redistribution" in p)
    bsd3 = _one_line_paragraphs(TEXTS["BSD-3-Clause"].replace("<year> <owner>", "2015, Example Co"))
    bsd3 = bsd3.replace("the name of the copyright holder nor", "the name Example Co nor")
    return (
        f"{bsd2}\n\n------ LICENCE FOR THE EDGE TOOL ------\nBSD Licence\n\nFor the edge tool\n"
        f"Copyright (c) 2016, B. Author\n\n{conditions}\n\n"
        f"------ LICENCE FOR THE NOISE TOOL ------\nBSD Licence\n\nFor the noise tool\n\n{bsd3}"
    )


def test_each_part_is_read_against_the_texts_closest_to_it() -> None:
    found = identify_text(_gathered(), "LICENSE")
    parts = [(s.kind, s.id) for s in found.sections if s.kind in ("licence", "modified")]
    assert parts[0] == ("licence", "BSD-2-Clause")
    assert parts[-1] == ("licence", "BSD-3-Clause")


def test_a_truncated_copy_in_the_middle_stays_modified() -> None:
    found = identify_text(_gathered(), "LICENSE")
    # the edge tool's copy lacks the disclaimer: not BSD-2-Clause as written, an unrecognised part of the
    # AND; the two clean copies keep their ids, and the file is not open
    assert found.id == "BSD-2-Clause AND BSD-3-Clause AND LicenseRef-openness-unrecognised"
    assert found.open_for == {"code": False, "data": False, "document": False}
    assert any("so not BSD-2-Clause" in n for n in found.notes)
    assert [s.kind for s in found.sections if s.kind in ("licence", "modified")] == [
        "licence",
        "modified",
        "licence",
    ]


def _with_third_party_notices(entries: int) -> str:
    """A project's Apache-2.0 followed by the notices of the packages it bundles, as such files are laid
    out: a heading, then per package a numbered line with its name and address and its licence text."""
    kinds = ("MIT", "BSD-3-Clause", "BSD-2-Clause", "ISC", "Apache-2.0")
    parts = [TEXTS["Apache-2.0"], "THIRD-PARTY SOFTWARE NOTICES AND INFORMATION"]
    for i in range(entries):
        text = TEXTS[kinds[i % len(kinds)]]
        text = text.replace("<year> <copyright holders>", f"2019 Example Author {i}")
        text = text.replace("<year> <owner>", f"2020 Example Org {i}")
        parts.append(f"{i + 1}. example-package-{i} (https://example.org/package-{i})\n\n{text}")
    return "\n\n".join(parts)


def test_a_licence_followed_by_hundreds_of_third_party_notices_is_read_part_by_part() -> None:
    """~300 kB: no one reference text is close to the whole, and more than a dozen parts."""
    text = _with_third_party_notices(200)
    assert len(text) > 250_000
    found = identify_text(text, "LICENSE")
    assert found.id == "Apache-2.0 AND BSD-2-Clause AND BSD-3-Clause AND ISC AND MIT"
    licences = [s for s in found.sections if s.kind == "licence"]
    assert len(licences) == 201 and licences[0].id == "Apache-2.0" and licences[0].start == 1
    assert not [s for s in found.sections if s.kind in ("modified", "terms")]


def test_one_changed_notice_among_hundreds_is_an_unrecognised_part() -> None:
    text = _with_third_party_notices(120)
    entry = text.index("61. example-package-60")  # an MIT entry
    changed = text[:entry] + text[entry:].replace("free of charge", "for a fee of ten euros a copy", 1)
    found = identify_text(changed, "LICENSE")
    assert found.id is not None and found.id.endswith("AND LicenseRef-openness-unrecognised")
    (modified,) = [s for s in found.sections if s.kind == "modified"]
    assert modified.id == "MIT" and modified.start > changed[:entry].count("\n")


def test_past_the_paragraph_bound_the_licence_is_unknown_and_the_note_says_why() -> None:
    from openness.licences.sections import MAX_PARAGRAPHS

    text = TEXTS["MIT"] + "\n\n" + "\n\n".join(f"package-{i}" for i in range(MAX_PARAGRAPHS + 1))
    found = identify_text(text, "NOTICE")
    assert found.id is None
    assert any(f"more than {MAX_PARAGRAPHS:,} paragraphs" in n for n in found.notes)
