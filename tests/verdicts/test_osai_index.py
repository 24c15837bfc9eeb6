"""European Open Source AI Index grading: 12 dimensions and the index's mean score."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openness.domain.release import Presence
from openness.frameworks import osai_index
from openness.frameworks.licence_facts import DefaultLicenceFacts
from openness.frameworks.osai_index.rules import DIMENSIONS, POINTS
from openness.sources.mot_yaml import load

from .helpers import FACTS, TESTDATA, comp, full_release, release

# the dimensions that rest on documents' content, which openness does not read
DOCUMENTS = ("code-documentation", "hardware-architecture", "preprint", "paper", "model-card", "datasheet")


def _grades(rel, declared=None) -> dict[str, str]:
    return {f.requirement: f.grade for f in osai_index.evaluate(rel, declared, FACTS).findings}


def test_twelve_dimensions_in_the_index_order() -> None:
    v = osai_index.evaluate(full_release(), None, FACTS)
    assert [f.requirement for f in v.findings] == [d[0] for d in DIMENSIONS]
    assert len(v.findings) == 12


def test_a_full_release_read_from_presence_alone_is_never_open_on_documents() -> None:
    # Model card, datasheet, code documentation, hardware, preprint and paper rest on content openness
    # does not read: at most partial, as judgements, even with a paper declared peer-reviewed.
    v = osai_index.evaluate(full_release(), {"peer-reviewed": "yes"}, FACTS)
    grades = {f.requirement: f.grade for f in v.findings}
    judged = {f.requirement for f in v.findings if f.judgement}
    documents = set(DOCUMENTS)
    assert {k for k, g in grades.items() if g == "partial"} == documents
    assert judged == documents
    assert v.details["score"] == pytest.approx(9 / 12) and v.verdict == "partial"  # nearest grade


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
        # a preprint is never open unread; a paper is peer-reviewed where a venue publishes it
        ("https://arxiv.org/abs/2304.01373", "CC-BY-4.0", "partial", "closed"),  # preprint only
        ("https://aclanthology.org/2024.acl-long.841/", "CC-BY-4.0", "partial", "partial"),  # a venue
        ("https://example.org/paper.pdf", "CC-BY-4.0", "partial", "closed"),  # no sign of peer review
        # arXiv's distribution licence is granted to arXiv alone: the paper is archived there
        ("", "arXiv.org perpetual non-exclusive license 1.0", "partial", "closed"),
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
        # weights are asked to be *freely* available: restricted terms or no licence are not fully shared
        ({"Model parameters (Final)": "Test-AUP-1.0"}, "base-model-weights", "partial"),
        ({"Model parameters (Final)": "Test-NC-1.0"}, "end-model-weights", "partial"),
        ({"Model parameters (Final)": "unlicensed"}, "end-model-weights", "partial"),
        ({"Model parameters (Final)": "Test-Attribution-1.0"}, "end-model-weights", "open"),
        ({"Datasets": "unlicensed"}, "base-model-data", "partial"),  # not openly released
        ({"Training code": "unlicensed"}, "training-code", "partial"),
        (
            {"Training code": "unlicensed", "Data preprocessing code": "unlicensed"},
            "training-code",
            "partial",
        ),
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


def test_the_paper_declared_not_peer_reviewed_is_closed_and_a_venue_is_partial() -> None:
    assert _grades(full_release(), {"peer-reviewed": "no"})["paper"] == "closed"
    venue = _grades(_with_paper_at("https://proceedings.mlr.press/v202/paper.html"))
    assert venue["paper"] == "partial"


# Real MOT records (../shared/testdata/mot-models, the MOT's own files), graded with the licence catalogue
# openness ships: each availability rule on the record shapes that call for it.
MOT_MODELS = TESTDATA / "mot-models"


def _record_grades(name: str) -> dict[str, tuple[str, bool, str]]:
    path = MOT_MODELS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (fresh clone outside CI)")
    rel = load(path)
    v = osai_index.evaluate(rel, None, DefaultLicenceFacts())
    return {f.requirement: (f.grade, f.judgement, f.reason) for f in v.findings}


def test_weights_under_a_community_licence_with_a_user_cap_are_not_freely_available() -> None:
    grades = _record_grades("Llama-2-chat-70B.yml")
    grade, judged, reason = grades["end-model-weights"]
    assert (grade, judged) == ("partial", False)
    assert "user-cap" in reason and "acceptable-use-policy" in reason


def test_weights_under_an_osi_licence_are_open_and_alone_they_make_the_licence_dimension_open() -> None:
    grades = _record_grades("gpt-oss-120b.yml")
    assert grades["end-model-weights"][0] == "open"
    assert grades["licence"][0] == "open"  # everything available (the weights) is openly licensed
    assert grades["training-code"][0] == "closed"


def test_components_listed_unlicensed_are_not_openly_released() -> None:
    # mT5-XXL's record lists its weights and datasets 'unlicensed' and its code Apache-2.0
    grades = _record_grades("mT5-XXL.yml")
    assert grades["end-model-weights"][:2] == ("partial", False)
    assert "without a licence" in grades["end-model-weights"][2]
    assert grades["base-model-data"][:2] == ("partial", True)
    assert grades["training-code"][0] == "open"


def test_weights_marked_not_included_are_closed() -> None:
    assert _record_grades("TeleChat-12B.yml")["end-model-weights"][0] == "closed"


def test_a_listed_paper_of_unstated_venue_is_a_partial_preprint_and_no_peer_reviewed_paper() -> None:
    grades = _record_grades("Persimmon-8B.yml")
    assert grades["preprint"][:2] == ("partial", True)
    assert grades["paper"][:2] == ("closed", True)
    assert "no sign of peer review" in grades["paper"][2]


def test_no_record_in_the_test_data_gets_open_from_presence_on_a_document_dimension() -> None:
    if not MOT_MODELS.is_dir():
        pytest.skip("../shared/testdata/mot-models is absent (fresh clone outside CI)")
    documents = DOCUMENTS
    for path in sorted(MOT_MODELS.glob("*.yml")):
        grades = _record_grades(path.name)
        assert all(grades[d][0] != "open" for d in documents), path.name


def test_training_code_listed_unlicensed_is_sparse_and_a_paper_of_no_stated_venue_is_not_reviewed() -> None:
    # DeepSeek-MoE-145B's record: training and preprocessing code 'unlicensed'; the paper's licence field
    # holds a URL, so where the paper is published is not stated
    grades = _record_grades("DeepSeek-MoE-145B.yml")
    assert grades["training-code"][0] == "partial" and "without a licence" in grades["training-code"][2]
    assert grades["preprint"][:2] == ("partial", True)
    assert grades["paper"][:2] == ("closed", True) and "no sign of peer review" in grades["paper"][2]


def test_a_paper_under_the_arxiv_licence_is_an_archived_preprint_and_no_peer_reviewed_paper() -> None:
    grades = _record_grades("Falcon-180B.yml")
    assert grades["preprint"][:2] == ("partial", True) and "arxiv.org" in grades["preprint"][2]
    assert grades["paper"][:2] == ("closed", True) and "archived preprint" in grades["paper"][2]


def test_weights_under_a_licence_family_openness_cannot_resolve_are_partial_as_a_judgement() -> None:
    # StableLM-Japanese's record names 'OpenRAIL', a family of licences, not one licence
    grade, judged, reason = _record_grades("StableLM-Japanese.yml")["end-model-weights"]
    assert (grade, judged) == ("partial", True)
    assert "could not read" in reason


def test_weights_under_a_licence_with_an_acceptable_use_policy_are_partial() -> None:
    grade, judged, reason = _record_grades("DeepSeek-V3-test.yml")["base-model-weights"]
    assert (grade, judged) == ("partial", False)
    assert "acceptable-use-policy" in reason
