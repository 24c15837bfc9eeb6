"""Record every detail of what licence text detection answers on the benchmark corpus, to check that a
speed-up changes no result.

Writes, per corpus file, the id, similarity, method, confidence, candidates, differences and notes of
``identify_text`` as JSON. Run it before and after a change and compare the two files (``cmp``): any
difference is a changed result.

Usage:
    .venv/bin/python benchmarks/licences/record_detect.py OUT.json [--limit N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_detect import build_corpus


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="use N licences (x5 files) instead of all")
    args = parser.parse_args()
    from openness.licences.detect import identify_text

    work = Path(tempfile.mkdtemp(prefix="openness-licence-record-"))
    try:
        build_corpus(work, args.limit)
        out: dict[str, object] = {}
        for path in sorted(work.iterdir()):
            m = identify_text(path.read_bytes()[:2_000_000].decode("utf-8", errors="replace"))
            out[path.name] = {
                "id": m.id,
                "similarity": None if m.similarity is None else round(m.similarity, 4),
                "method": m.method,
                "confidence": round(m.confidence, 4),
                "candidates": [list(c) for c in m.candidates],
                "differences": list(m.differences),
                "notes": list(m.notes),
            }
        args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(out)} results written to {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
