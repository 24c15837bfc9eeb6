"""The hostile corpus (tests/fuzz/hostile.py) end to end through the console script: each case exits
0 or 2 as expected, errors are one line with no traceback, output is UTF-8, ``-f jsonl`` writes one row
per target, and nothing from a release is ever executed. Time and memory are measured by
benchmarks/fuzz/bench_hostile.py; here a generous timeout only guards against a hang."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from . import hostile
from .hostile import Case

HANG_GUARD = 300.0

BUILDERS: dict[str, Callable[[Path], list[Case]]] = {
    "symlink loops": hostile.symlink_loops,
    "fifos": hostile.fifos,
    "sparse files": hostile.sparse_files,
    "pickles": hostile.pickles,
    "20k files": lambda root: hostile.many_files(root, 20_000),
    "500-deep folders": hostile.deep_folders,
    "odd names": hostile.odd_names,
    "5 MB record": hostile.big_record,
    "200 KB field": hostile.big_field,
}


def _run(kind: str, tmp_path: Path, finding: int | None) -> tuple[list[str], list[str]]:
    """(broken invariants of the cases that expose ``finding``, anything from the release executed)."""
    root = tmp_path / "corpus"
    root.mkdir()
    failures, executed = [], []
    for case in BUILDERS[kind](root):
        done = hostile.run(case.args, tmp_path / "cache", HANG_GUARD)
        found = hostile.problems(case, done)
        executed += [f"{case.name}: {p}" for p in found if "was executed" in p]
        if case.finding == finding:
            failures += [f"{case.name}: {p}" for p in found]
    return failures, executed


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_hostile_corpus_through_the_cli(kind: str, tmp_path: Path) -> None:
    failures, executed = _run(kind, tmp_path, None)
    assert not executed, "\n".join(executed)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("kind", "finding"),
    [
        pytest.param("pickles", 2),
        pytest.param("odd names", 15),
    ],
)
def test_hostile_cases_of_open_findings(kind: str, finding: int, tmp_path: Path) -> None:
    failures, executed = _run(kind, tmp_path, finding)
    assert not executed, "\n".join(executed)
    assert not failures, "\n".join(failures)
