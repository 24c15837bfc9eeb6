"""The openness command, end to end: formats, exit codes, batches with bad targets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.reports.json_report import schema
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
OPEN_SCIENCE = str(EXAMPLES / "open-science.yml")
OPEN_MODEL = str(EXAMPLES / "open-model.yml")
RESTRICTED = str(EXAMPLES / "restricted.yml")
VALIDATOR = jsonschema.Draft202012Validator(schema())


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_console_script_runs_for_real() -> None:
    exe = Path(sys.executable).with_name("openness")
    out = subprocess.run([str(exe), "assess", OPEN_MODEL, "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["mof"]["class"] == 3 and d["release"]["name"] == "Wren-7B"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("openness, version")


def test_json_output_follows_the_schema_and_is_deterministic() -> None:
    code, first, _ = run("assess", "-f", "json", OPEN_SCIENCE, OPEN_MODEL)
    assert code == 0
    data = json.loads(first)
    assert [d["mof"]["class"] for d in data] == [1, 3]
    for d in data:
        VALIDATOR.validate(d)
        assert len(d["components"]) == 17 and d["schema_version"] == "1.0"
        assert {"openness", "mof"} <= set(d["versions"])
    assert run("assess", "-f", "json", OPEN_SCIENCE, OPEN_MODEL)[1] == first


def test_components_carry_evidence_with_file_and_line() -> None:
    d = json.loads(run("assess", "-f", "json", OPEN_SCIENCE)[1])
    card = next(c for c in d["components"] if c["name"] == "Model card")
    assert card["status"] == "included" and card["licence"] == "CC-BY-4.0"
    assert card["evidence"][0]["locator"].endswith("open-science.yml:31")
    absent = json.loads(run("assess", "-f", "json", OPEN_MODEL)[1])
    datasets = next(c for c in absent["components"] if c["name"] == "Datasets")
    assert (datasets["status"], datasets["evidence"]) == ("absent", [])


def test_default_mode_normalises_and_mot_mode_does_not() -> None:
    default = json.loads(run("assess", "-f", "json", OPEN_MODEL)[1])
    mot = json.loads(run("assess", "-f", "json", "--mot-compatible", OPEN_MODEL)[1])
    assert (default["mof"]["class"], mot["mof"]["class"]) == (3, 0)
    card = next(c for c in default["mof"]["components"] if c["name"] == "Model card")
    assert card["licence"] == "CC-BY-4.0" and "CC BY 4.0" in card["notes"][0]
    assert mot["mof"]["mode"] == "mot-compatible"


@pytest.mark.parametrize(("threshold", "code"), [("III", 0), ("II", 1), ("I", 1)])
def test_fail_under(threshold: str, code: int) -> None:
    assert run("assess", "-f", "json", "--fail-under", threshold, OPEN_MODEL)[0] == code


def test_fail_under_with_an_unclassified_release() -> None:
    exit_code, _, err = run("assess", "-f", "json", "--fail-under", "III", RESTRICTED)
    assert exit_code == 1 and "below Class III" in err


def test_jsonl_keeps_input_order_and_reports_bad_targets(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("release: [oops\n")
    code, out, err = run(
        "assess", "-f", "jsonl", OPEN_MODEL, str(bad), str(tmp_path / "missing.yml"), OPEN_SCIENCE
    )
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["target"] for d in lines] == [OPEN_MODEL, str(bad), str(tmp_path / "missing.yml"), OPEN_SCIENCE]
    assert "mof" in lines[0] and "mof" in lines[3]
    assert "invalid YAML" in lines[1]["error"] and f"{bad}:2" in lines[1]["error"]
    assert "no such file" in lines[2]["error"]
    for d in lines:
        VALIDATOR.validate(d)
    assert err.count("openness: error:") == 2 and "Traceback" not in err


BAD_INPUTS = {
    "malformed": ("release:\n  name: [x\n", "invalid YAML"),
    "alias-bomb": ("a: &a [1,2]\nb: [*a, *a]\n", "aliases are not allowed"),
    "wrong-shape": ("- 1\n- 2\n", "top level must be a mapping"),
    "unknown-component": ("release:\n  name: x\n  components:\n    - name: Wheights\n", "unknown component"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_every_bad_input_is_one_line_and_exit_2(tmp_path: Path, kind: str, fmt: str) -> None:
    text, message = BAD_INPUTS[kind]
    p = tmp_path / f"{kind}.yml"
    p.write_text(text)
    code, out, err = run("assess", "-f", fmt, str(p))
    assert code == 2
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and message in lines[0] and str(p) in lines[0]
    assert "Traceback" not in out + err


def test_bad_bytes_big_file_directory_and_missing(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yml"
    latin.write_bytes(b"release:\n  name: \xff\n")
    big = tmp_path / "big.yml"
    with big.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    folder = tmp_path / "folder.yml"
    folder.mkdir()
    for target, message in [
        (latin, "not UTF-8"),
        (big, "over the"),
        (folder, "is a directory"),
        (tmp_path / "nope.yml", "no such file"),
        (tmp_path / "weights.bin", "no such file"),
    ]:
        code, _, err = run("assess", "-f", "json", str(target))
        assert code == 2 and message in err and err.count("\n") == 1, (target, err)


def test_usage_errors_exit_2() -> None:
    assert run("assess")[0] == 2
    assert run("assess", "--format", "xml", OPEN_MODEL)[0] == 2
    assert run("assess", "--fail-under", "IV", OPEN_MODEL)[0] == 2


def test_table_and_markdown_show_the_grid_and_next_steps() -> None:
    code, out, _ = run("assess", "-f", "table", OPEN_MODEL)
    assert code == 0
    assert "Class III - Open Model" in out and "To reach Class II" in out
    assert "release the training code" in out
    code, md, _ = run("assess", "-f", "markdown", OPEN_MODEL)
    assert "| Model card | document | counted | CC-BY-4.0 | ✔ | ✔ | ✔ |" in md
    assert "### To reach Class II" in md and "- release the evaluation data under an open data licence" in md


def test_export_mot_yaml_round_trips_through_assess(tmp_path: Path) -> None:
    out = tmp_path / "exported.yml"
    assert run("export", OPEN_SCIENCE, "-o", str(out))[0] == 0
    again = json.loads(run("assess", "-f", "json", str(out))[1])
    orig = json.loads(run("assess", "-f", "json", OPEN_SCIENCE)[1])
    assert again["mof"] == orig["mof"]
    assert json.loads(run("export", OPEN_SCIENCE, "-f", "json")[1])["name"] == "Heron-1B"


def test_explain() -> None:
    code, out, _ = run("explain", "Model card")
    assert code == 0 and "required from Class III" in out and "open content licence" in out
    code, out, _ = run("explain", "II")
    assert "Training code" in out and "Datasets" not in out
    assert "Model metadata" in run("explain")[1]
    code, _, err = run("explain", "weights")
    assert code == 2 and "neither a MOF component nor a class" in err


def test_internal_errors_are_one_line_without_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    import openness.service as service

    def boom(target: str, options: object, fetch: object = None) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(service, "assess", boom)
    code, _, err = run("assess", "-f", "json", OPEN_MODEL)
    assert code == 3 and "internal error: RuntimeError: kaboom" in err and "Traceback" not in err


def test_help_teaches() -> None:
    out = run("assess", "--help")[1]
    assert "Examples:" in out and "Exit codes" in out and "--mot-compatible" in out
    env = dict(os.environ, COLUMNS="100")
    top = subprocess.run(
        [str(Path(sys.executable).with_name("openness")), "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "assess" in top and "explain" in top and "export" in top


def test_markdown_cites_the_evidence_of_each_component() -> None:
    md = run("assess", "-f", "markdown", OPEN_SCIENCE)[1]
    assert "### Evidence" in md
    card = md.index("- Model card: included")
    assert "open-science.yml:31  [mot-yaml.component-listed]" in md[card : card + 400]
