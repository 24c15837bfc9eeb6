"""What the user asked of a collector: budgets and how much evidence to keep."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CollectOptions:
    """Bounds and verbosity for collectors that scan a tree or clone a repository."""

    max_files: int = 200_000
    """Directory entries the scanner may look at (names and sizes)."""
    max_bytes: int = 64 * 1024 * 1024
    """Bytes the scanner may read from files, all files together."""
    max_seconds: float = 60.0
    """Wall-clock seconds the scan may take (a clone has its own timeout)."""
    explain: bool = False
    """Keep every piece of evidence per component, not just the best few."""
