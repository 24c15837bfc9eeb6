"""A licence file that holds no terms and points to the address of a recorded licence text (codellama's
one-line LICENSE) is read as that licence; anything longer, or an unknown address, is not."""

from __future__ import annotations

import pytest

from openness.licences.catalogue import entries, lookup
from openness.licences.identification import identify_text
from openness.licences.statements import POINTER_WORDS, pointer, points_to_readme

LLAMA2 = "LicenseRef-scancode-llama-2-license-2023"


@pytest.mark.parametrize(
    "text",
    [
        "See the licence at https://github.com/facebookresearch/llama/blob/main/LICENSE\n",
        "The terms are kept at <https://www.github.com/meta-llama/llama/blob/main/LICENSE/>.\n",
        "Licence: [the Llama 2 terms](https://github.com/meta-llama/llama/blob/main/LICENSE)\n",
    ],
)
def test_a_pointer_to_a_recorded_licence_text_is_that_licence(text: str) -> None:
    ident = identify_text(text, "LICENSE")
    assert ident.id == LLAMA2 and ident.method == "pointer"
    assert any("points to" in n for n in ident.notes)


def test_a_pointer_to_a_policy_is_the_policy_not_a_licence() -> None:
    ident = identify_text("Our use policy: https://github.com/facebookresearch/llama/blob/main/USE_POLICY.md")
    assert ident.id == "LicenseRef-openness-llama-2-aup" and ident.kind == "policy"


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.org/our-terms for the licence.",  # an address no licence is recorded at
        "Terms: https://github.com/meta-llama/llama/blob/main/LICENSE and https://example.org/extra",
        "You may use this model only for research. " * 6
        + "Based on https://github.com/meta-llama/llama/blob/main/LICENSE",  # terms of its own
    ],
)
def test_no_pointer_is_read_from_other_texts(text: str) -> None:
    assert pointer(text) is None or len(text.split()) <= POINTER_WORDS
    assert identify_text(text, "LICENSE").id != LLAMA2


def test_every_recorded_address_points_to_its_entry() -> None:
    for entry in entries():
        for url in (entry.url, *entry.other_urls):
            if not url:
                continue
            found = pointer(f"Please refer to: {url}")
            assert found is not None, url
            same_text = lookup(str(found.id))
            assert same_text is not None and (found.id == entry.id or same_text.url == entry.url), url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://github.com/org/models/blob/main/README.md#the-models\n", True),
        ("See https://github.com/org/models/blob/main/README", True),
        ("See https://github.com/org/models/blob/main/LICENSE-MODEL", False),
        ("Read https://github.com/org/a/blob/main/README.md and https://example.org/terms", False),
        ("You may use this only for research. " * 10 + "https://github.com/org/m/blob/main/README.md", False),
    ],
)
def test_points_to_readme(text: str, expected: bool) -> None:
    assert points_to_readme(text) is expected
