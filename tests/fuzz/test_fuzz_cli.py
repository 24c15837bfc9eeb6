"""Fuzz the command line: generated option lists for ``assess`` (every option, with good, out-of-range
and hostile values), ``export`` and ``explain``, on local targets only (records and folders written
here; nothing reaches the network). Exit codes are 0/1/2 (1 only with --fail-under), output is UTF-8
with no traceback, and ``-f jsonl`` writes exactly one JSON row per target, in order."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import click
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from openness.cli.main import cli

from .harness import Violation, check, checked, fuzz_settings, utf8
from .strategies import nasty_text

SURFACE = "cli"
_DIR = Path(tempfile.mkdtemp(prefix="openness-fuzz-cli-"))
RECORD = """release:
  name: tiny
  producer: fuzz
  license:
    distribution: {name: Apache-2.0}
  components:
    - name: Model architecture
      license: MIT
    - name: Model parameters (Final)
      license: Apache-2.0
"""
(_DIR / "good.yml").write_text(RECORD, "utf-8")
(_DIR / "broken.yml").write_text("release: [\n", "utf-8")
(_DIR / "empty.yml").write_text("", "utf-8")
(_DIR / "folder").mkdir()
(_DIR / "folder" / "README.md").write_text("---\nlicense: mit\n---\n# tiny\n", "utf-8")
(_DIR / "folder" / "train.py").write_text("optimizer.step()\n", "utf-8")
(_DIR / "targets.txt").write_text(f"{_DIR / 'good.yml'}\n# comment\n", "utf-8")
(_DIR / "not-utf8.txt").write_bytes(b"\xff\xfe\x00")
LOCAL_TARGETS = [
    str(_DIR / n) for n in ("good.yml", "broken.yml", "empty.yml", "folder", "missing.yml", "nowhere")
]

garbage = st.one_of(
    nasty_text, st.sampled_from(["", "-1", "0", "1e309", "nan", "inf", "-inf", "99999999999999999999"])
)


def _value(param: click.Parameter) -> st.SearchStrategy[str]:
    kind = param.type
    if isinstance(kind, click.Choice):
        return st.sampled_from([str(c) for c in kind.choices]) | garbage
    if isinstance(kind, click.IntRange | click.FloatRange) or kind in (click.INT, click.FLOAT):
        return st.integers(-3, 40).map(str) | garbage
    if isinstance(kind, click.Path):
        return (
            st.sampled_from(
                [
                    *LOCAL_TARGETS,
                    str(_DIR / "targets.txt"),
                    str(_DIR / "not-utf8.txt"),
                    "/dev/null",
                    str(_DIR),
                ]
            )
            | garbage
        )
    if param.name == "declares":
        keys = ["monetised", "systemic-risk", "training-flop", "parameters", "training-tokens", "nope"]
        return st.builds(
            "{}={}".format, st.sampled_from(keys), garbage | st.sampled_from(["yes", "no", "3e23", "7e9"])
        )
    if param.name == "endpoint":
        return st.just("http://127.0.0.1:9")  # never used: no Hub target is given
    return garbage


def _options(command: click.Command, exclude: tuple[str, ...] = ()) -> st.SearchStrategy[list[str]]:
    choices = []
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in exclude or param.name in ("help", "debug"):
            continue
        flag = param.opts[0]
        if param.is_flag:
            choices.append(st.just([flag]))
        else:
            choices.append(_value(param).map(lambda v, flag=flag: [flag, v]))
    return st.lists(st.one_of(choices), max_size=5).map(lambda groups: [a for g in groups for a in g])


def invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Violation(f"unexpected {type(result.exception).__name__}: {result.exception}")
    out, err = utf8(result.stdout_bytes, "stdout"), utf8(result.stderr_bytes, "stderr")
    checked(SURFACE, "runs with UTF-8 stdout and stderr")
    if "Traceback" in out + err or "internal error" in out + err:
        raise Violation(f"traceback or internal error: {(err or out)[-400:]}")
    allowed = (0, 1, 2) if "--fail-under" in args else (0, 2)
    if result.exit_code not in allowed:
        raise Violation(f"exit code {result.exit_code}: {err[-200:]}")
    return result.exit_code, out, err


def _jsonl_rows(out: str, targets: list[str], from_file: bool) -> None:
    rows = [json.loads(line) for line in out.split("\n") if line.strip()]
    if from_file and len(rows) >= len(targets):
        rows = rows[: len(targets)]
    from openness.domain.text import redact_target

    # a target is shown escaped and without user info (domain.text.redact_target)
    if [r.get("target") for r in rows] != [redact_target(t) for t in targets]:
        raise Violation(f"-f jsonl wrote {len(rows)} rows for {len(targets)} targets")
    checked(SURFACE, "jsonl batches with one row per target, in order")


assess_command = cli.commands["assess"]


@fuzz_settings()
@given(
    _options(assess_command, exclude=("fmt",)),
    st.lists(st.sampled_from(LOCAL_TARGETS) | nasty_text, min_size=1, max_size=4),
    st.sampled_from(["jsonl", "jsonl", "json", "markdown", "table"]),
)
def test_generated_command_lines(options: list[str], targets: list[str], fmt: str) -> None:
    args = ["assess", "-f", fmt, *options, "--", *targets]

    def run() -> int:
        code, out, _err = invoke(args)
        usage = code == 2 and not out  # a bad option or value: refused before any target is read
        if fmt == "jsonl" and not usage:
            _jsonl_rows(out, targets, "--from-file" in options)
        if fmt == "json" and not usage:
            json.loads(out)
            checked(SURFACE, "json documents that parse")
        return code

    check(SURFACE, args, run)


@fuzz_settings(0.2)
@given(
    st.sampled_from(["export", "explain"]),
    st.sampled_from(LOCAL_TARGETS) | nasty_text,
    st.sampled_from([[], ["-f", "json"], ["-o", str(_DIR / "out.yml")]]),
)
def test_other_commands(command: str, target: str, extra: list[str]) -> None:
    args = [command, *(extra if command == "export" else []), "--", target]
    check(SURFACE, args, lambda: invoke(args)[0])


def test_a_sample_through_the_real_entry_point() -> None:
    """The console script itself (not CliRunner): a bad option and a bad record give one line, exit 2."""
    for args in (
        ["assess", "--max-files", "-5", LOCAL_TARGETS[0]],
        ["assess", "-f", "jsonl", LOCAL_TARGETS[1]],
    ):
        done = subprocess.run(
            [sys.executable, "-c", "from openness.cli import main; main()", *args],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        err = done.stderr.decode("utf-8")
        assert "Traceback" not in err
        if args[1] == "-f":
            assert len(done.stdout.decode("utf-8").splitlines()) == 1
            assert len(err.strip().splitlines()) == 1
