"""Real licence files, judged by hand: openness against the judgement, ScanCode beside it, same run.

Each manifest in ``benchmarks/real/licence_files/`` names one public repository, a pinned commit and the
licence files read there, with the licence a careful reader finds in each (``expected``) and why. This
script fetches nothing: it reads each file at its pinned commit from a snapshot already fetched
(``/work/.mirror/<owner>+<name>/``, bare git directories made by the search tool's ``fetch``), identifies
it exactly as ``openness licence --file`` does (it runs that command in-process), runs ScanCode once over
the same files when a ScanCode environment is given or found, and prints per file what each said.

Expected values (see licence_files/README.md for the judging rules):
  ``<id>``                    one licence: an SPDX id or an openness catalogue ``LicenseRef-…`` id
  ``<id> AND <id> …``         several licences in one file (order does not matter)
  ``AUP of <id>``             the acceptable-use policy of that licence (not the licence itself)
  ``modified, closest <id>``  a changed or other-version text: the right answer is "not <id>"
  ``unknown``                 no id is right (a pointer, a licence no list names)
Optional per file: ``commit`` (read this file at another commit, e.g. an earlier version of it),
``also`` (other answers that are equally right, e.g. GPL-2.0-or-later for a bare GPL-2.0 text),
``optional`` (ids that may be reported besides, e.g. an appended AUP), ``restrictive`` (true when the
licence is not open; derived from openness's own facts for plain ids when omitted).

Outcomes per file: correct; partial (some of several licences named, none wrong); wrong id; said unknown.
"Restrictive called open" counts files whose licence is not open but the answer names an open licence.

Usage:
    .venv/bin/python benchmarks/real/check_licence_files.py [--mirror DIR] [--scancode-venv DIR]
        [--no-scancode] [--install-scancode] [--only OWNER+NAME] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "benchmarks" / "real" / "licence_files"
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_MIRROR = Path("/work/.mirror")
SCANCODE_CANDIDATES = (Path("/work/scancode-venv"), RESULTS / "scancode-venv")
MAX_FILE = 4 * 2**20
"""Bound on one file read from a snapshot; openness applies its own bound after this."""
OUTCOMES = ("correct", "partial", "wrong", "unknown")
SCANCODE_GENERIC = {
    "licenseref-scancode-unknown",
    "licenseref-scancode-unknown-license-reference",
    "licenseref-scancode-free-unknown",
    "licenseref-scancode-proprietary-license",
    "licenseref-scancode-other-permissive",
    "licenseref-scancode-other-copyleft",
    "licenseref-scancode-generic-cla",
    "licenseref-scancode-warranty-disclaimer",
    "licenseref-scancode-unknown-spdx",
}
"""ScanCode keys that name a kind of text, not a licence: dropped before scoring (said unknown)."""


# ---------------------------------------------------------------- judgements and comparison (pure)


@dataclass(frozen=True)
class Expected:
    """A hand judgement of one file, parsed."""

    kind: str
    """id (one or several licences), aup, modified or unknown."""
    ids: frozenset[str] = frozenset()
    """Casefolded operands for kind id; the licence for aup and modified."""
    text: str = ""


def split_expression(expression: str | None) -> list[str]:
    """The licence ids of an AND/OR expression in order, parentheses dropped, WITH parts kept whole."""
    if not expression:
        return []
    parts = re.split(r"\s+(?:AND|OR)\s+", expression.replace("(", " ").replace(")", " ").strip())
    return [p.strip() for p in parts if p.strip()]


def operands(expression: str | None) -> frozenset[str]:
    """The licence ids of an expression, casefolded, for comparison."""
    return frozenset(p.casefold() for p in split_expression(expression))


def parse_expected(text: str) -> Expected:
    """Parse one manifest ``expected`` value; raise ValueError on a malformed one."""
    value = " ".join(text.split())
    if not value:
        raise ValueError("empty expected value")
    if value.casefold() == "unknown":
        return Expected("unknown", frozenset(), value)
    if value.startswith("AUP of "):
        licence = value.removeprefix("AUP of ").strip()
        if not licence or " " in licence:
            raise ValueError(f"'AUP of' needs one licence id: {value!r}")
        return Expected("aup", frozenset({licence.casefold()}), value)
    if value.startswith("modified, closest "):
        licence = value.removeprefix("modified, closest ").strip()
        if not licence or " " in licence:
            raise ValueError(f"'modified, closest' needs one licence id: {value!r}")
        return Expected("modified", frozenset({licence.casefold()}), value)
    if re.search(r"\s", value) and not re.fullmatch(r"[\w.+()-]+(\s+(AND|OR|WITH)\s+[\w.+()-]+)*", value):
        raise ValueError(f"not a licence id or expression: {value!r}")
    return Expected("id", operands(value), value)


def is_aup_answer(got_id: str, record: dict[str, Any], licence: str) -> bool:
    """An answer that says "the acceptable-use policy of <licence>": the id ``<licence>-AUP`` or a record
    field ``aup_of`` naming the licence (both casefolded)."""
    if got_id.casefold() == f"{licence}-aup":
        return True
    aup_of = record.get("aup_of")
    return isinstance(aup_of, str) and aup_of.casefold() == licence


def classify(
    expected: Expected,
    got: str | None,
    *,
    also: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    record: dict[str, Any] | None = None,
) -> str:
    """One of OUTCOMES for an answer ``got`` (an id or expression, None when the tool said unknown)."""
    got_ids = operands(got)
    if not got_ids:
        return "correct" if expected.kind in ("unknown", "modified") else "unknown"
    if any(operands(a) == got_ids for a in also):
        return "correct"
    if expected.kind in ("unknown", "modified"):
        return "wrong"
    if expected.kind == "aup":
        (licence,) = expected.ids
        return "correct" if is_aup_answer(got or "", record or {}, licence) else "wrong"
    extra = frozenset().union(*(operands(o) for o in optional)) if optional else frozenset()
    if expected.ids <= got_ids and got_ids - expected.ids <= extra:
        return "correct"
    if got_ids < expected.ids:
        return "partial"
    return "wrong"


@dataclass
class Tally:
    """Totals for one tool."""

    outcomes: Counter[str] = field(default_factory=Counter)
    restrictive_called_open: int = 0
    with_id: Counter[str] = field(default_factory=Counter)
    """Outcomes of the files whose expected value names a licence (an id, ids, or an AUP)."""

    def add(self, outcome: str, called_open: bool, names_licence: bool = True) -> None:
        self.outcomes[outcome] += 1
        self.restrictive_called_open += called_open
        if names_licence:
            self.with_id[outcome] += 1

    def as_dict(self) -> dict[str, Any]:
        files = sum(self.outcomes.values())
        return {
            "files": files,
            **{k: self.outcomes[k] for k in OUTCOMES},
            "restrictive_called_open": self.restrictive_called_open,
            "correct_share": round(self.outcomes["correct"] / files, 4) if files else None,
            "identified": f"{self.with_id['correct']}/{sum(self.with_id.values())}",
        }


# ---------------------------------------------------------------- manifests and snapshots


@dataclass(frozen=True)
class FileCase:
    repository: str
    commit: str
    path: str
    expected: Expected
    why: str
    also: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    restrictive: bool | None = None


def load_manifest(path: Path) -> list[FileCase]:
    """The cases of one manifest; ValueError with the file name on anything malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        repository, commit = data["repository"], data["commit"]
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise ValueError(f"commit is not a full sha: {commit!r}")
        if path.stem != repository.replace("/", "+"):
            raise ValueError(f"file name does not match repository {repository!r}")
        cases = []
        for entry in data["files"]:
            at = entry.get("commit", commit)  # a file read at an earlier commit (another version of it)
            if not re.fullmatch(r"[0-9a-f]{40}", at):
                raise ValueError(f"{entry['path']}: commit is not a full sha: {at!r}")
            restrictive = entry.get("restrictive")
            if restrictive is not None and not isinstance(restrictive, bool):
                raise ValueError(f"{entry['path']}: restrictive must be true or false")
            cases.append(
                FileCase(
                    repository=repository,
                    commit=at,
                    path=entry["path"],
                    expected=parse_expected(entry["expected"]),
                    why=entry["why"],
                    also=tuple(entry.get("also", ())),
                    optional=tuple(entry.get("optional", ())),
                    restrictive=restrictive,
                )
            )
        if not cases:
            raise ValueError("no files")
        return cases
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def git_dir(mirror: Path, repository: str) -> Path | None:
    """The snapshot's git directory under the mirror, or None when it was not fetched."""
    base = mirror / repository.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def read_blob(gitdir: Path, commit: str, path: str) -> bytes | None:
    """The file's bytes at the commit, or None when the commit or path is not in the snapshot."""
    spec = f"{commit}:{path}"
    size = subprocess.run(
        ["git", f"--git-dir={gitdir}", "cat-file", "-s", spec], capture_output=True, text=True
    )
    if size.returncode or int(size.stdout.strip() or 0) > MAX_FILE:
        return None
    out = subprocess.run(["git", f"--git-dir={gitdir}", "show", spec], capture_output=True)
    return out.stdout if out.returncode == 0 else None


