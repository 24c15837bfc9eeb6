"""Helpers shared by the finders."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import Hit

# Read priorities: licences and cards first, then configs, then weights headers, then code.
P_LICENCE, P_CARD, P_CONFIG, P_WEIGHTS, P_DOC, P_CODE = 0, 1, 2, 3, 4, 5

CHECKPOINT_DIR = re.compile(
    r"^(?:checkpoint|ckpt|step|global_step|iter|epoch)[-_]?\d+(?:[-_].*)?$|^iter_\d+$|^checkpoint-best$"
)
CHECKPOINT_FILE = re.compile(r"(?:^|[-_.])(?:step|iter|epoch|checkpoint|ckpt)[-_]?\d+")
DATA_DIRS = frozenset({"data", "datasets", "dataset", "corpus", "corpora"})
EVAL_DIRS = frozenset(
    {"eval", "evals", "evaluation", "evaluations", "benchmark", "benchmarks", "lm_eval", "lm-eval", "harness"}
)
TEST_DIRS = frozenset({"tests", "test", "testing", "unittests", "test_fixtures", "fixtures"})


def hit(
    component: str,
    f: FileInfo,
    rule: str,
    confidence: float,
    detail: str = "",
    presence: Presence = Presence.INCLUDED,
    line: int | None = None,
    url: str | None = None,
) -> Hit:
    return Hit(component, presence, rule, confidence, f.path, line, url, detail, f.rel)


def in_dirs(f: FileInfo, names: frozenset[str]) -> bool:
    return not names.isdisjoint(f.dirs)


def in_eval_dirs(f: FileInfo) -> bool:
    """Under an evaluation folder: eval/, benchmarks/, oe_eval_tasks/, lm_eval/ …"""
    return in_dirs(f, EVAL_DIRS) or any("eval" in d or "benchmark" in d for d in f.dirs)


def in_tests(f: FileInfo) -> bool:
    """Unit tests of the project are not training, evaluation or inference code."""
    return in_dirs(f, TEST_DIRS) or f.lower.startswith("test_") or f.lower.endswith("_test.py")


def in_checkpoint_dir(f: FileInfo) -> str | None:
    for d in f.dirs:
        if CHECKPOINT_DIR.match(d):
            return d
    return None
