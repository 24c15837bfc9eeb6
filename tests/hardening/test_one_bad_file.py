"""A release with one broken file is still assessed: the file is named in the notes, and what it would
have shown is unknown (issue 12: each case listed under "Why")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.domain.release import Presence
from openness.sources.local import collect
from openness.sources.options import CollectOptions

DEEP = 5_000
CARD = "---\nlicense: apache-2.0\nlibrary_name: transformers\n{extra}\n---\n# A model\n\nWeights below.\n"
BROKEN = {
    "card-impossible-date": ("README.md", CARD.format(extra="date: 2024-13-45")),
    "card-nul": ("README.md", CARD.format(extra="name: a\x00b")),
    "card-control": ("README.md", CARD.format(extra="name: a\x1b[31mb")),
    "card-deep": ("README.md", CARD.format(extra="x: " + "[" * DEEP + "]" * DEEP)),
    "card-long-number": ("README.md", CARD.format(extra="x: " + "9" * 5_000)),
    "card-python-tag": ("README.md", CARD.format(extra="x: !!python/object/apply:os.system ['touch pwned']")),
    "config-deep": ("config.json", "[" * DEEP + "]" * DEEP),
    "config-deep-object": ("config.json", '{"a":' * DEEP + "1" + "}" * DEEP),
    "config-long-number": ("config.json", '{"model_type": "llama", "n": ' + "9" * 5_000 + "}"),
    "package-deep": ("package.json", "[" * DEEP + "]" * DEEP),
    "pyproject-deep": ("pyproject.toml", "a = " + "[" * DEEP + "]" * DEEP + "\n"),
    "pyproject-deep-table": ("pyproject.toml", "a = " + "{b=" * 3_000 + "1" + "}" * 3_000 + "\n"),
}


def _tree(root: Path, name: str, text: str) -> Path:
    root.mkdir()
    (root / "LICENSE").write_text("Permission is hereby granted, free of charge, to any person\n")
    (root / "train.py").write_text("import torch\n\ndef train():\n    pass\n")
    (root / "model.safetensors").write_bytes(b"\x00" * 64)
    if name != "README.md":
        (root / "README.md").write_text(CARD.format(extra="pipeline_tag: text-generation"))
    (root / name).write_text(text, encoding="utf-8")
    return root


QUIET_TODAY: set[str] = set()
"""Cases a reader still drops silently (none: config.json is read through ``bounded.load_json``)."""


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason="config.json reader not yet bounded", strict=False))
        if c in QUIET_TODAY
        else c
        for c in sorted(BROKEN)
    ],
)
def test_folder_with_one_broken_file_is_still_assessed(tmp_path: Path, case: str) -> None:
    name, text = BROKEN[case]
    root = _tree(tmp_path / case, name, text)
    release = collect(str(root), CollectOptions())
    states = {c.name: c.presence for c in release.components}
    assert states["Training code"] == Presence.INCLUDED  # the rest of the release was read
    assert states["Model parameters (Final)"] != Presence.ABSENT
    if case != "card-impossible-date":  # an impossible date is text in the core schema: the card reads
        assert any(name in n for n in release.notes), release.notes
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_cli_assesses_the_folder_exit_0(tmp_path: Path) -> None:
    root = _tree(tmp_path / "r", "config.json", "[" * DEEP + "]" * DEEP)
    result = CliRunner().invoke(cli, ["assess", "-f", "json", str(root)])
    assert result.exit_code == 0, result.output
    assert "config.json" in result.output and "internal error" not in result.output


def test_a_broken_card_makes_what_only_it_shows_unknown(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    (root / "README.md").write_text(CARD.format(extra="x: " + "[" * DEEP + "]" * DEEP))
    release = collect(str(root), CollectOptions())
    states = {c.name: c.presence for c in release.components}
    # only the card could have linked datasets or a paper: unknown, not absent
    assert states["Datasets"] == Presence.UNKNOWN and states["Research paper"] == Presence.UNKNOWN


@pytest.mark.parametrize("case", ["card-deep", "card-control", "pyproject-deep", "package-deep"])
def test_git_scan_with_one_broken_file_is_still_assessed(tmp_path: Path, case: str) -> None:
    from openness.sources import git
    from tests.sources_local.builders import git_repo

    name, text = BROKEN[case]
    root = _tree(tmp_path / case, name, text)
    git_repo(root)
    release = git.collect(f"file://{root}")
    states = {c.name: c.presence for c in release.components}
    assert states["Training code"] == Presence.INCLUDED
    assert any(name in n for n in release.notes), release.notes
