"""Open-weight definitions: each criterion against licence clauses, weights and training information."""

from __future__ import annotations

import pytest

from openness.frameworks import open_weight
from openness.frameworks.verdicts import Status

from .helpers import FACTS, comp, full_release, release

OSS, OWD = "oss-capital-2023", "owd-0.3"


def _v(licence: str, **kw: str):
    return open_weight.evaluate(full_release(**{"Model parameters (Final)": licence}, **kw), FACTS)


@pytest.mark.parametrize(
    ("licence", "failing"),
    [
        ("Apache-2.0", set()),
        ("CC-BY-4.0", set()),
        (
            "Test-AUP-1.0",
            {
                f"{OSS}.use-modify-any-purpose",
                f"{OSS}.no-discrimination",
                f"{OSS}.redistribution",
                f"{OWD}.free-redistribution",
                f"{OWD}.no-discrimination-persons",
                f"{OWD}.no-discrimination-fields",
                f"{OWD}.distribution-of-licence",
            },
        ),
        (
            "Test-NC-1.0",
            {
                f"{OSS}.use-modify-any-purpose",
                f"{OSS}.no-discrimination",
                f"{OSS}.redistribution",
                f"{OWD}.free-redistribution",
                f"{OWD}.no-discrimination-fields",
            },
        ),
        (
            "Test-NoImprove-1.0",
            {f"{OSS}.use-modify-any-purpose", f"{OWD}.derived-works", f"{OWD}.no-restriction-on-other-works"},
        ),
        ("Test-Remote-1.0", {f"{OSS}.use-modify-any-purpose", f"{OWD}.technology-neutral"}),
        ("CC-BY-ND-4.0", {f"{OSS}.use-modify-any-purpose", f"{OSS}.redistribution", f"{OWD}.derived-works"}),
    ],
)
def test_licence_criteria_fail_on_the_matching_clauses(licence: str, failing: set[str]) -> None:
    v = _v(licence)
    assert {f.requirement for f in v.failing()} == failing
    for f in v.failing():
        assert f.clauses, f"{f.requirement} must cite the clause"


def test_naming_conditions_are_allowed_with_a_caveat() -> None:
    v = _v("Test-Naming-1.0")
    assert v.finding(f"{OWD}.integrity").status is Status.CAVEATS
    assert not v.failing()


def test_unknown_terms_are_cannot_tell() -> None:
    v = _v("Llama 2 Community License")
    licence_findings = [
        f
        for f in v.findings
        if f.requirement.removeprefix(f.group + ".")
        not in ("weights-accessible", "weights-form", "training-information", "training-software-open")
    ]
    assert licence_findings and all(f.status is Status.CANNOT_TELL for f in licence_findings)


def test_no_weights_fails_both_definitions() -> None:
    v = open_weight.evaluate(release([comp("Model card")]), FACTS)
    assert v.finding(f"{OSS}.weights-accessible").status is Status.NOT_MET
    assert v.finding(f"{OWD}.weights-form").status is Status.NOT_MET
    assert v.verdict == "does-not-meet"


def test_weights_form_is_confirmed_by_a_known_file_format() -> None:
    rel = release([comp("Model parameters (Final)", locations=("model-00001.safetensors",))])
    assert open_weight.evaluate(rel, FACTS).finding(f"{OWD}.weights-form").status is Status.MET
    rel = release([comp("Model parameters (Final)")])
    assert open_weight.evaluate(rel, FACTS).finding(f"{OWD}.weights-form").status is Status.CAVEATS


@pytest.mark.parametrize(
    ("absent", "status"),
    [
        ((), Status.MET),
        (
            ("Training code", "Model metadata"),
            Status.CAVEATS,
        ),  # only the papers hold method and hyperparameters
        (("Training code", "Model metadata", "Technical report", "Research paper"), Status.NOT_MET),
    ],
)
def test_training_information(absent: tuple[str, ...], status: Status) -> None:
    v = open_weight.evaluate(full_release(**dict.fromkeys(absent, "ABSENT")), FACTS)
    assert v.finding(f"{OSS}.training-information").status is status


def test_training_software_must_be_open_source() -> None:
    v = _v("Apache-2.0", **{"Training code": "CC-BY-4.0"})
    assert v.finding(f"{OSS}.training-software-open").status is Status.NOT_MET
    assert v.details["definitions"][OSS]["verdict"] == "does-not-meet"


def test_overall_is_the_worse_definition() -> None:
    v = _v("Apache-2.0", **{"Training code": "ABSENT"})
    assert v.details["definitions"][OSS]["verdict"] == "does-not-meet"
    assert v.details["definitions"][OWD]["verdict"] == "meets-with-caveats"
    assert v.verdict == "does-not-meet"
