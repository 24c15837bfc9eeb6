"""``openness registry worker``: claims jobs from the queue (``openness.store.jobs``) and runs them
(``openness.store.execute``), at most ``concurrency`` at once, each in a thread of its own with a
heartbeat that keeps its lease.

Any number of workers may run against one PostgreSQL database (row locks hand each job to one worker)
or one SQLite file. A worker killed outright (``kill -9``) loses its jobs' leases: after
``lease`` seconds without a heartbeat any worker requeues them. A graceful stop (``stop()``: SIGTERM or
Ctrl-C in the command) claims nothing more, waits up to ``grace`` seconds for the running jobs to finish,
then hands the ones still running back to the queue, uncounted, and returns.

A database that goes away (a restart) makes a cycle fail with one line; the worker tries again after
``poll`` seconds and carries on when the database is back.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from openness.sources.options import CollectOptions
from openness.store import execute, jobs, targets


def worker_name() -> str:
    """host:pid:random, unique per worker run (what ``worker_id`` records)."""
    return f"{socket.gethostname()[:64]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Tally:
    done: int = 0
    failed: int = 0
    lost: int = 0
    requeued: int = 0
    """Running jobs handed back at a graceful stop."""
    outcomes: dict[int, str] = field(default_factory=dict)


class Worker:
    def __init__(
        self,
        engine: Engine,
        *,
        concurrency: int = 1,
        lease: float = jobs.LEASE_SECONDS,
        poll: float = 1.0,
        grace: float = 30.0,
        max_attempts: int = jobs.MAX_ATTEMPTS,
        policy: targets.Policy | None = None,
        collect_options: CollectOptions | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        self.concurrency = max(1, concurrency)
        self.lease, self.poll, self.grace, self.max_attempts = lease, poll, grace, max_attempts
        self.policy = policy or targets.policy_from_env()
        self.collect_options = collect_options
        self.say = say or (lambda _line: None)
        self.id = worker_name()
        self.tally = Tally()
        self._stop = threading.Event()
        self._ended = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._running: dict[int, tuple[jobs.Job, threading.Thread]] = {}

    def stop(self) -> None:
        """Ask for a graceful stop (safe from a signal handler)."""
        self._stop.set()
        self._wake.set()

    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._running)

    def run(self, exit_when_idle: bool = False) -> Tally:
        """Claim and run jobs until ``stop()`` (or, with ``exit_when_idle``, until the queue is empty and
        nothing runs)."""
        beat = threading.Thread(target=self._heartbeats, name="openness-heartbeat", daemon=True)
        beat.start()
        try:
            while not self._stop.is_set():
                claimed = self._cycle()
                if exit_when_idle and not claimed and self.busy == 0:
                    break
                self._wake.wait(self.poll if not claimed else 0.05)
                self._wake.clear()
        finally:
            self._shutdown()
            self._ended.set()
        return self.tally

    def _cycle(self) -> bool:
        """Requeue expired leases, then fill the free slots; True when a job was claimed."""
        claimed = False
        try:
            requeued, failed = jobs.requeue_expired(self.engine, self.max_attempts)
            if requeued or failed:
                self.say(f"{requeued} job(s) with an expired lease requeued, {failed} given up")
            while self.busy < self.concurrency and not self._stop.is_set():
                job = jobs.claim(self.engine, self.id, self.lease)
                if job is None:
                    break
                claimed = True
                self._start(job)
        except SQLAlchemyError as exc:
            from openness.store.database import _first_line

            self.say(f"the database is unavailable ({_first_line(exc)}); trying again in {self.poll:g} s")
        return claimed

    def _start(self, job: jobs.Job) -> None:
        thread = threading.Thread(
            target=self._run_one, args=(job,), name=f"openness-job-{job.id}", daemon=True
        )
        with self._lock:
            self._running[job.id] = (job, thread)
        self.say(f"job {job.id}: {job.kind} {job.target} (attempt {job.attempts})")
        thread.start()

    def _run_one(self, job: jobs.Job) -> None:
        try:
            outcome = execute.run(self.engine, job, self.policy, self.collect_options)
        except Exception as exc:  # the database failed while storing: the lease expires, the job is retried
            from openness.errors import InternalError

            outcome = execute.Outcome("lost", str(InternalError.of(exc)))
        with self._lock:
            self._running.pop(job.id, None)
            self.tally.outcomes[job.id] = outcome.state
            setattr(self.tally, outcome.state, getattr(self.tally, outcome.state) + 1)
        self.say(f"job {job.id}: {outcome.state}" + (f": {outcome.message}" if outcome.message else ""))
        self._wake.set()

    def _heartbeats(self) -> None:
        interval = max(self.lease / 3, 0.05)
        while not self._ended.wait(interval):  # beats on through a graceful stop's grace period
            with self._lock:
                running = [job for job, _ in self._running.values()]
            for job in running:
                try:
                    if not jobs.heartbeat(self.engine, job, self.lease):
                        self.say(f"job {job.id}: the lease was taken over; its result will not be stored")
                except SQLAlchemyError:
                    pass  # said by the main loop; the lease may expire and the job be retried

    def _shutdown(self) -> None:
        deadline = time.monotonic() + self.grace
        while self.busy and time.monotonic() < deadline:
            self._wake.wait(min(0.05, max(deadline - time.monotonic(), 0)))
            self._wake.clear()
        with self._lock:
            left = [job for job, _ in self._running.values()]
        for job in left:
            try:
                handed = jobs.requeue(self.engine, job)
            except SQLAlchemyError:
                handed = False  # its lease expires and another worker requeues it
            if handed:
                self.tally.requeued += 1
            self.say(f"job {job.id}: " + ("handed back to the queue" if handed else "left to its lease"))
