"""The job worker ``openness serve`` starts beside its web workers, kept running.

``openness serve --job-workers J`` runs ``openness registry worker`` as a child process. Should that child
die (killed by the out-of-memory killer, ``kill -9``, a crash in a native library), submissions would stay
queued while the pages go on answering. ``Supervised`` starts it again, after a pause that doubles with
each exit in quick succession (1 s up to ``MAX_PAUSE``), and logs each exit (event
``job-worker.exited``) and restart (``job-worker.started``). Jobs the dead worker held come back to the
queue when their lease runs out (``openness.store.jobs``), so nothing is lost and nothing is done twice.
On shutdown, ``stop`` ends the watch first, then asks the current child to stop (SIGTERM: its running
jobs finish or go back to the queue) and waits ``STOP_WAIT`` seconds before killing it.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

from openness import jsonlog

MIN_PAUSE = 1.0
MAX_PAUSE = 60.0
"""Seconds before a restart: doubled from ``MIN_PAUSE`` while the child keeps dying within ``STEADY``."""
STEADY = 60.0
"""A child that ran this long before dying was healthy: the next restart waits ``MIN_PAUSE`` again."""
STOP_WAIT = 60.0
"""Seconds a stopping child gets: its own grace (30 s) and the time to hand running jobs back."""


class Supervised:
    """A child process started again whenever it exits before ``stop``."""

    def __init__(self, command: Sequence[str], name: str = "job-worker") -> None:
        self.command = list(command)
        self.name = name
        self.restarts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._process = self._start()
        self._watch = threading.Thread(target=self._run, name=f"{name}-supervisor", daemon=True)
        self._watch.start()

    @property
    def pid(self) -> int:
        with self._lock:
            return self._process.pid

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(self.command)
        jsonlog.event(f"{self.name}.started", pid=process.pid, restarts=getattr(self, "restarts", 0))
        return process

    def _run(self) -> None:
        pause = 0.0
        while not self._stopping.is_set():
            with self._lock:
                process = self._process
            began = time.monotonic()
            code = process.wait()
            if self._stopping.is_set():
                return
            steady = time.monotonic() - began >= STEADY
            pause = MIN_PAUSE if steady or not pause else min(pause * 2, MAX_PAUSE)
            # a warning: submissions wait in the queue until the worker is back
            jsonlog.event(
                f"{self.name}.exited", logging.WARNING, pid=process.pid, code=code, restart_in_seconds=pause
            )
            if self._stopping.wait(pause):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self.restarts += 1
                self._process = self._start()

    def stop(self) -> int | None:
        """Stop watching, then stop the child (SIGTERM, then SIGKILL after ``STOP_WAIT``); its exit code."""
        with self._lock:
            self._stopping.set()
            process = self._process
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        self._watch.join(timeout=5)
        return code
