"""Run the fuzzers of tests/fuzz/ at benchmark scale and report what they found.

    python benchmarks/fuzz/run_fuzz.py                       # 10,000 cases per surface, all surfaces
    python benchmarks/fuzz/run_fuzz.py --examples 500 --surface licence --surface cli

Each surface runs in a child process of its own (so its peak memory is its own) with the harness in
recording mode: a violation is tallied, not raised, and every generated case runs. The figures per
surface: cases run, results, input errors (OpennessError, one line), violations (tracebacks and
"internal error" among them), how many match an open fuzz finding, the CLI exit codes seen, the
slowest case, and the peak resident memory of the process (and of the CLI subprocesses it ran).
The JSON of the run goes to benchmarks/results/fuzz.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SURFACES: dict[str, tuple[str, list[str]]] = {
    "mot-yaml": (
        "tests.fuzz.test_fuzz_mot_yaml",
        ["test_generated_records", "test_arbitrary_text", "test_bytes_on_disk"],
    ),
    "folder": ("tests.fuzz.test_fuzz_folder", ["test_generated_folders"]),
    "licence": (
        "tests.fuzz.test_fuzz_licence",
        ["test_generated_expressions", "test_arbitrary_strings", "test_licence_command"],
    ),
    "licence-text": ("tests.fuzz.test_fuzz_licence_text", ["test_mutated_reference_texts"]),
    "targets": ("tests.fuzz.test_fuzz_targets", ["test_generated_targets", "test_hub_ids"]),
    "cli": ("tests.fuzz.test_fuzz_cli", ["test_generated_command_lines", "test_other_commands"]),
}


def child(surface: str) -> dict[str, object]:
    """Run one surface's fuzzers in this process, recording; return its tally as JSON-ready data."""
    import importlib

    sys.path.insert(0, str(ROOT))
    from tests.fuzz import harness

    harness.RECORDING = True
    module_name, tests = SURFACES[surface]
    module = importlib.import_module(module_name)
    start = time.perf_counter()
    for name in tests:
        getattr(module, name)()
    wall = time.perf_counter() - start
    tally = harness.TALLY.get(surface, harness.Tally())
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "surface": surface,
        "cases": tally.cases,
        "results": tally.results,
        "input_errors": tally.input_errors,
        "violations": dict(tally.violations),
        "known_findings": {str(k): v for k, v in sorted(tally.known.items())},
        "tracebacks": tally.tracebacks,
        "exit_codes": {str(k): v for k, v in sorted(tally.exit_codes.items())},
        "max_seconds_per_case": round(tally.max_seconds, 3),
        "first_case_seconds": round(tally.first_seconds, 3),
        "checks": dict(tally.checks),
        "slowest_case": tally.slowest,
        "samples": tally.samples,
        "wall_seconds": round(wall, 1),
        "peak_rss_mb": round(self_kb / 1024, 1),
        "peak_rss_cli_subprocess_mb": round(children_kb / 1024, 1),
    }


def table(rows: list[dict[str, object]]) -> str:
    head = (
        "| surface | cases | results | input errors | tracebacks | other violations | of them open findings "
        "| exit codes | max s/case | peak RSS MB | wall s |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        violations = sum(r["violations"].values())  # type: ignore[attr-defined]
        known = sum(r["known_findings"].values())  # type: ignore[attr-defined]
        codes = ", ".join(f"{k}: {v}" for k, v in r["exit_codes"].items()) or "—"  # type: ignore[attr-defined]
        findings = ", ".join(f"#{k}×{v}" for k, v in r["known_findings"].items()) or "—"  # type: ignore[attr-defined]
        lines.append(
            f"| {r['surface']} | {r['cases']:,} | {r['results']:,} | {r['input_errors']:,} "
            f"| {r['tracebacks']:,} "
            f"| {violations:,} | {known:,} ({findings}) | {codes} | {r['max_seconds_per_case']} "
            f"| {max(r['peak_rss_mb'], r['peak_rss_cli_subprocess_mb'])} | {r['wall_seconds']} |"  # type: ignore[type-var]
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=10_000, help="cases per fuzzer (default 10000)")
    parser.add_argument(
        "--surface", action="append", choices=sorted(SURFACES), help="repeatable; default all"
    )
    parser.add_argument("--parallel", type=int, default=1, help="surfaces run at once (default 1)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fuzz.json"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    env = {**os.environ, "OPENNESS_FUZZ_EXAMPLES": str(args.examples)}
    pending = list(args.surface or SURFACES)
    running: dict[str, subprocess.Popen[str]] = {}
    rows = []
    while pending or running:
        while pending and len(running) < args.parallel:
            surface = pending.pop(0)
            running[surface] = subprocess.Popen(
                [sys.executable, __file__, "--child", surface],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        surface = next(iter(running))
        out, err = running.pop(surface).communicate()
        if not out.strip():
            print(f"{surface}: the fuzzer itself failed:\n{err[-3000:]}", file=sys.stderr)
            continue
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{surface}: {row['cases']:,} cases, {sum(row['violations'].values())} new violations", flush=True
        )
        for invariant, count in row["checks"].items():
            print(f"  {count:6d} × checked: {invariant}", flush=True)
        for signature, count in row["violations"].items():
            print(f"  {count:6d} × {signature}\n         e.g. {row['samples'][signature][:300]}", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"examples": args.examples, "surfaces": rows}, indent=2) + "\n", "utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()