# ---------------------------------------------------------------- the tools


def openness_answer(path: Path) -> dict[str, Any]:
    """The JSON record ``openness licence --file PATH --format json`` prints, run in-process."""
    from click.testing import CliRunner

    from openness.cli.main import cli

    result = CliRunner().invoke(cli, ["licence", "--format", "json", "--file", str(path)])
    if result.exit_code != 0:
        return {"id": None, "error": f"exit {result.exit_code}: {result.output.strip()[:200]}"}
    try:
        parsed = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"id": None, "error": f"not JSON: {result.stdout.strip()[:200]}"}
    record: dict[str, Any] = parsed[0] if isinstance(parsed, list) and parsed else parsed
    return record


def is_open(expression: str | None) -> bool:
    """Whether openness's own facts call the licence (expression) open (OSD-compliant)."""
    if not expression:
        return False
    from openness.licences import identification

    return identification.identify(expression).osd_compliant is True


def restrictive(case: FileCase) -> bool:
    """The hand value when given; an AUP is restrictive; else derived from openness's facts for plain
    ids (a "modified" or "unknown" text is not restrictive unless the manifest says so)."""
    if case.restrictive is not None:
        return case.restrictive
    if case.expected.kind == "aup":
        return True  # a use policy is a list of restrictions
    if case.expected.kind != "id":
        return False
    from openness.licences import identification

    return any(identification.identify(i).osd_compliant is False for i in case.expected.ids)


