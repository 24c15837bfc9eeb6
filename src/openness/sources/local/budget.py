"""Scan budgets: entries looked at, bytes read, seconds spent. When one runs out the scan stops
taking on work, and records which budget and what was left unread."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from openness.sources.options import CollectOptions


@dataclass(slots=True)
class Budget:
    max_files: int
    max_bytes: int
    max_seconds: float
    files: int = 0
    bytes_read: int = 0
    started: float = field(default_factory=time.monotonic)
    exhausted: str | None = None
    """The first budget that ran out (``max-files``, ``max-bytes``, ``max-seconds``), or None."""

    @classmethod
    def from_options(cls, options: CollectOptions) -> Budget:
        return cls(options.max_files, options.max_bytes, options.max_seconds)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _exhaust(self, name: str) -> bool:
        if self.exhausted is None:
            self.exhausted = name
        return False

    def take_file(self) -> bool:
        """Count one directory entry; False once the file budget (or the clock) is spent."""
        if self.exhausted is not None:
            return False
        if self.files >= self.max_files:
            return self._exhaust("max-files")
        if self.files % 256 == 0 and self.elapsed() > self.max_seconds:
            return self._exhaust("max-seconds")
        self.files += 1
        return True

    def allow_read(self, wanted: int) -> int:
        """How many of ``wanted`` bytes may still be read (0 once the byte or time budget is spent; files
        already seen may still be read after the file budget stops the walk)."""
        if self.exhausted in ("max-bytes", "max-seconds"):
            return 0
        if self.elapsed() > self.max_seconds:
            self._exhaust("max-seconds")
            return 0
        left = self.max_bytes - self.bytes_read
        if left < wanted:  # a read cut short by the budget is a budget hit
            self._exhaust("max-bytes")
        return max(0, min(wanted, left))

    def spend(self, n: int) -> None:
        self.bytes_read += n

    def describe(self) -> str:
        limit = {
            "max-files": f"{self.max_files:,} entries",
            "max-bytes": f"{self.max_bytes:,} bytes read",
            "max-seconds": f"{self.max_seconds:g} s",
        }.get(self.exhausted or "", "")
        return f"{self.exhausted} ({limit})"
