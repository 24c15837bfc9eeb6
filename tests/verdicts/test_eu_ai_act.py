"""EU AI Act Art. 53(2) pre-check, Art. 2(12), the compute estimate and the notice."""

from __future__ import annotations

import pytest

from openness.errors import InputError
from openness.frameworks import eu_ai_act
from openness.frameworks.declarations import parse_pair
from openness.frameworks.verdicts import Status

from .helpers import FACTS, comp, full_release, release

DECLARED = {"monetised": "no", "systemic-risk": "no"}


def _finding(rel, req: str, declared=DECLARED):
    f = eu_ai_act.evaluate(rel, declared, FACTS).finding(req)
    assert f is not None
    return f


@pytest.mark.parametrize(
    ("licence", "status"),
    [
        ("Apache-2.0", Status.MET),
        ("GPL-3.0-only", Status.MET),  # copyleft: Recital 102
        ("CC-BY-SA-4.0", Status.MET),
        ("Test-Attribution-1.0", Status.MET),  # attribution: Recital 102
        ("Test-AUP-1.0", Status.NOT_MET),
        ("Test-NC-1.0", Status.NOT_MET),
        ("CC-BY-NC-4.0", Status.NOT_MET),
        ("unlicensed", Status.NOT_MET),
        ("Proprietary", Status.NOT_MET),
        (
            "Llama 2 Community License",
            Status.CANNOT_TELL,
        ),  # openness does not know it: a question, not a guess
        ("Test-Unknown-1.0", Status.CANNOT_TELL),
    ],
)
def test_licence_criterion(licence: str, status: Status) -> None:
    f = _finding(full_release(**{"Model parameters (Final)": licence}), "art-53-2.licence")
    assert f.status is status, f.reason


def test_attribution_is_named_as_compatible() -> None:
    f = _finding(full_release(**{"Model parameters (Final)": "Test-Attribution-1.0"}), "art-53-2.licence")
    assert "Recital 102" in f.reason


def test_restricted_licence_names_clauses() -> None:
    f = _finding(full_release(**{"Model parameters (Final)": "Test-AUP-1.0"}), "art-53-2.licence")
    assert any("acceptable-use-policy" in c for c in f.clauses)
    assert any("user-cap" in c for c in f.clauses)


def test_weights_absent_reads_the_distribution_licence() -> None:
    rel = release([comp("Model card", None)], distribution="Test-AUP-1.0")
    v = eu_ai_act.evaluate(rel, DECLARED, FACTS)
    assert v.finding("art-53-2.weights-public").status is Status.NOT_MET
    assert v.finding("art-53-2.licence").status is Status.NOT_MET


@pytest.mark.parametrize(
    ("present", "status"),
    [
        (("Model architecture",), Status.MET),
        (("Technical report",), Status.MET),
        (("Model card",), Status.CAVEATS),
        ((), Status.NOT_MET),
    ],
)
def test_architecture_information(present: tuple[str, ...], status: Status) -> None:
    rel = release([comp("Model parameters (Final)"), *(comp(n) for n in present)])
    assert _finding(rel, "art-53-2.architecture-public").status is status


@pytest.mark.parametrize(
    ("declared", "status", "judgement"),
    [
        ({"monetised": "no"}, Status.MET, False),
        ({"monetised": "yes"}, Status.NOT_MET, False),
        ({}, Status.CAVEATS, True),
    ],
)
def test_monetisation_is_declared_or_assumed(declared, status, judgement) -> None:
    f = _finding(full_release(), "art-53-2.not-monetised", declared)
    assert (f.status, f.judgement) == (status, judgement)
    if not declared:
        assert "assumed" in f.reason and "--declare monetised" in f.would_change