def _bench_detect() -> Any:
    """benchmarks/licences/bench_detect.py, whose ScanCode installer (pinned version) is reused."""
    import importlib.util

    path = ROOT / "benchmarks" / "licences" / "bench_detect.py"
    spec = importlib.util.spec_from_file_location("bench_detect", path)
    if spec is None or spec.loader is None:
        raise SystemExit("benchmarks/licences/bench_detect.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def openness_source() -> dict[str, Any]:
    """Which openness ran: its package folder, and the git commit of that folder (dirty if changed)."""
    import openness

    folder = Path(openness.__file__).resolve().parent
    head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True)
    status = subprocess.run(
        ["git", "-C", str(folder), "status", "--porcelain", "--", "."], capture_output=True, text=True
    )
    return {
        "package": str(folder),
        "commit": head.stdout.strip() or None,
        "uncommitted_changes": bool(status.stdout.strip()) if status.returncode == 0 else None,
    }


def find_scancode(given: Path | None) -> Path | None:
    for venv in (given,) if given else SCANCODE_CANDIDATES:
        if venv and (venv / "bin" / "scancode").is_file():
            return venv / "bin" / "scancode"
    return None


def scancode_answers(exe: Path, folder: Path, processes: int) -> tuple[dict[str, str | None], str]:
    """ScanCode's SPDX expression per file (relative path), generic keys dropped; and its version."""
    report = folder.parent / "scancode.json"
    cmd = [str(exe), "--license", "--json", str(report), "-n", str(processes), "--quiet", str(folder)]
    subprocess.run(cmd, check=True, capture_output=True)
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
    data = json.loads(report.read_text(encoding="utf-8"))
    out: dict[str, str | None] = {}
    for f in data["files"]:
        if f.get("type") != "file":
            continue
        rel = Path(f["path"]).relative_to(folder.name).as_posix()
        out[rel] = scancode_expression(f.get("detected_license_expression_spdx"))
    return out, version.splitlines()[0] if version else "?"


def scancode_expression(expression: str | None) -> str | None:
    """ScanCode's expression without the keys that name no licence; None when nothing is left."""
    kept = sorted({i for i in split_expression(expression) if i.casefold() not in SCANCODE_GENERIC})
    return " AND ".join(kept) if kept else None


# ---------------------------------------------------------------- the run


