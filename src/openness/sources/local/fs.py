"""Walk a tree by names and sizes, and read bounded prefixes of the files a rule asks for.

Safety: symlinks are never followed out of the tree, and symlinked folders are never entered (so a
loop cannot trap the walk); FIFOs, sockets and devices are never opened; every read is a bounded
prefix of a regular file opened with O_NONBLOCK and checked again with fstat; the walk is iterative
(deep nesting cannot exhaust the stack) and stops at ``MAX_DEPTH`` and at the file budget.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field

from openness.safeio import open_regular, read_fd
from openness.sources.local.budget import Budget

MAX_DEPTH = 64
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".eggs",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".cache",
        ".idea",
        ".vscode",
        "site-packages",
        "vendor",
        "vendored",
        "third_party",
        "third-party",
        "thirdparty",
        ".ipynb_checkpoints",
    }
)
"""Folders of vendored third-party code, virtual environments, caches and VCS metadata."""
VCS_DIRS = frozenset({".git", ".hg", ".svn"})


def shown(rel: str) -> str:
    """A path as text that can always be printed: undecodable bytes become U+FFFD."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(slots=True)
class FileInfo:
    """One regular file of the tree (or an in-tree symlink to one)."""

    rel: str
    """Path relative to the root, '/'-separated, as the file system gives it (may hold surrogates)."""
    size: int
    name: str = ""
    lower: str = ""
    ext: str = ""
    dirs: tuple[str, ...] = ()
    """The lower-cased folder names leading to the file."""

    def __post_init__(self) -> None:
        head, _, self.name = self.rel.rpartition("/")
        self.lower = self.name.lower()
        dot = self.lower.rfind(".")
        self.ext = self.lower[dot:] if dot > 0 else ""
        self.dirs = tuple(head.lower().split("/")) if head else ()

    @property
    def path(self) -> str:
        return shown(self.rel)


@dataclass(slots=True)
class Walk:
    root: str
    files: list[FileInfo] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)
    """Every folder entered, relative to the root ('' is the root itself)."""
    skipped: list[str] = field(default_factory=list)
    """Folders skipped on purpose (vendored code, environments, caches)."""
    symlinks_out: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    """FIFOs, sockets and devices: never opened."""
    unreadable: list[str] = field(default_factory=list)
    too_deep: list[str] = field(default_factory=list)
    incomplete: bool = False
    """True when some names were never seen (a budget, an unreadable or too deep folder)."""


def _inside(root_real: str, target: str) -> bool:
    return target == root_real or target.startswith(root_real.rstrip(os.sep) + os.sep)


def walk(root: str, budget: Budget) -> Walk:
    """Every regular file under ``root`` with its size, depth-first in name order."""
    out = Walk(root)
    root_real = os.path.realpath(root)
    stack: list[tuple[str, int]] = [("", 0)]
    while stack:
        rel_dir, depth = stack.pop()
        if budget.exhausted is not None:
            out.incomplete = True
            break
        full = os.path.join(root, rel_dir) if rel_dir else root
        try:
            with os.scandir(full) as it:
                entries = list(it)
        except OSError:
            out.unreadable.append(shown(rel_dir) + "/")
            out.incomplete = True
            continue
        out.dirs.append(rel_dir)
        if rel_dir and any(e.name == "pyvenv.cfg" for e in entries):
            out.skipped.append(shown(rel_dir) + "/")
            continue
        subdirs: list[str] = []
        for entry in sorted(entries, key=lambda e: e.name):
            if not budget.take_file():
                out.incomplete = True
                stack.clear()
                break
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                if entry.is_symlink():
                    _symlink(out, root_real, entry.path, rel)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in VCS_DIRS:
                        pass  # version-control metadata: expected, not worth a note
                    elif entry.name in SKIP_DIRS or entry.name.lower() in SKIP_DIRS:
                        out.skipped.append(shown(rel) + "/")
                    elif depth + 1 >= MAX_DEPTH:
                        out.too_deep.append(shown(rel) + "/")
                        out.incomplete = True
                    else:
                        subdirs.append(rel)
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                out.unreadable.append(shown(rel))
                continue
            if stat.S_ISREG(st.st_mode):
                out.files.append(FileInfo(rel, st.st_size))
            else:
                out.special.append(shown(rel))
        stack.extend((d, depth + 1) for d in reversed(subdirs))
    return out


def _symlink(out: Walk, root_real: str, full: str, rel: str) -> None:
    """An in-tree symlink to a regular file counts as that file; anything else is noted, never followed."""
    target = os.path.realpath(full)
    if not _inside(root_real, target):
        out.symlinks_out.append(shown(rel))
        return
    try:
        st = os.stat(target)
    except OSError:  # dangling, or a loop
        out.unreadable.append(shown(rel))
        return
    if stat.S_ISREG(st.st_mode):
        out.files.append(FileInfo(rel, st.st_size))
    # an in-tree symlinked folder is not entered: its content is walked where it really lives


def read_prefix(root: str, rel: str, limit: int, budget: Budget) -> bytes | None:
    """At most ``limit`` bytes from the start of a regular file, within the byte budget; None when the
    file cannot be read (or is no longer a regular file) or the budget is spent."""
    allowed = budget.allow_read(limit)
    if allowed <= 0:
        return None
    path = os.path.join(root, rel)
    fd = open_regular(path)
    if fd is None:
        return None
    try:
        real = os.path.realpath(path)
        if not _inside(os.path.realpath(root), real):
            return None
        data = read_fd(fd, allowed)
    except OSError:
        return None
    finally:
        os.close(fd)
    budget.spend(len(data))
    return data


def read_at(root: str, rel: str, offset: int, length: int, budget: Budget) -> bytes | None:
    """``length`` bytes at ``offset`` of a regular file (for binary headers), within the budget."""
    allowed = budget.allow_read(length)
    if allowed < length:
        return None
    fd = open_regular(os.path.join(root, rel))
    if fd is None:
        return None
    try:
        data = os.pread(fd, length, offset)
    except OSError:
        return None
    finally:
        os.close(fd)
    budget.spend(len(data))
    return data


def iter_text_lines(data: bytes) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of a bounded prefix, decoded leniently."""
    yield from enumerate(data.decode("utf-8", "replace").splitlines(), start=1)
