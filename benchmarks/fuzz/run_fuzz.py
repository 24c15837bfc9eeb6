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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# Each surface: its module and fuzzers, and the cases they run together per --examples (the shares
# given to fuzz_settings in each module), so that every surface reaches --examples in all.
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


SHARES = {"mot-yaml": 1.6, "folder": 1.0, "licence": 1.5, "licence-text": 1.0, "targets": 1.3, "cli": 1.2}


def warm() -> None:
    """Load once, before timing, what every process loads on first use (the licence index, the
    ScanCode exception list, the reference texts), so the slowest case is a case, not a start-up."""
    import tempfile

    from openness.licences import identify, identify_text
    from openness.licences.texts import reference_texts
    from openness.sources import local

    identify("MIT WITH Classpath-exception-2.0 OR Apache 2.0")
    texts = reference_texts()
    identify_text(texts.texts["MIT"] if texts else "MIT License", "LICENSE")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "LICENSE").write_text("MIT License\n\nPermission is hereby granted", "utf-8")
        local.collect(tmp)


def child(surface: str, partial: Path | None = None) -> dict[str, object]:
    """Run one surface's fuzzers in this process, recording; return its tally as JSON-ready data.
    With ``partial``, the figures so far are written there every 250 cases (a long run can be cut)."""
    import importlib

    sys.path.insert(0, str(ROOT))
    from tests.fuzz import harness

    harness.RECORDING = True
    warm()
    module_name, tests = SURFACES[surface]
    module = importlib.import_module(module_name)
    start = time.perf_counter()

    def save(_surface: str) -> None:
        tally = harness.TALLY.get(surface)
        if partial is not None and tally is not None and tally.cases % 250 == 0:
            partial.write_text(
                json.dumps(figures(surface, tally, time.perf_counter() - start)) + "\n", "utf-8"
            )

    harness.ON_CASE = save
    for name in tests:
        getattr(module, name)()
    return figures(surface, harness.TALLY.get(surface, harness.Tally()), time.perf_counter() - start)


def figures(surface: str, tally: Any, wall: float) -> dict[str, object]:
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
    parser.add_argument("--examples", type=int, default=10_000, help="cases per surface (default 10000)")
    parser.add_argument(
        "--surface", action="append", choices=sorted(SURFACES), help="repeatable; default all"
    )
    parser.add_argument("--parallel", type=int, default=1, help="surfaces run at once (default 1)")
    parser.add_argument(
        "--partial", action="store_true", help="report the figures saved so far by a run that was cut"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fuzz.json"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, Path(f"{args.out}.{args.child}.partial.json"))))
        return
    if args.partial:
        saved = [Path(f"{args.out}.{s}.partial.json") for s in args.surface or SURFACES]
        print(table([json.loads(p.read_text("utf-8")) for p in saved if p.exists()]))
        return
    pending = list(args.surface or SURFACES)
    running: dict[str, subprocess.Popen[str]] = {}
    rows = []
    while pending or running:
        while pending and len(running) < args.parallel:
            surface = pending.pop(0)
            per_fuzzer = -(-args.examples // SHARES[surface] // 1)
            env = {
                **os.environ,
                "OPENNESS_FUZZ_EXAMPLES": str(int(per_fuzzer) + 1),
                "OPENNESS_FUZZ_RANDOM": "1",
            }
            running[surface] = subprocess.Popen(
                [sys.executable, __file__, "--child", surface, "--out", args.out],
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
