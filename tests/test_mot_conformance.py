"""The MOT's own 27 conformance releases and 68 real MOT records: class exactly, progress to 1e-9."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from openness.frameworks.mof import Mode, evaluate
from openness.frameworks.registry import Options
from openness.reports.json_report import to_dict
from openness.service import assess, assess_release
from openness.sources import mot_yaml
from tests.conftest import SHARED, shared


def _cases() -> list[Any]:
    path = SHARED / "mot" / "expected_results.json"
    return json.loads(path.read_text()) if path.exists() else []


def _models() -> list[tuple[str, Any]]:
    path = SHARED / "mot-models" / "expected_mot_classes.json"
    return sorted(json.loads(path.read_text()).items()) if path.exists() else []


def _matches(result: Any, expected: dict[str, Any]) -> None:
    assert result.mof_class == expected["class"]
    for k in (1, 2, 3):
        assert abs(result.progress_of(k) - expected["progress"][str(k)]) <= 1e-9, k


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["release"]["name"])
def test_mot_conformance_release(case: dict[str, Any]) -> None:
    text = yaml.safe_dump({"release": case["release"]})
    result = evaluate(mot_yaml.parse(text, case["release"]["name"]), Mode.MOT_COMPATIBLE)
    _matches(result, case["expected"])
    assert result.label == case["expected"]["label"]


@pytest.mark.parametrize(("filename", "expected"), _models(), ids=[f for f, _ in _models()])
def test_mot_real_record(filename: str, expected: dict[str, Any]) -> None:
    _matches(
        assess(str(shared("mot-models", filename)), Options(mot_compatible=True)).results["mof"], expected
    )


def test_conformance_data_present_in_ci() -> None:
    shared("mot", "expected_results.json")
    assert len(_cases()) == 27 and len(_models()) == 68


def test_cli_jsonl_matches_every_real_record() -> None:
    """The issue's acceptance command: assess --mot-compatible --format jsonl on every record."""
    from click.testing import CliRunner

    from openness.cli.main import cli

    folder = shared("mot-models")
    expected = dict(_models())
    files = sorted(str(p) for p in folder.glob("*.yml"))
    out = CliRunner().invoke(cli, ["assess", "--mot-compatible", "--format", "jsonl", *files])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.output.splitlines()]
    assert [d["target"] for d in lines] == files  # input order
    for d in lines:
        exp = expected[Path(d["target"]).name]
        assert d["mof"]["class"] == exp["class"]
        for k in "123":
            assert abs(d["mof"]["progress"][k] - exp["progress"][k]) <= 1e-9


@pytest.mark.parametrize(("filename", "expected"), _models(), ids=[f for f, _ in _models()])
def test_default_mode_differences_are_explained_by_notes(filename: str, expected: dict[str, Any]) -> None:
    release = mot_yaml.load(shared("mot-models", filename))
    mot = evaluate(release, Mode.MOT_COMPATIBLE)
    default = evaluate(release)
    for m, d in zip(mot.components, default.components, strict=True):
        if m.status != d.status or m.licence != d.licence:
            assert d.notes, (
                f"{filename}: {d.name}: {m.status}/{m.licence} → {d.status}/{d.licence} unexplained"
            )
    if (mot.mof_class, mot.progress) != (default.mof_class, default.progress):
        assert any(f.notes for f in default.components)


def test_default_mode_is_a_full_assessment_of_every_record_and_never_below_the_mot() -> None:
    import jsonschema

    from openness.reports.json_report import schema

    validator = jsonschema.Draft202012Validator(schema())
    paths = sorted(shared("mot-models").glob("*.yml"))
    assert len(paths) == 68
    for p in paths:
        release = mot_yaml.load(p)
        default = to_dict(assess_release(release, str(p)))
        validator.validate(default)
        mot = evaluate(release, Mode.MOT_COMPATIBLE)
        # normalising licence strings only ever resolves more of them: progress never drops
        for k in (1, 2, 3):
            assert default["mof"]["progress"][str(k)] >= mot.progress_of(k) - 1e-9, (p.name, k)
