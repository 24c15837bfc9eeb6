"""The real-corpus checker: manifest format, snapshot extraction and cell-by-cell comparison.

Everything here is built in a temporary folder by the test (a small git repository we write ourselves);
nothing reaches the network and no fetched snapshot is read.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parents[2] / "benchmarks" / "real"


def _load(name: str) -> ModuleType:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus")
check_repos = _load("check_repos")

SHA = "0123456789abcdef0123456789abcdef01234567"


def manifest_text(
    commit: str = SHA, *, model: bool = True, cells: dict[str, tuple[str, str]] | None = None
) -> str:
    cells = cells or {}
    lines = [
        'repository = "acme/tiny-model"',
        f'commit = "{commit}"',
        'judged = "2026-11-30"',
        f"is_model_release = {'true' if model else 'false'}",
    ]
    for name in corpus.COMPONENTS:
        status, licence = cells.get(name, ("absent", "none"))
        lines += [
            "",
            f'[components."{name}"]',
            f'status = "{status}"',
            f'licence = "{licence}"',
            'why = "test"',
        ]
    return "\n".join(lines) + "\n"


def write_manifest(folder: Path, text: str, name: str = "acme+tiny-model.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def judged(status: str, licence: str) -> object:
    return corpus.Judged(status, licence, "test")


# --- manifests ------------------------------------------------------------------------------------------


def test_a_manifest_reads_all_seventeen_components(tmp_path: Path) -> None:
    m = corpus.load_manifest(
        write_manifest(tmp_path, manifest_text(cells={"Model card": ("included", "MIT")}))
    )
    assert m.repository == "acme/tiny-model" and m.mirror_name == "acme+tiny-model"
    assert list(m.components) == list(corpus.COMPONENTS)
    assert m.components["Model card"].status == "included"
    assert m.components["Model card"].licence == "MIT"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (manifest_text(commit="abc123"), "full 40-hex sha"),
        (manifest_text().replace('status = "absent"', 'status = "present"', 1), "status must be one of"),
        (
            manifest_text().replace('[components."Datasets"]', '[components."Dataset"]'),
            "Datasets' is missing",
        ),
        (manifest_text().replace('licence = "none"', 'licence = ""', 1), "licence must be"),
        ("repository = 'x'\n", "missing field 'commit'"),
        ("this is = not toml = at all", "cannot read the manifest"),
    ],
)
def test_a_bad_manifest_is_one_clear_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write_manifest(tmp_path, text)
    with pytest.raises(corpus.ManifestError) as info:
        corpus.load_manifest(path)
    assert str(path) in str(info.value) and message in str(info.value)


# --- comparison of cells --------------------------------------------------------------------------------


def test_status_cells_agree_only_on_the_same_state() -> None:
    assert corpus.compare_status("Model card", judged("included", "MIT"), "included").agree
    assert not corpus.compare_status("Model card", judged("referenced", "MIT"), "included").agree
    missing = corpus.compare_status("Model card", judged("absent", "none"), None)
    assert missing.found == "missing" and not missing.agree


def test_licence_of_an_absent_component_is_not_counted() -> None:
    assert corpus.compare_licence("Datasets", judged("absent", "none"), "MIT") is None


def test_licence_spellings_that_name_the_same_id_agree() -> None:
    cell = corpus.compare_licence("Model architecture", judged("included", "Apache-2.0"), "Apache 2.0")
    assert cell is not None and cell.agree and not cell.wrong_id


@pytest.mark.parametrize("no_id", ["none", "unknown"])
def test_no_licence_on_either_side_agrees(no_id: str) -> None:
    cell = corpus.compare_licence("Datasets", judged("referenced", no_id), None)
    assert cell is not None and cell.agree


def test_a_missed_licence_disagrees_without_being_a_wrong_id() -> None:
    cell = corpus.compare_licence("Model architecture", judged("included", "MIT"), None)
    assert cell is not None and not cell.agree and not cell.wrong_id and cell.found == "-"


def test_an_id_where_the_release_states_none_is_a_wrong_id_but_not_restrictive_called_open() -> None:
    cell = corpus.compare_licence("Datasets", judged("referenced", "unknown"), "MIT")
    assert cell is not None and cell.wrong_id and not cell.restrictive_called_open


def test_an_open_id_for_a_restrictive_licence_is_restrictive_called_open() -> None:
    llama2 = "LicenseRef-scancode-llama-2-license-2023"
    cell = corpus.compare_licence("Model parameters (Final)", judged("referenced", llama2), "Apache-2.0")
    assert cell is not None and cell.wrong_id and cell.restrictive_called_open


def test_an_open_id_for_an_unlicensed_component_is_restrictive_called_open() -> None:
    cell = corpus.compare_licence("Model architecture", judged("included", "none"), "MIT")
    assert cell is not None and cell.wrong_id and cell.restrictive_called_open


def test_two_different_open_ids_are_a_wrong_id_only() -> None:
    cell = corpus.compare_licence("Training code", judged("included", "Apache-2.0"), "MIT")
    assert cell is not None and cell.wrong_id and not cell.restrictive_called_open


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({}, None),
        ({"is_model_release": False}, False),
        ({"release": {"model_release": True}}, True),
        ({"release": {"extra": {"model_release": {"is": False, "why": "a licence list"}}}}, False),
        ({"release": {"extra": {"is_model_release": "no"}}}, None),
        ({"release": {"kind": "benchmark"}}, False),
        ({"release": {"kind": "model"}}, True),
        ({"release": {"kind": "", "model_release": False}}, False),
    ],
)
def test_where_openness_says_whether_it_is_a_model_release(result: dict, expected: bool | None) -> None:
    assert corpus.reported_model_release(result) is expected


def _result(**statuses: tuple[str, str | None]) -> dict:
    return {
        "components": [
            {"name": name, "status": status, "licence": licence, "locations": ["x.py"], "evidence": []}
            for name, (status, licence) in statuses.items()
        ]
    }


def test_compare_counts_every_component_and_totals_add_up(tmp_path: Path) -> None:
    cells = {"Model architecture": ("included", "MIT"), "Model parameters (Final)": ("referenced", "unknown")}
    m = corpus.load_manifest(write_manifest(tmp_path, manifest_text(cells=cells)))
    result = _result(
        **{"Model architecture": ("included", "MIT"), "Model parameters (Final)": ("referenced", "MIT")}
    )
    repo = corpus.compare(m, result)
    status = [c for c in repo.cells if c.kind == "status"]
    licence = [c for c in repo.cells if c.kind == "licence"]
    assert len(status) == 17 and len(licence) == 2
    # the 15 components openness does not list are "missing", which disagrees with "absent"
    assert sum(c.agree for c in status) == 2
    assert [c.agree for c in licence] == [True, False]
    totals = corpus.Totals()
    totals.add(repo)
    assert (totals.status_cells, totals.status_agree, totals.licence_cells, totals.wrong_ids) == (17, 2, 2, 1)
    assert totals.exists_cells == 2 and totals.release_agree == 1


def test_a_repository_that_is_not_a_model_release_counts_only_that_cell(tmp_path: Path) -> None:
    m = corpus.load_manifest(write_manifest(tmp_path, manifest_text(model=False)))
    silent = corpus.compare(m, _result(**{"Model card": ("included", "MIT")}))
    said = corpus.compare(m, {"is_model_release": False})
    assert silent.cells == [] and not silent.release_agrees
    assert said.release_agrees


# --- snapshots ------------------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "PATH": "/usr/bin:/bin"}
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    res = subprocess.run(["git", *ident, *args], cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return res.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A small model repository in git, with one blob removed as a snapshot lacks large files."""
    work = tmp_path / "src"
    (work / "tiny").mkdir(parents=True)
    (work / "LICENSE").write_text("MIT License\n\nCopyright (c) 2026 Test\n", encoding="utf-8")
    (work / "tiny" / "model.py").write_text("class TinyModel:\n    layers = 2\n", encoding="utf-8")
    (work / "big.bin").write_bytes(b"\0" * 4096)
    (work / "link").symlink_to("LICENSE")
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "tiny")
    commit = _git(work, "rev-parse", "HEAD")
    blob = _git(work, "rev-parse", "HEAD:big.bin")
    (work / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    return work / ".git", commit


def test_extract_writes_the_tree_skips_symlinks_and_keeps_missing_blobs_as_empty_files(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    git_dir, commit = repo
    dest = tmp_path / "out"
    dest.mkdir()
    got = corpus.extract(git_dir, commit, dest)
    assert (dest / "tiny" / "model.py").read_text(encoding="utf-8").startswith("class TinyModel")
    assert not (dest / "link").exists()
    assert got.placeholders == ["big.bin"] and (dest / "big.bin").stat().st_size == 0
    assert got.files == 2
    assert corpus.has_commit(git_dir, commit) and not corpus.has_commit(git_dir, SHA)


def _mirror_of(repo: tuple[Path, str], tmp_path: Path) -> tuple[str, Path, Path]:
    """A mirror folder laid out as fetch lays it out, holding the test repository; and a manifests folder."""
    git_dir, commit = repo
    mirror = tmp_path / "mirror"
    (mirror / "acme+tiny-model").mkdir(parents=True)
    (mirror / "acme+tiny-model" / "repo").symlink_to(git_dir)
    return commit, mirror, tmp_path / "manifests"


def test_the_checker_runs_openness_on_a_pinned_snapshot_and_writes_results(
    repo: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit, mirror, manifests = _mirror_of(repo, tmp_path)
    cells = {"Model architecture": ("included", "MIT")}
    write_manifest(manifests, manifest_text(commit, cells=cells))
    write_manifest(
        manifests, manifest_text().replace("acme/tiny-model", "acme/not-fetched"), "acme+not-fetched.toml"
    )
    out = tmp_path / "results.json"
    argv = ["--mirror", str(mirror), "--manifests", str(manifests), "--out", str(out), "--show-mismatches"]
    assert check_repos.main(argv) == 0
    printed = capsys.readouterr().out
    assert "skipped: fetch github:acme/not-fetched@" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in data["repositories"]] == ["acme+tiny-model"]
    row = data["repositories"][0]
    assert row["placeholders"] == ["big.bin"] and row["error"] == ""
    status = [c for c in row["cells"] if c["kind"] == "status"]
    assert len(status) == 17
    assert data["totals"]["status_cells"] == 17
    assert data["totals"]["status_agree"] == sum(c["agree"] for c in status)


def test_the_checker_stops_on_a_bad_manifest_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifests = tmp_path / "manifests"
    write_manifest(manifests, "repository = 'x'\n")
    assert check_repos.main(["--manifests", str(manifests), "--out", str(tmp_path / "r.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert "missing field 'commit'" in err and "\n" not in err


def test_the_corpus_manifests_all_load() -> None:
    paths = sorted((HERE / "repos").glob("*.toml"))
    assert len(paths) >= 25
    loaded = [corpus.load_manifest(p) for p in paths]
    assert len({m.repository for m in loaded}) == len(loaded)
    assert sum(not m.is_model_release for m in loaded) >= 2
    for m in loaded:
        assert m.path.stem == m.mirror_name


def test_licence_expressions_in_another_order_agree() -> None:
    judged_expr = "LicenseRef-scancode-llama-2-license-2023 AND LicenseRef-scancode-llama-4-cla-2025 AND MIT"
    found = "MIT AND LicenseRef-scancode-llama-4-cla-2025 AND LicenseRef-scancode-llama-2-license-2023"
    cell = corpus.compare_licence("Model card", judged("included", judged_expr), found)
    assert cell is not None and cell.agree
    partial = corpus.compare_licence("Model card", judged("included", judged_expr), "MIT")
    assert partial is not None and partial.wrong_id
    either = corpus.compare_licence(
        "Model card", judged("included", "MIT OR Apache-2.0"), "MIT AND Apache-2.0"
    )
    assert either is not None and not either.agree


def test_tallies_per_component_say_which_way_the_cells_disagree(tmp_path: Path) -> None:
    cells = {"Model card": ("included", "MIT"), "Datasets": ("referenced", "unknown")}
    m = corpus.load_manifest(write_manifest(tmp_path, manifest_text(cells=cells)))
    result = _result(
        **{
            "Model card": ("absent", None),
            "Datasets": ("included", "MIT"),
            "Training code": ("included", "MIT"),
            "Inference code": ("absent", None),
        }
    )
    failed = corpus.RepoResult(
        "acme+broken", SHA, True, None, cells=corpus.compare(m, result).cells, error="boom"
    )
    tallies = corpus.by_component([corpus.compare(m, result), failed])
    assert list(tallies) == list(corpus.COMPONENTS)
    assert (tallies["Model card"].under, tallies["Model card"].status_agree) == (1, 0)
    assert (tallies["Training code"].over, tallies["Datasets"].other) == (1, 1)
    assert tallies["Inference code"].status_agree == 1 and tallies["Inference code"].status_cells == 1
    assert tallies["Datasets"].licence_cells == 1 and tallies["Datasets"].licence_agree == 0


def test_openness_marker_for_an_unrecognised_licence_names_no_id() -> None:
    modified = corpus.compare_licence(
        "Model card", judged("included", "unknown"), "LicenseRef-openness-unrecognised"
    )
    assert modified is not None and modified.agree and not modified.wrong_id
    missed = corpus.compare_licence(
        "Model card",
        judged("included", "LicenseRef-scancode-llama-2-license-2023"),
        "LicenseRef-openness-unrecognised",
    )
    assert missed is not None and not missed.agree and not missed.wrong_id
    part = corpus.compare_licence(
        "Model card", judged("included", "MIT"), "MIT AND LicenseRef-openness-unrecognised"
    )
    assert part is not None and part.wrong_id


def test_openness_runs_offline_with_an_empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openness.service

    seen = []

    def fake_assess(target: str, options: object = None, collect_options: object = None) -> object:
        seen.append(collect_options)
        raise RuntimeError("stop here")

    monkeypatch.setattr(openness.service, "assess", fake_assess)
    cache = tmp_path / "cache"
    with pytest.raises(RuntimeError):
        check_repos.run_openness(tmp_path, cache)
    (options,) = seen
    assert options.offline is True and options.cache_dir == str(cache)
    assert getattr(options, "follow_code", False) is False


def test_list_snapshots_says_what_to_fetch(
    repo: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit, mirror, manifests = _mirror_of(repo, tmp_path)
    write_manifest(manifests, manifest_text(commit))
    write_manifest(
        manifests, manifest_text().replace("acme/tiny-model", "acme/elsewhere"), "acme+elsewhere.toml"
    )
    argv = ["--mirror", str(mirror), "--manifests", str(manifests), "--list-snapshots"]
    assert check_repos.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"github:acme/elsewhere  {SHA}  MISSING", f"github:acme/tiny-model  {commit}  here"]
