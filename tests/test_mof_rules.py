"""Every MOF v1.0 rule, table-driven, in both modes."""

from __future__ import annotations

import pytest

from openness.domain.components import COMPONENTS
from openness.domain.release import Presence
from openness.frameworks.mof import Mode, Status, evaluate
from tests.conftest import comp, release

CLASS3 = [
    "Model architecture",
    "Model parameters (Final)",
    "Model card",
    "Data card",
    "Technical report",
    "Evaluation results",
]
CLASS2 = ["Training code", "Inference code", "Evaluation code", "Evaluation data"]
CLASS1 = ["Datasets", "Data preprocessing code", "Model parameters (Intermediate)", "Research paper"]
OPEN = {"code": "Apache-2.0", "data": "CDLA-Permissive-2.0", "document": "CC-BY-4.0"}
TYPES = {c.name: c.content_type.value for c in COMPONENTS}


def open_comp(name: str):  # type: ignore[no-untyped-def]
    return comp(name, OPEN[TYPES[name]])


@pytest.mark.parametrize("mode", list(Mode))
def test_required_components_per_class_give_each_class(mode: Mode) -> None:
    assert evaluate(release(*map(open_comp, CLASS3)), mode).mof_class == 3
    assert evaluate(release(*map(open_comp, CLASS3 + CLASS2)), mode).mof_class == 2
    assert evaluate(release(*map(open_comp, CLASS3 + CLASS2 + CLASS1)), mode).mof_class == 1


@pytest.mark.parametrize("mode", list(Mode))
def test_empty_release_is_unclassified_with_zero_progress(mode: Mode) -> None:
    r = evaluate(release(), mode)
    assert (r.mof_class, r.label, r.progress) == (0, "Unclassified", (0.0, 0.0, 0.0))


@pytest.mark.parametrize(
    ("licence", "declared", "globals_", "status", "source"),
    [
        ("MIT", True, {}, Status.COUNTED, "component"),
        (None, False, {"code": "MIT"}, Status.COUNTED, "release:code"),
        (None, False, {"distribution": "MIT"}, Status.COUNTED, "release:distribution"),
        (None, False, {"code": "MIT", "distribution": "Proprietary"}, Status.COUNTED, "release:code"),
        (None, False, {"data": "MIT"}, Status.UNLICENSED, "none"),  # another type's licence never applies
        (None, False, {}, Status.UNLICENSED, "none"),
        ("unlicensed", True, {"code": "MIT"}, Status.UNLICENSED, "component"),  # no fallback
        ("", True, {"distribution": "MIT"}, Status.UNLICENSED, "component"),
        (None, True, {"distribution": "MIT"}, Status.UNLICENSED, "component"),
        ("CC-BY-NC-4.0", True, {}, Status.INVALID, "component"),
        ("Llama 2 Community License", True, {}, Status.INVALID, "component"),
    ],
)
@pytest.mark.parametrize("mode", list(Mode))
def test_licence_resolution_order(
    licence: str | None, declared: bool, globals_: dict[str, str], status: Status, source: str, mode: Mode
) -> None:
    r = evaluate(release(comp("Model architecture", licence, declared=declared), **globals_), mode)
    f = r.finding("Model architecture")
    assert f is not None
    assert (f.status, f.licence_source) == (status, source)


def test_open_but_not_type_appropriate_counts_conditionally() -> None:
    # MIT is OSI-approved, but the MOF lists it for code only: on weights it counts, with a warning.
    rel = release(
        *(open_comp(n) for n in CLASS3 if n != "Model parameters (Final)"),
        comp("Model parameters (Final)", "MIT"),
    )
    for mode in Mode:
        r = evaluate(rel, mode)
        assert r.mof_class == 3
        assert r.conditional == ("Model parameters (Final)",)
        assert any("conditional" in n for n in r.notes)


