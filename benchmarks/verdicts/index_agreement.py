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
from collections import Counter
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


Cell = tuple[str, str, str, str, str]  # relation, pair, dimension, index grade, openness grade
BASE_DIMENSIONS = ("base-model-data", "base-model-weights")


def comparable(cell: Cell) -> bool:
    """A cell whose two grades are about the same model: every dimension of a same-model pair, the
    base-model dimensions of a base-model pair; never a family pair's."""
    return cell[0] == "same" or (cell[0] == "base" and cell[2] in BASE_DIMENSIONS)


def overall_verdicts(mot_dir: Path) -> Counter[str]:
    """The overall index verdict of every MOT record in the folder."""
    exe = Path(sys.executable).with_name("openness")
    records = sorted(mot_dir.glob("*.yml"))
    cmd = [str(exe), "assess", "-f", "jsonl", "--framework", "osai_index", *map(str, records)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    return Counter(r["osai_index"]["verdict"] if "osai_index" in r else "error" for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mot-dir", type=Path, required=True, help="the MOT snapshot's models/ folder")
    ap.add_argument("--index-dir", type=Path, required=True, help="the index snapshot's folder")
    ap.add_argument("--pairs", type=Path, default=HERE / "osai_index_pairs.toml")
    ap.add_argument("--show", action="store_true", help="list every disagreement")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()

    pairs = tomllib.loads(args.pairs.read_text(encoding="utf-8"))["pair"]
    unexplained = [f"{p['mot']} ~ {p['index']}" for p in pairs if not str(p.get("reason", "")).strip()]
    if unexplained:
        print("pairs without a reason: " + ", ".join(unexplained), file=sys.stderr)
        return 2
    records = [args.mot_dir / p["mot"] for p in pairs]
    missing = [str(r) for r in records if not r.is_file()]
    if missing:
        print("missing MOT records: " + ", ".join(missing), file=sys.stderr)
        return 2
    ours = openness_grades(sorted(set(records)))

    cells: list[Cell] = []
    listed: list[Cell] = []  # the cells whose components the MOT record lists
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

    def figures(rows: list[Cell]) -> dict[str, float | int]:
        """Exact and within-one agreement; a cannot-tell cell counts as a disagreement in both."""
        n = len(rows)
        exact = sum(r[3] == r[4] for r in rows)
        near = sum(r[4] in STEP and abs(STEP[r[3]] - STEP[r[4]]) <= 1 for r in rows)
        unknown = sum(r[4] not in STEP for r in rows)
        base = sum(r[3] == most_common for r in rows)
        return {
            "cells": n,
            "exact": exact / n if n else 0.0,
            "within_one": near / n if n else 0.0,
            "cannot_tell": unknown,
            "baseline_exact": base / n if n else 0.0,
        }

    def line(label: str, f: dict[str, float | int]) -> None:
        print(
            f"{label:30} {f['cells']:>5} {f['exact']:>7.1%} {f['within_one']:>9.1%} "
            f"{f['cannot_tell']:>11} {f['baseline_exact']:>9.1%}"
        )

    header = f"{'':30} {'cells':>5} {'exact':>7} {'<=1 step':>9} {'cannot-tell':>11} {'baseline':>9}"
    views = {
        "all": cells,
        "same": [c for c in cells if c[0] == "same"],
        "comparable": [c for c in cells if comparable(c)],
    }
    report: dict[str, object] = {"most_common_index_grade": most_common, "pairs": len(pairs)}
    relations = sorted(Counter(p["relation"] for p in pairs).items())
    print(
        f"{len(pairs)} pairs ({', '.join(f'{r} {n}' for r, n in relations)}), "
        f"{len(cells)} graded cells; the index's most common grade: {most_common}. "
        "Cannot-tell cells count as disagreements."
    )
    for view, rows in views.items():
        print(
            f"\n== {view}: "
            + {
                "all": "every dimension of every pair",
                "same": "same-model pairs, every dimension",
                "comparable": "same-model pairs, and the base-model dimensions of base-model pairs",
            }[view]
        )
        print(header)
        dims = {}
        for dim in DIMENSIONS.values():
            sub = [c for c in rows if c[2] == dim]
            if sub:
                dims[dim] = figures(sub)
                line(dim, dims[dim])
        total = figures(rows)
        line("all dimensions", total)
        report[view] = {"dimensions": dims, "all": total}
    print()
    line("listed in the MOT record", figures(listed))
    report["listed"] = figures(listed)
    rels = {rel: figures([c for c in cells if c[0] == rel]) for rel in sorted({c[0] for c in cells})}
    for rel, f in rels.items():
        line(f"relation {rel}", f)
    report["relations"] = rels
    verdicts = overall_verdicts(args.mot_dir)
    print(
        f"\noverall index verdict over all {sum(verdicts.values())} MOT records: "
        + ", ".join(f"{v} {n}" for v, n in verdicts.most_common())
    )
    report["overall_verdicts"] = dict(verdicts)
    if args.show:
        confusion = Counter((c[2], c[3], c[4]) for c in cells if c[3] != c[4])
        for (dim, theirs, mine), n in sorted(confusion.items()):
            print(f"  {dim:24} index {theirs:8} openness {mine:8} x{n}")
        for c in cells:
            if c[3] != c[4]:
                print(f"    {c[0]:6} {c[1]:55} {c[2]:22} index {c[3]:8} openness {c[4]}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
