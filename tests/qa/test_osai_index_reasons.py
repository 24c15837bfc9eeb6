"""The index's licence and weights grades say why the terms fall short: a known restriction is named,
not described as terms openness does not know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli


def _reasons(tmp_path: Path, licence: str) -> dict[str, str]:
    record = tmp_path / "r.yml"
    record.write_text(
        "release:\n  name: r\n  components:\n"
        f"    - name: 'Model parameters (Final)'\n      license: '{licence}'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["assess", "-f", "json", "--framework", "osai_index", str(record)])
    d = json.loads(result.stdout)
    return {f["requirement"]: f["reason"] for f in d["osai_index"]["findings"]}


@pytest.mark.parametrize(
    ("licence", "flag"), [("CC-BY-NC-4.0", "non-commercial"), ("llama3.1", "acceptable-use")]
)
def test_a_known_restriction_is_named(tmp_path: Path, licence: str, flag: str) -> None:
    reasons = _reasons(tmp_path, licence)
    for requirement in ("licence", "base-model-weights"):
        assert flag in reasons[requirement], reasons[requirement]
        assert "does not know" not in reasons[requirement]


def test_unknown_terms_are_called_unknown(tmp_path: Path) -> None:
    reasons = _reasons(tmp_path, "Some Custom Licence")
    assert "does not know" in reasons["licence"]
