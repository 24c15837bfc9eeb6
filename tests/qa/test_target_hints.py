"""A Hub id written without 'hf:' (the way model pages show it) gets a hint that says how to write it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from openness.cli.main import cli


@pytest.mark.parametrize("target", ["EleutherAI/pythia-160m", "HF:EleutherAI/pythia-160m", "org/name@v1.0"])
def test_a_bare_hub_id_is_told_to_use_hf(target: str, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no such file here
    result = CliRunner().invoke(cli, ["assess", "-f", "json", target])
    assert result.exit_code == 2
    bare = target.split(":", 1)[-1]
    assert f"give hf:{bare}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_other_unknown_targets_keep_the_list_of_kinds(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["assess", "-f", "json", "nothing-here"])
    assert result.exit_code == 2 and "a folder" in result.stderr


def test_an_empty_from_file_is_named_in_the_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = tmp_path / "ids.txt"
    ids.write_text("# nothing yet\n\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "--from-file", str(ids)])
    assert result.exit_code == 2
    assert str(ids) in result.stderr and "no target" in result.stderr
