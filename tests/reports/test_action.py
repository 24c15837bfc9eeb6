"""The GitHub Action, its example workflow and the pre-commit hooks: valid YAML, consistent with each
other, and the commands they run do what they say when run here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_the_action_is_a_composite_action_whose_inputs_its_steps_use() -> None:
    action = _load("action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    text = yaml.safe_dump(steps)
    for name in action["inputs"]:
        assert f"inputs.{name}" in text, f"input {name} is never used"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            for path in re.findall(r"\$GITHUB_ACTION_PATH/([\w./-]+)", step["run"]):
                assert (ROOT / path).exists(), path


def test_the_example_workflow_uses_the_action_with_inputs_it_has() -> None:
    workflow = _load(".github/workflows/openness-example.yml")
    action = _load("action.yml")
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses") == "./"]
    assert len(ours) == 1
    assert set(ours[0]["with"]) <= set(action["inputs"])


def _run_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """Run the Action's assess step as the runner would: its environment, from the Action's folder."""
    summary, report = tmp_path / "summary.md", tmp_path / "report.html"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_STEP_SUMMARY": str(summary),
        "OPENNESS_REPORT": str(report),
        **{f"OPENNESS_{k.upper()}": v for k, v in inputs.items()},
    }
    proc = subprocess.run(
        ["bash", str(ROOT / "tools" / "ci-assess.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return proc, summary, report


@pytest.mark.slow
def test_the_workflow_step_passes_on_the_examples_it_names(tmp_path: Path) -> None:
    workflow = _load(".github/workflows/openness-example.yml")
    inputs = next(s["with"] for j in workflow["jobs"].values() for s in j["steps"] if s.get("uses") == "./")
    proc, summary, report = _run_step(tmp_path, targets=inputs["targets"], fail_under=inputs["fail-under"])
    assert proc.returncode == 0, proc.stderr
    assert summary.read_text(encoding="utf-8").count("## ") >= 2  # a Markdown section per target
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_the_step_fails_below_the_class_and_names_the_target(tmp_path: Path) -> None:
    proc, _, _ = _run_step(
        tmp_path, targets="examples/open-science.yml examples/open-model.yml", fail_under="I"
    )
    assert proc.returncode == 1
    assert "open-model.yml" in proc.stdout + proc.stderr


def test_the_pre_commit_hooks_run_openness() -> None:
    hooks = _load(".pre-commit-hooks.yaml")
    assert {h["id"] for h in hooks} == {"openness", "openness-records"}
    for h in hooks:
        assert h["entry"].startswith("openness assess") and h["language"] == "python"
        if "files" in h:
            re.compile(h["files"])
