"""Licence files: which names are licence files, and what a folder scan says their text is — always the
answer of ``openness licence --file`` (the one reader), on whole texts in their real wrappers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openness.licences.identification import identify_text
from openness.licences.reader import MAX_BYTES, read_licence_file
from openness.licences.texts import reference_texts
from openness.sources.local import licences
from openness.sources.local.fs import FileInfo
from openness.sources.local.licence_files import identify_licence_text, is_licence_file, is_licence_path

from . import builders as b

_REFS = reference_texts()
TEXTS = _REFS.texts if _REFS is not None else {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LICENSE", True),
        ("LICENCE.md", True),
        ("COPYING", True),
        ("NOTICE", True),
        ("THIRD_PARTY_NOTICES.txt", True),
        ("LICENSE-APACHE", True),
        ("license.txt", True),
        ("MODEL_LICENSE", True),
        ("LICENSE-MODEL", True),
        ("WEIGHTS_LICENSE", True),
        ("DATA_LICENSE", True),
        ("LICENSE_weights.txt", True),
        ("Tongyi Qianwen LICENSE AGREEMENT", True),
        ("LICENSE-SDXL1.0", True),
        ("UNLICENSE", True),
        ("license.py", False),
        ("licensing.json", False),
        ("README.md", False),
        ("licenses", False),
        ("LICENSE.pdf", False),
    ],
)
def test_is_licence_file(name: str, expected: bool) -> None:
    assert is_licence_file(name) is expected


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("model_licenses/LICENCE-SD-Turbo", True),
        ("model_licenses/sdxl.txt", True),
        ("LICENSES/llama3.md", True),
        ("docs/llama3.md", False),
        ("licenses/tool.py", False),
        # a folder's guide describes the licences kept there: it is not one of them
        ("benchmarks/licences/README.md", False),
        ("model_licenses/index.html", False),
        ("model_licenses/README", False),
    ],
)
def test_licence_files_in_a_folder_of_licences(rel: str, expected: bool) -> None:
    assert is_licence_path(rel) is expected


@pytest.mark.parametrize(
    ("rel", "scope"),
    [
        ("MODEL_LICENSE", "model"),
        ("LICENSE-MODEL", "model"),
        ("WEIGHTS_LICENSE", "model"),
        ("DATA_LICENSE", "data"),
        ("LICENSE-CODE", "code"),
        ("model_licenses/LICENSE-SDXL1.0", "model"),
        ("LICENSE", None),
        ("NOTICE", None),
    ],
)
def test_a_licence_file_name_says_what_it_covers(rel: str, scope: str | None) -> None:
    assert licences.file_scope(rel) == scope


def _scan_file(folder: Path, name: str, text: str) -> licences.Facts:
    """What the folder scan's licence reader records for one licence file."""
    path = b.write(folder, name, text)
    data = path.read_bytes()
    info = FileInfo(name, len(data))
    facts = licences.Facts()
    licences.observe(facts, info, data)
    return facts


def _scan_answer(facts: licences.Facts) -> str | None:
    found = [f for fs in facts.by_dir.values() for f in fs]
    assert len(found) == 1
    return None if found[0].licence == licences.UNKNOWN else found[0].licence


@pytest.mark.skipif(not TEXTS, reason="the licenseid package (SPDX licence texts) is not installed")
@pytest.mark.parametrize("licence_id", sorted(TEXTS))
def test_every_packaged_licence_text_is_read_by_the_scan_as_by_licence_file(
    licence_id: str, tmp_path: Path
) -> None:
    text = TEXTS[licence_id]
    cli = read_licence_file(text.encode("utf-8"), "LICENSE")
    assert cli.id == identify_text(text).id  # the CLI's reader is the licence module's
    for name in ("LICENSE", "LICENSE.md", "COPYING"):
        folder = tmp_path / name.replace(".", "_")
        assert _scan_answer(_scan_file(folder, name, text)) == cli.id, (licence_id, name)
    if len(text.encode()) > 8 * 1024:  # the old read cap hid these
        assert cli.id is not None
    if cli.id is not None and cli.id != licence_id:
        # another id only for a licence with the very same text (the notes say which)
        assert any(licence_id in n for n in cli.notes) or licence_id in dict(cli.candidates), licence_id


