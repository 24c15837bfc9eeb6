"""One regression test for each open fuzz finding (/work/wt/notes/fuzz-findings.md on branch fuzz),
each the smallest input that shows it, through the command line. They are ``xfail(strict=True)``: when
a fix lands they pass, the strict mark turns that into a failure, and whoever merges the fix removes
the mark here and the finding's entry in ``harness.KNOWN``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli


def _xfail(number: int, branch: str = "harden") -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"fuzz finding {number}, fixed on branch {branch}")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"unexpected {type(result.exception).__name__}: {result.exception}")
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr_bytes.decode("utf-8")


def bad_input(*args: str) -> str:
    """A bad input: exit 2, one jsonl row with the error, one line on stderr, no internal error."""
    code, out, err = run("assess", "-f", "jsonl", *args)
    assert code == 2, (code, err)
    rows = [json.loads(line) for line in out.split("\n") if line]
    assert len(rows) == 1 and "error" in rows[0], out
    assert len(err.strip().splitlines()) == 1, err
    assert "internal error" not in err and "Traceback" not in err, err
    return err


def still_assessed(folder: Path) -> dict[str, object]:
    """A folder with one broken file: assessed (exit 0, one row, no error)."""
    code, out, err = run("assess", "-f", "jsonl", str(folder))
    assert code == 0, err
    rows = [json.loads(line) for line in out.split("\n") if line]
    assert len(rows) == 1 and "error" not in rows[0], out
    row: dict[str, object] = rows[0]
    return row


def record(tmp_path: Path, text: str) -> str:
    path = tmp_path / "record.yml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    return str(path)


def folder(tmp_path: Path, name: str, content: str) -> Path:
    tree = tmp_path / "release"
    tree.mkdir()
    (tree / name).write_text(content, "utf-8")
    (tree / "train.py").write_text("optimizer.step()\n", "utf-8")
    return tree


CARD = "---\nlicense: mit\n{}\n---\n# tiny\n"


@pytest.mark.parametrize(
    "value", ["2024-13-45", "2024-02-30", "2024-01-01T25:61:61Z", "2024-1-1 10:00:00 +99:99"]
)
def test_1_impossible_date_in_a_record(tmp_path: Path, value: str) -> None:
    err = bad_input(record(tmp_path, f"release:\n  name: x\n  date: {value}\n"))
    assert "date" in err and ":3" in err


def test_1_impossible_date_in_a_card(tmp_path: Path) -> None:
    still_assessed(folder(tmp_path, "README.md", CARD.format("date: 2024-13-45")))


def test_2_python_tag_in_a_record_is_refused_by_name(tmp_path: Path) -> None:
    err = bad_input(
        record(tmp_path, "release:\n  name: x\n  license: !!python/object/apply:os.system ['true']\n")
    )
    assert "python/object/apply" in err


def test_3_huge_number_in_a_record(tmp_path: Path) -> None:
    bad_input(record(tmp_path, f"release:\n  name: x\n  version: 0x{'f' * 5000}\n"))


def test_3_huge_number_in_a_card(tmp_path: Path) -> None:
    still_assessed(folder(tmp_path, "README.md", CARD.format(f"version: {'9' * 5000}")))


def test_4_deep_nesting_in_a_record(tmp_path: Path) -> None:
    bad_input(record(tmp_path, f"release:\n  name: x\n  version: {'[' * 1200}{']' * 1200}\n"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("config.json", "[" * 5000 + "]" * 5000),
        ("package.json", '{"a":' * 3000 + "1" + "}" * 3000),
        ("README.md", CARD.format("tags: " + "[" * 1200 + "]" * 1200)),
    ],
)
def test_4_deep_nesting_in_a_folder_file(tmp_path: Path, name: str, content: str) -> None:
    still_assessed(folder(tmp_path, name, content))


@pytest.mark.parametrize("text", ["( AND CC-BY-SA-4.0", "LicenseRef-x("])
def test_5_malformed_licence_expression(text: str) -> None:
    code, out, err = run("licence", "-f", "json", text)
    assert code in (0, 2) and "Traceback" not in err
    if code == 0:
        assert json.loads(out)["id"] is None


def test_6_lone_surrogate_in_a_release_name(tmp_path: Path) -> None:
    """YAML escapes a lone surrogate as "\\ud800"; the reader refuses it as invalid Unicode (one line,
    exit 2) and the rest of the batch is still written, one row per target."""
    bad = record(tmp_path, 'release:\n  name: "\\ud800"\n')
    good = tmp_path / "good.yml"
    good.write_text("release:\n  name: fine\n", encoding="utf-8")
    code, out, err = run("assess", "-f", "jsonl", bad, str(good))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [("error" in r) for r in rows] == [True, False]


def test_6_lone_surrogate_in_a_folder_file(tmp_path: Path) -> None:
    still_assessed(folder(tmp_path, "package.json", '{"license": "\\ud800"}'))


def test_7_target_name_over_the_file_system_limit() -> None:
    bad_input("a" * 300)


@pytest.mark.parametrize(
    "url", ["https://u:p@github.com:99999/org/repo", "https://[::1/org/repo", "https://[::1x]/r"]
)
def test_8_broken_port_or_ipv6_host(url: str) -> None:
    bad_input(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://ghp_S3CR3T@github.com/org/repo@-x",
        "https://github.com/org/repo@-x?token=S3CR3T",
        "https://user:S3CR3T@github.com:99999/org/repo",
    ],
)
def test_9_credentials_never_shown(url: str) -> None:
    code, out, err = run("assess", "-f", "jsonl", url)
    assert code == 2
    assert "S3CR3T" not in out + err


def test_10_nul_in_a_target_from_a_file(tmp_path: Path) -> None:
    targets = tmp_path / "targets.txt"
    targets.write_bytes(b"a\x00b.yml\n")
    bad_input("--from-file", str(targets))


def test_12_control_character_in_a_record(tmp_path: Path) -> None:
    bad_input(record(tmp_path, "release:\n  name: a\x01b\n"))


def test_12_control_character_in_a_card(tmp_path: Path) -> None:
    still_assessed(folder(tmp_path, "README.md", CARD.format("tags: [a\x01b]")))


@pytest.mark.parametrize("value", ["!!int nope", "!!float nope", "!!bool maybe"])
def test_13_core_tag_with_a_value_it_cannot_hold(tmp_path: Path, value: str) -> None:
    bad_input(record(tmp_path, f"release:\n  name: x\n  version: {value}\n"))


@pytest.mark.parametrize("target", ["a\nb", "a\rb.yml", "hf:\n/x"])
def test_14_error_about_a_target_with_a_newline_is_one_line(target: str) -> None:
    bad_input(target)
