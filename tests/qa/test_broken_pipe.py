"""A reader that stops early (``openness assess … | head``) is not 'a target is below --fail-under':
exit code 1 keeps that one meaning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE is POSIX")
def test_a_closed_pipe_does_not_exit_1() -> None:
    exe = Path(sys.executable).with_name("openness")
    targets = [str(p) for p in sorted((ROOT / "examples").glob("*.yml"))] * 4  # well over a pipe buffer
    proc = subprocess.Popen(
        [str(exe), "assess", "-f", "jsonl", *targets], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    code = proc.wait(timeout=60)
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert code != 1, stderr
    assert "Traceback" not in stderr
