"""Properties that hold across frameworks for any release (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from openness.domain.release import Presence
from openness.frameworks import eu_ai_act, open_weight, osai_index, osaid
from openness.frameworks.licence_facts import read_licence
from openness.frameworks.osaid.rules import CODE_REQUIREMENTS
from openness.frameworks.verdicts import Status

from .helpers import ALL_OSAID, FACTS, comp, release

LICENCES = [
    "Apache-2.0",
    "MIT",
    "GPL-3.0-only",
    "CC-BY-4.0",
    "CDLA-Permissive-2.0",
    "CC-BY-NC-4.0",
    "Test-AUP-1.0",
    "Test-Attribution-1.0",
    "Test-Unknown-1.0",
    "Llama 2 Community License",
    "unlicensed",
    None,
]
PRESENCE = [Presence.INCLUDED, Presence.REFERENCED, Presence.UNKNOWN]
NAMES = [*ALL_OSAID, "Model card", "Evaluation code", "Model metadata"]

releases = st.builds(
    lambda picks, dist: release([comp(n, lic, pres) for n, (lic, pres) in sorted(picks.items())], dist),
    st.dictionaries(st.sampled_from(NAMES), st.tuples(st.sampled_from(LICENCES), st.sampled_from(PRESENCE))),
    st.sampled_from([None, "Apache-2.0", "Test-AUP-1.0"]),
)
DECLARED = {"monetised": "no", "systemic-risk": "no"}


@settings(max_examples=150, deadline=None)
@given(releases)
def test_osaid_meets_only_with_osi_approved_code(rel) -> None:
    v = osaid.evaluate(rel, FACTS)
    if v.verdict in ("meets", "meets-with-caveats"):
        for _, component, _ in CODE_REQUIREMENTS:
            f = osaid.evaluate(rel, FACTS).finding(next(r for r, c, _ in CODE_REQUIREMENTS if c == component))
            assert f is not None and f.status is Status.MET
            c = rel.component(component)
            lic = c.licence if c is not None and c.licence_declared else rel.global_licence("distribution")
            assert read_licence(lic, FACTS).osi_approved is True


@settings(max_examples=150, deadline=None)
@given(releases)
def test_acceptable_use_policy_on_weights_never_passes(rel) -> None:
    weights = rel.component("Model parameters (Final)")
    lic = (
        weights.licence
        if weights is not None and weights.licence_declared
        else rel.global_licence("distribution")
    )
    if lic != "Test-AUP-1.0" or weights is None or weights.presence is Presence.UNKNOWN:
        return
    assert osaid.evaluate(rel, FACTS).verdict == "does-not-meet"
    assert eu_ai_act.evaluate(rel, DECLARED, FACTS).verdict == "does-not-meet"
    assert open_weight.evaluate(rel, FACTS).verdict == "does-not-meet"
    assert osai_index.evaluate(rel, None, FACTS).finding("licence").grade != "open"


@settings(max_examples=150, deadline=None)
@given(releases)
def test_unknown_is_never_met_or_closed(rel) -> None:
    unknown = {c.name for c in rel.components if c.presence is Presence.UNKNOWN}
    for v in (osaid.evaluate(rel, FACTS), open_weight.evaluate(rel, FACTS)):
        for f in v.findings:
            if f.components and set(f.components) <= unknown:
                assert f.status is Status.CANNOT_TELL, (v.key, f)
    for f in osai_index.evaluate(rel, None, FACTS).findings:
        if f.components and set(f.components) <= unknown:
            assert f.grade == "unknown", f


@settings(max_examples=100, deadline=None)
@given(releases)
def test_every_finding_says_why_and_what_would_change_it(rel) -> None:
    for v in (
        osaid.evaluate(rel, FACTS),
        eu_ai_act.evaluate(rel, {}, FACTS),
        open_weight.evaluate(rel, FACTS),
        osai_index.evaluate(rel, None, FACTS),
    ):
        assert v.verdict
        for f in v.findings:
            assert f.reason
            if f.status is Status.NOT_MET:
                assert f.would_change or f.requirement.endswith(
                    ("not-monetised", "no-systemic-risk", "art-2-12.systems")
                ), f


@settings(max_examples=100, deadline=None)
@given(releases)
def test_osaid_meets_implies_the_open_weight_licence_criteria_hold(rel) -> None:
    if osaid.evaluate(rel, FACTS).verdict != "meets":
        return
    ow = open_weight.evaluate(rel, FACTS)
    assert not [f for f in ow.failing() if f.clauses]


RANK = {"meets": 0, "meets-with-caveats": 1, "cannot-tell": 2, "does-not-meet": 3}


@settings(max_examples=100, deadline=None)
@given(releases, st.sampled_from(NAMES))
def test_releasing_a_component_under_apache_never_worsens_osaid_or_art_53(rel, name) -> None:
    from openness.frameworks.guidance import Change, apply

    # A component openness could not look at is no release to improve: once seen, it may reveal that
    # something else is missing (an unknown data card can hide an absent paper).
    assume(all(c.presence is not Presence.UNKNOWN for c in rel.components if c.name == name))
    better = apply(rel, [Change("test", "relicense", "test", name, "Apache-2.0")])
    assert RANK[osaid.evaluate(better, FACTS).verdict] <= RANK[osaid.evaluate(rel, FACTS).verdict]
    before = eu_ai_act.evaluate(rel, DECLARED, FACTS).verdict
    assert RANK[eu_ai_act.evaluate(better, DECLARED, FACTS).verdict] <= RANK[before]


@pytest.mark.parametrize("marker", ["Undisclosed", "Proprietary", "Component not included"])
def test_mot_markers_mean_not_openly_released_in_every_framework(marker: str) -> None:
    """A record that marks the weights 'Undisclosed', 'Proprietary' or 'Component not included' has not
    released them: no framework may find them public, accessible or shared."""
    rel = release([comp("Model parameters (Final)", marker), comp("Model architecture", "Apache-2.0")])
    osaid_f = osaid.evaluate(rel, FACTS).finding("parameters")
    assert osaid_f is not None and osaid_f.status is Status.NOT_MET
    eu = eu_ai_act.evaluate(rel, {}, FACTS).finding("art-53-2.weights-public")
    assert eu is not None and eu.status is Status.NOT_MET
    ow = open_weight.evaluate(rel, FACTS)
    for req in ("oss-capital-2023.weights-accessible", "owd-0.3.weights-form"):
        f = ow.finding(req)
        assert f is not None and f.status is Status.NOT_MET, (req, f)
    grades = {f.requirement: f.grade for f in osai_index.evaluate(rel, None, FACTS).findings}
    assert grades["end-model-weights"] == grades["base-model-weights"] == "closed"
