"""--framework limits what is assessed: the JSON it prints still follows the published schema, and an
option that needs the MOF class (--fail-under) is not silently ignored when MOF is left out."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.frameworks.registry import KEYS as FRAMEWORK_KEYS
from openness.reports.json_report import schema
from tests.conftest import ROOT

RESTRICTED = str(ROOT / "examples" / "restricted.yml")


@pytest.mark.parametrize("framework", FRAMEWORK_KEYS)
def test_json_for_one_framework_follows_the_schema(framework: str) -> None:
    result = CliRunner().invoke(cli, ["assess", "-f", "json", "--framework", framework, RESTRICTED])
    assert result.exit_code == 0, result.output
    jsonschema.Draft202012Validator(schema()).validate(json.loads(result.stdout))


def test_fail_under_without_mof_is_a_usage_error_not_a_pass() -> None:
    args = ["assess", "-f", "json", "--fail-under", "I", "--framework", "osaid", RESTRICTED]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "--fail-under" in result.stderr and "mof" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_fail_under_with_mof_among_the_frameworks_still_works() -> None:
    args = ["assess", "-f", "json", "--fail-under", "I", "--framework", "osaid", "--framework", "mof"]
    args.append(RESTRICTED)
    assert CliRunner().invoke(cli, args).exit_code == 1
