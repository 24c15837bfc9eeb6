"""The terminal reports print what a release says literally: square brackets in a release name, a
licence string or a note are text, never Rich markup (which could hide words or crash the report)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from openness.cli.main import cli

RECORD = """\
release:
  name: "[bold red]Wren[/] [/x]"
  license:
    distribution:
      name: "[see LICENSE] Kite"
  components:
    - name: 'Model card'
      license: "CC BY 4.0 [/]"
    - name: 'Inference code'
      license: "[red]Apache 2.0"
"""


def test_assess_table_prints_brackets_from_the_record_as_text(tmp_path: Path) -> None:
    record = tmp_path / "markup.yml"
    record.write_text(RECORD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "-f", "table", "--detail", str(record)])
    assert result.exit_code == 0, result.output
    assert "[bold red]Wren[/] [/x]" in result.stdout
    assert "'[red]Apache 2.0'" in result.stdout
    assert "[see LICENSE] Kite" in result.stdout


def test_licence_table_prints_brackets_in_the_input_as_text() -> None:
    result = CliRunner().invoke(cli, ["licence", "-f", "table", "[/x] MIT", "[see LICENSE] foo"])
    assert result.exit_code == 0, result.output
    assert "[/x] MIT" in result.stdout
    assert "[see LICENSE] foo" in result.stdout
