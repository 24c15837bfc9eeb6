"""Licence judgement is closed by default (issue 12, item 7): no restrictive exception, look-alike or
malformed identifier is judged open. Enumerated over every ScanCode exception that is not an SPDX
exception and over look-alike spellings of every SPDX id, so a run is the same every time."""

from __future__ import annotations

from functools import cache

import pytest

from openness.licences import identify
from openness.licences import spdx as spdx_facts

BASES = ("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only")
# Characters that case folding or a careless comparison maps onto ASCII letters of licence ids.
LOOKALIKES = {"s": "ſ", "K": "\u212a", "k": "\u212a", "i": "ı", "-": "‐", "A": "Α", "C": "С", "O": "О"}


@cache
def scancode_only_exceptions() -> list[str]:
    from license_expression import get_license_index

    return sorted(
        {
            r["spdx_license_key"]
            for r in get_license_index()
            if r.get("is_exception") and (r.get("spdx_license_key") or "").startswith("LicenseRef-")
        }
    )


def _open_anywhere(text: str) -> list[str]:
    ident = identify(text)
    flags = {"osd_compliant": ident.osd_compliant, "eu_foss": ident.eu_foss, **ident.open_for}
    return [f"{text!r} judged open ({k})" for k, v in flags.items() if v is True]


def test_a_scancode_exception_never_makes_an_expression_open() -> None:
    keys = scancode_only_exceptions()
    assert len(keys) > 50  # the index ships over a hundred
    wrong: list[str] = []
    for i, key in enumerate(keys):  # every key with MIT; the first few with each base
        for base in BASES if i < 3 else BASES[:1]:
            wrong += _open_anywhere(f"{base} WITH {key}")
        if len(wrong) >= 5:  # enough to show it (each parse costs a fifth of a second: finding 19)
            break
    assert not wrong, f"judged open: {wrong[:5]}"


def test_a_lookalike_spelling_never_resolves_to_the_real_licence() -> None:
    wrong = []
    for licence_id in sorted(spdx_facts.LICENSES):
        for plain, lookalike in LOOKALIKES.items():
            if plain in licence_id:
                mutated = licence_id.replace(plain, lookalike)
                if identify(mutated).id == licence_id:
                    wrong.append(mutated)
    assert not wrong, f"{len(wrong)} look-alikes resolve, e.g. {wrong[:8]}"


@pytest.mark.parametrize(
    "text",
    [
        "Apache-2.0\x01",
        "MIT\x00",
        "MI\x1bT",
        "(MIT",
        "MIT)",
        "((Apache-2.0)",
        "MIT AND (Apache-2.0",
        "ＭＩＴ",
        "Apache‐2.0",
        "MIT WITH",
        "WITH MIT",
        "AND",
    ],
)
def test_malformed_identifiers_are_not_judged_open(text: str) -> None:
    assert not _open_anywhere(text)
