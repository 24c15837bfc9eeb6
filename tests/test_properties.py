"""Invariants of the MOF engine, checked with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, GlobalLicence, Release
from openness.frameworks.mof import Mode, evaluate

NAMES = [c.name for c in COMPONENTS]
TYPE = {c.name: c.content_type.value for c in COMPONENTS}
APPROPRIATE = {
    "code": ["Apache-2.0", "MIT", "BSD-3-Clause"],
    "data": ["CDLA-Permissive-2.0", "CC-BY-4.0"],
    "document": ["CC-BY-4.0", "CC-BY-SA-4.0"],
}
CANONICAL = [
    "Apache-2.0",
    "MIT",
    "CC-BY-4.0",
    "CC0-1.0",
    "CC-BY-NC-4.0",
    "GPL-3.0-only",
    "CDLA-Permissive-2.0",
    "Unlicense",
    "BSD-3-Clause",
    "OpenMDW-1.0",
    "CC-BY-SA-4.0",
    "ISC",
]
MESSY = ["Apache 2.0", "BSD-3", "Undisclosed", "unlicensed", "Llama 2 Community License", "MIT license", ""]

licences = st.one_of(st.none(), st.sampled_from(CANONICAL + MESSY))


@st.composite
def releases(draw: st.DrawFn, pool: list[str] = CANONICAL + MESSY) -> Release:
    names = draw(st.lists(st.sampled_from(NAMES), unique=True))
    comps = []
    for name in names:
        lic = draw(st.one_of(st.none(), st.sampled_from(pool)))
        comps.append(Component(name, licence=lic, licence_declared=lic is not None))
    globals_ = {
        scope: GlobalLicence(draw(st.sampled_from(pool)))
        for scope in draw(
            st.lists(st.sampled_from(["distribution", "code", "data", "document"]), unique=True)
        )
    }
    return Release("p", licences=globals_, components=tuple(comps))


def _rank(mof_class: int) -> int:
    return {0: 0, 3: 1, 2: 2, 1: 3}[mof_class]


def _with(rel: Release, comp: Component) -> Release:
    others = tuple(c for c in rel.components if c.name != comp.name)
    return Release(rel.name, licences=rel.licences, components=(*others, comp))


@settings(max_examples=300, deadline=None)
@given(rel=releases(), name=st.sampled_from(NAMES), data=st.data(), mode=st.sampled_from(list(Mode)))
def test_adding_an_open_appropriate_component_never_lowers(
    rel: Release, name: str, data: st.DataObject, mode: Mode
) -> None:
    licence = data.draw(st.sampled_from(APPROPRIATE[TYPE[name]]))
    before = evaluate(rel, mode)
    after = evaluate(_with(rel, Component(name, licence=licence, licence_declared=True)), mode)
    assert _rank(after.mof_class) >= _rank(before.mof_class)
    for k in (1, 2, 3):
        assert after.progress_of(k) >= before.progress_of(k) - 1e-9


@settings(max_examples=300, deadline=None)
@given(rel=releases(), mode=st.sampled_from(list(Mode)), data=st.data())
def test_removing_a_component_never_raises(rel: Release, mode: Mode, data: st.DataObject) -> None:
    if not rel.components:
        return
    drop = data.draw(st.sampled_from([c.name for c in rel.components]))
    before = evaluate(rel, mode)
    after = evaluate(
        Release(
            rel.name, licences=rel.licences, components=tuple(c for c in rel.components if c.name != drop)
        ),
        mode,
    )
    assert _rank(after.mof_class) <= _rank(before.mof_class)
    for k in (1, 2, 3):
        assert after.progress_of(k) <= before.progress_of(k) + 1e-9


@settings(max_examples=300, deadline=None)
@given(rel=releases(pool=CANONICAL))
def test_modes_agree_on_canonical_spdx_ids(rel: Release) -> None:
    mot, default = evaluate(rel, Mode.MOT_COMPATIBLE), evaluate(rel)
    assert (mot.mof_class, mot.progress) == (default.mof_class, default.progress)
    assert [f.status for f in mot.components] == [f.status for f in default.components]


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=40))
def test_an_unrecognised_string_is_never_counted(text: str) -> None:
    from openness.licences.normalise import Kind, normalise

    rel = Release("p", components=(Component("Model card", licence=text, licence_declared=True),))
    finding = evaluate(rel).finding("Model card")
    assert finding is not None
    if normalise(text).kind is Kind.UNRESOLVED:
        assert finding.status.value != "counted"
