"""On-disk cache of Hub responses, keyed by repo and commit sha.

Layout under the cache folder: ``hf/<kind>s/<org>/<name>/<sha>/<entry>`` for bodies read at a
commit, and ``hf/<kind>s/<org>/<name>/refs/<revision>`` for the sha a branch or tag named when it was
last read. A commit never changes, so entries at a sha are kept as they are; a branch moves, so its
ref is re-read only with ``--refresh``.

Safety: each entry starts with a line ``openness-cache-v1 <sha256 of the body>``; a read checks the
digest, so an entry that was cut short or edited is a miss, never trusted. Reads open only regular
files (no FIFO can block them, no symlink is followed) and read at most ``MAX_ENTRY`` bytes. Writes go
to a temporary file in the same folder and are renamed into place, so parallel assessments sharing
one cache folder never see half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

_SHA = re.compile(r"^[0-9a-f]{40}$")
MAGIC = b"openness-cache-v1 "
MAX_ENTRY = 64 * 1024 * 1024
"""Largest entry read back (bodies are bounded when fetched: 8 MiB of JSON, a card, a config)."""
_HEADER = len(MAGIC) + 64 + 1


def default_dir() -> Path:
    """OPENNESS_CACHE_DIR, else $XDG_CACHE_HOME/openness, else ~/.cache/openness."""
    from openness.paths import user_cache_dir

    return user_cache_dir()


def is_sha(revision: str) -> bool:
    return bool(_SHA.match(revision))


def _safe(part: str) -> str:
    """A path segment that cannot escape the cache folder."""
    if part and re.fullmatch(r"[A-Za-z0-9._-]{1,120}", part) and part not in (".", ".."):
        return part
    return "_" + hashlib.sha256(part.encode()).hexdigest()[:32]


class Cache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or default_dir()) / "hf"

    def _repo_dir(self, kind: str, repo_id: str) -> Path:
        org, _, name = repo_id.partition("/")
        return self.root / f"{kind}s" / _safe(org) / _safe(name)

    def entry_path(self, kind: str, repo_id: str, sha: str, entry: str) -> Path:
        return self._repo_dir(kind, repo_id) / _safe(sha) / _safe(entry)

    def get(self, kind: str, repo_id: str, sha: str, entry: str) -> bytes | None:
        return _read(self.entry_path(kind, repo_id, sha, entry))

    def put(self, kind: str, repo_id: str, sha: str, entry: str, body: bytes) -> None:
        self._write(self.entry_path(kind, repo_id, sha, entry), body)

    def get_ref(self, kind: str, repo_id: str, revision: str) -> str | None:
        if is_sha(revision):
            return revision
        body = _read(self._repo_dir(kind, repo_id) / "refs" / _safe(revision))
        sha = body.decode("ascii", "replace").strip() if body is not None else ""
        return sha if is_sha(sha) else None

    def put_ref(self, kind: str, repo_id: str, revision: str, sha: str) -> None:
        if not is_sha(revision) and is_sha(sha):
            self._write(self._repo_dir(kind, repo_id) / "refs" / _safe(revision), sha.encode("ascii"))

    @staticmethod
    def _write(path: Path, body: bytes) -> None:
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
            return  # a cache that cannot be written only costs requests next time


def _read(path: Path) -> bytes | None:
    """The body of a cache entry, or None when it is missing, not a regular file, too large, or its
    digest does not match (cut short or edited)."""
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY + _HEADER:
            return None
        chunks: list[bytes] = []
        left = MAX_ENTRY + _HEADER + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
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
