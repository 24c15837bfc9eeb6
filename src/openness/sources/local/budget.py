"""Scan budgets: entries looked at, bytes read, seconds spent. When one runs out the scan stops
taking on that kind of work, and records which budget and what was left unread."""

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
    hit: list[str] = field(default_factory=list)
    """The budgets that ran out (``max-files``, ``max-bytes``, ``max-seconds``), in order."""

    @classmethod
    def from_options(cls, options: CollectOptions) -> Budget:
        return cls(options.max_files, options.max_bytes, options.max_seconds)

    @property
    def exhausted(self) -> str | None:
        """The first budget that ran out, or None."""
        return self.hit[0] if self.hit else None

    @property
    def reads_stopped(self) -> bool:
        return "max-bytes" in self.hit or "max-seconds" in self.hit

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _exhaust(self, name: str) -> None:
        if name not in self.hit:
            self.hit.append(name)

    def take_file(self) -> bool:
        """Count one directory entry; False once the file budget (or the clock) is spent."""
        if "max-files" in self.hit or "max-seconds" in self.hit:
            return False
        if self.files >= self.max_files:
            self._exhaust("max-files")
            return False
        if self.files % 256 == 0 and self.elapsed() > self.max_seconds:
            self._exhaust("max-seconds")
            return False
        self.files += 1
        return True

    def allow_read(self, wanted: int) -> int:
        """How many of ``wanted`` bytes may still be read: 0 once the byte or time budget is spent.
        Files already seen may still be read after the file budget stops the walk."""
        if self.reads_stopped:
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
        limits = {
            "max-files": f"{self.max_files:,} entries",
            "max-bytes": f"{self.max_bytes:,} bytes read",
            "max-seconds": f"{self.max_seconds:g} s",
        }
        return ", ".join(f"{name} ({limits[name]})" for name in self.hit)
