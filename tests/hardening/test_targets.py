"""Malformed targets are one line and exit 2; an error line never repeats a credential."""

from __future__ import annotations

import os
from pathlib import Path

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


@pytest.mark.parametrize(
    "target",
    ["a\nb", "a\rb.yml", "hf:\n/x", "a\x1b[2Jb", f"https://github.com/org/repo@-x?token={SECRET}"],
)
def test_error_lines_escape_control_characters_and_hide_tokens(target: str) -> None:
    result = CliRunner().invoke(cli, ["assess", "-f", "jsonl", target])
    assert result.exit_code == 2
    err = result.stderr
    assert err.count("\n") == 1 and "\r" not in err and "\x1b" not in err and SECRET not in result.output


def test_nul_byte_in_a_target_from_a_file(tmp_path: Path) -> None:
    listing = tmp_path / "t.txt"
    listing.write_bytes(b"a\x00b.yml\n")
    result = CliRunner().invoke(cli, ["assess", "-f", "jsonl", "--from-file", str(listing)])
    assert result.exit_code == 2 and "NUL character" in result.stderr


def test_a_target_whose_name_is_not_utf8_writes_valid_utf8(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/odd\xfffolder"))
    folder.mkdir()
    for fmt in ("jsonl", "json", "markdown", "table"):
        result = CliRunner().invoke(cli, ["assess", "-f", fmt, str(folder)])
        assert result.exit_code == 0
        result.stdout_bytes.decode("utf-8")
