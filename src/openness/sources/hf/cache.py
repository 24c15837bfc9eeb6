"""On-disk cache of Hub responses, keyed by repo and commit sha.

Layout under the cache folder: ``hf/<kind>s/<org>/<name>/<sha>/<entry>`` for bodies read at a
commit, and ``hf/<kind>s/<org>/<name>/refs/<revision>`` for the sha a branch or tag named when it was
last read. A commit never changes, so entries at a sha are kept as they are; a branch moves, so its
ref is re-read only with ``--refresh``. Writes go through a temporary file and a rename, so a crash
or a concurrent assessment never leaves half an entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA = re.compile(r"^[0-9a-f]{40}$")


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
        try:
            return self.entry_path(kind, repo_id, sha, entry).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, repo_id: str, sha: str, entry: str, body: bytes) -> None:
        self._write(self.entry_path(kind, repo_id, sha, entry), body)

    def get_ref(self, kind: str, repo_id: str, revision: str) -> str | None:
        if is_sha(revision):
            return revision
        try:
            sha = (self._repo_dir(kind, repo_id) / "refs" / _safe(revision)).read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return sha if is_sha(sha) else None

    def put_ref(self, kind: str, repo_id: str, revision: str, sha: str) -> None:
        if not is_sha(revision) and is_sha(sha):
            self._write(self._repo_dir(kind, repo_id) / "refs" / _safe(revision), sha.encode("ascii"))

    @staticmethod
    def _write(path: Path, body: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written only costs requests next time