def run(
    mirror: Path, scancode: Path | None, processes: int, only: str | None, verbose: bool
) -> dict[str, Any]:
    cases: list[FileCase] = []
    for manifest in sorted(MANIFESTS.glob("*.toml")):
        if only and manifest.stem != only:
            continue
        cases.extend(load_manifest(manifest))
    rows: list[dict[str, Any]] = []
    missing: list[str] = []
    with tempfile.TemporaryDirectory(prefix="openness-real-licences-") as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        placed: list[tuple[FileCase, str]] = []
        for n, case in enumerate(cases):
            gitdir = git_dir(mirror, case.repository)
            data = read_blob(gitdir, case.commit, case.path) if gitdir else None
            if data is None:
                missing.append(f"{case.repository}@{case.commit[:10]}:{case.path}")
                continue
            rel = f"{n:03d}/{Path(case.path).name}"
            (folder / rel).parent.mkdir()
            (folder / rel).write_bytes(data)
            placed.append((case, rel))
        sc_answers, sc_version = scancode_answers(scancode, folder, processes) if scancode else ({}, "")
        tallies = {"openness": Tally(), "scancode": Tally()}
        for case, rel in placed:
            record = openness_answer(folder / rel)
            rest = restrictive(case)
            got = record.get("id")
            outcome = classify(case.expected, got, also=case.also, optional=case.optional, record=record)
            names = case.expected.kind in ("id", "aup")
            tallies["openness"].add(outcome, rest and record.get("osd_compliant") is True, names)
            row: dict[str, Any] = {
                "repository": case.repository,
                "commit": case.commit,
                "path": case.path,
                "expected": case.expected.text,
                "restrictive": rest,
                "openness": {
                    "id": got,
                    "outcome": outcome,
                    "open": record.get("osd_compliant"),
                    "matched_by": record.get("matched_by"),
                },
            }
            if "error" in record:
                row["openness"]["error"] = record["error"]
            if verbose:
                row["openness"]["notes"] = record.get("notes", [])
                row["openness"]["candidates"] = record.get("candidates", [])[:3]
            if scancode:
                sc = sc_answers.get(rel)
                sc_outcome = classify(case.expected, sc, also=case.also, optional=case.optional)
                sc_open = is_open(sc)
                tallies["scancode"].add(sc_outcome, rest and sc_open, names)
                row["scancode"] = {"id": sc, "outcome": sc_outcome, "open": sc_open}
            rows.append(row)
    result: dict[str, Any] = {
        "openness_source": openness_source(),
        "files": len(rows),
        "repositories": len({r["repository"] for r in rows}),
        "missing": missing,
        "openness": tallies["openness"].as_dict(),
        "rows": rows,
    }
    if scancode:
        result["scancode"] = {**tallies["scancode"].as_dict(), "version": sc_version}
    return result


def render(result: dict[str, Any]) -> str:
    mark = {"correct": "ok", "partial": "PART", "wrong": "WRONG", "unknown": "unk"}
    lines = []
    for r in result["rows"]:
        o = r["openness"]
        line = f"{r['repository']}@{r['commit'][:7]}:{r['path']}\n    expected {r['expected']}\n"
        line += f"    openness [{mark[o['outcome']]}] {o['id']}"
        if "scancode" in r:
            s = r["scancode"]
            line += f"\n    scancode [{mark[s['outcome']]}] {s['id']}"
        lines.append(line)
    src = result.get("openness_source", {})
    lines.append(
        f"openness from {src.get('package')} at {src.get('commit') or '?'}"
        + (" with uncommitted changes" if src.get("uncommitted_changes") else "")
    )
    for tool in ("openness", "scancode"):
        if tool in result:
            t = result[tool]
            lines.append(
                f"{tool}: {t['correct']}/{t['files']} correct, {t['partial']} partial, {t['wrong']} wrong id,"
                f" {t['unknown']} said unknown, {t['restrictive_called_open']} restrictive called open;"
                f" {t['identified']} licences named correctly"
                + (f" ({t['version']})" if "version" in t else "")
            )
    if result["missing"]:
        lines.append(f"not in the snapshots ({len(result['missing'])}): " + ", ".join(result["missing"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="folder of fetched snapshots")
    parser.add_argument("--scancode-venv", type=Path, default=None, help="a venv with scancode installed")
    parser.add_argument("--no-scancode", action="store_true", help="run openness only")
    parser.add_argument(
        "--install-scancode", action="store_true", help="install ScanCode as bench_detect.py does"
    )
    parser.add_argument("--processes", type=int, default=2, help="ScanCode -n")
    parser.add_argument("--only", help="one manifest, e.g. meta-llama+llama-models")
    parser.add_argument("--verbose", action="store_true", help="keep openness notes and candidates")
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("benchmarks") / "results" / "real_licence_files.json",
        help="where to write the results (default: under the current folder, the project being measured)",
    )
    args = parser.parse_args(argv)
    if not args.mirror.is_dir():
        print(f"check_licence_files: {args.mirror}: no such folder; fetch the snapshots", file=sys.stderr)
        return 2
    scancode = None
    if not args.no_scancode:
        if args.install_scancode:
            ensure_scancode = _bench_detect().ensure_scancode
            ensure_scancode(args.scancode_venv or SCANCODE_CANDIDATES[-1])
        scancode = find_scancode(args.scancode_venv)
        if scancode is None:
            print("check_licence_files: no ScanCode found; openness only", file=sys.stderr)
    try:
        result = run(args.mirror, scancode, args.processes, args.only, args.verbose)
    except ValueError as exc:
        print(f"check_licence_files: bad manifest: {exc}", file=sys.stderr)
        return 2
    print(render(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
