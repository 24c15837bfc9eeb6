"""European Open Source AI Index grading: 12 dimensions and the index's mean score."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openness.domain.release import Presence
from openness.frameworks import osai_index
from openness.frameworks.osai_index.rules import DIMENSIONS, POINTS

from .helpers import FACTS, comp, full_release, release


def _grades(rel, declared=None) -> dict[str, str]:
    return {f.requirement: f.grade for f in osai_index.evaluate(rel, declared, FACTS).findings}


def test_twelve_dimensions_in_the_index_order() -> None:
    v = osai_index.evaluate(full_release(), None, FACTS)
    assert [f.requirement for f in v.findings] == [d[0] for d in DIMENSIONS]
    assert len(v.findings) == 12


def test_open_release_scores_one_when_the_paper_is_declared_peer_reviewed() -> None:
    v = osai_index.evaluate(full_release(), {"peer-reviewed": "yes"}, FACTS)
    assert v.details["score"] == 1.0 and v.verdict == "open"
    v = osai_index.evaluate(full_release(), None, FACTS)
    assert v.details["score"] == pytest.approx(11.5 / 12) and v.verdict == "partial"


@pytest.mark.parametrize(
    ("overrides", "dimension", "grade"),
    [
        ({"Datasets": "ABSENT"}, "base-model-data", "partial"),  # described in the data card
        ({"Datasets": "ABSENT", "Data card": "ABSENT"}, "base-model-data", "closed"),
        ({"Datasets": "Test-NC-1.0"}, "base-model-data", "partial"),
        ({"Model parameters (Final)": "Test-AUP-1.0"}, "base-model-weights", "partial"),
        ({"Model parameters (Final)": "Test-AUP-1.0"}, "licence", "partial"),
        ({"Model parameters (Final)": "unlicensed"}, "licence", "closed"),
        ({"Model parameters (Final)": "ABSENT"}, "end-model-weights", "closed"),
        ({"Training code": "ABSENT"}, "training-code", "partial"),  # preprocessing code only
        ({"Training code": "ABSENT", "Data preprocessing code": "ABSENT"}, "training-code", "closed"),
        ({"Research paper": "ABSENT"}, "preprint", "partial"),
        ({"Research paper": "ABSENT"}, "paper", "closed"),
        ({"Data card": "unlicensed"}, "datasheet", "partial"),
        ({"Model card": "ABSENT"}, "model-card", "closed"),
    ],
)
def test_grades(overrides: dict[str, str], dimension: str, grade: str) -> None:
    assert _grades(full_release(**overrides))[dimension] == grade


def test_unknown_components_give_a_score_range_not_a_score() -> None:
    rel = full_release()
    rel = replace(
        rel,
        components=tuple(
            replace(c, presence=Presence.UNKNOWN) if c.name == "Model parameters (Final)" else c
            for c in rel.components
        ),
    )
    v = osai_index.evaluate(rel, None, FACTS)
    assert v.verdict == "cannot-tell" and v.details["score"] is None
    low, high = v.details["score_range"]
    assert low < high


@settings(max_examples=60, deadline=None)
@given(
    st.sets(
        st.sampled_from(
            [
                n
                for n in (
                    "Datasets",
                    "Data card",
                    "Research paper",
                    "Technical report",
                    "Training code",
                    "Data preprocessing code",
                    "Model card",
                    "Model parameters (Final)",
                    "Supporting libraries and tools",
                )
            ]
        )
    ),
    st.sampled_from(["Apache-2.0", "Test-AUP-1.0", "unlicensed", "CC-BY-4.0"]),
)
def test_score_is_the_mean_of_the_grades(names: set[str], licence: str) -> None:
    v = osai_index.evaluate(release([comp(n, licence) for n in sorted(names)]), None, FACTS)
    expected = sum(POINTS[f.grade] for f in v.findings) / 12
    assert v.details["score"] == pytest.approx(expected)
    assert 0.0 <= v.details["score"] <= 1.0
