"""How collectors that reach the network should fetch: token, endpoint, cache use, bounds.

One small value threaded from the CLI through ``service`` to the sources; collectors that read only
local files ignore it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FetchOptions:
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
