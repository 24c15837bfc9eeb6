"""Fixture trees mimicking real layouts: each asserts the components, states, licences and evidence."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Component, Presence, Release
from openness.sources.local import collect
from openness.sources.options import CollectOptions

from . import builders as b
from .builders import comp, locators, rules

INCLUDED, REFERENCED, ABSENT = Presence.INCLUDED, Presence.REFERENCED, Presence.ABSENT


def test_every_mof_component_is_reported_once(tmp_path: Path) -> None:
    release = collect(str(b.hf_model_repo(tmp_path)))
    assert len(release.components) == 17
    assert len({c.name for c in release.components}) == 17


def test_hugging_face_model_repo(tmp_path: Path) -> None:
    release = collect(str(b.hf_model_repo(tmp_path)))
    final = comp(release, "Model parameters (Final)")
    assert final.presence is INCLUDED
    assert {"model-00001-of-00002.safetensors", "model.safetensors.index.json"} <= set(final.locations)
    assert "local.params.safetensors-header" in rules(final)
    header = next(e for e in final.evidence if e.rule == "local.params.safetensors-header")
    assert "2 tensors, 40 parameters" in header.detail
    pointer = next(e for e in final.evidence if e.rule == "local.params.lfs-pointer")
    assert pointer.locator == "model-00002-of-00002.safetensors"
    assert "987,654,321 bytes" in pointer.detail and b.SHA in pointer.detail
    assert final.licence == "apache-2.0" and final.licence_declared  # the card declares the model's licence
    card = comp(release, "Model card")
    assert card.presence is INCLUDED and "local.card.readme-front-matter" in rules(card)
    results = comp(release, "Evaluation results")
    assert {"local.results.model-index", "local.results.readme-table"} <= rules(results)
    # config.json in the tree; the card's quickstart loads the model through transformers (library-class)
    assert comp(release, "Model architecture").locations == (
        "config.json",
        "https://github.com/huggingface/transformers",
    )
    meta = comp(release, "Model metadata")
    assert {"config.json", "tokenizer.json", "generation_config.json"} <= set(meta.locations)
    datasets = comp(release, "Datasets")
    assert datasets.presence is REFERENCED
    assert datasets.locations == ("https://huggingface.co/datasets/allenai/dolma",)
    paper = comp(release, "Research paper")
    assert paper.presence is REFERENCED and "https://arxiv.org/abs/2402.00838" in paper.locations
    assert any(loc.startswith("README.md:") for loc in locators(paper))
    assert comp(release, "Inference code").presence is INCLUDED  # the README example
    assert comp(release, "Training code").presence is ABSENT
    assert release.global_licence("distribution") == "Apache-2.0"


def test_lfs_pointer_alone_is_referenced_not_included(tmp_path: Path) -> None:
    b.write(tmp_path, "pytorch_model.bin", b.lfs_pointer(5_000_000_000))
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.presence is REFERENCED
    assert final.locations == (f"git-lfs:sha256:{b.SHA}",)
    assert "5,000,000,000 bytes" in final.evidence[0].detail


def test_training_repository(tmp_path: Path) -> None:
    release = collect(str(b.training_repo(tmp_path)))
    expected = {
        "Model architecture": "model.py",
        "Training code": "train.py",
        "Inference code": "sample.py",
        "Evaluation code": "eval/run_harness.py",
        "Data preprocessing code": "data/shakespeare/prepare.py",
        "Datasets": "data/shakespeare/train.bin",
    }
    for name, path in expected.items():
        c = comp(release, name)
        assert c.presence is INCLUDED, name
        assert path in c.locations, (name, c.locations)
    assert "train.py:2" in locators(comp(release, "Training code"))  # the optimiser loop, by line
    assert "model.py:3" in locators(comp(release, "Model architecture"))
    assert "configs/pythia-160m.yml" in comp(release, "Model metadata").locations  # MOF: training config
    # tests, virtual environments and vendored code are not the project's training code
    every = {loc for c in release.components for loc in c.locations}
    assert not any(loc.startswith(("tests/", ".venv/", "third_party/")) for loc in every)
    assert any("third_party/" in n for n in release.notes)
    final = comp(release, "Model parameters (Final)")
    assert final.presence is REFERENCED and final.locations == ("https://huggingface.co/org/tinygpt",)
    assert final.licence is None and final.licence_declared  # a link's licence is not assumed
    assert "https://huggingface.co/datasets/org/tinycorpus" in comp(release, "Datasets").locations
    assert comp(release, "Training code").licence == "MIT"
    prep = comp(release, "Data preprocessing code")
    assert prep.licence == "Apache-2.0 AND MIT" and prep.licence_declared  # SPDX header + root MIT
    assert any("different licences" in n for n in release.notes)


def test_checkpoints_as_folders(tmp_path: Path) -> None:
    release = collect(str(b.checkpoints_folder_repo(tmp_path)), CollectOptions(explain=True))
    inter = comp(release, "Model parameters (Intermediate)")
    assert inter.presence is INCLUDED
    assert {
        "checkpoint-1000/model.safetensors",
        "checkpoint-2000/model.safetensors",
        "iter_0003000/mp_rank_00/model_optim_rng.pt",
    } <= set(inter.locations)
    final = comp(release, "Model parameters (Final)")
    assert final.locations == ("model.safetensors",)
    meta = comp(release, "Model metadata")
    assert "checkpoint-1000/optimizer.pt" in meta.locations


def test_mixed_licences(tmp_path: Path) -> None:
    release = collect(str(b.mixed_licence_repo(tmp_path)))
    arch = comp(release, "Model architecture")
    assert arch.licence == "Apache-2.0" and not arch.licence_declared  # release-wide, from the root
    training = comp(release, "Training code")
    assert training.licence == "MIT" and training.licence_declared
    assert "src/mixed/train.py:1" in locators(training)
    card = comp(release, "Model card")
    assert card.licence == "CC-BY-4.0" and card.licence_declared and card.licence_path == "docs/LICENSE"
    assert comp(release, "Technical report").licence == "CC-BY-4.0"
    weights = comp(release, "Model parameters (Final)")
    assert weights.licence == "LicenseRef-scancode-llama-2-license-2023" and weights.licence_declared
    assert weights.licence_path == "weights/LICENSE"
    assert release.global_licence("code") == "Apache-2.0"


def test_root_licences_that_disagree_are_noted(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.MIT)
    b.write(tmp_path, "README.md", "---\nlicense: llama2\n---\n# m\n")
    b.write(tmp_path, "model.safetensors", b.safetensors({"w": [1]}))
    release = collect(str(tmp_path))
    assert any("disagree" in n and "MIT" in n and "llama2" in n for n in release.notes)
    assert comp(release, "Model parameters (Final)").licence == "llama2"
    assert release.global_licence("distribution") == "MIT"


def test_empty_folder_everything_absent(tmp_path: Path) -> None:
    release = collect(str(tmp_path))
    assert {c.presence for c in release.components} == {ABSENT}
    assert all(c.evidence[0].rule == "local.scan.no-rule-matched" for c in release.components)


def test_default_keeps_best_few_and_explain_keeps_all(tmp_path: Path) -> None:
    for i in range(30):
        b.write(tmp_path, f"data/part-{i:03}.parquet", b"PAR1")
    few = comp(collect(str(tmp_path)), "Datasets")
    every = comp(collect(str(tmp_path), CollectOptions(explain=True)), "Datasets")
    assert len([e for e in every.evidence if e.rule == "local.data.data-extension"]) == 30
    assert len(few.evidence) < 10
    assert any(e.rule == "local.evidence.more" and "25 more" in e.detail for e in few.evidence)


def test_spellings_of_one_licence_agree(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "a/train.py", "# SPDX-License-Identifier: Apache-2.0\nloss.backward()\n")
    b.write(tmp_path, "b/pretrain.py", "loss.backward()\n")
    b.write(tmp_path, "b/LICENSE", "SPDX-License-Identifier: apache-2.0\n")
    release = collect(str(tmp_path))
    training = comp(release, "Training code")
    assert training.licence == "Apache-2.0" and training.licence_declared
    assert not any("different licences" in n for n in release.notes)
    assert any("applies to 2 of the component's files" in e.detail for e in training.evidence)


def test_licence_files_named_for_a_kind_of_artifact(tmp_path: Path) -> None:
    """LICENSE covers the code; MODEL_LICENSE the weights; DATA_LICENSE the data (all at the root)."""
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "MODEL_LICENSE.txt", b.LLAMA)
    b.write(tmp_path, "LICENSE-DATA", b.CC_BY)
    b.write(tmp_path, "train.py", "loss.backward()\n")
    b.write(tmp_path, "model.safetensors", b.safetensors({"w": [1]}))
    b.write(tmp_path, "data/train.jsonl", "{}\n")
    release = collect(str(tmp_path))
    training = comp(release, "Training code")
    assert training.licence == "Apache-2.0" and not training.licence_declared
    weights = comp(release, "Model parameters (Final)")
    assert weights.licence == "LicenseRef-scancode-llama-2-license-2023" and weights.licence_declared
    assert weights.licence_path == "MODEL_LICENSE.txt"
    data = comp(release, "Datasets")
    assert data.licence == "CC-BY-4.0" and data.licence_declared
    assert release.global_licence("distribution") == "Apache-2.0"
    assert release.global_licence("data") == "CC-BY-4.0"


def test_data_folder_card_licence_covers_its_data(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.MIT)
    b.write(
        tmp_path,
        "data/README.md",
        "---\nlicense: odc-by\ntask_categories: [text-generation]\n---\n# corpus\n",
    )
    b.write(tmp_path, "data/part-0.parquet", b"PAR1")
    release = collect(str(tmp_path))
    data = comp(release, "Datasets")
    assert data.licence == "odc-by" and data.licence_declared
    assert "data/README.md:2" in locators(data)
    card = comp(release, "Data card")
    assert card.presence is INCLUDED and "data/README.md" in card.locations


def test_card_fields_are_located_by_line(tmp_path: Path) -> None:
    release = collect(str(b.hf_model_repo(tmp_path)))
    # HF_CARD: line 2 license, line 3 datasets, line 5 model-index
    assert "README.md:5" in locators(comp(release, "Evaluation results"))
    assert "README.md:3" in locators(comp(release, "Datasets"))
    assert "README.md:2" in locators(comp(release, "Model parameters (Final)"))


# --- licences reach the right components (issue 9, item 3) ---


def _collect_with_training_code(root: Path) -> tuple[Release, Component]:
    """Add a training loop to the tree, collect it, and give the final weights' component too."""
    b.write(root, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    release = collect(str(root))
    return release, comp(release, "Model parameters (Final)")


def test_a_model_licence_file_covers_weights_the_release_only_links_to(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "LICENSE-MODEL", b.LLAMA + "\n“Agreement” means the terms and conditions …\n")
    b.write(tmp_path, "README.md", "# tiny\n\nWeights: https://huggingface.co/org/tiny\n")
    release, final = _collect_with_training_code(tmp_path)
    assert final.presence is REFERENCED
    assert final.licence == "LicenseRef-scancode-llama-2-license-2023" and final.licence_declared
    assert "LICENSE-MODEL" in locators(final)
    assert comp(release, "Training code").licence == "Apache-2.0"


def test_a_readme_sentence_states_the_weights_licence(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.MIT)
    b.write(
        tmp_path,
        "README.md",
        "# tiny\n\nWeights: https://huggingface.co/org/tiny\n\n## License\n\n"
        "The code is released under the MIT License. The model weights are released under the "
        "CC BY-NC 4.0 licence.\n",
    )
    release, final = _collect_with_training_code(tmp_path)
    assert final.presence is REFERENCED and final.licence == "CC-BY-NC-4.0"
    assert "README.md:7" in locators(final)
    assert comp(release, "Training code").licence == "MIT"


def test_a_root_licence_does_not_cover_weights_or_data_published_elsewhere(tmp_path: Path) -> None:
    release = collect(str(b.training_repo(tmp_path)))  # LICENSE (MIT) and a link to the weights
    final = comp(release, "Model parameters (Final)")
    assert final.presence is REFERENCED and final.licence is None
    assert "local.licence.linked-not-read" in rules(final)


def test_a_scoped_licence_file_gives_each_part_its_licence(tmp_path: Path) -> None:
    text = "# Licences\n\n## Code\n\n" + b.APACHE + "\n\n## Model weights\n\n" + b.CC_BY
    b.write(tmp_path, "LICENSE", text)
    b.write(tmp_path, "README.md", "# tiny\n\nWeights: https://huggingface.co/org/tiny\n")
    b.write(tmp_path, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    release = collect(str(tmp_path))
    assert comp(release, "Training code").licence == "Apache-2.0"
    final = comp(release, "Model parameters (Final)")
    assert final.licence == "CC-BY-4.0"
    assert any(loc.startswith("LICENSE:") for loc in locators(final))


def test_a_modified_scoped_section_leaves_what_it_covers_unrecognised(tmp_path: Path) -> None:
    changed = b.MIT.replace("free of charge", "for a fee of ten euros per copy and per year")
    text = "# Licences\n\n## Code\n\n" + b.APACHE + "\n\n## Model weights\n\n" + changed
    b.write(tmp_path, "LICENSE", text)
    b.write(tmp_path, "README.md", "# tiny\n\nThe weights are in `model.safetensors`.\n")
    b.write(tmp_path, "model.safetensors", b"\0" * 64)
    b.write(tmp_path, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    release = collect(str(tmp_path))
    assert comp(release, "Training code").licence == "Apache-2.0"
    final = comp(release, "Model parameters (Final)")
    assert final.licence == "LicenseRef-openness-unrecognised"


def test_an_acceptable_use_policy_is_noted_not_taken_for_the_licence(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.LLAMA + "\n“Agreement” means the terms and conditions …\n")
    b.write(tmp_path, "USE_POLICY.md", "# Llama 2 Acceptable Use Policy\n\nUse the model safely.\n")
    b.write(tmp_path, "model.safetensors", b"\0" * 64)
    release = collect(str(tmp_path))
    assert comp(release, "Model parameters (Final)").licence == "LicenseRef-scancode-llama-2-license-2023"
    assert any("acceptable-use policies: USE_POLICY.md" in n for n in release.notes)


def test_a_folder_of_model_licences_names_the_one_for_the_linked_weights(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE-CODE", b.MIT)
    b.write(tmp_path, "model_licenses/LICENSE-TINY-BASE", b.LLAMA + "\n“Agreement” means the terms …\n")
    b.write(tmp_path, "model_licenses/LICENSE-TINY-CHAT", b.CC_BY)
    b.write(tmp_path, "README.md", "# tiny\n\nWeights: https://huggingface.co/org/tiny-chat\n")
    release, final = _collect_with_training_code(tmp_path)
    assert final.presence is REFERENCED and final.licence == "CC-BY-4.0"
    assert "model_licenses/LICENSE-TINY-CHAT" in locators(final)
    assert comp(release, "Training code").licence == "MIT"
    b.write(tmp_path, "README.md", "# tiny\n\nWeights: https://huggingface.co/org/tiny\n")
    final = comp(collect(str(tmp_path)), "Model parameters (Final)")
    assert final.licence is None  # two model licences, neither named for these weights: not guessed


def test_a_readme_badge_states_the_release_licence(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# tiny\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](x)\n\nTrain it.\n",
    )
    release, _ = _collect_with_training_code(tmp_path)
    training = comp(release, "Training code")
    assert training.licence == "MIT" and "README.md:3" in locators(training)


def test_a_package_field_naming_no_one_licence_gives_way_to_the_licence_file(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.APACHE)
    b.write(tmp_path, "setup.py", 'from setuptools import setup\nsetup(name="x", license="Apache")\n')
    release, _ = _collect_with_training_code(tmp_path)
    assert {k: v.name for k, v in release.licences.items()} == {"distribution": "Apache-2.0"}


def test_training_configs_take_the_code_licence_not_the_weights_licence(tmp_path: Path) -> None:
    """A repository with MIT code and a CC-BY-NC-4.0 MODEL_LICENSE for its weights (audiocraft's layout):
    the training configurations under configs/ are code-side, under MIT."""
    from openness.licences.texts import reference_texts

    texts = reference_texts()
    assert texts is not None
    b.write(tmp_path, "LICENSE", b.MIT)
    b.write(tmp_path, "LICENSE_weights", texts.texts["CC-BY-NC-4.0"])
    b.write(tmp_path, "configs/model/base.yaml", "dim: 512\nn_layers: 12\nlr: 3.0e-4\n")
    b.write(tmp_path, "configs/train/default.yaml", "batch_size: 64\nepochs: 10\n")
    b.write(tmp_path, "model.py", "import torch\n\nclass Net(torch.nn.Module):\n    pass\n")
    b.write(tmp_path, "weights/model.safetensors", b.safetensors({"w": [4, 4]}))
    release = collect(str(tmp_path), CollectOptions())
    meta = comp(release, "Model metadata")
    assert meta.presence is Presence.INCLUDED
    assert meta.licence == "MIT", meta.evidence
    weights = comp(release, "Model parameters (Final)")
    assert weights.licence == "CC-BY-NC-4.0", weights.evidence
