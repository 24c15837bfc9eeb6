"""A corpus of hostile inputs, built on disk by the code that uses it (the CLI tests and the benchmark):
symlink loops, FIFOs, sparse files, pickles whose unpickling would write a marker file, many files,
deep folders, names with newlines, escapes and invalid UTF-8, a 5 MB MOT record and a 200 KB field.
Nothing hostile is committed: only this code that writes it into a temporary folder."""

from __future__ import annotations

import builtins
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str
    args: list[str | bytes]
    targets: int = 1
    """Targets named on the command line (rows expected with -f jsonl)."""
    codes: tuple[int, ...] = (0, 2)
    markers: tuple[Path, ...] = ()
    """Files that exist only if something from the release was executed."""
    finding: int | None = None
    """An open fuzz finding this case exposes (its invariants are checked by an xfail test)."""


class _WritesMarker:
    """Unpickling this calls open(marker, 'w'): a stand-in for what a malicious checkpoint runs."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Callable[..., object], tuple[str, str]]:
        return (builtins.open, (self.path, "w"))


def payload(marker: Path) -> bytes:
    return pickle.dumps(_WritesMarker(str(marker)), protocol=2)


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def record(name: str = "tiny", licence: str = "MIT", extra: str = "") -> str:
    return (
        f"release:\n  name: {name}\n  producer: hostile\n{extra}  components:\n"
        f"    - name: Model card\n      license: {licence}\n"
        "    - name: Model parameters (Final)\n      license: Apache-2.0\n"
    )


def symlink_loops(root: Path) -> list[Case]:
    tree = root / "loops"
    _write(tree / "README.md", "---\nlicense: mit\n---\n# loops\n")
    (tree / "self").symlink_to(tree / "self")
    (tree / "parent").symlink_to(tree)
    (tree / "a").symlink_to(tree / "b")
    (tree / "b").symlink_to(tree / "a")
    (tree / "up").symlink_to("..")
    (tree / "LICENSE").symlink_to(tree / "LICENSE")
    (root / "loop.yml").symlink_to(root / "loop.yml")
    return [
        Case("symlink loops in a folder", ["assess", "-f", "jsonl", str(tree)]),
        Case(
            "a MOT record that links to itself", ["assess", "-f", "jsonl", str(root / "loop.yml")], codes=(2,)
        ),
        Case("export of a looping folder", ["export", str(tree)]),
        Case(
            "licence --file on a link loop",
            ["licence", "-f", "json", "--file", str(tree / "LICENSE")],
            codes=(2,),
        ),
    ]


def fifos(root: Path) -> list[Case]:
    tree = root / "fifos"
    tree.mkdir()
    for name in ("README.md", "LICENSE", "config.json", "pyproject.toml", "model.safetensors"):
        os.mkfifo(tree / name)
    _write(tree / "train.py", "loss.backward()\n")
    os.mkfifo(root / "record.yml")
    os.mkfifo(root / "targets.txt")
    return [
        Case("FIFOs in a folder", ["assess", "-f", "jsonl", str(tree)]),
        Case("a FIFO as the MOT record", ["assess", "-f", "jsonl", str(root / "record.yml")], codes=(2,)),
        Case(
            "a FIFO as --from-file",
            ["assess", "-f", "jsonl", "--from-file", str(root / "targets.txt")],
            0,
            (2,),
        ),
        Case("a FIFO as licence --file", ["licence", "-f", "json", "--file", str(tree / "LICENSE")], 0, (2,)),
        Case("export of a folder of FIFOs", ["export", str(tree)]),
    ]


def _sparse(path: Path, size: int, head: bytes = b"") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)


def sparse_files(root: Path) -> list[Case]:
    tree = root / "sparse"
    terabyte = 2**40
    _sparse(tree / "model.safetensors", terabyte, (2**40).to_bytes(8, "little"))
    _sparse(tree / "pytorch_model.bin", terabyte)
    _sparse(tree / "README.md", 16 * 2**30, b"---\nlicense: mit\n---\n")
    _sparse(tree / "LICENSE", 16 * 2**30, b"MIT License\n")
    _sparse(tree / "config.json", 16 * 2**30, b'{"architectures": ["X"],')
    _sparse(tree / "data" / "train.jsonl", terabyte)
    _sparse(root / "sparse.yml", 16 * 2**30, record().encode())
    return [
        Case("sparse files of a terabyte", ["assess", "-f", "jsonl", str(tree)]),
        Case("a 16 GiB sparse MOT record", ["assess", "-f", "jsonl", str(root / "sparse.yml")], codes=(2,)),
        Case(
            "licence --file on a 16 GiB sparse file",
            ["licence", "-f", "json", "--file", str(tree / "LICENSE")],
            0,
        ),
    ]


PICKLE_NAMES = (
    "pytorch_model.bin",
    "model.pkl",
    "model.pt",
    "model.pth",
    "weights.ckpt",
    "training_args.bin",
    "optimizer.pt",
    "checkpoint-100/optimizer.pt",
    "data/shard.pkl",
    "model.joblib",
    "README.md",
    "LICENSE",
    "config.json",
)


def pickles(root: Path) -> list[Case]:
    tree = root / "pickles"
    marker = root / "PICKLE-WAS-LOADED"
    for name in PICKLE_NAMES:
        _write(tree / name, payload(marker))
    tag_marker = root / "YAML-TAG-WAS-RUN"
    tagged = record(licence=f"!!python/object/apply:builtins.open ['{tag_marker}', 'w']")
    _write(root / "tagged.yml", tagged)
    return [
        Case("pickles with payloads", ["assess", "-f", "jsonl", str(tree)], markers=(marker,)),
        Case("export of a folder of pickles", ["export", "-f", "json", str(tree)], markers=(marker,)),
        Case(
            "licence --file on a pickle",
            ["licence", "-f", "json", "--file", str(tree / "model.pkl")],
            0,
            (0,),
            (marker,),
        ),
        Case(
            "a MOT record with a python tag",
            ["assess", "-f", "jsonl", str(root / "tagged.yml")],
            codes=(2,),
            markers=(tag_marker,),
            finding=2,
        ),
    ]


def many_files(root: Path, count: int) -> list[Case]:
    tree = root / f"files-{count}"
    per = 1000
    for d in range(0, count, per):
        folder = tree / f"pkg{d // per:04d}"
        folder.mkdir(parents=True)
        for i in range(d, min(count, d + per)):
            (folder / f"mod{i}.py").write_bytes(b"x = 1\n")
    _write(tree / "zz" / "train.py", "loss.backward()\n")
    return [Case(f"{count:,} files", ["assess", "-f", "jsonl", str(tree)])]


def deep_folders(root: Path, depth: int = 500) -> list[Case]:
    tree = root / "deep"
    # build with relative steps: the full path is longer than PATH_MAX allows in one call
    tree.mkdir()
    fd = os.open(tree, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        with os.fdopen(os.open("train.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as fh:
            fd = -1
            fh.write(b"loss.backward()\n")
    finally:
        if fd >= 0:
            os.close(fd)
    _write(tree / "README.md", "# deep\n")
    return [Case(f"{depth}-deep folders", ["assess", "-f", "jsonl", str(tree)])]


def odd_names(root: Path) -> list[Case]:
    tree = root / "names"
    tree.mkdir()
    raw = os.fsencode(tree)
    for name in (
        b"new\nline.py",
        b"bad\xff\xfe.py",
        b"\x1b[31mred\x1b[0m.md",
        b"tab\tand\rcr.json",
        b"LICENSE\xc0",
    ):
        with open(raw + b"/" + name, "wb") as fh:
            fh.write(b"loss.backward()\n")
    with open(raw + b"/README.md", "wb") as fh:
        fh.write(b"---\nlicense: mit\n---\nSee https://example.org/\xff\x1b]0;title\x07 data.\n")
    newline, invalid = raw + b"/odd\nfolder", raw + b"/odd\xfffolder"
    for folder in (newline, invalid):
        os.mkdir(folder)
        with open(folder + b"/train.py", "wb") as fh:
            fh.write(b"optimizer.step()\n")
    cases = [Case("names with newlines, escapes and invalid UTF-8", ["assess", "-f", "jsonl", str(tree)])]
    for fmt in ("jsonl", "json", "markdown", "table"):
        cases.append(Case(f"a target whose name has a newline, {fmt}", ["assess", "-f", fmt, newline]))
        cases.append(
            Case(f"a target whose name is not UTF-8, {fmt}", ["assess", "-f", fmt, invalid], finding=15)
        )
    return cases


def big_record(root: Path, size: int = 5_000_000) -> list[Case]:
    licence = "x" * (size - 200)
    path = _write(root / "big.yml", record(licence=licence))
    return [Case(f"a {size / 1e6:.0f} MB MOT record", ["assess", "-f", "jsonl", str(path)])]


def big_field(
    root: Path, size: int = 200_000, formats: tuple[str, ...] = ("jsonl", "markdown")
) -> list[Case]:
    path = _write(root / "field.yml", record(name="n" * size))
    return [Case(f"a {size // 1000} KB field, {fmt}", ["assess", "-f", fmt, str(path)]) for fmt in formats]


def run(args: list[str | bytes], cache: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """The console script in a fresh process, as a person runs it (not a terminal: json by default)."""
    env = {**os.environ, "OPENNESS_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-c", "from openness.cli import main; main()", *args],
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def problems(case: Case, done: subprocess.CompletedProcess[bytes]) -> list[str]:
    """What is wrong with one run of a case (empty when every invariant holds)."""
    found: list[str] = []
    try:
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"output is not UTF-8 ({exc})"]
    if done.returncode not in case.codes:
        found.append(f"exit code {done.returncode}, expected one of {case.codes}")
    if "Traceback" in out + err or "internal error" in out + err:
        found.append(f"traceback or internal error: {err.strip()[-300:]}")
    for line in err.splitlines():
        if line and not line.startswith("openness: "):
            found.append(f"stderr line that is not a one-line message: {line[:200]!r}")
            break
    if "jsonl" in case.args and case.targets:
        rows = [ln for ln in out.split("\n") if ln.strip()]
        if len(rows) != case.targets:
            found.append(f"{len(rows)} JSON rows for {case.targets} target(s)")
    found += [f"{m.name} exists: something from the release was executed" for m in case.markers if m.exists()]
    return found
