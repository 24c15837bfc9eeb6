"""openness diff: what changed between two assessments, and exit 1 when openness went down."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness import service
from openness.cli.main import cli
from openness.reports import diff, json_report

ROOT = Path(__file__).resolve().parents[2]
SCIENCE, MODEL, RESTRICTED = (
    str(ROOT / "examples" / f"{n}.yml") for n in ("open-science", "open-model", "restricted")
)


def _d(old: str, new: str) -> diff.Diff:
    return diff.compare(json_report.to_dict(service.assess(old)), json_report.to_dict(service.assess(new)))


def test_the_same_release_has_no_change() -> None:
    d = _d(MODEL, MODEL)
    assert d.changes == () and not d.went_down and not d.went_up


def test_losing_components_is_less_open_and_names_them() -> None:
    d = _d(SCIENCE, MODEL)
    assert d.went_down
    subjects = {(c.what, c.subject, c.direction) for c in d.changes}
    assert ("mof", "MOF class", "down") in subjects
    assert ("component", "Training code", "down") in subjects
    # the reverse direction is the mirror image
    back = _d(MODEL, SCIENCE)
    assert back.went_up and not back.went_down


def test_a_licence_change_cites_the_new_evidence(tmp_path: Path) -> None:
    old = tmp_path / "old.yml"
    new = tmp_path / "new.yml"
    body = "release:\n  name: m\n  components:\n    - name: 'Model parameters (Final)'\n      license: '{}'\n"
    old.write_text(body.format("Apache-2.0"), encoding="utf-8")
    new.write_text(body.format("CC-BY-NC-4.0"), encoding="utf-8")
    d = _d(str(old), str(new))
    lic = [c for c in d.changes if c.what == "licence"]
    assert lic and lic[0].old == "Apache-2.0" and lic[0].new == "CC-BY-NC-4.0" and lic[0].direction == "down"
    assert any("new.yml" in e for e in lic[0].evidence)


def test_cli_exit_codes_and_saved_results(tmp_path: Path) -> None:
    runner = CliRunner()
    down = runner.invoke(cli, ["diff", SCIENCE, MODEL])
    assert down.exit_code == 1 and "less open" in down.stdout
    up = runner.invoke(cli, ["diff", MODEL, SCIENCE, "-f", "json"])
    assert up.exit_code == 0 and json.loads(up.stdout)["went_up"] is True
    saved = tmp_path / "saved.json"
    saved.write_text(runner.invoke(cli, ["assess", "-f", "json", MODEL]).stdout, encoding="utf-8")
    same = runner.invoke(cli, ["diff", str(saved), MODEL])
    assert same.exit_code == 0 and "no change" in same.stdout
    md = runner.invoke(cli, ["diff", RESTRICTED, MODEL, "-f", "markdown"])
    assert md.stdout.startswith("### openness diff") and "| Before | After |" in md.stdout


@pytest.mark.parametrize("args", [["diff", "one-target"], ["diff", "a.yml", "b.yml", "c.yml"]])
def test_bad_usage_is_one_line(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_revision_range_is_two_targets() -> None:
    from openness.cli.diff import _pair

    assert _pair(("hf:org/name@step1..step2",)) == ("hf:org/name@step1", "hf:org/name@step2")