@pytest.mark.parametrize(
    ("declared", "status"),
    [
        ({"systemic-risk": "yes"}, Status.NOT_MET),
        ({"systemic-risk": "no"}, Status.MET),
        ({"training-flop": "3e23"}, Status.MET),
        ({"training-flop": "2e25"}, Status.NOT_MET),
        ({"parameters": "7e9", "training-tokens": "2e12"}, Status.CAVEATS),  # an estimate below 1e25
        ({"parameters": "1.8T", "training-tokens": "13T"}, Status.NOT_MET),  # estimate above 1e25
        ({}, Status.CAVEATS),
    ],
)
def test_systemic_risk(declared, status) -> None:
    f = _finding(full_release(), "art-53-2.no-systemic-risk", declared)
    assert f.status is status, f.reason


def test_compute_estimate_is_six_n_d_and_marked() -> None:
    c = eu_ai_act.compute({"parameters": "7B", "training-tokens": "2T"})
    assert c["estimate_flop"] == pytest.approx(6 * 7e9 * 2e12)
    assert c["is_estimate"] is True and c["basis"].startswith("estimate")
    assert c["above_gpai_indicative_1e23"] is False and c["above_systemic_risk_1e25"] is False
    declared = eu_ai_act.compute({"training-flop": "3e23", "parameters": "7B", "training-tokens": "2T"})
    assert declared["flop"] == 3e23 and declared["is_estimate"] is False
    assert declared["above_gpai_indicative_1e23"] is True
    assert eu_ai_act.compute({})["flop"] is None


def test_verdicts_and_duties() -> None:
    v = eu_ai_act.evaluate(full_release(), DECLARED, FACTS)
    assert v.verdict == "meets"
    duties = {d["article"] for d in v.details["duties"]}
    assert duties == {"Art. 53(1)(c)", "Art. 53(1)(d)"}  # always apply, even when exempt
    assumed = eu_ai_act.evaluate(full_release(), {}, FACTS)
    assert assumed.verdict == "meets-with-caveats"
    assert len(assumed.details["assumptions"]) >= 2 and assumed.details["questions"]
    closed = eu_ai_act.evaluate(full_release(**{"Model parameters (Final)": "Test-AUP-1.0"}), DECLARED, FACTS)
    assert closed.verdict == "does-not-meet"
    assert {"Art. 53(1)(a)", "Art. 53(1)(b)"} <= {d["article"] for d in closed.details["duties"]}
    systemic = eu_ai_act.evaluate(full_release(), {"systemic-risk": "yes", "monetised": "no"}, FACTS)
    assert "Art. 55" in {d["article"] for d in systemic.details["duties"]}


def test_every_output_carries_the_notice() -> None:
    for rel in (full_release(), release([])):
        v = eu_ai_act.evaluate(rel, {}, FACTS)
        assert v.details["notice"].startswith("Not legal advice")
        assert v.details["notice"] in v.notes


@pytest.mark.parametrize(
    ("declared", "status"),
    [
        ({"high-risk": "no", "prohibited": "no", "art50": "no"}, Status.MET),
        ({"high-risk": "yes"}, Status.NOT_MET),
        ({}, Status.CAVEATS),
    ],
)
def test_art_2_12_for_systems(declared, status) -> None:
    f = _finding(full_release(), "art-2-12.systems", declared)
    assert f.status is status
    restricted = _finding(
        full_release(**{"Model parameters (Final)": "Test-AUP-1.0"}), "art-2-12.systems", declared
    )
    assert restricted.status is Status.NOT_MET


def test_art_2_12_does_not_count_toward_the_53_2_verdict() -> None:
    v = eu_ai_act.evaluate(full_release(), {**DECLARED, "high-risk": "yes"}, FACTS)
    assert v.verdict == "meets"


@pytest.mark.parametrize(
    "pair", ["monetised", "monetised=", "colour=blue", "monetised=maybe", "training-flop=lots"]
)
def test_bad_declarations_are_input_errors(pair: str) -> None:
    with pytest.raises(InputError):
        parse_pair(pair)


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        ("monetised=No", ("monetised", "No")),
        (" Training-FLOP = 3e23 ", ("training-flop", "3e23")),
        ("parameters=7B", ("parameters", "7B")),
    ],
)
def test_good_declarations(pair: str, expected: tuple[str, str]) -> None:
    assert parse_pair(pair) == expected
