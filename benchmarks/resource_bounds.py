"""Resource bounds: a 200 KB field through the terminal report, and 5 MB MOT records, in time and peak
memory, each as a ratio to a named peer measured in the same run.

- 200 KB field, ``-f table``; peer: the same record with ``-f jsonl`` (no Rich wrapping).
- 5 MB records (a 5 MB name; 5 MB of extra keys, about 575,000 YAML nodes; 150,000 nodes, under the
  node limit); peer: PyYAML's libyaml loader (``yaml.load(..., CSafeLoader)``) reading the same file.

Each run is a fresh process; peak memory is its maximum resident set size. ``--src`` runs another
source tree (e.g. an unpacked older commit) to get "before" figures; ``--timeout`` bounds each run.

    .venv/bin/python benchmarks/resource_bounds.py [--src PATH] [--timeout 300]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

RECORD = (
    "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\n"
    "release:\n  name: {name}\n  version: '1'\n  date: '2025-01-01'\n{extra}"
    "  license:\n    distribution:\n      name: Apache-2.0\n"
    "  components:\n    - name: 'Model architecture'\n      license: Apache-2.0\n"
    "    - name: 'Model parameters (Final)'\n      license: Apache-2.0\n"
)
FIVE_MB = 5 * 1024 * 1024 - 4096


def _inputs(folder: Path) -> dict[str, Path]:
    out = {}
    out["field-200KB"] = folder / "field.yml"
    out["field-200KB"].write_text(RECORD.format(name="n" * 200_000, extra=""))
    out["record-5MB-name"] = folder / "name.yml"
    out["record-5MB-name"].write_text(RECORD.format(name="n" * FIVE_MB, extra=""))
    keys, size, i = [], 0, 0
    while size < FIVE_MB:
        line = f"  k{i}: v{i}\n"
        keys.append(line)
        size += len(line)
        i += 1
    out["record-5MB-keys"] = folder / "keys.yml"
    out["record-5MB-keys"].write_text(RECORD.format(name="x", extra="".join(keys)))
    flow = "  extra: [" + ", ".join(f"'{'v' * 20}{j}'" for j in range(150_000)) + "]\n"
    out["record-150k-nodes"] = folder / "nodes.yml"
    out["record-150k-nodes"].write_text(RECORD.format(name="x", extra=flow))
    return out


def _run(args: list[str], env: dict[str, str], timeout: float) -> tuple[str, float, float, int | None]:
    """(outcome, seconds, peak MiB, exit code) of one fresh process."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,"
        " timeout=float(sys.argv[1]))\n"
        "    rc = p.returncode\n"
        "except subprocess.TimeoutExpired:\n"
        "    rc = None\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(rc, time.perf_counter() - t, peak)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(timeout), *args], env=env, capture_output=True, text=True, check=True
    )
    rc, seconds, peak = done.stdout.split()
    outcome = "timeout" if rc == "None" else f"exit {rc}"
    return outcome, float(seconds), float(peak), None if rc == "None" else int(rc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="source tree to run (default: the installed openness)")
    parser.add_argument("--timeout", type=float, default=300.0)
    opts = parser.parse_args()
    env = dict(os.environ)
    if opts.src:
        env["PYTHONPATH"] = str(Path(opts.src).resolve())
    cli = [sys.executable, "-c", "from openness.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(Path(tmp))
        print(f"{'case':<20} {'run':<16} {'outcome':<8} {'seconds':>9} {'peak MiB':>9}  ratio to peer")
        for case, path in inputs.items():
            if case == "field-200KB":
                ours = [*cli, "assess", "-f", "table", str(path)]
                peer = [*cli, "assess", "-f", "jsonl", str(path)]
                peer_name = "-f jsonl"
            else:
                ours = [*cli, "assess", "-f", "json", str(path)]
                load = f"import yaml; yaml.load(open({str(path)!r}), yaml.CSafeLoader)"
                peer = [sys.executable, "-c", load]
                peer_name = "libyaml load"
            o = _run(ours, env, opts.timeout)
            p = _run(peer, env, opts.timeout)
            ratio = f"{o[1] / p[1]:.1f}x time, {o[2] / p[2]:.1f}x memory" if p[1] else ""
            print(f"{case:<20} {'openness':<16} {o[0]:<8} {o[1]:>9.2f} {o[2]:>9.1f}  {ratio}")
            print(f"{case:<20} {peer_name:<16} {p[0]:<8} {p[1]:>9.2f} {p[2]:>9.1f}")
    print(f"max RSS of this script: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
