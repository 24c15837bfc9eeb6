"""Where openness keeps its caches: ``$OPENNESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/openness``, else
``~/.cache/openness``."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV_VAR = "OPENNESS_CACHE_DIR"


def user_cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV_VAR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "openness"
