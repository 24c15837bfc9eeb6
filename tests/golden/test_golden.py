"""Golden files: every output format for every bundled example, byte for byte.

A change to a report shows here as a diff of the golden file; when the change is meant, regenerate them
all with one command (README, "Golden files"):

    OPENNESS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden

The same input must give the same bytes whatever the state of the user's cache: the files are made with
an empty cache folder and checked with a warm one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "files"
EXAMPLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yml"))
# (file suffix, command after the target): every format of assess, the MOT export and the badges
FORMATS = {
    "json": ["assess", "-f", "json"],
    "jsonl": ["assess", "-f", "jsonl"],
    "md": ["assess", "-f", "markdown"],
    "html": ["assess", "-f", "html"],
    "cdx.json": ["assess", "-f", "cyclonedx"],
    "spdx.json": ["assess", "-f", "spdx"],
    "txt": ["assess", "-f", "table"],
    "mot.yml": ["export", "-f", "mot-yaml"],
    "mof.svg": ["badge", "--for", "mof"],
}
CACHE_CHECKED = {"json", "html", "md", "cdx.json", "spdx.json"}
UPDATE = os.environ.get("OPENNESS_UPDATE_GOLDEN") == "1"


def _run(args: list[str], cache: Path) -> bytes:
    exe = Path(sys.executable).with_name("openness")
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    proc = subprocess.run([str(exe), *args], cwd=ROOT, env=env, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def _command(fmt: str, target: str) -> list[str]:
    cmd = FORMATS[fmt]
    return [cmd[0], target, *cmd[1:]]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(example: str, fmt: str, tmp_path: Path) -> None:
    golden = FILES / f"{Path(example).stem}.{fmt}"
    cold = _run(_command(fmt, example), tmp_path / "empty-cache")
    if UPDATE:
        golden.write_bytes(cold)
        return
    assert golden.is_file(), f"no golden file {golden.name}: regenerate (OPENNESS_UPDATE_GOLDEN=1)"
    assert cold == golden.read_bytes(), f"{golden.name} changed: regenerate if the change is meant"
    if fmt in CACHE_CHECKED:
        warm = _run(_command(fmt, example), tmp_path / "empty-cache")
        assert warm == cold, "the cache state changed the output"
