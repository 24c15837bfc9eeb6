"""Cache entries on disk, read and written safely: the one place for it (every openness cache uses it).

An entry is a file whose first line is ``openness-cache-v1 <sha256 of the body>``, then the body.

- A read opens the file with ``O_NONBLOCK | O_NOFOLLOW`` and reads it only when it is a regular file
  (a FIFO cannot block it, a symlink is not followed), at most ``MAX_ENTRY`` bytes, and returns the
  body only when the digest matches: an entry that was edited, cut short or written by an older
  openness is a miss, never trusted.
- A write goes to a temporary file in the same folder, renamed into place (atomic on POSIX), so
  parallel processes sharing one cache folder never read half an entry; a failed write leaves no
  temporary file behind. A cache that cannot be written is skipped: it only costs work next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from openness.safeio import open_regular, read_fd

MAGIC = b"openness-cache-v1 "
MAX_ENTRY = 64 * 1024 * 1024
"""Largest body read back (Hub bodies are bounded when fetched: 8 MiB of JSON, a card, a config)."""
_HEADER = len(MAGIC) + 64 + 1


def write_entry(path: Path, body: bytes) -> None:
    """Store ``body`` at ``path`` with its digest, atomically; errors are swallowed (see above)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return  # a cache that cannot be written only costs work next time


def read_entry(path: Path) -> bytes | None:
    """The body of a cache entry, or None when it is missing, not a regular file, too large, or its
    digest does not match (cut short or edited)."""
    fd = open_regular(path, follow=False)
    if fd is None:
        return None
    try:
        if os.fstat(fd).st_size > MAX_ENTRY + _HEADER:
            return None
        data = read_fd(fd, MAX_ENTRY + _HEADER + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) < _HEADER or not data.startswith(MAGIC) or data[_HEADER - 1 : _HEADER] != b"\n":
        return None
    digest, body = data[len(MAGIC) : _HEADER - 1], data[_HEADER:]
    if digest != hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    return body
