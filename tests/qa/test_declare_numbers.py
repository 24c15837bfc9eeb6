"""A declared number openness cannot hold as a finite figure is bad input, not 'Infinity' in the JSON
(which no strict JSON reader accepts)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from tests.conftest import ROOT

OPEN_MODEL = str(ROOT / "examples" / "open-model.yml")


def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("declare", ["training-flop=1e400", "parameters=1e309", "training-tokens=9e999T"])
def test_an_overflowing_number_is_bad_input(declare: str) -> None:
    result = CliRunner().invoke(cli, ["assess", "-f", "json", "--declare", declare, OPEN_MODEL])
    assert result.exit_code == 2
    assert declare.split("=")[0] in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_large_but_finite_declarations_give_strict_json() -> None:
    args = ["assess", "-f", "json", "--framework", "eu_ai_act", OPEN_MODEL]
    args += ["--declare", "parameters=1e200", "--declare", "training-tokens=1e200"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        _strict(result.stdout)
