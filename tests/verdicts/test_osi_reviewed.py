"""The releases the OSI reviewed: openness reaches the OSI's outcomes under OSAID 1.0, with reasons."""

from __future__ import annotations

import pytest

from openness.frameworks import guidance, osaid
from openness.frameworks.licence_facts import DefaultLicenceFacts
from openness.sources.mot_yaml import load

from .helpers import OSI_REVIEWED

PASSED = ["pythia-6.9b", "olmo-7b", "amber", "crystalcoder", "t5"]
WOULD_PASS_WITH_OTHER_TERMS = ["bloom", "starcoder2-15b", "falcon-180b"]
FAILED = ["llama-2-7b", "grok-1", "phi-2", "mixtral-8x7b"]
MEETS = ("meets", "meets-with-caveats")


def _verdict(name: str):
    return osaid.evaluate(load(OSI_REVIEWED / f"{name}.yml"))


def test_every_reviewed_release_has_an_example() -> None:
    assert sorted(p.stem for p in OSI_REVIEWED.glob("*.yml")) == sorted(
        PASSED + WOULD_PASS_WITH_OTHER_TERMS + FAILED
    )


@pytest.mark.parametrize("name", PASSED)
def test_passed(name: str) -> None:
    v = _verdict(name)
    assert v.verdict in MEETS, v.summary
    for f in v.findings:
        if f.status.value != "met":
            assert f.reason and f.would_change, f  # every caveat says why and what would lift it


@pytest.mark.parametrize("name", WOULD_PASS_WITH_OTHER_TERMS)
def test_would_pass_with_other_terms_fail_on_the_weights_terms(name: str) -> None:
    rel = load(OSI_REVIEWED / f"{name}.yml")
    v = osaid.evaluate(rel)
    assert v.verdict == "does-not-meet"
    params = v.finding("parameters")
    assert params is not None and params.status.value == "not-met"
    weights = rel.component("Model parameters (Final)")
    assert weights is not None and weights.licence is not None
    assert weights.licence in params.reason  # names the terms
    facts = DefaultLicenceFacts()
    if facts.has_catalogue and facts.lookup(weights.licence) is not None:
        assert params.clauses, "when the AI licence catalogue knows the terms, the clauses are named"


@pytest.mark.parametrize("name", ["bloom", "starcoder2-15b"])
def test_changing_only_the_terms_meets_osaid(name: str) -> None:
    rel = load(OSI_REVIEWED / f"{name}.yml")
    plan = guidance.evaluate(rel).plan("osaid")
    assert plan is not None
    assert {c.action for c in plan.changes} == {"relicense"}  # terms only: nothing to release
    assert osaid.evaluate(guidance.apply(rel, plan.changes)).verdict in MEETS


def test_falcon_also_lacks_public_training_code() -> None:
    """A recorded difference from the OSI's reviewers: openness finds no public training or data
    processing code for Falcon 180B, so new terms alone would not meet OSAID 1.0."""
    v = _verdict("falcon-180b")
    failing = {f.requirement for f in v.failing()}
    assert {"parameters", "code.training", "code.data-preprocessing"} <= failing


@pytest.mark.parametrize("name", FAILED)
def test_failed(name: str) -> None:
    v = _verdict(name)
    assert v.verdict == "does-not-meet"
    failing = {f.requirement for f in v.failing()}
    assert {"data-information", "code.training", "code.data-preprocessing"} <= failing
    for f in v.failing():
        assert f.title in v.summary and f.reason and f.would_change


def test_llama_2_also_fails_on_its_terms() -> None:
    v = _verdict("llama-2-7b")
    params = v.finding("parameters")
    assert params is not None and params.status.value == "not-met"
    assert "Llama 2 Community License" in params.reason
