"""How often openness's OSAI-index grades agree with the index's own hand grades.

Reads the hand-judged pairs in ``osai_index_pairs.toml`` (a MOT record and the index entry that grades
the same model), assesses each MOT record with the installed openness, and compares, dimension by
dimension, openness's grade with the index's. Fetches nothing: point it at the two snapshots, extracted
(``git --git-dir=… archive <commit> | tar -x -C DIR``).

    .venv/bin/python benchmarks/verdicts/index_agreement.py --mot-dir DIR/models --index-dir DIR2

Prints agreement per dimension (exact, within one step, openness "unknown"), overall, per relation
(same model / base model / family), the same figures for "always the index's most common grade"
(the baseline to beat), and with ``--show`` every disagreement. ``--json FILE`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# index YAML key -> openness osai_index requirement id
DIMENSIONS = {
    "datasources_basemodel": "base-model-data",
    "datasources_endmodel": "end-model-data",
    "weights_basemodel": "base-model-weights",
    "weights_endmodel": "end-model-weights",
    "trainingcode": "training-code",
    "code": "code-documentation",
    "hardware_architecture": "hardware-architecture",
    "preprint": "preprint",
    "paper": "paper",
    "modelcard": "model-card",
    "datasheet": "datasheet",
    "licenses": "licence",
}
STEP = {"closed": 0, "partial": 1, "open": 2}


def index_grades(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for key, dim in DIMENSIONS.items():
        grade = str((data.get(key) or {}).get("class") or "").strip().lower()
        if grade in STEP:
            out[dim] = grade
    return out


def listed_components(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    comps = (data.get("release") or {}).get("components") or []
    return {str(c.get("name")) for c in comps if isinstance(c, dict)}


def openness_grades(records: list[Path]) -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """Assess every record in one CLI run (jsonl, input order): grade and components per dimension."""
    exe = Path(sys.executable).with_name("openness")
    cmd = [str(exe), "assess", "-f", "jsonl", "--framework", "osai_index", *map(str, records)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    out: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        if "error" in row:
            print(f"could not assess {row['target']}: {row['error']}", file=sys.stderr)
            continue
        out[row["target"]] = {
            f["requirement"]: (f["grade"], tuple(f["components"])) for f in row["osai_index"]["findings"]
        }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mot-dir", type=Path, required=True, help="the MOT snapshot's models/ folder")
    ap.add_argument("--index-dir", type=Path, required=True, help="the index snapshot's folder")
    ap.add_argument("--pairs", type=Path, default=HERE / "osai_index_pairs.toml")
    ap.add_argument("--show", action="store_true", help="list every disagreement")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()

    pairs = tomllib.loads(args.pairs.read_text(encoding="utf-8"))["pair"]
    records = [args.mot_dir / p["mot"] for p in pairs]
    missing = [str(r) for r in records if not r.is_file()]
    if missing:
        print("missing MOT records: " + ", ".join(missing), file=sys.stderr)
        return 2
    ours = openness_grades(records)

    cells: list[tuple[str, str, str, str, str]] = []  # relation, pair, dimension, index, openness
    listed: list[tuple[str, str, str, str, str]] = []  # the cells whose components the MOT record lists
    for pair, record in zip(pairs, records, strict=True):
        theirs = index_grades(args.index_dir / pair["index"])
        mine = ours.get(str(record), {})
        names = listed_components(record)
        for dim, grade in theirs.items():
            got, comps = mine.get(dim, ("-", ()))
            cell = (pair["relation"], f"{pair['mot']} ~ {pair['index']}", dim, grade, got)
            cells.append(cell)
            if names & set(comps):
                listed.append(cell)

    most_common = Counter(c[3] for c in cells).most_common(1)[0][0]

    def figures(rows: list[tuple[str, str, str, str, str]]) -> dict[str, float | int]:
        n = len(rows)
        exact = sum(r[3] == r[4] for r in rows)
        near = sum(r[4] in STEP and abs(STEP[r[3]] - STEP[r[4]]) <= 1 for r in rows)
        unknown = sum(r[4] not in STEP for r in rows)
        base = sum(r[3] == most_common for r in rows)
        return {
            "cells": n,
            "exact": exact / n if n else 0.0,
            "within_one": near / n if n else 0.0,
            "unknown": unknown,
            "baseline_exact": base / n if n else 0.0,
        }

    report: dict[str, object] = {"most_common_index_grade": most_common, "pairs": len(pairs)}
    by_dim: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    by_rel: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for c in cells:
        by_dim[c[2]].append(c)
        by_rel[c[0]].append(c)
    print(f"{len(pairs)} pairs, {len(cells)} graded cells; the index's most common grade: {most_common}")
    print(f"{'dimension':24} {'cells':>5} {'exact':>7} {'<=1 step':>9} {'unknown':>8} {'baseline':>9}")
    dims = {}
    for dim in DIMENSIONS.values():
        f = figures(by_dim[dim])
        dims[dim] = f
        print(
            f"{dim:24} {f['cells']:>5} {f['exact']:>7.1%} {f['within_one']:>9.1%} "
            f"{f['unknown']:>8} {f['baseline_exact']:>9.1%}"
        )
    total = figures(cells)
    print(
        f"{'all':24} {total['cells']:>5} {total['exact']:>7.1%} {total['within_one']:>9.1%} "
        f"{total['unknown']:>8} {total['baseline_exact']:>9.1%}"
    )
    lf = figures(listed)
    print(
        f"{'listed in the MOT record':24} {lf['cells']:>5} {lf['exact']:>7.1%} {lf['within_one']:>9.1%} "
        f"{lf['unknown']:>8} {lf['baseline_exact']:>9.1%}"
    )
    report["listed"] = lf
    rels = {}
    for rel, rows in sorted(by_rel.items()):
        f = figures(rows)
        rels[rel] = f
        print(
            f"relation {rel:15} {f['cells']:>5} {f['exact']:>7.1%} {f['within_one']:>9.1%} {f['unknown']:>8}"
        )
    report.update({"dimensions": dims, "all": total, "relations": rels})
    if args.show:
        confusion = Counter((c[2], c[3], c[4]) for c in cells if c[3] != c[4])
        for (dim, theirs, mine), n in sorted(confusion.items()):
            print(f"  {dim:24} index {theirs:8} openness {mine:8} x{n}")
        for c in cells:
            if c[3] != c[4]:
                print(f"    {c[1]:55} {c[2]:22} index {c[3]:8} openness {c[4]}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