def test_research_paper_stands_in_for_technical_report() -> None:
    without_report = [n for n in CLASS3 + CLASS2 + CLASS1 if n != "Technical report"]
    r = evaluate(release(*map(open_comp, without_report)))
    assert r.mof_class == 1 and r.paper_for_report
    # with no paper, the report is missing at Class III
    r = evaluate(release(*(open_comp(n) for n in CLASS3 if n != "Technical report")))
    assert r.mof_class == 0 and r.progress_of(3) == pytest.approx(5 / 6 * 100)
    # a paper present but unlicensed fills the slot with its own status: not counted
    r = evaluate(
        release(
            *(open_comp(n) for n in CLASS3 if n != "Technical report"), comp("Research paper", "unlicensed")
        )
    )
    assert r.mof_class == 0 and not r.paper_for_report
    assert any("would stand in" in n for n in r.notes)


def test_progress_stops_at_first_class_not_met() -> None:
    # all of Class II's own components but Class III incomplete: Class II progress is 0
    r = evaluate(release(*map(open_comp, CLASS3[:5] + CLASS2)))
    assert r.progress_of(3) == pytest.approx(5 / 6 * 100)
    assert r.progress_of(2) == 0.0 and r.progress_of(1) == 0.0
    r = evaluate(release(*map(open_comp, CLASS3 + CLASS2[:2])))
    assert r.progress_of(2) == pytest.approx(8 / 10 * 100)
    assert r.progress_of(1) == 0.0


def test_optional_components_never_change_class_or_progress() -> None:
    base = evaluate(release(*map(open_comp, CLASS3)))
    extra = evaluate(
        release(
            *map(
                open_comp,
                [*CLASS3, "Sample model outputs", "Model metadata", "Supporting libraries and tools"],
            )
        )
    )
    assert (base.mof_class, base.progress) == (extra.mof_class, extra.progress)
    assert base.finding("Model metadata").status is Status.OPTIONAL  # type: ignore[union-attr]
    assert extra.finding("Model metadata").status is Status.COUNTED  # type: ignore[union-attr]


def test_unknown_is_neither_counted_nor_missing() -> None:
    rel = release(
        *(open_comp(n) for n in CLASS3 if n != "Data card"), comp("Data card", presence=Presence.UNKNOWN)
    )
    r = evaluate(rel)
    f = r.finding("Data card")
    assert f is not None and f.status is Status.UNKNOWN
    assert r.mof_class == 0
    assert [s.action for s in r.steps_for(3)] == ["check"]


def test_referenced_counts_by_default_and_as_included_in_mot_mode() -> None:
    rel = release(
        *(open_comp(n) for n in CLASS3 if n != "Data card"),
        comp("Data card", "CC-BY-4.0", presence=Presence.REFERENCED),
    )
    assert evaluate(rel).mof_class == 3
    assert evaluate(rel, Mode.MOT_COMPATIBLE).finding("Data card").presence == "included"  # type: ignore[union-attr]


def test_next_steps_name_each_change_for_each_class_not_met() -> None:
    rel = release(
        *(open_comp(n) for n in CLASS3 if n not in ("Model card", "Data card")),
        comp("Model card", "unlicensed"),
        comp("Data card", "CC-BY-NC-4.0"),
    )
    r = evaluate(rel)
    steps = {s.component: s.action for s in r.steps_for(3)}
    assert steps == {"Model card": "license", "Data card": "relicense"}
    assert "CC-BY-NC-4.0" in next(s.detail for s in r.steps_for(3) if s.component == "Data card")
    # Class II needs those plus every Class II component; Class I also the Class I ones
    assert {s.component for s in r.steps_for(2)} == set(steps) | set(CLASS2)
    assert {s.component for s in r.steps_for(1)} == set(steps) | set(CLASS2) | set(CLASS1)


def test_applying_the_next_steps_reaches_the_class() -> None:
    rel = release(comp("Model architecture", "Proprietary"), comp("Model card", "unlicensed"))
    r = evaluate(rel)
    fixed = {c.name: c for c in rel.components}
    for step in r.steps_for(3):
        fixed[step.component] = open_comp(step.component)
    assert evaluate(release(*fixed.values())).mof_class == 3


