"""What every fuzzed surface promises, checked one generated case at a time.

A case ends in a result or in an ``OpennessError`` whose message is one line; anything else (another
exception, an "internal error", a multi-line message, output that is not UTF-8, a CLI exit code other
than 0/1/2, a JSONL batch without exactly one row per target) is a violation.

In the test suite a violation fails the test, except one that matches an open fuzz finding listed in
``KNOWN``: each has its own ``xfail(strict=True)`` regression test, and is only counted here so the
fuzzers keep looking past it. When a fix is merged, delete its entry here and the xfail mark there.

The benchmark (``benchmarks/fuzz/run_fuzz.py``) sets ``RECORDING``: violations are then tallied, not
raised, so every generated case runs, and ``TALLY`` holds the figures it reports.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings

from openness.errors import OpennessError

EXAMPLES = int(os.environ.get("OPENNESS_FUZZ_EXAMPLES", "100"))
"""Cases per surface: a few hundred in the suite; the benchmark asks for 10,000."""
RECORDING = False
ON_CASE: Callable[[str], None] | None = None
"""Called with the surface after each case while recording (the benchmark saves its figures so far)."""


def fuzz_settings(share: float = 1.0) -> settings:
    """Settings for one fuzzer; ``share`` scales the number of cases for the costlier surfaces."""
    return settings(
        max_examples=max(1, int(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        print_blob=True,
        # the test suite replays the same cases every run (a failure is a regression, never luck);
        # the benchmark (benchmarks/fuzz/run_fuzz.py) explores new ones with OPENNESS_FUZZ_RANDOM=1
        derandomize=os.environ.get("OPENNESS_FUZZ_RANDOM") != "1",
    )


class Violation(Exception):
    """A broken invariant found by a surface's own checks (output shape, exit code, encoding)."""


@dataclass(frozen=True)
class Known:
    number: int
    """The entry in /work/wt/notes/fuzz-findings.md (fuzz finding N)."""
    pattern: str
    """A regular expression that matches the violation's text."""


KNOWN: tuple[Known, ...] = ()
"""Open findings the fuzzers look past: none now — findings 1–10 and 12–18 are fixed, each with its
regression test in test_findings.py; a violation of any kind fails."""


def known_finding(problem: str) -> int | None:
    for k in KNOWN:
        if re.search(k.pattern, problem):
            return k.number
    return None


@dataclass
class Tally:
    """The figures for one surface."""

    cases: int = 0
    results: int = 0
    input_errors: int = 0
    violations: Counter[str] = field(default_factory=Counter)
    known: Counter[int] = field(default_factory=Counter)
    tracebacks: int = 0
    exit_codes: Counter[int] = field(default_factory=Counter)
    max_seconds: float = 0.0
    """The slowest case after the first (the first also loads modules and data once per process)."""
    first_seconds: float = 0.0
    slowest: str = ""
    checks: Counter[str] = field(default_factory=Counter)
    """Invariants checked beyond "no exception", by name (e.g. JSONL batches with one row per target)."""
    samples: dict[str, str] = field(default_factory=dict)
    """One generated case (shortened) for each kind of violation."""


TALLY: dict[str, Tally] = {}


def _signature(problem: str) -> str:
    first = problem.splitlines()[0] if problem else problem
    return re.sub(r"\d+", "N", first)[:160]


def check(surface: str, case: object, action: Callable[[], int | None]) -> None:
    """Run one case: ``action`` returns an exit code (CLI surfaces) or None, or raises."""
    tally = TALLY.setdefault(surface, Tally())
    problem = ""
    traceback_like = False
    start = time.perf_counter()
    try:
        code = action()
        tally.results += 1
        if code is not None:
            tally.exit_codes[code] += 1
    except OpennessError as exc:
        tally.input_errors += 1
        message = str(exc)
        if "internal error" in message:
            problem, traceback_like = f"internal error: {message}", True
        elif "\n" in message or "\r" in message:
            problem = f"error message is not one line: {message!r}"
    except Violation as exc:
        problem = str(exc)
        traceback_like = "Traceback" in problem or "internal error" in problem
    except Exception as exc:  # the invariant under test: nothing but results and OpennessErrors
        problem, traceback_like = f"unexpected {type(exc).__name__}: {exc}", True
    elapsed = time.perf_counter() - start
    tally.cases += 1
    if tally.cases == 1:
        tally.first_seconds = elapsed
    elif elapsed > tally.max_seconds:
        tally.max_seconds, tally.slowest = elapsed, repr(case)[:300]
    if ON_CASE is not None:
        ON_CASE(surface)
    if not problem:
        return
    tally.tracebacks += traceback_like
    number = known_finding(problem)
    if number is not None:
        tally.known[number] += 1
        return
    signature = _signature(problem)
    tally.violations[signature] += 1
    tally.samples.setdefault(signature, repr(case)[:500])
    if not RECORDING:
        raise AssertionError(f"{surface}: {problem[:2000]}\ncase: {case!r:.2000}")


def checked(surface: str, invariant: str) -> None:
    """Count one passed check of a named invariant (for the benchmark's figures)."""
    TALLY.setdefault(surface, Tally()).checks[invariant] += 1


def utf8(data: bytes, what: str) -> str:
    """Output decoded strictly, or a Violation: every output format must be valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Violation(f"{what} is not valid UTF-8 at byte {exc.start}") from None
