"""What the user asked of a collector: budgets, how much evidence to keep, and how to fetch.

One small value threaded from the CLI through ``service`` to the sources; each collector reads the
fields that concern it (a folder scan ignores the token, the Hub collector ignores the file budget)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CollectOptions:
    # Scanning a tree or a clone
    max_files: int = 200_000
    """Directory entries the scanner may look at (names and sizes)."""
    max_bytes: int = 64 * 1024 * 1024
    """Bytes the scanner may read from files, all files together."""
    max_seconds: float = 60.0
    """Wall-clock seconds the scan may take (a clone has its own timeout)."""
    explain: bool = False
    """Keep every piece of evidence per component, not just the best few."""
    # Fetching from the network
    token: str | None = None
    """An access token; None means the standard places (HF_TOKEN, the login cache)."""
    endpoint: str | None = None
    """The Hub's base URL; None means HF_ENDPOINT or https://huggingface.co."""
    refresh: bool = False
    """Bypass the on-disk cache (and refill it)."""
    offline: bool = False
    """Use only the on-disk cache; say what is missing."""
    timeout: float = 20.0
    """Seconds allowed for one request (connect and each read)."""
    retries: int = 3
    """Further attempts after a 429, a 5xx, a timeout or a dropped connection."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled each time, capped at 8 s."""
    cache_dir: str | None = None
    """The cache folder; None means OPENNESS_CACHE_DIR, else the user's cache directory."""
    follow_code: bool = True
    """For a Hub model, read the code repositories its card links (at most 2) and merge what they show."""
    url_guard: Callable[[str], None] | None = None
    """Called with every repository URL a collector is about to clone or list (the given one and those a
    card links); raises ``InputError`` to refuse it. The registry's worker sets it (SSRF-safe fetches)."""
