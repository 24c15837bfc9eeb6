"""The upper bound on agreement with the OSAI index's grades (benchmarks/verdicts/index_bound.py): the
best one grade per group of alike records can do, with and without issue 9's rule for documents."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from types import ModuleType

from tests.conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "verdicts" / "index_bound.py"


def _load() -> ModuleType:
    sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("index_bound", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bound_script = _load()
LISTED = (("distribution", "open"), ("Model card", "included", "open", "-"))


def test_one_grade_per_group_of_alike_records() -> None:
    grades = Counter({"open": 3, "partial": 1, "closed": 2})
    assert bound_script.best(grades, ("open", "partial", "closed")) == (3, 6)
    assert bound_script.best(grades, ("closed", "partial")) == (2, 6)  # partial is within one of all


def test_documents_are_never_open_unread_unless_a_paper_is_on_a_venue() -> None:
    allowed = bound_script.allowed_grades
    assert allowed("model-card", LISTED, documents_rule=True) == ("closed", "partial")
    assert allowed("model-card", LISTED, documents_rule=False) == ("closed", "partial", "open")
    venue = (("Research paper", "referenced", "none", "venue"),)
    assert "open" in allowed("paper", venue, documents_rule=True)
    assert "open" not in allowed("paper", (("Research paper", "referenced", "none", "preprint"),), True)
    assert "open" in allowed("base-model-weights", LISTED, documents_rule=True)


def test_the_bound_sums_groups_per_dimension() -> None:
    groups = {
        ("model-card", LISTED): ["open", "open", "closed"],
        ("model-card", (("distribution", "none"),)): ["closed", "closed"],
        ("licence", LISTED): ["open", "partial", "not graded"],
    }
    with_rule = bound_script.bound(groups, documents_rule=True)
    assert with_rule["model-card"] == (3, 5, 5)  # first group: closed 1 exact, partial 3 within one
    assert with_rule["licence"] == (1, 2, 2)
    assert bound_script.bound(groups, documents_rule=False)["model-card"] == (4, 5, 5)