@pytest.mark.parametrize(
    ("written", "mot_status", "default_status", "resolved"),
    [
        ("Apache 2.0", Status.INVALID, Status.COUNTED, "Apache-2.0"),
        ("apache-2.0", Status.INVALID, Status.COUNTED, "Apache-2.0"),
        ("Apache License 2.0", Status.INVALID, Status.COUNTED, "Apache-2.0"),
        ("BSD-3", Status.INVALID, Status.COUNTED, "BSD-3-Clause"),
        ("MIT license", Status.INVALID, Status.COUNTED, "MIT"),
        ("MIT OR Proprietary-Thing", Status.INVALID, Status.INVALID, None),
        ("MIT OR GPL-3.0-only", Status.INVALID, Status.COUNTED, "MIT OR GPL-3.0-only"),
        ("MIT AND CC-BY-NC-4.0", Status.INVALID, Status.INVALID, "MIT AND CC-BY-NC-4.0"),
        ("Undisclosed", Status.INVALID, Status.INVALID, None),
        ("Proprietary", Status.INVALID, Status.INVALID, None),
        ("Component not included", Status.INVALID, Status.MISSING, None),
    ],
)
def test_default_mode_normalises_where_the_mot_matches_literally(
    written: str, mot_status: Status, default_status: Status, resolved: str | None
) -> None:
    rel = release(comp("Inference code", written))
    mot = evaluate(rel, Mode.MOT_COMPATIBLE).finding("Inference code")
    default = evaluate(rel).finding("Inference code")
    assert mot is not None and default is not None
    assert mot.status is mot_status
    assert default.status is default_status
    assert default.licence == resolved
    if written != resolved:
        assert default.notes, "every normalisation is reported as a note"


def test_mot_mode_keeps_the_mot_table_quirk_for_cc0_on_data() -> None:
    # The MOT's table lists CC0-1.0 for data and then for documents; its later entry wins.
    rel = release(comp("Datasets", "CC0-1.0"))
    assert evaluate(rel, Mode.MOT_COMPATIBLE).finding("Datasets").conditional  # type: ignore[union-attr]
    assert not evaluate(rel).finding("Datasets").conditional  # type: ignore[union-attr]


def test_a_referenced_component_whose_licence_was_not_read_is_unknown_not_unlicensed() -> None:
    rel = release(comp("Datasets", presence=Presence.REFERENCED))
    f = evaluate(rel).finding("Datasets")
    assert f is not None and f.status is Status.UNKNOWN and "not read" in f.reason
    # the MOT has no such state: a listed component without a licence is unlicensed
    assert evaluate(rel, Mode.MOT_COMPATIBLE).finding("Datasets").status is Status.UNLICENSED  # type: ignore[union-attr]
    # with a licence stated for it, it is judged like any other
    rel = release(comp("Datasets", "CC-BY-4.0", presence=Presence.REFERENCED))
    assert evaluate(rel).finding("Datasets").status is Status.COUNTED  # type: ignore[union-attr]


def test_an_unread_licence_is_unknown_not_unlicensed() -> None:
    from openness.domain.release import Component

    rel = release(Component("Model card", licence_unread=True))
    f = evaluate(rel).finding("Model card")
    assert f is not None and f.status is Status.UNKNOWN
    assert evaluate(rel, Mode.MOT_COMPATIBLE).finding("Model card").status is Status.UNLICENSED  # type: ignore[union-attr]
    # a licence that applies anyway (release-wide) is judged as usual
    assert (
        evaluate(release(Component("Model card", licence_unread=True), document="CC-BY-4.0")).mof_class == 0
    )
    assert (
        evaluate(release(Component("Model card", licence_unread=True), document="CC-BY-4.0"))
        .finding("Model card")
        .status
        is Status.COUNTED
    )  # type: ignore[union-attr]
