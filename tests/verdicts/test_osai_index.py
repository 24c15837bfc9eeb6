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


def test_a_full_release_read_from_presence_alone_is_never_open_on_documents() -> None:
    # Model card, datasheet, code documentation and hardware rest on content openness does not read:
    # partial, as judgements. A paper of unknown venue is partial too, unless declared peer-reviewed.
    v = osai_index.evaluate(full_release(), {"peer-reviewed": "yes"}, FACTS)
    grades = {f.requirement: f.grade for f in v.findings}
    judged = {f.requirement for f in v.findings if f.judgement}
    assert {k for k, g in grades.items() if g == "partial"} == {
        "code-documentation",
        "hardware-architecture",
        "preprint",
        "model-card",
        "datasheet",
    }
    assert judged == {"code-documentation", "hardware-architecture", "preprint", "model-card", "datasheet"}
    assert v.details["score"] == pytest.approx(9.5 / 12) and v.verdict == "open"  # nearest grade


def _with_paper_at(url: str, licence: str = "CC-BY-4.0"):
    rel = full_release()
    comps = tuple(
        replace(c, locations=(url,), licence=licence) if c.name == "Research paper" else c
        for c in rel.components
    )
    return replace(rel, components=comps)


@pytest.mark.parametrize(
    ("url", "licence", "preprint", "paper"),
    [
        ("https://arxiv.org/abs/2304.01373", "CC-BY-4.0", "open", "closed"),  # preprint only
        ("https://aclanthology.org/2024.acl-long.841/", "CC-BY-4.0", "partial", "open"),  # a venue
        ("https://example.org/paper.pdf", "CC-BY-4.0", "partial", "partial"),  # cannot tell
        # arXiv's distribution licence is granted to arXiv alone: the paper is archived there
        ("", "arXiv.org perpetual non-exclusive license 1.0", "open", "closed"),
    ],
)
def test_preprint_and_paper_follow_where_the_paper_is_published(
    url: str, licence: str, preprint: str, paper: str
) -> None:
    rel = _with_paper_at(url, licence) if url else full_release(**{"Research paper": licence})
    grades = _grades(rel)
    assert (grades["preprint"], grades["paper"]) == (preprint, paper)


@pytest.mark.parametrize(
    ("overrides", "dimension", "grade"),
    [
        # availability dimensions grade sharing, not the licence (the Licences dimension does)
        ({"Datasets": "ABSENT"}, "base-model-data", "closed"),  # a data card does not share data
        ({"Datasets": "Test-NC-1.0"}, "base-model-data", "open"),
        ({"Datasets": "Undisclosed"}, "base-model-data", "closed"),
        ({"Model parameters (Final)": "Test-AUP-1.0"}, "base-model-weights", "open"),
        ({"Model parameters (Final)": "Undisclosed"}, "end-model-weights", "closed"),
        ({"Model parameters (Final)": "Proprietary"}, "end-model-weights", "closed"),
        ({"Model parameters (Final)": "ABSENT"}, "end-model-weights", "closed"),
        # licences: open when all that is available is open; partial with two of weights, code, data
        ({"Model parameters (Final)": "Test-AUP-1.0"}, "licence", "partial"),
        ({"Model parameters (Final)": "Test-AUP-1.0", "Datasets": "Test-NC-1.0"}, "licence", "closed"),
        ({"Model parameters (Final)": "unlicensed"}, "licence", "partial"),
        ({"Training code": "ABSENT", "Datasets": "ABSENT"}, "licence", "open"),  # weights alone, open
        ({"Model parameters (Final)": "Undisclosed"}, "licence", "partial"),  # code and data are open
        ({"Model parameters (Final)": "Undisclosed", "Datasets": "ABSENT"}, "licence", "closed"),
        ({"Training code": "ABSENT"}, "training-code", "partial"),  # preprocessing code only
        ({"Data preprocessing code": "ABSENT"}, "training-code", "partial"),
        ({"Training code": "ABSENT", "Data preprocessing code": "ABSENT"}, "training-code", "closed"),
        ({"Training code": "ABSENT", "Data preprocessing code": "ABSENT"}, "code-documentation", "closed"),
        ({"Research paper": "ABSENT", "Technical report": "ABSENT"}, "preprint", "closed"),
        ({"Research paper": "ABSENT", "Technical report": "ABSENT"}, "hardware-architecture", "closed"),
        ({"Research paper": "ABSENT"}, "paper", "closed"),
        ({"Data card": "unlicensed"}, "datasheet", "partial"),
        ({"Data card": "ABSENT"}, "datasheet", "closed"),
        ({"Model card": "ABSENT"}, "model-card", "closed"),
    ],
)
def test_grades(overrides: dict[str, str], dimension: str, grade: str) -> None:
    assert _grades(full_release(**overrides))[dimension] == grade


def test_closed_models_that_disclose_nothing_score_below_restricted_open_weights() -> None:
    # A closed API model whose record marks every component Undisclosed must not score above a release
    # that shares weights under a restricted licence (the Llama 2 case).
    closed = full_release(
        **{
            n: "Undisclosed"
            for n in (
                "Datasets",
                "Training code",
                "Data preprocessing code",
                "Model parameters (Final)",
                "Research paper",
                "Technical report",
                "Model card",
                "Data card",
            )
        }
    )
    llama = full_release(
        **{
            "Model parameters (Final)": "Test-AUP-1.0",
            "Datasets": "ABSENT",
            "Training code": "ABSENT",
            "Data preprocessing code": "ABSENT",
        }
    )
    score = {
        name: osai_index.evaluate(rel, None, FACTS).details["score"]
        for name, rel in (("closed", closed), ("llama", llama))
    }
    assert score["closed"] < score["llama"]


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


@pytest.mark.parametrize(
    ("score", "grade"),
    [(0.0, "closed"), (0.2, "closed"), (0.25, "partial"), (0.75, "partial"), (0.8, "open")],
)
def test_the_overall_grade_is_the_nearest_grade_of_the_index_scale(score: float, grade: str) -> None:
    from openness.frameworks.osai_index.rules import overall_grade

    assert overall_grade(score) == grade
