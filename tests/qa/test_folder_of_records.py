from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from openness.cli.main import cli


def test_a_folder_of_mot_records_says_how_to_assess_them(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("release:\n  name: a\n")
    out = CliRunner().invoke(cli, ["assess", "-f", "json", str(tmp_path)])
    assert out.exit_code == 0
    notes = json.loads(out.stdout)["notes"]
    assert any("a.yml" in n and "openness assess" in n for n in notes)


def test_an_empty_folder_gets_no_such_hint(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["assess", "-f", "json", str(tmp_path)])
    assert not any("YAML files" in n for n in json.loads(out.stdout)["notes"])


def test_licence_file_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "LICENSE"
    os.mkfifo(fifo)
    out = CliRunner().invoke(cli, ["licence", "--file", str(fifo), "-f", "json"])
    assert out.exit_code == 2 and "not a regular file" in out.stderr


def test_a_backtick_in_the_target_path_keeps_the_markdown_code_span(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import ROOT

    target = tmp_path / "odd`name.yml"
    shutil.copy(ROOT / "examples" / "open-model.yml", target)
    md = CliRunner().invoke(cli, ["assess", "-f", "markdown", str(target)]).stdout
    assert f"Target: `` {target} ``" in md


def test_from_file_that_is_not_utf8_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_bytes(b"hf:acme/m\xff\n")
    out = CliRunner().invoke(cli, ["assess", "-f", "json", "--from-file", str(ids)])
    assert out.exit_code == 2 and "not UTF-8" in out.stderr and "Traceback" not in out.output
