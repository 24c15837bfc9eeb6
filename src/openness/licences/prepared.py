"""A cache, in the user's cache folder, of data prepared from the reference texts (their word lists), so
that a new process does not split 700 licence texts into words again.

The data is plain (tuples, strings, integers) and stored with ``marshal``; nothing else is ever read back
(no pickle, no code). Entries are written and read by ``openness.cachefile``, the one helper every
openness cache uses (atomic writes, bounded reads of regular files only, a digest that turns an edited or
cut entry into a miss). An entry is named by a key that covers everything the data depends on: the
reference bundle's digest, the openness version and the digest of the code that prepared it; a changed
package or changed code therefore never reads stale data, and writing an entry removes those of the same
name under other keys. A missing, unreadable or malformed entry is rebuilt; a cache that cannot be
written is skipped. ``OPENNESS_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard, TypeVar, cast

from openness.cachefile import read_entry, write_entry

T = TypeVar("T")


def cache_dir() -> Path | None:
    """openness's cache folder (``openness.paths``), or None when ``OPENNESS_NO_CACHE`` turns it off."""
    if os.environ.get("OPENNESS_NO_CACHE"):
        return None
    from openness.paths import user_cache_dir

    return user_cache_dir()


def key(*parts: str) -> str:
    """A short digest of everything an entry depends on."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def cached(name: str, entry_key: str, build: Callable[[], T], valid: Callable[[object], TypeGuard[T]]) -> T:
    """The data stored under ``name`` and ``entry_key`` when it is there and ``valid``; else ``build()``,
    stored for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{entry_key}.marshal"
    body = read_entry(path)
    if body is not None:
        try:
            loaded: object = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            loaded = None  # not data this code wrote: build it
        if valid(loaded):
            return loaded
    data = build()
    write_entry(path, marshal.dumps(cast(Any, data)))
    try:
        for old in folder.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)  # an entry for other texts or older code: never read again
    except OSError:
        pass  # a read-only or vanished folder: the stale entries are never read anyway
    return data
