"""Openness verdicts: expression semantics, catalogue licences, and the invariant that nothing unknown is
ever judged open."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openness.licences import catalogue, identify
from openness.licences.judge import judge
from openness.licences.normalise import Kind, normalise

LLAMA2 = "LicenseRef-scancode-llama-2-license-2023"
GEMMA = "LicenseRef-scancode-gemma-tou-2024-04-01"


@pytest.mark.parametrize(("expression", "content_type", "is_open", "branch"), [
    ("MIT OR " + LLAMA2, "code", True, "MIT"),
    (LLAMA2 + " OR MIT", "code", True, "MIT"),
    ("CC-BY-4.0 OR MIT", "code", True, "MIT"),
    ("CC-BY-4.0 OR MIT", "data", True, "CC-BY-4.0"),
    (LLAMA2 + " OR " + GEMMA, "code", False, None),
    ("Apache-2.0 AND " + GEMMA, "code", False, None),
    ("Apache-2.0 AND MIT", "code", True, None),
    ("(MIT OR " + LLAMA2 + ") AND Apache-2.0", "code", True, None),
    ("(MIT OR " + LLAMA2 + ") AND " + GEMMA, "code", False, None),
    ("GPL-2.0-only WITH Classpath-exception-2.0", "code", True, None),
    ("OpenMDW-1.0", "data", True, "OpenMDW-1.0"),
    ("LicenseRef-scancode-openmdw-1.0", "data", False, None),  # a raw ScanCode ref is resolved by normalise
])  # fmt: skip
def test_expression_semantics(expression: str, content_type: str, is_open: bool, branch: str | None) -> None:
    j = judge(expression, content_type)
    assert j.open is is_open, j.reason
    if branch is not None:
        assert j.branch == branch
        assert f"branch {branch}" in j.reason or " OR " not in expression


def test_and_names_the_part_that_is_not_open() -> None:
    j = judge("Apache-2.0 AND " + GEMMA, "code")
    assert j.reason.startswith(f"AND: not open because of {GEMMA}")


@pytest.mark.parametrize("entry", catalogue.entries(), ids=lambda e: e.id)
def test_catalogue_licences_are_open_only_when_the_catalogue_says_so(entry: catalogue.CatalogueEntry) -> None:
    verdict = judge(entry.id, "data")
    assert verdict.open is bool(entry.osd_compliant) or (entry.spdx_listed and verdict.open), verdict.reason
    if not entry.osd_compliant:
        assert not verdict.open


def test_openmdw_is_open_for_every_content_type() -> None:
    for content_type in ("code", "data", "document"):
        assert judge("OpenMDW-1.0", content_type).type_appropriate


def test_unknown_licence_ref_is_not_open() -> None:
    j = judge("LicenseRef-acme-model-licence", "code")
    assert not j.open and "not a licence openness knows" in j.reason


_OPEN_IDS = {"MIT", "Apache-2.0", "CC0-1.0", "CC-BY-4.0", "BSD-3-Clause"}


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_random_strings_are_never_judged_open_unless_they_name_a_licence(raw: str) -> None:
    n = normalise(raw)
    ident = identify(raw)
    if n.kind not in (Kind.LICENCE, Kind.EXPRESSION):
        assert n.expression is None
        assert ident.id is None
        assert not any(ident.open_for.values())
        assert ident.osd_compliant is not True and ident.eu_foss is not True
    else:  # whatever it resolved to, it must be a real id the verdict comes from
        assert n.expression is not None
        for key in n.expression.replace("(", " ").replace(")", " ").split():
            if key not in ("AND", "OR", "WITH"):
                assert (
                    key.startswith("LicenseRef-")
                    or catalogue.lookup(key) is not None
                    or "exception" in key.lower()
                )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=30))
def test_unknown_licence_refs_are_never_open(suffix: str) -> None:
    licence_id = "LicenseRef-x-" + "".join(c for c in suffix if c.isalnum())
    for content_type in ("code", "data", "document"):
        assert not judge(licence_id, content_type).open


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(_OPEN_IDS)), st.sampled_from([LLAMA2, GEMMA, "CC-BY-NC-4.0", "LicenseRef-x"]))
def test_and_with_a_closed_licence_is_never_open_and_or_always_is(open_id: str, closed_id: str) -> None:
    for content_type in ("code", "data", "document"):
        assert not judge(f"{open_id} AND {closed_id}", content_type).open
        assert judge(f"{open_id} OR {closed_id}", content_type).open


def test_pddl_is_open_data_in_default_mode_only() -> None:
    from openness.licences.mof import mot_table

    assert judge("PDDL-1.0", "data").type_appropriate
    assert identify("pddl").osd_compliant is True
    assert not mot_table().is_open("PDDL-1.0")  # the MOT writes it ODC-PDDL-1.0, matched literally
    assert mot_table().is_open("ODC-PDDL-1.0")
