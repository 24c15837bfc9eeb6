"""Third-party code copied into a release (``third_party/``, ``vendor/``, ``dependencies/``,
``external/``): a library the release ships with its model, under its own licence file.

Rule ``vendored-library``: each library there that carries a licence file (in the vendored folder or
one folder below: ``thirdparty/CLIP/LICENSE``, ``dependencies/AutoGPTQ/LICENSE``) is a supporting library
of the release, and its licence is that file's. The walk skips most vendored folders whole; their licence
files alone are listed here (bounded), so that the licence reader reads them.

Rule ``vendored-role``: files inside a vendored folder may run or evaluate the model (a quantisation
library, a benchmark harness), so their inference, evaluation and supporting hits stand; they did not
define or train the released model, nor are they its data or configuration: their other hits go."""

from __future__ import annotations

import os
import stat

from openness.sources.local.budget import Budget
from openness.sources.local.finders.common import DATA_DIRS, hit
from openness.sources.local.fs import FileInfo, Walk
from openness.sources.local.hits import EVAL_CODE, INFERENCE, SUPPORTING, Hit
from openness.sources.local.licence_files import is_licence_file

VENDORED_DIRS = frozenset(
    {"vendor", "vendored", "third_party", "third-party", "thirdparty", "3rdparty", "dependencies", "external"}
)
"""Folder names a release gives to code it copied from other projects."""
KEPT_ROLES = frozenset({INFERENCE, EVAL_CODE, SUPPORTING})
MAX_ENTRIES = 256
"""Entries listed per skipped vendored folder (and per library folder in it) to find licence files."""
RULE = "local.support.vendored-library"


def vendored_at(f: FileInfo) -> int | None:
    """The index in ``f.dirs`` of the outermost vendored folder the file lies in, or None. Inside a data
    folder (``data/external/``) the name says where data came from: the data stays data."""
    for i, d in enumerate(f.dirs):
        if d in DATA_DIRS:
            return None
        if d in VENDORED_DIRS:
            return i
    return None


def licence_files(root: str, w: Walk, budget: Budget) -> list[FileInfo]:
    """Licence files in the vendored folders the walk skipped, and one folder below them."""
    out: list[FileInfo] = []
    for skipped in w.skipped:
        rel = skipped.rstrip("/")
        if rel.rpartition("/")[2].lower() not in VENDORED_DIRS:
            continue
        files, subdirs = _list(root, rel, budget)
        out.extend(files)
        for sub in subdirs:
            out.extend(_list(root, sub, budget)[0])
    return out


def _list(root: str, rel: str, budget: Budget) -> tuple[list[FileInfo], list[str]]:
    files: list[FileInfo] = []
    subdirs: list[str] = []
    try:
        with os.scandir(os.path.join(root, rel)) as it:
            for n, entry in enumerate(it):
                if n >= MAX_ENTRIES or not budget.take_file():
                    break
                child = f"{rel}/{entry.name}"
                if entry.is_symlink():
                    continue  # never followed here: the walk's own rules judge in-tree links
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append(child)
                elif is_licence_file(entry.name):
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(st.st_mode):
                        files.append(FileInfo(child, st.st_size))
    except OSError:
        return files, []  # unreadable: no library is claimed from it
    return files, sorted(subdirs)[:MAX_ENTRIES]


def library_hits(files: list[FileInfo]) -> list[Hit]:
    """One supporting-library hit per vendored library with a licence file of its own."""
    out: list[Hit] = []
    seen: set[str] = set()
    for f in files:
        at = vendored_at(f)
        if at is None or len(f.dirs) - at > 2 or not is_licence_file(f.name):
            continue
        library = f.rel.rpartition("/")[0]
        if library in seen:
            continue
        seen.add(library)
        detail = f"third-party code copied into {library}/ under its own licence file {f.name}"
        out.append(hit(SUPPORTING, f, RULE, 0.6, detail))
    return out


def restricted(hits: list[Hit], files: list[FileInfo]) -> list[Hit]:
    """The hits without those on vendored files for components other than running, evaluating and
    supporting the model."""
    vendored = {f.rel for f in files if vendored_at(f) is not None}
    return [h for h in hits if h.component in KEPT_ROLES or h.rel not in vendored]
