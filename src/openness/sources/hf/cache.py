"""On-disk cache of Hub responses, keyed by repo and commit sha.

Layout under the cache folder: ``hf/<kind>s/<org>/<name>/<sha>/<entry>`` for bodies read at a
commit, and ``hf/<kind>s/<org>/<name>/refs/<revision>`` for the sha a branch or tag named when it was
last read. A commit never changes, so entries at a sha are kept as they are; a branch moves, so its
ref is re-read only with ``--refresh``.

Entries are read and written by ``openness.cachefile``: each carries the sha256 of its body (an edited
or cut entry is a miss), reads open only regular files, writes are atomic (temporary file + rename).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from openness.cachefile import read_entry, write_entry

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
        return read_entry(self.entry_path(kind, repo_id, sha, entry))

    def put(self, kind: str, repo_id: str, sha: str, entry: str, body: bytes) -> None:
        write_entry(self.entry_path(kind, repo_id, sha, entry), body)

    def get_ref(self, kind: str, repo_id: str, revision: str) -> str | None:
        if is_sha(revision):
            return revision
        body = read_entry(self._repo_dir(kind, repo_id) / "refs" / _safe(revision))
        sha = body.decode("ascii", "replace").strip() if body is not None else ""
        return sha if is_sha(sha) else None

    def put_ref(self, kind: str, repo_id: str, revision: str, sha: str) -> None:
        if not is_sha(revision) and is_sha(sha):
            write_entry(self._repo_dir(kind, repo_id) / "refs" / _safe(revision), sha.encode("ascii"))
