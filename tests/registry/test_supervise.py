"""The supervisor of ``openness serve``'s job worker, on real child processes."""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from openness.store import supervise
from openness.store.supervise import Supervised

WAIT_BOUND = 30.0
"""Seconds to wait for a child to come and go (a bound on a busy machine, not a measurement)."""


def test_a_child_that_dies_is_started_again_with_growing_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(supervise, "MIN_PAUSE", 0.05)
    events: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(supervise.jsonlog, "event", lambda name, *_, **fields: events.append((name, fields)))
    dies = Supervised([sys.executable, "-c", "raise SystemExit(3)"])
    deadline = time.monotonic() + WAIT_BOUND
    while dies.restarts < 3:
        assert time.monotonic() < deadline, "the child was not started again"
        time.sleep(0.02)
    dies.stop()
    restarts = dies.restarts
    time.sleep(0.5)
    assert dies.restarts == restarts  # stopped: no more restarts
    exits = [fields for name, fields in events if name == "job-worker.exited"]
    assert [e["code"] for e in exits[:3]] == [3, 3, 3]
    assert [e["restart_in_seconds"] for e in exits[:3]] == [0.05, 0.1, 0.2]
    starts = [fields["pid"] for name, fields in events if name == "job-worker.started"]
    assert len(set(starts)) == len(starts) == restarts + 1


def test_stop_ends_a_running_child_with_sigterm() -> None:
    sleeper = Supervised([sys.executable, "-c", "import time; time.sleep(600)"])
    first = sleeper.pid
    assert sleeper.stop() == -15
    assert sleeper.restarts == 0 and sleeper.pid == first
