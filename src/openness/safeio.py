"""Bounded reads of regular files, the one way openness reads a file it did not write itself.

``open_regular`` opens with ``O_NONBLOCK`` (a FIFO cannot block the open) and ``O_NOCTTY``, optionally
``O_NOFOLLOW``, and keeps the descriptor only when ``fstat`` says it is a regular file; ``read_fd``
reads at most ``limit`` bytes from it in 1 MiB chunks.
"""

from __future__ import annotations

import os
import stat

CHUNK = 1 << 20


def open_regular(path: str | os.PathLike[str], follow: bool = True) -> int | None:
    """A read-only descriptor on ``path`` when it is a regular file, else None (never blocks)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def read_fd(fd: int, limit: int) -> bytes:
    """At most ``limit`` bytes from the descriptor's current position (OSError propagates)."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
