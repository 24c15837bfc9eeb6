"""Following a linked code repository: the first read (clone and scan) and a read served by the cache
of followed repositories (one ``git ls-remote``), against the named peer ``git clone --depth 1`` alone.

Fetches nothing itself: give it a repository you have (a local path or a file:// URL, e.g. a mirror made
with the search tool's fetch). Each figure is the median of ``--runs`` runs.

Run:  .venv/bin/python benchmarks/hf/bench_follow.py /path/to/repo.git [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from openness.domain.release import Release  # noqa: E402
from openness.sources.follow import follow_code  # noqa: E402
from openness.sources.options import CollectOptions  # noqa: E402


def _follow(url: str, cache: str) -> tuple[float, Release]:
    start = time.perf_counter()
    out = follow_code(Release("bench/model"), [url], CollectOptions(cache_dir=cache))
    return time.perf_counter() - start, out


def _clone(url: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(["git", "clone", "-q", "--depth", "1", url, f"{tmp}/r"], check=True, timeout=600)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", help="a local git repository (path or file:// URL)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = args.repo if "://" in args.repo else Path(args.repo).resolve().as_uri()
    cold, warm, peer = [], [], []
    raised: list[str] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            seconds, out = _follow(url, cache)
            cold.append(seconds)
            raised = list(out.extra["followed_code"][0].get("raised", []))
            warm.append(_follow(url, cache)[0])
        peer.append(_clone(url))
    c, w, p = (statistics.median(x) for x in (cold, warm, peer))
    print(f"repository {url}: {len(raised)} components raised")
    print(f"  follow, first read (clone + scan)   {c:7.2f} s   {c / p:6.2f}x the peer")
    print(f"  follow, from the cache (ls-remote)  {w:7.2f} s   {w / p:6.2f}x the peer")
    print(f"  peer: git clone --depth 1           {p:7.2f} s")


if __name__ == "__main__":
    main()
