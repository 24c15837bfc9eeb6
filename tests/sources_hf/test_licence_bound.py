"""A Hub licence file is read under the same bound as a folder or git scan (the licence reader's, 1 MiB):
a file past any smaller cap is identified whole, and one past the bound is unknown with a note, never
"no licence" and never guessed from its first part."""

from __future__ import annotations

import html
from pathlib import Path

from openness.domain.release import Release
from openness.licences.reader import MAX_BYTES, read_licence_file
from openness.licences.texts import reference_texts
from openness.sources import hf, local

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay

_REFS = reference_texts()
GPL3 = _REFS.texts["GPL-3.0-only"] if _REFS is not None else ""
RUN = "<span lang=EN-US style='font-size:11.0pt;font-family:\"Calibri\",sans-serif'>"


def word_processor_html(text: str, style_rules: int = 0) -> bytes:
    """A licence saved as a word processor's HTML export: every word in its own styled run, one styled
    paragraph per paragraph, and a style sheet of ``style_rules`` rules in the head."""
    style = "".join(
        f'p.MsoStyle{i} {{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif}}\n'
        for i in range(style_rules)
    )
    body = "".join(
        "<p class=MsoNormal style='margin-bottom:6.0pt;line-height:115%'>"
        + " ".join(f"{RUN}{html.escape(word)}</span>" for word in para.split())
        + "</p>\n"
        for para in text.split("\n\n")
    )
    return (f"<html><head><style>\n{style}</style></head><body lang=EN-US>\n{body}</body></html>\n").encode()


def _hub_release(hub: HubReplay, body: bytes) -> Release:
    model = hubdata.Model(
        "acme/exported",
        files={"README.md": hubdata.card("tags: [x]\n"), "LICENSE.html": body, "model.safetensors": 10},
        card_data={"tags": ["x"]},
    )
    hub.add_model(model)
    return hf.collect("hf:acme/exported", fetch_for(hub))


def _folder_release(tmp_path: Path, body: bytes) -> Release:
    (tmp_path / "LICENSE.html").write_bytes(body)
    (tmp_path / "README.md").write_text("# Exported\n\nA model.\n")
    (tmp_path / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    return local.collect(str(tmp_path))


def test_a_hub_licence_file_over_256_kib_is_read_whole(hub: HubReplay, tmp_path: Path) -> None:
    body = word_processor_html(GPL3)
    assert 256 * 1024 < len(body) < MAX_BYTES
    # its first 256 KiB alone do not hold the whole text: a read cut there could not name it
    assert read_licence_file(body[: 256 * 1024], "LICENSE.html").id is None
    r = _hub_release(hub, body)
    final = r.component("Model parameters (Final)")
    assert final is not None and final.licence == "GPL-3.0-only" and not final.licence_unread
    assert final.evidence[-1].rule == "hf.licence.file-text"
    # the same answer as `openness licence --file` and as the folder scan
    assert read_licence_file(body, "LICENSE.html").id == "GPL-3.0-only"
    assert _folder_release(tmp_path, body).licences["distribution"].name == "GPL-3.0-only"


def test_a_hub_licence_file_over_the_bound_is_unknown_with_a_note(hub: HubReplay, tmp_path: Path) -> None:
    body = word_processor_html(GPL3, style_rules=8000)
    assert len(body) > MAX_BYTES
    r = _hub_release(hub, body)
    final = r.component("Model parameters (Final)")
    # the licence file is there but was not read whole: unknown, never "no licence"
    assert final is not None and final.licence is None and final.licence_unread
    assert any("LICENSE.html" in n and f"{MAX_BYTES:,}-byte bound" in n for n in r.notes), r.notes
    # the folder scan says the same of the same file
    folder = _folder_release(tmp_path, body)
    assert any("LICENSE.html" in n and f"{MAX_BYTES:,}-byte bound" in n for n in folder.notes), folder.notes


def test_the_hub_finds_licence_files_by_the_folder_scans_rule(hub: HubReplay) -> None:
    """MODEL_LICENSE (a name the Hub collector's own pattern missed) is read as a licence file; a
    licence.py is code, not a licence file; the policy beside the licence is not read for it."""
    model = hubdata.Model(
        "acme/glm-like",
        files={
            "README.md": hubdata.card("tags: [x]\n"),
            "USE_POLICY.md": b"# Acceptable Use Policy\n\nYou agree not to use the model to harm anyone.\n",
            "MODEL_LICENSE": hubdata.APACHE,
            "licence.py": b"LICENCE = 'see MODEL_LICENSE'\n",
            "model.safetensors": 10,
        },
        card_data={"tags": ["x"]},
    )
    hub.add_model(model)
    r = hf.collect("hf:acme/glm-like", fetch_for(hub))
    final = r.component("Model parameters (Final)")
    assert final is not None and final.licence == "Apache-2.0" and final.licence_path == "MODEL_LICENSE"
    assert [f["path"] for f in r.extra["hf"]["licence_files"]] == ["MODEL_LICENSE"]


def test_an_unrecognised_hub_licence_file_is_an_unknown_licence_as_in_the_folder_scan(
    hub: HubReplay, tmp_path: Path
) -> None:
    """A licence text openness does not know: the Hub says what the folder scan says of the same file (a
    licence whose id is unknown), never "no licence"."""
    body = b"KITE COMMUNITY LICENSE AGREEMENT\nVersion 1\n\nYou may run Kite for research only.\n"
    r = _hub_release(hub, body)
    final = r.component("Model parameters (Final)")
    folder = _folder_release(tmp_path, body)
    assert final is not None and final.licence is not None
    assert final.licence == folder.licences["distribution"].name
    assert any("licence text not recognised in LICENSE.html" in n for n in r.notes), r.notes
