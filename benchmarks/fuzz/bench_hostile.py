"""Time and memory of the hostile corpus (tests/fuzz/hostile.py) through the console script, at full
size: 200,000 files, 500-deep folders, a 5 MB MOT record, a 200 KB field in every output format.

    python benchmarks/fuzz/bench_hostile.py                 # everything (a few minutes)
    python benchmarks/fuzz/bench_hostile.py --files 20000 --timeout 60

Each case runs in its own process; its wall time, CPU time and peak resident memory come from
wait4(2) (CPU time is the figure to compare on a shared machine). The
invariants are those of the tests (exit code, one-line errors, UTF-8, one JSONL row per target,
nothing executed); a case over --timeout is killed and reported as such. The JSON of the run goes
to benchmarks/results/hostile.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fuzz import hostile  # noqa: E402


def measure(case: hostile.Case, cache: Path, timeout: float) -> dict[str, object]:
    env = {**os.environ, "OPENNESS_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", "from openness.cli import main; main()", *case.args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        timed_out = False
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(case.args, proc.returncode, out.read(), err.read())
    found = [f"killed after {timeout:g} s"] if timed_out else hostile.problems(case, done)
    return {
        "case": case.name,
        "exit_code": None if timed_out else done.returncode,
        "seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "stdout_bytes": len(done.stdout),
        "problems": found,
        "finding": case.finding,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "hostile.json"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="openness-hostile-") as tmp:
        base = Path(tmp)
        builders = [
            hostile.symlink_loops,
            hostile.fifos,
            hostile.sparse_files,
            hostile.pickles,
            lambda root: hostile.many_files(root, args.files),
            hostile.deep_folders,
            hostile.odd_names,
            hostile.big_record,
            lambda root: hostile.big_field(root, formats=("jsonl", "json", "markdown", "table")),
        ]
        for i, build in enumerate(builders):
            root = base / f"corpus{i}"
            root.mkdir()
            started = time.perf_counter()
            cases = build(root)
            built = time.perf_counter() - started
            for case in cases:
                row = measure(case, base / "cache", args.timeout)
                row["build_seconds"] = round(built, 1)
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(
        "\n| case | exit | wall s | CPU s | peak RSS MB | stdout bytes | problems |\n"
        "|---|---|---|---|---|---|---|"
    )
    for r in rows:
        problems = "; ".join(r["problems"]) or "none"  # type: ignore[arg-type]
        if r["finding"]:
            problems += f" (fuzz finding {r['finding']})"
        print(
            f"| {r['case']} | {r['exit_code']} | {r['seconds']} | {r['cpu_seconds']} | {r['peak_rss_mb']} "
            f"| {r['stdout_bytes']:,} | {problems[:160]} |"
        )


if __name__ == "__main__":
    main()
