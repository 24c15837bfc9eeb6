"""Benchmark: files/s and peak memory of ``openness assess FOLDER`` on a generated 100,000-file tree,
against ``scancode --license --info`` on a sample of the same tree, in the same run.

Usage:
  python benchmarks/local/bench_local.py [--tree DIR] [--files 100000] [--sample 1000]
         [--scancode PATH-TO-scancode] [--runs 3]

ScanCode lives in its own venv (it is large and pins its own dependencies):
  python3 -m venv /tmp/scancode-venv
  /tmp/scancode-venv/bin/pip install 'scancode-toolkit-mini==32.5.0' 'pluggy<1.6'
Without it, only the openness figures are printed. Peak memory is the maximum resident set size of
the process, from GNU time (/usr/bin/time -f %M).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate_tree import generate  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in KiB) of one run of a command, via GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", out.name, *cmd],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seconds, kib = out.read().split()[-2:]
    return float(seconds), int(kib)


def openness_cmd(tree: Path) -> list[str]:
    exe = Path(sys.executable).with_name("openness")
    return [str(exe), "assess", str(tree), "--format", "json"]


def scancode_cmd(scancode: str, tree: Path, out: Path) -> list[str]:
    return [scancode, "--license", "--info", "-n", "2", "--quiet", "--json", str(out), str(tree)]


def sample_tree(tree: Path, dest: Path, count: int, seed: int = 0) -> int:
    """Copy ``count`` files picked at random from the scanned part of ``tree`` into ``dest``."""
    files = sorted(p for p in tree.rglob("*") if p.is_file() and not {".venv", "third_party"} & set(p.parts))
    picked = random.Random(seed).sample(files, min(count, len(files)))
    for p in picked:
        target = dest / p.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    for top in ("LICENSE", "README.md", "pyproject.toml"):
        if (tree / top).exists() and not (dest / top).exists():
            shutil.copyfile(tree / top, dest / top)
    return sum(1 for p in dest.rglob("*") if p.is_file())


def median_run(cmd: list[str], runs: int) -> tuple[float, int]:
    results = [timed(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", type=Path, default=Path(tempfile.gettempdir()) / "openness-bench-100k")
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--scancode", default=shutil.which("scancode") or "/tmp/scancode-venv/bin/scancode")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--real",
        type=Path,
        default=None,
        help="also a real repository, e.g. an unpacked sdist (pip download --no-binary :all:)",
    )
    args = parser.parse_args()
    if not args.tree.exists():
        print(f"generating {args.files:,} files in {args.tree} …", file=sys.stderr)
        generate(args.tree, args.files)
    scan = json.loads(subprocess.run(openness_cmd(args.tree), check=True, capture_output=True).stdout)
    scanned = scan["release"]["extra"]["scan"]["files"]
    seconds, kib = median_run(openness_cmd(args.tree), args.runs)
    rows = [("openness assess", "full tree", scanned, seconds, kib)]
    have_scancode = Path(args.scancode).exists()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        n = sample_tree(args.tree, sample, args.sample)
        o_sec, o_kib = median_run(openness_cmd(sample), args.runs)
        rows.append(("openness assess", f"sample of {n:,}", n, o_sec, o_kib))
        if have_scancode:
            warm = Path(tmp) / "warm"
            (warm / "a").mkdir(parents=True)
            (warm / "a" / "LICENSE").write_text("MIT License\n")
            timed(scancode_cmd(args.scancode, warm, Path(tmp) / "warm.json"))  # builds its licence index once
            s_sec, s_kib = timed(scancode_cmd(args.scancode, sample, Path(tmp) / "sc.json"))
            rows.append(("scancode --license --info -n 2", f"sample of {n:,}", n, s_sec, s_kib))
        if args.real is not None:
            real_n = sum(1 for p in args.real.rglob("*") if p.is_file())
            r_sec, r_kib = median_run(openness_cmd(args.real), args.runs)
            rows.append(("openness assess", args.real.name, real_n, r_sec, r_kib))
            if have_scancode:
                r_sec, r_kib = timed(scancode_cmd(args.scancode, args.real, Path(tmp) / "real.json"))
                rows.append(("scancode --license --info -n 2", args.real.name, real_n, r_sec, r_kib))
    print("| tool | tree | files | seconds | files/s | peak RSS MiB |")
    print("|---|---|---:|---:|---:|---:|")
    for tool, tree, files, sec, k in rows:
        print(f"| {tool} | {tree} | {files:,} | {sec:.2f} | {files / sec:,.0f} | {k / 1024:.0f} |")
    if have_scancode:
        ratio = (rows[1][2] / rows[1][3]) / (rows[2][2] / rows[2][3])
        print(f"\nopenness is {ratio:,.0f}× ScanCode in files/s on the same sample")
    else:
        print(f"\nScanCode not found at {args.scancode}: install it as the docstring says to compare")
    out = ROOT / "benchmarks" / "results" / "local.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            [dict(zip(("tool", "tree", "files", "seconds", "peak_kib"), r, strict=True)) for r in rows],
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
