"""Run openness on the pinned model-repository snapshots and print how far it agrees with the hand
judgements in ``benchmarks/real/repos/*.toml``.

Fetches nothing: each manifest's repository must already be a bare git directory at
``<mirror>/<owner>+<name>/repo`` (the search tool's ``fetch`` puts it there); manifests without a
snapshot are listed as skipped. Uses the openness installed in the running Python, so it measures
whichever branch is installed.

Usage:
    .venv/bin/python benchmarks/real/check_repos.py [--mirror DIR] [--only NAME] [--show-mismatches]
        [--out benchmarks/results/real_repos.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import (
    Manifest,
    ManifestError,
    RepoResult,
    Totals,
    by_component,
    compare,
    extract,
    has_commit,
    load_manifest,
    percent,
)

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "results" / "real_repos.json"


OFFLINE = {"offline": True, "follow_code": False}
"""How openness runs here: from the snapshot alone. No network (the benchmark fetches nothing and must
give the same answer on every machine) and an empty cache folder per run (so nothing a previous online
run stored can change the answer). Options a branch does not have are left out."""


def run_openness(folder: Path, cache: Path) -> dict[str, Any]:
    from dataclasses import fields

    from openness.reports.json_report import to_dict
    from openness.service import assess
    from openness.sources.options import CollectOptions

    known = {f.name for f in fields(CollectOptions)}
    wanted: dict[str, Any] = {**OFFLINE, "cache_dir": str(cache)}
    options = CollectOptions(**{k: v for k, v in wanted.items() if k in known})
    result: dict[str, Any] = to_dict(assess(str(folder), collect_options=options))
    return result


def check(manifest: Manifest, mirror: Path) -> RepoResult | None:
    git_dir = mirror / manifest.mirror_name / "repo"
    if not git_dir.is_dir() or not has_commit(git_dir, manifest.commit):
        return None
    with tempfile.TemporaryDirectory(prefix="openness-real-") as tmp:
        folder = Path(tmp) / manifest.repository.split("/")[1]
        folder.mkdir()
        extracted = extract(git_dir, manifest.commit, folder)
        cache = Path(tmp) / "cache"
        cache.mkdir()
        try:
            result = run_openness(folder, cache)
        except Exception as exc:  # a benchmark row, not a crash: openness's failure is the finding
            repo = RepoResult(manifest.mirror_name, manifest.commit, manifest.is_model_release, None)
            repo.error = f"{type(exc).__name__}: {exc}"
            return repo
    repo = compare(manifest, result)
    repo.placeholders = extracted.placeholders
    return repo


def _print_repo(repo: RepoResult, show: bool) -> None:
    if repo.error:
        print(f"{repo.name:45} ERROR {repo.error}")
        return
    status = [c for c in repo.cells if c.kind == "status"]
    lic = [c for c in repo.cells if c.kind == "licence"]
    said = {None: "silent", True: "model", False: "not-model"}[repo.reported_model_release]
    release = "ok" if repo.release_agrees else "WRONG"
    print(
        f"{repo.name:45} status {sum(c.agree for c in status):2}/{len(status):2}"
        f"  licence {sum(c.agree for c in lic):2}/{len(lic):2}"
        f"  wrong-id {sum(c.wrong_id for c in lic):2}"
        f"  restr->open {sum(c.restrictive_called_open for c in lic)}"
        f"  release {release} ({said})"
    )
    if show:
        for c in repo.cells:
            if not c.agree:
                flags = " [wrong id]" if c.wrong_id else ""
                flags += " [restrictive called open]" if c.restrictive_called_open else ""
                print(f"    {c.kind:7} {c.component:32} judged {c.judged:28} openness {c.found}{flags}")
                shown = c.evidence[:4] if c.kind == "status" else [e for e in c.evidence if "licen" in e][:3]
                if shown:
                    print(f"            openness saw: {'; '.join(shown)}")
        if not repo.release_agrees:
            print(f"    release judged is_model_release={repo.is_model_release}, openness: {said}")


def _code_version() -> dict[str, str]:
    import openness

    where = Path(openness.__file__).resolve().parent
    out = {"openness": getattr(openness, "__version__", "?"), "path": str(where)}
    try:
        res = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "--abbrev-ref", "HEAD", "HEAD"],
            capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
        branch, commit = res.stdout.split()
        out.update(branch=branch, commit=commit)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"), help="folder of snapshots")
    parser.add_argument("--manifests", type=Path, default=HERE / "repos", help="folder of manifests")
    parser.add_argument("--only", action="append", default=[], help="only manifests whose name has this")
    parser.add_argument("--show-mismatches", action="store_true", help="list every cell that disagrees")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON results")
    parser.add_argument(
        "--list-snapshots",
        action="store_true",
        help="print the github:owner/name to fetch for each manifest and whether its commit is here",
    )
    args = parser.parse_args(argv)

    paths = sorted(args.manifests.glob("*.toml"))
    if args.only:
        paths = [p for p in paths if any(o.lower() in p.stem.lower() for o in args.only)]
    if not paths:
        print(f"no manifests in {args.manifests} match", file=sys.stderr)
        return 2
    try:
        manifests = [load_manifest(p) for p in paths]
    except ManifestError as exc:
        print(exc, file=sys.stderr)
        return 2

    if args.list_snapshots:
        for m in manifests:
            git_dir = args.mirror / m.mirror_name / "repo"
            here = git_dir.is_dir() and has_commit(git_dir, m.commit)
            print(f"github:{m.repository}  {m.commit}  {'here' if here else 'MISSING'}")
        return 0

    totals = Totals()
    results: list[RepoResult] = []
    skipped: list[str] = []
    for manifest in manifests:
        repo = check(manifest, args.mirror)
        if repo is None:
            skipped.append(f"github:{manifest.repository}@{manifest.commit}")
            continue
        results.append(repo)
        totals.add(repo)
        _print_repo(repo, args.show_mismatches)

    tallies = by_component(results)
    print()
    print(f"{'component':32} {'status':>9} {'over':>5} {'under':>5} {'other':>5} {'licence':>9}")
    for name, c in tallies.items():
        print(
            f"{name:32} {c.status_agree:>4}/{c.status_cells:<4} {c.over:>5} {c.under:>5} {c.other:>5}"
            f" {c.licence_agree:>4}/{c.licence_cells:<4}"
        )
    t = totals
    print()
    print(f"repositories {t.repos} (errors {t.errors}), skipped (no snapshot) {len(skipped)}")
    print(f"status cells   {t.status_agree}/{t.status_cells} = {percent(t.status_agree, t.status_cells)}")
    print(
        f"  where either side says it exists {t.exists_agree}/{t.exists_cells}"
        f" = {percent(t.exists_agree, t.exists_cells)}"
    )
    print(f"licence cells  {t.licence_agree}/{t.licence_cells} = {percent(t.licence_agree, t.licence_cells)}")
    print(f"wrong licence ids {t.wrong_ids}; restrictive called open {t.restrictive_called_open}")
    print(f"model release or not {t.release_agree}/{t.release_cells}")
    for s in skipped:
        print(f"skipped: fetch {s}")

    report = {
        "code": _code_version(),
        "totals": asdict(t),
        "components": {name: asdict(c) for name, c in tallies.items()},
        "skipped": skipped,
        "repositories": [
            {
                "name": r.name,
                "commit": r.commit,
                "is_model_release": r.is_model_release,
                "reported_model_release": r.reported_model_release,
                "error": r.error,
                "placeholders": r.placeholders,
                "cells": [asdict(c) for c in r.cells],
            }
            for r in results
        ],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
