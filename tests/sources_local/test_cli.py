"""End to end: ``openness assess PATH`` gives the MOF JSON, with evidence, budgets and --explain."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from openness.cli.main import cli

from . import builders as b


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["assess", *args])
    return result.exit_code, result.stdout, result.stderr


def test_assess_folder_json(tmp_path: Path) -> None:
    b.training_repo(tmp_path)
    code, out, err = run(str(tmp_path), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    comps = {c["name"]: c for c in doc["components"]}
    assert len(comps) == 17
    training = comps["Training code"]
    assert training["status"] == "included"
    assert "train.py" in training["locations"]
    assert any(
        e["locator"] == "train.py:2" and e["rule"] == "local.train.optimiser-loop"
        for e in training["evidence"]
    )
    assert training["licence"] == "MIT"
    assert comps["Model parameters (Final)"]["status"] == "referenced"
    mof = {c["name"]: c for c in doc["mof"]["components"]}
    assert mof["Training code"]["status"] == "counted"
    assert mof["Model parameters (Final)"]["status"] == "unknown"  # a link's licence is never assumed open
    assert doc["release"]["licences"]["distribution"]["name"] == "MIT"
    assert any("skipped" in n for n in doc["notes"])


def test_budget_options_make_unknown_and_say_so(tmp_path: Path) -> None:
    b.hf_model_repo(tmp_path)
    code, out, _err = run(str(tmp_path), "-f", "json", "--max-files", "2")
    assert code == 0
    doc = json.loads(out)
    states = {c["name"]: c["status"] for c in doc["components"]}
    assert "unknown" in states.values() and "absent" not in states.values()
    assert any("max-files" in n for n in doc["notes"])
    mof = {c["name"]: c["status"] for c in doc["mof"]["components"]}
    assert "unknown" in mof.values()
    code, out, _err = run(str(tmp_path), "-f", "json", "--max-bytes", "0", "--max-seconds", "30")
    assert code == 0 and any("max-bytes" in n for n in json.loads(out)["notes"])


def test_explain_lists_every_file(tmp_path: Path) -> None:
    for i in range(12):
        b.write(tmp_path, f"data/shard-{i:02}.jsonl", "{}\n")
    _code, brief, _ = run(str(tmp_path), "-f", "json")
    _code, full, _ = run(str(tmp_path), "-f", "json", "--explain")

    def count(doc: str) -> int:
        return len(next(c for c in json.loads(doc)["components"] if c["name"] == "Datasets")["locations"])

    assert count(full) == 12
    assert count(brief) < 12


def test_table_shows_evidence_and_notes(tmp_path: Path) -> None:
    b.training_repo(tmp_path)
    code, out, _err = run(str(tmp_path), "-f", "table", "--detail")
    assert code == 0
    assert "Evidence" in out and "train.py:2" in out and "note:" in out


def test_mot_yaml_targets_still_work(tmp_path: Path) -> None:
    record = tmp_path / "m.yml"
    record.write_text(
        "release:\n  name: m\n  components:\n    - name: Model card\n      license: CC-BY-4.0\n"
    )
    code, out, err = run(str(record), "-f", "json")
    assert code == 0, err
    assert json.loads(out)["release"]["name"] == "m"


def test_missing_target_is_one_line(tmp_path: Path) -> None:
    code, _out, err = run(str(tmp_path / "nothing-here"), "-f", "json")
    assert code == 2
    assert len([ln for ln in err.splitlines() if ln.startswith("openness: error:")]) == 1


def test_folder_json_matches_the_published_schema(tmp_path: Path) -> None:
    import importlib.resources

    import pytest

    schema_file = importlib.resources.files("openness") / "reports" / "schema" / "assessment.schema.json"
    if not schema_file.is_file():
        pytest.skip("the JSON Schema is not in this tree yet")
    import jsonschema

    b.hf_model_repo(tmp_path)
    _code, out, _err = run(str(tmp_path), "-f", "json", "--explain")
    jsonschema.validate(json.loads(out), json.loads(schema_file.read_text(encoding="utf-8")))


def test_same_folder_same_bytes(tmp_path: Path) -> None:
    b.training_repo(tmp_path)
    assert run(str(tmp_path), "-f", "json")[1] == run(str(tmp_path), "-f", "json")[1]
