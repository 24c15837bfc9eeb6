"""Malformed targets are one line and exit 2; an error line never repeats a credential."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from openness.cli.main import cli

SECRET = "s3cr3t-t0ken"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("a" * 5_000, "longer than the file system allows"),
        ("a/" * 3_000, "longer than the file system allows"),
        ("a" * 300 + ".yml", "cannot read"),
        ("https://example.com:99999/o/r.git", "Port out of range"),
        (f"https://u:{SECRET}@example.com:99999/o/r.git@main", "Port out of range"),
        ("https://[::1/o/r.git", "Invalid IPv6 URL"),
        (f"https://{SECRET}@[::1/o/r.git@main", "Invalid IPv6 URL"),
        ("https://example.com:port/o/r.git", "not a valid URL"),
    ],
)
@pytest.mark.parametrize("command", ["assess", "export"])
def test_bad_targets_are_one_line_exit_2(target: str, message: str, command: str) -> None:
    result = CliRunner().invoke(cli, [command, target])
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert err.count("\n") == 0 and message in err and "internal error" not in err
    assert SECRET not in result.output
    assert len(err) < 1_000  # a 5,000-character target is not repeated whole
