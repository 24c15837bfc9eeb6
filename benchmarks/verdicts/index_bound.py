"""How far any grader of MOT records could agree with the OSAI index's hand grades: an upper bound.

``index_agreement.py`` measures openness's agreement. This asks a different question: what is the best
agreement *any* grader could reach from what the MOT records say, on the same comparable cells? A grader
that reads MOT records must grade alike two records whose relevant parts look alike. So the cells are
grouped by dimension and by what the record shows for the components openness reads for that dimension
(each one's status, the class of its licence — open, restricted, unknown, none — and, for documents, the
kind of host it is on: a preprint server, a peer-reviewed venue, elsewhere), and each group is given the
grade the index gives most often within it. That is an *oracle fitted to the answers*: no honest rule set
can beat it, and a general one will fall below it.

With ``--documents-rule`` (on by default), the oracle keeps issue 9's rule for documents it cannot read:
code documentation, hardware, preprint, model card and datasheet are never graded "open" from presence,
nor a paper without a sign of peer review (a venue's host). ``--no-documents-rule`` drops it.

    .venv/bin/python benchmarks/verdicts/index_bound.py --mot-dir DIR/models --index-dir DIR2

Fetches nothing; reads the same two snapshots and pairs as ``index_agreement.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import index_agreement as agreement  # noqa: E402  (the benchmark folder is no package)

STEP = agreement.STEP
DOCUMENTS = ("code-documentation", "hardware-architecture", "preprint", "model-card", "datasheet", "paper")
"""Dimensions graded on what documents say (issue 9: never "open" from presence alone)."""
Feature = tuple[tuple[str, ...], ...]


def best(grades: Counter[str], allowed: Iterable[str]) -> tuple[int, int]:
    """The most cells one grade out of ``allowed`` agrees with exactly, and within one step."""
    choices = [g for g in allowed if g in STEP]
    exact = max((grades.get(g, 0) for g in choices), default=0)
    within = max(
        (sum(n for g, n in grades.items() if abs(STEP[g] - STEP[c]) <= 1) for c in choices), default=0
    )
    return exact, within


def allowed_grades(dimension: str, feature: Feature, documents_rule: bool) -> tuple[str, ...]:
    """What a grader may say for a dimension: everything, or without "open" for documents it cannot
    read (a paper on a peer-reviewed venue's host may be open)."""
    if not documents_rule or dimension not in DOCUMENTS:
        return tuple(STEP)
    if dimension == "paper" and any("venue" in part for part in feature):
        return tuple(STEP)
    return ("closed", "partial")


def bound(
    groups: Mapping[tuple[str, Feature], list[str]], documents_rule: bool
) -> dict[str, tuple[int, int, int]]:
    """Per dimension: (best exact, best within one step, cells)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (dimension, feature), grades in groups.items():
        counted = Counter(g for g in grades if g in STEP)
        exact, within = best(counted, allowed_grades(dimension, feature, documents_rule))
        row = out[dimension]
        row[0] += exact
        row[1] += within
        row[2] += sum(counted.values())
    return {d: (e, w, n) for d, (e, w, n) in out.items()}


def licence_class(licence: str | None) -> str:
    if not licence:
        return "none"
    from openness.licences import identify

    found = identify(licence)
    if found.id is None:
        return "unknown"
    if found.restrictions:
        return "restricted"
    return "open" if any(found.open_for.values()) else "other"


def host_class(locations: Iterable[str]) -> str:
    from openness.frameworks.osai_index.grading import PREPRINT_HOSTS, VENUE_HOSTS

    text = " ".join(locations).lower()
    if not text:
        return "-"
    if any(h in text for h in VENUE_HOSTS):
        return "venue"
    return "preprint" if any(h in text for h in PREPRINT_HOSTS) else "elsewhere"


def features(row: dict[str, Any]) -> dict[str, Feature]:
    """What an assessed record shows for each dimension's components (openness names them)."""
    comps = {c["name"]: c for c in row.get("components", [])}
    distribution = (row.get("release", {}).get("licences", {}) or {}).get("distribution") or {}
    default = licence_class(distribution.get("name") if isinstance(distribution, dict) else None)
    out: dict[str, Feature] = {}
    for finding in row["osai_index"]["findings"]:
        parts: list[tuple[str, ...]] = [("distribution", default)]
        for name in finding["components"]:
            c = comps.get(name)
            if c is None:
                parts.append((name, "not listed"))
                continue
            shown = (c["status"], licence_class(c.get("licence")), host_class(c.get("locations", ())))
            parts.append((name, *shown))
        out[finding["requirement"]] = tuple(parts)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mot-dir", type=Path, required=True)
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--pairs", type=Path, default=HERE / "osai_index_pairs.toml")
    ap.add_argument("--no-documents-rule", action="store_true", help="let the oracle grade documents open")
    args = ap.parse_args()
    pairs = tomllib.loads(args.pairs.read_text(encoding="utf-8"))["pair"]
    records = sorted({str(args.mot_dir / p["mot"]) for p in pairs})
    exe = Path(sys.executable).with_name("openness")
    cmd = [str(exe), "assess", "-f", "jsonl", "--framework", "osai_index", *records]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    rows = {r["target"]: r for r in map(json.loads, proc.stdout.splitlines()) if "error" not in r}
    groups: dict[tuple[str, Feature], list[str]] = defaultdict(list)
    for pair in pairs:
        row = rows.get(str(args.mot_dir / pair["mot"]))
        if row is None:
            continue
        shown = features(row)
        for dimension, grade in agreement.index_grades(args.index_dir / pair["index"]).items():
            cell = (pair["relation"], pair["mot"], dimension, grade, "")
            if agreement.comparable(cell) and dimension in shown:
                groups[(dimension, shown[dimension])].append(grade)
    figures = bound(groups, documents_rule=not args.no_documents_rule)
    total = [sum(v[i] for v in figures.values()) for i in range(3)]
    rule = "without" if args.no_documents_rule else "with"
    print(f"best agreement any grader of these MOT records could reach ({rule} the documents rule)")
    for label, (exact, within, n) in [*sorted(figures.items()), ("all comparable cells", tuple(total))]:
        print(f"  {label:24} {n:3} cells  exact {exact / n:6.1%}  within one step {within / n:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
