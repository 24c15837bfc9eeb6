"""One error boundary: every command maps an unexpected exception to exit 3 and one line (the traceback
only with --debug), an OpennessError to its own code, and nothing but --fail-under exits 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from openness import errors
from openness.cli.main import cli
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "open-model.yml")


def _boom(*args: object, **kw: object) -> None:
    raise RuntimeError("kaboom")


# command line → (module, attribute) whose failure is a bug the boundary must report
CASES = {
    "assess-collect": (["assess", "-f", "json", EXAMPLE], "openness.service", "assess"),
    "assess-render": (["assess", "-f", "json", EXAMPLE], "openness.reports.json_report", "to_dict"),
    "assess-table": (["assess", "-f", "table", EXAMPLE], "openness.reports.table", "render"),
    "export": (["export", EXAMPLE], "openness.sources.registry", "collect"),
    "export-render": (["export", EXAMPLE], "openness.reports.mot_yaml", "render"),
    "licence": (["licence", "MIT"], "openness.licences.identification", "identify"),
    "licence-file": (["licence", "--file", EXAMPLE], "openness.licences.identification", "identify_text"),
    "explain": (["explain", "Model card"], "openness.reports.explain", "explain"),
    "diff": (["diff", EXAMPLE, EXAMPLE], "openness.service", "assess"),
    "badge": (["badge", EXAMPLE], "openness.service", "assess"),
}


def _invoke(
    monkeypatch: pytest.MonkeyPatch, case: str, debug: bool, where: str = "command"
) -> click.testing.Result:
    args, module, name = CASES[case]
    monkeypatch.setattr(f"{module}.{name}", _boom)
    if debug and where == "command":
        args = [args[0], "--debug", *args[1:]]
    elif debug:
        args = ["--debug", *args]
    return CliRunner().invoke(cli, args)


@pytest.mark.parametrize("case", CASES)
def test_an_unexpected_exception_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    out = _invoke(monkeypatch, case, debug=False)
    assert out.exit_code == errors.EXIT_INTERNAL, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert lines == [
        "openness: error: internal error: RuntimeError: kaboom (rerun with --debug and report it)"
    ]
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.parametrize("where", ["command", "group"])
@pytest.mark.parametrize("case", CASES)
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, case: str, where: str) -> None:
    out = _invoke(monkeypatch, case, debug=True, where=where)
    assert out.exit_code == errors.EXIT_INTERNAL
    assert "Traceback" in out.stderr and "RuntimeError: kaboom" in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("openness: error: internal error:")


def test_an_openness_error_keeps_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(*args: object, **kw: object) -> None:
        raise errors.InputError("broken", where="x.yml:3", hint="fix it")

    monkeypatch.setattr("openness.sources.registry.collect", bad)
    out = CliRunner().invoke(cli, ["export", EXAMPLE, "--debug"])
    assert out.exit_code == 2 and out.stderr == "openness: error: x.yml:3: broken (fix it)\n"


def test_ctrl_c_is_not_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("openness.reports.explain.explain", interrupt)
    out = CliRunner().invoke(cli, ["explain"])
    assert out.exit_code == errors.EXIT_INTERRUPTED and "interrupted" in out.stderr


def test_a_click_exception_never_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def click_error(*args: object, **kw: object) -> None:
        raise click.ClickException("odd")

    monkeypatch.setattr("openness.reports.explain.explain", click_error)
    out = CliRunner().invoke(cli, ["explain"])
    assert out.exit_code == 2 and "odd" in out.stderr


def test_only_fail_under_exits_1() -> None:
    out = CliRunner().invoke(cli, ["assess", "-f", "json", "--fail-under", "I", EXAMPLE])
    assert out.exit_code == errors.EXIT_BELOW_THRESHOLD


def test_exit_codes_are_defined_in_errors_only() -> None:
    import re

    src = ROOT / "src" / "openness"
    for path in src.rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text()
        assert not re.search(r"^EXIT_\w+ = ", text, re.M), path
        assert not re.search(r"sys\.exit\(\d", text), path


def test_the_installed_command_reports_a_bug_in_one_line(tmp_path: Path) -> None:
    """End to end through the console script: a module that fails on import is a bug, said once."""
    exe = Path(sys.executable).with_name("openness")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import openness.reports.explain as e\n"
        "def boom(*a, **k):\n    raise ValueError('planted')\n"
        "e.explain = boom\n"
    )
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([str(exe), "explain"], capture_output=True, text=True, env=env)
    assert out.returncode == 3, out.stderr
    assert (
        out.stderr
        == "openness: error: internal error: ValueError: planted (rerun with --debug and report it)\n"
    )


@pytest.mark.parametrize(
    "args",
    [[], ["bogus"], ["assess"], ["licence"], ["assess", "-f", "nope", "x"], ["export"], ["explain", "x"]],
)
def test_usage_mistakes_exit_2_never_1(args: list[str]) -> None:
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2, (out.exit_code, out.output)


@pytest.mark.parametrize("where", ["openness.service.assess", "openness.sources.registry.collect"])
def test_a_bug_with_a_long_message_over_lines_is_still_one_line(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def noisy(*args: object, **kw: object) -> None:
        raise ValueError("first line\n  second line \ud800" + "x" * 5000)

    monkeypatch.setattr(where, noisy)
    command = "assess" if where.endswith("assess") else "export"
    out = CliRunner().invoke(cli, [command, EXAMPLE])
    assert out.exit_code == 3
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and "first line second line \\ud800" in lines[0] and len(lines[0]) < 500
