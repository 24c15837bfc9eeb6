"""Every way a MOT record is malformed is one line naming file:line and field, exit 2, for assess and
export alike (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.errors import InputError
from openness.sources import mot_yaml

BASE = (
    "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\n"
    "release:\n  name: demo\n  date: '2024-01-01'\n  license:\n    distribution:\n      name: MIT\n"
    "  components:\n    - name: Datasets\n      license: MIT\n"
)
CASES = {
    "impossible-date": (
        BASE.replace("date: '2024-01-01'", "date: 2024-13-45"),
        7,
        "release.date '2024-13-45'",
    ),
    "impossible-time": (BASE.replace("'2024-01-01'", "2024-01-01T25:61:61Z"), 7, "not a real date"),
    "impossible-offset": (BASE.replace("'2024-01-01'", "'2024-01-01 10:00:00 +99:99'"), 7, "not a real date"),
    "not-an-int": (BASE.replace("name: demo", "name: demo\n  version: !!int nope"), 7, "not a valid !!int"),
    "not-a-float": (BASE.replace("name: demo", "name: demo\n  version: !!float nope"), 7, "!!float"),
    "impossible-framework-date": (BASE.replace("'2024-12-15'", "2024-02-30"), 4, "framework.date"),
    "python-tag": (
        BASE.replace("name: MIT\n", "name: !!python/object/apply:os.system ['touch pwned']\n"),
        10,
        "release.license.distribution.name: YAML tag '!!python/object/apply:os.system'",
    ),
    "control-character": (BASE.replace("name: demo", "name: a\x1b[31mb"), 6, "U+001B"),
    "nul": (BASE.replace("name: demo", "name: a\x00b"), 6, "U+0000"),
    "not-a-boolean": (BASE.replace("license: MIT", "license: !!bool maybe"), 13, "not a valid !!bool"),
    "boolean-for-text": (
        BASE.replace("      license: MIT", "      license: true"),
        13,
        "not the boolean true",
    ),
    "huge-hex": (BASE.replace("name: demo", "name: 0x" + "f" * 100_000), 6, "release.name: a number of"),
    "huge-decimal": (BASE.replace("name: demo", "name: " + "9" * 5_000), 6, "a number of 5,000"),
    "deep": (BASE.replace("name: demo", "name: demo\n  x: " + "[" * 3_000 + "]" * 3_000), 7, "nested deeper"),
    "surrogate-escape": (BASE.replace("name: demo", 'name: "a\\ud800b"'), 6, "invalid"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_reader_raises_input_error_with_file_line(tmp_path: Path, case: str) -> None:
    text, line, message = CASES[case]
    p = tmp_path / "bad.yml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        mot_yaml.load(p)
    shown = str(info.value)
    assert f"{p}:{line}: " in shown and message in shown and "\n" not in shown
    assert info.value.hint  # says what to do


@pytest.mark.parametrize("command", ["assess", "export"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_reports_broken_records_the_same_way(tmp_path: Path, case: str, command: str) -> None:
    text, line, message = CASES[case]
    p = tmp_path / "bad.yml"
    p.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, [command, str(p)])
    assert result.exit_code == 2, result.output
    out = result.stderr.strip()
    assert out.count("\n") == 0 and f"bad.yml:{line}" in out and message in out
    assert "internal error" not in out and "Traceback" not in out
    assert not (tmp_path / "pwned").exists()


def test_escaped_control_characters_are_kept_visibly(tmp_path: Path) -> None:
    p = tmp_path / "ok.yml"
    p.write_text(BASE.replace("name: demo", 'name: "a\\x1b[31mb\\x00"'), encoding="utf-8")
    release = mot_yaml.load(p)
    assert release.name == "a\\x1b[31mb\\x00"
    result = CliRunner().invoke(cli, ["assess", "-f", "table", str(p)])
    assert result.exit_code == 0 and "\x1b[31m" not in result.output and "a\\x1b[31mb" in result.output
