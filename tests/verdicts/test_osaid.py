"""OSAID 1.0 rules, requirement by requirement (fake licence facts injected where a rule needs them)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from openness.domain.release import Presence
from openness.frameworks import osaid
from openness.frameworks.verdicts import Status

from .helpers import FACTS, comp, full_release, release


def _status(rel, requirement: str):
    f = osaid.evaluate(rel, FACTS).finding(requirement)
    assert f is not None
    return f


@pytest.mark.parametrize(
    ("licence", "status"),
    [
        ("Apache-2.0", Status.MET),
        ("GPL-3.0-only", Status.MET),  # copyleft is allowed
        ("MIT OR CC-BY-NC-4.0", Status.MET),
        ("CC-BY-4.0", Status.NOT_MET),  # open, but not an OSI-approved licence for code
        ("unlicensed", Status.NOT_MET),
        ("ABSENT", Status.NOT_MET),
        ("Llama 2 Community License", Status.NOT_MET),  # unresolved: never OSI-approved
        ("Undisclosed", Status.NOT_MET),
        ("Test-AUP-1.0", Status.NOT_MET),
        ("Test-Unknown-1.0", Status.CANNOT_TELL),
    ],
)
@pytest.mark.parametrize(
    ("component", "requirement"),
    [
        ("Training code", "code.training"),
        ("Data preprocessing code", "code.data-preprocessing"),
        ("Supporting libraries and tools", "code.supporting-libraries"),
        ("Inference code", "code.inference"),
        ("Model architecture", "code.architecture"),
    ],
)
def test_code_requirements(component: str, requirement: str, licence: str, status: Status) -> None:
    if component == "Supporting libraries and tools" and licence == "ABSENT":
        status = Status.CAVEATS  # "if used": no separate library is a caveat (OSAID 1.0, Code)
    f = _status(full_release(**{component: licence}), requirement)
    assert f.status is status, f.reason
    assert f.components == (component,)
    assert f.evidence, "every finding cites evidence"
    if status is not Status.MET:
        assert f.would_change


def test_code_under_unknown_presence_is_cannot_tell_not_absent() -> None:
    rel = full_release()
    rel = replace(
        rel,
        components=tuple(
            replace(c, presence=Presence.UNKNOWN) if c.name == "Training code" else c for c in rel.components
        ),
    )
    assert _status(rel, "code.training").status is Status.CANNOT_TELL


@pytest.mark.parametrize(
    ("licence", "status", "judgement"),
    [
        ("Apache-2.0", Status.MET, False),
        ("CDLA-Permissive-2.0", Status.CAVEATS, True),
        ("CC-BY-4.0", Status.CAVEATS, True),
        ("Test-Attribution-1.0", Status.CAVEATS, True),
        ("CC-BY-NC-4.0", Status.NOT_MET, False),
        ("Test-AUP-1.0", Status.NOT_MET, False),
        ("gemma", Status.NOT_MET, False),
        ("unlicensed", Status.NOT_MET, False),
        ("ABSENT", Status.NOT_MET, False),
        ("Test-Unknown-1.0", Status.CANNOT_TELL, False),
    ],
)
def test_parameters(licence: str, status: Status, judgement: bool) -> None:
    f = _status(full_release(**{"Model parameters (Final)": licence}), "parameters")
    assert (f.status, f.judgement) == (status, judgement), f.reason
    if status is Status.CAVEATS:
        assert licence in f.reason and "not itself reviewed" in f.reason


def test_use_restricted_weights_name_the_clauses() -> None:
    f = _status(full_release(**{"Model parameters (Final)": "Test-AUP-1.0"}), "parameters")
    assert f.clauses == (
        "Test-AUP-1.0: acceptable-use-policy: acceptable-use-policy clause of Test-AUP-1.0",
        "Test-AUP-1.0: user-cap: user-cap clause of Test-AUP-1.0",
    )
    assert "acceptable-use-policy" in f.reason and "user-cap" in f.reason


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({}, Status.MET),
        ({"Datasets": "ABSENT"}, Status.CAVEATS),  # a reviewer judges the description
        ({"Datasets": "Test-NC-1.0"}, Status.MET),  # obtainable data need not be open
        ({"Datasets": "unlicensed"}, Status.MET),
        ({"Data card": "ABSENT"}, Status.CAVEATS),  # datasets listed and a paper: described, on a judgement
        ({"Data card": "ABSENT", "Datasets": "ABSENT"}, Status.NOT_MET),
        ({"Research paper": "ABSENT", "Technical report": "ABSENT"}, Status.NOT_MET),
        ({"Research paper": "ABSENT"}, Status.MET),  # the technical report is enough
        ({"Data card": "unlicensed"}, Status.CAVEATS),  # a document with no stated licence
        ({"Data card": "arXiv.org perpetual non-exclusive license 1.0"}, Status.CAVEATS),
        ({"Data card": "Test-AUP-1.0"}, Status.NOT_MET),
        (
            {
                "Data card": "ABSENT",
                "Datasets": "ABSENT",
                "Research paper": "ABSENT",
                "Technical report": "ABSENT",
            },
            Status.NOT_MET,
        ),
    ],
)
def test_data_information(overrides: dict[str, str], status: Status) -> None:
    f = _status(full_release(**overrides), "data-information")
    assert f.status is status, f.reason


def test_data_information_unknown_is_cannot_tell() -> None:
    rel = release([comp("Data card", None, Presence.UNKNOWN), comp("Research paper", "CC-BY-4.0")])
    assert _status(rel, "data-information").status is Status.CANNOT_TELL


@pytest.mark.parametrize(
    ("overrides", "verdict"),
    [
        ({}, "meets"),
        ({"Model parameters (Final)": "CDLA-Permissive-2.0"}, "meets-with-caveats"),
        ({"Training code": "ABSENT"}, "does-not-meet"),
        ({"Model parameters (Final)": "Test-Unknown-1.0"}, "cannot-tell"),
        ({"Model parameters (Final)": "Test-Unknown-1.0", "Training code": "ABSENT"}, "does-not-meet"),
    ],
)
def test_overall_verdict(overrides: dict[str, str], verdict: str) -> None:
    v = osaid.evaluate(full_release(**overrides), FACTS)
    assert v.verdict == verdict
    if verdict == "does-not-meet":
        assert all(f.title in v.summary for f in v.failing())


def test_older_reading_is_reported_where_it_differs() -> None:
    rel = full_release(**{"Data card": "ABSENT", "Datasets": "ABSENT"})
    v = osaid.evaluate(rel, FACTS)
    assert v.verdict == "does-not-meet"
    (reading,) = v.details["readings"]
    assert reading["version"] == "0.0.9" and reading["verdict"] == "meets"
    assert reading["differs_on"] == ["data-information"]
    assert "readings" not in osaid.evaluate(full_release(), FACTS).details


def test_without_catalogue_custom_licences_fail_and_say_why() -> None:
    from openness.frameworks.licence_facts import DefaultLicenceFacts

    rel = full_release(**{"Model parameters (Final)": "Llama 2 Community License"})
    v = osaid.evaluate(rel, DefaultLicenceFacts(use_catalogue=False))
    f = v.finding("parameters")
    assert f is not None and f.status is Status.NOT_MET
    assert "'Llama 2 Community License'" in f.reason and "not OSI-approved" in f.reason
    assert any("catalogue" in n for n in v.notes)


def test_shared_per_release_results_follow_the_facts_and_the_release() -> None:
    """The frameworks share one reading of a release; a different release or facts object is read anew."""
    from openness.frameworks.licence_facts import DefaultLicenceFacts

    rel = full_release(**{"Model parameters (Final)": "Test-AUP-1.0"})
    assert osaid.evaluate(rel, FACTS).finding("parameters").clauses
    spdx_only = DefaultLicenceFacts(use_catalogue=False)
    assert not osaid.evaluate(rel, spdx_only).finding("parameters").clauses
    assert osaid.evaluate(full_release(), spdx_only).verdict == "meets"
    assert osaid.evaluate(rel, FACTS).finding("parameters").clauses


def test_a_licence_that_could_not_be_read_is_cannot_tell_not_no_licence() -> None:
    from openness.domain.release import Component, Release

    rel = Release(
        "x",
        components=(
            Component("Model parameters (Final)", licence_unread=True),
            Component("Training code", licence_unread=True),
        ),
    )
    v = osaid.evaluate(rel)
    params, training = v.finding("parameters"), v.finding("code.training")
    assert params is not None and params.status.value == "cannot-tell" and "could not read" in params.reason
    assert training is not None and training.status.value == "cannot-tell"


def test_supporting_libraries_are_asked_for_only_if_used() -> None:
    # OLMo's case: everything else open, no separate supporting library listed.
    v = osaid.evaluate(full_release(**{"Supporting libraries and tools": "ABSENT"}), FACTS)
    assert v.verdict == "meets-with-caveats"
    f = _status(full_release(**{"Supporting libraries and tools": "ABSENT"}), "code.supporting-libraries")
    assert "if used" in f.reason and f.would_change
    # listed under a licence that is not OSI-approved, it still fails
    assert (
        _status(
            full_release(**{"Supporting libraries and tools": "Test-AUP-1.0"}), "code.supporting-libraries"
        ).status
        is Status.NOT_MET
    )
