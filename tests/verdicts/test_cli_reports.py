"""The verdicts in every output format, end to end through the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from openness.cli.main import cli

from .helpers import EXAMPLES, OSI_REVIEWED

KEYS = ("osaid", "eu_ai_act", "open_weight", "osai_index")
NOTICE = "Not legal advice"


def _run(*args: str):
    return CliRunner().invoke(cli, ["assess", *args])


def test_json_has_every_verdict_and_guidance() -> None:
    res = _run(str(EXAMPLES / "restricted.yml"), "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    for key in KEYS:
        assert d[key]["verdict"], key
        assert d[key]["findings"] and all("evidence" in f and f["reason"] for f in d[key]["findings"])
    assert d["osaid"]["verdict"] == "does-not-meet"
    assert d["eu_ai_act"]["notice"].startswith(NOTICE)
    assert d["guidance"]["plans"][0]["goal"] == "mof"
    assert d["versions"]["osaid"] == "1.0"
    assert d["mof"]["class"] == 0


def test_framework_option_selects_and_declare_feeds_the_eu_verdict() -> None:
    path = str(OSI_REVIEWED / "olmo-7b.yml")
    res = _run(
        path,
        "--format",
        "json",
        "--framework",
        "eu_ai_act",
        "--declare",
        "monetised=no",
        "--declare",
        "training-flop=3e23",
        "--declare",
        "systemic-risk=no",
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert "eu_ai_act" in d and "osaid" not in d and "mof" not in d
    assert d["eu_ai_act"]["compute"]["flop"] == 3e23
    assert d["eu_ai_act"]["declarations"] == {
        "monetised": "no",
        "systemic-risk": "no",
        "training-flop": "3e23",
    }
    monetised = next(f for f in d["eu_ai_act"]["findings"] if f["requirement"] == "art-53-2.not-monetised")
    assert monetised["status"] == "met"


def test_bad_declaration_exits_2() -> None:
    res = _run(str(EXAMPLES / "open-model.yml"), "--declare", "colour=blue")
    assert res.exit_code == 2
    assert "unknown key 'colour'" in res.output


def test_json_is_deterministic() -> None:
    path = str(OSI_REVIEWED / "bloom.yml")
    assert _run(path, "--format", "json").output == _run(path, "--format", "json").output


def test_markdown_shows_each_framework_the_notice_and_what_to_do() -> None:
    res = _run(str(OSI_REVIEWED / "llama-2-7b.yml"), "--format", "markdown")
    assert res.exit_code == 0, res.output
    for heading in (
        "### Open Source AI Definition 1.0",
        "### EU AI Act",
        "### Open weight definitions",
        "### European Open Source AI Index",
        "### What to do next",
    ):
        assert heading in res.output
    assert NOTICE in res.output
    assert "| Parameters: final weights under OSI-approved terms | ✘ not-met |" in res.output


def test_table_shows_each_framework_and_the_notice() -> None:
    res = _run(str(OSI_REVIEWED / "pythia-6.9b.yml"), "--format", "table")
    assert res.exit_code == 0, res.output
    assert "Open Source AI Definition 1.0" in res.output and NOTICE in res.output
    assert "What to do next" in res.output


def test_verdicts_render_without_mof() -> None:
    res = _run(str(OSI_REVIEWED / "t5.yml"), "--format", "markdown", "--framework", "osai_index")
    assert res.exit_code == 0
    assert "European Open Source AI Index" in res.output and "score" in res.output


def test_jsonl_gives_every_verdict_and_the_notice_for_each_target() -> None:
    paths = sorted(str(p) for p in OSI_REVIEWED.glob("*.yml"))
    res = _run(*paths, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.output.splitlines()]
    assert len(lines) == len(paths)
    for obj in lines:
        assert all(obj[k]["verdict"] for k in KEYS)
        assert obj["eu_ai_act"]["notice"].startswith(NOTICE)