def test_a_licence_file_over_the_bound_is_unknown_with_a_note(tmp_path: Path) -> None:
    text = b.APACHE + "\n" + ("x " * (MAX_BYTES // 2))
    facts = _scan_file(tmp_path, "LICENSE", text)
    assert _scan_answer(facts) is None
    assert any("LICENSE" in u and f"{MAX_BYTES:,}-byte bound" in u for u in facts.unrecognised)


def test_an_unknown_licence_file_is_never_no_licence(tmp_path: Path) -> None:
    facts = _scan_file(
        tmp_path, "LICENSE", "KITE COMMUNITY LICENSE AGREEMENT\nVersion 1\n\nYou may run Kite.\n"
    )
    found = facts.by_dir[""][0]
    assert (found.licence, found.method) == (licences.UNKNOWN, "unknown")


def test_mpl_is_not_read_as_the_agpl_it_mentions() -> None:
    assert identify_licence_text(TEXTS["MPL-2.0"])[0] == "MPL-2.0"


@pytest.mark.parametrize(
    "stub",
    [
        "              Apache License\n              Version 2.0, January 2004\n",
        "Attribution 4.0 International\n\n=======\n",
        "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n",
        "Copyright (c) 2022\n\nRedistribution and use in source and binary forms, with or without\n",
    ],
)
def test_a_licence_title_alone_names_no_licence(stub: str) -> None:
    """No keyword names a licence: a title or first line is not the licence text."""
    assert identify_licence_text(stub) == (None, "none", 0.0)


def test_spdx_header_in_a_licence_file() -> None:
    assert (
        identify_licence_text("SPDX-License-Identifier: Apache-2.0 OR MIT\n\nlong text")[0]
        == "Apache-2.0 OR MIT"
    )


def test_catalogue_licence_by_its_title() -> None:
    found, how, _ = identify_licence_text(b.LLAMA + "\n" + "“Agreement” means the terms and conditions …\n")
    assert (found, how) == ("LicenseRef-scancode-llama-2-license-2023", "title")


@given(st.text(max_size=3000))
def test_identify_never_raises_and_is_consistent(text: str) -> None:
    found, how, confidence = identify_licence_text(text)
    assert 0.0 <= confidence <= 1.0
    assert (found is None) == (how == "none")


END_TO_END = (
    "Apache-2.0",
    "MIT",
    "GPL-3.0-only",
    "MPL-2.0",
    "CC-BY-4.0",
    "CC0-1.0",
    "LGPL-2.1-only",
    "OpenMDW-1.0",
)


@pytest.mark.skipif(not TEXTS, reason="the licenseid package (SPDX licence texts) is not installed")
@pytest.mark.parametrize("licence_id", END_TO_END)
@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.md", "COPYING"])
def test_assess_reads_the_licence_file_as_licence_file_does(
    licence_id: str, name: str, tmp_path: Path
) -> None:
    import json

    from click.testing import CliRunner

    from openness.cli.main import cli

    b.write(tmp_path, name, TEXTS[licence_id])
    b.write(tmp_path, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    said = CliRunner().invoke(cli, ["licence", "--file", str(tmp_path / name), "--format", "json"])
    assessed = CliRunner().invoke(cli, ["assess", str(tmp_path), "--format", "json"])
    assert said.exit_code == 0 and assessed.exit_code == 0, (said.stderr, assessed.stderr)
    expected = json.loads(said.stdout)["id"]
    assert expected == licence_id
    comps = {c["name"]: c for c in json.loads(assessed.stdout)["components"]}
    assert comps["Training code"]["licence"] == expected


def test_an_acceptable_use_policy_is_no_licence_in_short() -> None:
    assert identify_licence_text("# Llama 3.1 Acceptable Use Policy\n\nUse it safely.\n") == (
        None,
        "none",
        0.0,
    )
