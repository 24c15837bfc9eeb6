"""One assessment context per release: the MOF result of the chosen mode, parts and other frameworks'
results computed once and shared; guidance plans from the mode the report shows."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from openness import service
from openness.frameworks import guidance, osaid
from openness.frameworks import parts as parts_module
from openness.frameworks.context import Context, Options
from openness.frameworks.mof import engine as mof_engine
from openness.frameworks.mof.result import Mode
from openness.sources.mot_yaml import load
from tests.conftest import ROOT
from tests.verdicts.helpers import comp, full_release, release

EXAMPLES = ROOT / "examples"


def _count(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(module, name)

    def counted(*args: object, **kw: object) -> object:
        calls.append(args[1] if len(args) > 1 else kw.get("mode", Mode.DEFAULT))
        return real(*args, **kw)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize("mot", [False, True])
def test_each_reading_is_built_once_per_assessment(monkeypatch: pytest.MonkeyPatch, mot: bool) -> None:
    mof_calls = _count(monkeypatch, mof_engine, "evaluate")
    part_calls = _count(monkeypatch, parts_module, "build_parts")
    a = service.assess_release(load(EXAMPLES / "open-model.yml"), "t", Options(mot_compatible=mot))
    assert set(a.results) == {"mof", "osaid", "eu_ai_act", "open_weight", "osai_index", "guidance"}
    expected = [Mode.DEFAULT, Mode.MOT_COMPATIBLE] if mot else [Mode.DEFAULT]
    assert sorted(mof_calls) == sorted(expected)
    assert len(part_calls) == 1


def test_only_mof_builds_no_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    part_calls = _count(monkeypatch, parts_module, "build_parts")
    service.assess_release(load(EXAMPLES / "open-model.yml"), "t", Options(frameworks=("mof",)))
    assert part_calls == []


def test_the_parts_module_keeps_no_state_between_releases() -> None:
    state = [
        n
        for n, v in vars(parts_module).items()
        if isinstance(v, (list, dict, set)) and not n.startswith("__")
    ]
    assert state == []


def test_threads_assessing_different_releases_get_their_own_answers() -> None:
    open_rel = full_release()
    closed_rel = full_release(**{"Model parameters (Final)": "LicenseRef-proprietary-weights"})
    want = {id(r): osaid.evaluate(r).verdict for r in (open_rel, closed_rel)}
    assert len(set(want.values())) == 2
    errors: list[str] = []

    def run(rel: object) -> None:
        for _ in range(20):
            got = service.assess_release(rel, "t").results["osaid"].verdict  # type: ignore[arg-type]
            if got != want[id(rel)]:
                errors.append(got)

    threads = [threading.Thread(target=run, args=(r,)) for r in (open_rel, closed_rel) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.glob("*.yml")) + sorted((EXAMPLES / "osi-reviewed").glob("*.yml"))
)
def test_mot_compatible_guidance_plans_from_the_class_the_report_shows(path: object) -> None:
    rel = load(path)  # type: ignore[arg-type]
    a = service.assess_release(rel, "t", Options(mot_compatible=True))
    mof, plan = a.results["mof"], a.results["guidance"].plan("mof")
    assert mof.mode is Mode.MOT_COMPATIBLE
    target = {0: 3, 3: 2, 2: 1}.get(mof.mof_class)
    if target is None:
        assert plan.status == "reached"
        return
    assert plan.title == f"MOF Class {'I' * target}"
    assert [c.component for c in plan.changes] == [s.component for s in mof.steps_for(target)]
    if plan.status == "reachable":  # applying the plan reaches that class in the same mode
        after = mof_engine.evaluate(guidance.apply(rel, plan.changes), Mode.MOT_COMPATIBLE)
        assert after.mof_class and after.mof_class <= target


def test_the_open_model_example_agrees_in_both_modes() -> None:
    """The case of issue 9: 'Unclassified' in the report, Class II in the guidance."""
    rel = load(EXAMPLES / "open-model.yml")
    default = service.assess_release(rel, "t")
    mot = service.assess_release(rel, "t", Options(mot_compatible=True))
    assert default.results["mof"].mof_class == 3 and mot.results["mof"].mof_class == 0
    assert default.results["guidance"].plan("mof").title == "MOF Class II"
    assert mot.results["guidance"].plan("mof").title == "MOF Class III"
    assert guidance.evaluate(rel, mot_compatible=True).plan("mof").title == "MOF Class III"


def test_guidance_reads_structured_fields_not_reason_text() -> None:
    rel = release([comp("Model parameters (Final)"), comp("Model card", "CC-BY-4.0")])
    ctx = Context(rel)
    v = ctx.result("osaid")
    data = v.finding("data-information")
    assert data.publish == ("Data card", "Technical report")
    before = guidance.evaluate_context(ctx).plan("osaid")
    # the same verdict with its reasons and fixes reworded: the plan must not change
    reworded = replace(
        v, findings=tuple(replace(f, reason="(reworded)", would_change="(reworded)") for f in v.findings)
    )
    ctx2 = Context(rel)
    ctx2._results["osaid"] = reworded
    after = guidance.evaluate_context(ctx2).plan("osaid")
    assert [(c.component, c.action) for c in after.changes] == [
        (c.component, c.action) for c in before.changes
    ]
    assert {"Data card", "Technical report"} <= {c.component for c in after.changes}


def test_guidance_reuses_the_verdicts_of_the_assessment(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count(monkeypatch, osaid.engine, "evaluate_context")
    from openness.frameworks import registry
    from openness.frameworks.verdicts import to_json

    entry = registry.Registered(
        "osaid", osaid.NAME, osaid.VERSION, osaid.SOURCE, osaid.engine.evaluate_context, to_json
    )
    monkeypatch.setitem(registry.FRAMEWORKS, "osaid", entry)
    service.assess_release(full_release(), "t")
    assert len(calls) == 1


def test_a_cycle_between_frameworks_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    from openness.frameworks import registry
    from openness.frameworks.verdicts import to_json

    loop = registry.Registered("loop", "Loop", "0", "test", lambda ctx: ctx.result("loop"), to_json)
    monkeypatch.setitem(registry.FRAMEWORKS, "loop", loop)
    with pytest.raises(RuntimeError, match="cycle"):
        Context(full_release()).result("loop")
