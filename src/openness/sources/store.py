"""Writing a cache entry so that a crash or a concurrent assessment never leaves half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, body: bytes) -> None:
    """``body`` at ``path`` through a temporary file and a rename; a cache that cannot be written only
    costs a request next time, so an OSError is swallowed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except OSError:
        return
