"""MOT YAML export of collected releases: SPDX ids as openness resolved them, nothing claimed that was not
found, valid against the MOT schema, and the same class when read back in either mode."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from openness import service
from openness.frameworks.context import Options
from openness.licences.texts import reference_texts
from openness.reports import mot_yaml as writer
from openness.sources import local

from ..sources_local.builders import hf_model_repo, training_repo, write

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "mot" / "mof_schema.json"


def _folder_with_a_real_licence(root: Path) -> Path:
    texts = reference_texts()
    assert texts is not None
    write(root, "LICENSE", texts.texts["Apache-2.0"])
    write(root, "README.md", "---\nlicense: apache-2.0\ndatasets:\n- org/pretraining-data\n---\n# tiny\n")
    write(root, "config.json", '{"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"}')
    write(root, "model.safetensors", b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    write(root, "train.py", "import torch\n\ndef train():\n    pass\n")
    return root


@pytest.mark.parametrize("build", [_folder_with_a_real_licence, hf_model_repo, training_repo])
def test_export_reads_back_to_the_same_class_in_both_modes(tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    folder = build(tmp_path / "repo")
    original = service.assess(str(folder))
    text = writer.render(local.collect(str(folder)))
    record = tmp_path / "export.yml"
    record.write_text(text, encoding="utf-8")
    for mot_compatible in (False, True):
        again = service.assess(str(record), Options(mot_compatible=mot_compatible))
        assert again.results["mof"].mof_class == original.results["mof"].mof_class, (
            build.__name__,
            mot_compatible,
        )
    doc = yaml.safe_load(text)
    for c in doc["release"]["components"]:
        lic = c.get("license")
        assert lic is None or lic == "unlicensed" or lic[0].isupper() or lic.startswith("LicenseRef-"), lic
    if SCHEMA.is_file():
        import json

        import jsonschema

        validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text()))
        assert [e.message for e in validator.iter_errors(doc)] == []


def test_a_linked_component_whose_licence_was_not_read_is_left_out_and_named(tmp_path: Path) -> None:
    from dataclasses import replace

    from openness.domain.release import Component, Presence

    rel = local.collect(str(_folder_with_a_real_licence(tmp_path / "repo")))
    linked = Component(
        "Datasets", Presence.REFERENCED, locations=("https://example.org/data",), licence_unread=True
    )
    rel = replace(rel, components=(*[c for c in rel.components if c.name != "Datasets"], linked))
    text = writer.render(rel)
    assert text.startswith("# openness left out Datasets (https://example.org/data)")
    names = [c["name"] for c in yaml.safe_load(text)["release"]["components"]]
    assert "Datasets" not in names
    assert "unlicensed" not in text
