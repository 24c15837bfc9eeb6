"""``openness assess`` on Hub ids, end to end against the loopback Hub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from openness.cli.main import cli

from . import hubdata
from .replay import HubReplay, json_reply


def test_assess_hf_id_end_to_end_in_a_real_process(pythia_hub: HubReplay, tmp_path: Path) -> None:
    model, _ = hubdata.pythia()
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT")}
    env.update(OPENNESS_CACHE_DIR=str(tmp_path / "cli-cache"), HF_HUB_DISABLE_IMPLICIT_TOKEN="1")
    script = Path(sys.executable).with_name("openness")  # the installed console script, when there
    launcher = (
        [str(script)] if script.exists() else [sys.executable, "-c", "from openness.cli import main; main()"]
    )
    cmd = [
        *launcher,
        "assess",
        "hf:EleutherAI/pythia-160m",
        "--endpoint",
        pythia_hub.endpoint,
        "--format",
        "json",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["target"] == "hf:EleutherAI/pythia-160m"
    assert out["release"]["version"] == model.sha
    status = {c["name"]: c["status"] for c in out["components"]}
    assert status["Model parameters (Final)"] == "included"
    assert status["Research paper"] == "referenced" and status["Datasets"] == "referenced"
    final = next(c for c in out["components"] if c["name"] == "Model parameters (Final)")
    assert final["licence_as_written"] == "apache-2.0"
    assert any(model.sha in n for n in out["notes"])
    assert out["mof"]["components"]
    assert pythia_hub.count() == 6


def test_batch_from_file_jsonl_one_failure_does_not_stop_the_others(
    pythia_hub: HubReplay, tmp_path: Path
) -> None:
    pythia_hub.add_model(hubdata.remote_code())
    ids = tmp_path / "ids.txt"
    ids.write_text("# models to check\nhf:EleutherAI/pythia-160m\n\nhf:nobody/missing  # a typo\n")
    result = CliRunner().invoke(
        cli,
        [
            "assess",
            "hf:acme/custom-arch",
            "--from-file",
            str(ids),
            "-f",
            "jsonl",
            "--endpoint",
            pythia_hub.endpoint,
            "--jobs",
            "3",
        ],
    )
    assert result.exit_code == 2  # a target failed; the others were still assessed
    lines = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [ln["target"] for ln in lines] == [
        "hf:acme/custom-arch",
        "hf:EleutherAI/pythia-160m",
        "hf:nobody/missing",
    ]
    assert "error" in lines[2] and "no such repository" in lines[2]["error"]
    assert "error" not in lines[0] and "error" not in lines[1]


def test_offline_option_reads_the_cache_only(pythia_hub: HubReplay) -> None:
    args = ["assess", "hf:EleutherAI/pythia-160m", "-f", "json", "--endpoint", pythia_hub.endpoint]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    sent = pythia_hub.count()
    again = CliRunner().invoke(cli, [*args, "--offline"])
    assert again.exit_code == 0 and pythia_hub.count() == sent
    refreshed = CliRunner().invoke(cli, [*args, "--refresh"])
    assert refreshed.exit_code == 0 and pythia_hub.count() == 2 * sent


def test_refresh_and_offline_together_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["assess", "hf:a/b", "--refresh", "--offline"])
    assert result.exit_code == 2 and "contradict" in result.stderr


def test_table_names_the_commit_and_the_gate(hub: HubReplay) -> None:
    model = hubdata.llama()
    hub.add_model(model)
    hub.route(f"/api/models/{model.repo_id}/refs", json_reply(model.refs()))
    result = CliRunner().invoke(
        cli, ["assess", "hf:meta-llama/Llama-2-7b-hf", "-f", "table", "--endpoint", hub.endpoint]
    )
    assert result.exit_code == 0, result.output
    assert model.sha in result.stdout.replace("\n", "")  # the summary names the commit
    result = CliRunner().invoke(
        cli, ["assess", "hf:meta-llama/Llama-2-7b-hf", "-f", "table", "--detail", "--endpoint", hub.endpoint]
    )
    assert "gated" in result.stdout


def test_markdown_names_the_commit(pythia_hub: HubReplay) -> None:
    model, _ = hubdata.pythia()
    result = CliRunner().invoke(
        cli, ["assess", "hf:EleutherAI/pythia-160m", "-f", "markdown", "--endpoint", pythia_hub.endpoint]
    )
    assert result.exit_code == 0, result.output
    assert f"assessed commit {model.sha}" in result.stdout
