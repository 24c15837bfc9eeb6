"""How much the verdict frameworks add to an assessment, against the MOF engine alone (the peer).

Run: .venv/bin/python benchmarks/verdicts.py [--repeat N]
Reads the MOT records in ../shared/testdata/mot-models (skipped when absent) and the project's examples,
parses them once, then times, over the same releases in the same run:
- the MOF v1.0 engine alone (``openness.frameworks.mof.evaluate``);
- every framework as ``openness assess`` applies it (MOF, OSAID, EU AI Act, open weight, OSAI index,
  guidance), through ``service.assess_release``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from openness import service
from openness.frameworks.mof import evaluate as mof_evaluate
from openness.frameworks.registry import Options
from openness.sources.mot_yaml import load

ROOT = Path(__file__).resolve().parents[2]


def _releases() -> list:
    paths = sorted((ROOT / ".." / "shared" / "testdata" / "mot-models").glob("*.yml"))
    paths += sorted((ROOT / "examples").rglob("*.yml"))
    return [load(p) for p in paths]


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    releases = _releases()
    options = Options()
    service.assess_release(releases[0], "warm-up", options)  # load licence data once, as a CLI run does

    def mof_only() -> None:
        for r in releases:
            mof_evaluate(r)

    def everything() -> None:
        for r in releases:
            service.assess_release(r, r.name, options)

    peer = _time(mof_only, args.repeat)
    ours = _time(everything, args.repeat)
    n = len(releases)
    peer_ms = statistics.median(peer) / n * 1000
    ours_ms = statistics.median(ours) / n * 1000
    print(f"releases: {n}, repeats: {args.repeat} (median)")
    print(f"MOF engine alone (peer):      {peer_ms:.3f} ms per release")
    print(f"all frameworks + guidance:    {ours_ms:.3f} ms per release")
    print(f"ratio:                        {ours_ms / peer_ms:.1f}x")


if __name__ == "__main__":
    main()
