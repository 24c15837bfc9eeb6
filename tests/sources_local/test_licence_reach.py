"""Licences reach the weights a release publishes elsewhere only when the release says so (issue 9, item 3):
README licence sections that name the model, licences written for models, the licence file governing
where a README names another. Layouts in the style of real model repositories, texts in our own words
or the packaged SPDX texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.release import Component, Presence, Release
from openness.licences.statements import covered, licence_section, plain
from openness.sources.local import collect

from . import builders as b
from .builders import comp, locators

REFERENCED = Presence.REFERENCED
NC_SA = "Attribution-NonCommercial-ShareAlike 4.0 International"


def _repo(root: Path, licence: str, readme_tail: str, readme: str = "README.md") -> tuple[Release, Component]:
    """A code release whose weights are on a download host: LICENSE, a README with a link to the
    checkpoint and ``readme_tail``, a model definition and a training loop."""
    b.write(root, "LICENSE", licence)
    b.write(
        root,
        readme,
        "# tinyseg\n\nA small segmentation network.\n\n## Checkpoints\n\n"
        "Download https://dl.example-cdn.com/tinyseg/tinyseg_base.pth to start.\n\n" + readme_tail,
    )
    b.write(root, "tinyseg/model.py", "import torch.nn as nn\n\nclass TinySeg(nn.Module):\n    pass\n")
    b.write(root, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    release = collect(str(root))
    return release, comp(release, "Model parameters (Final)")


def test_a_sentence_naming_code_and_weights_gives_the_weights_the_licence(tmp_path: Path) -> None:
    tail = "## License\n\nOur code and model weights are released under the [MIT License](LICENSE).\n"
    release, final = _repo(tmp_path, b.MIT, tail)
    assert final.presence is REFERENCED and final.licence == "MIT" and final.licence_declared
    assert "LICENSE" in locators(final)
    assert comp(release, "Training code").licence == "MIT"


def test_the_licence_file_governs_where_the_readme_names_another(tmp_path: Path) -> None:
    """The README says CC BY-NC 4.0 for code and weights and points to LICENSE, which holds BY-NC-SA."""
    nc_sa = b._TEXTS.texts["CC-BY-NC-SA-4.0"]
    tail = (
        "## License\n\nThe code and model weights are released under the CC-BY-NC 4.0 license. "
        "See [LICENSE](LICENSE) for details.\n"
    )
    _, final = _repo(tmp_path, nc_sa, tail)
    assert final.licence == "CC-BY-NC-SA-4.0"
    assert any("the file governs" in e.detail for e in final.evidence), final.evidence


def test_a_section_pointing_to_the_licence_file_for_the_model(tmp_path: Path) -> None:
    """'Our model and weights are licensed …; see the LICENSE file': the weights take that file's licence."""
    tail = (
        "## License\n\nOur model and weights are licensed for research and for products alike.\n\n"
        "See the [LICENSE](LICENSE) file and the [use policy](USE_POLICY.md).\n"
    )
    _, final = _repo(tmp_path, b.APACHE, tail)
    assert final.licence == "Apache-2.0"


def test_an_introduced_licence_notice_covers_what_the_lead_in_names(tmp_path: Path) -> None:
    notice = (
        '   Licensed under the Apache License, Version 2.0 (the "License");\n'
        "   you may not use this file except in compliance with the License.\n"
    )
    tail = (
        "## License\n\nThe following license applies to all code in this repository as well as the "
        f"tinyseg models.\n\n```\n   Copyright 2025 Example Lab\n\n{notice}```\n"
    )
    _, final = _repo(tmp_path, b.APACHE, tail)
    assert final.licence == "Apache-2.0"


def test_a_question_heading_about_the_licence_is_read(tmp_path: Path) -> None:
    tail = (
        "## FAQ\n\n#### Which license covers this project?\n\n"
        "All code *and* models are released under the Apache 2.0 license. See the `LICENSE` file.\n"
    )
    _, final = _repo(tmp_path, b.APACHE, tail)
    assert final.licence == "Apache-2.0"


def test_an_english_readme_beside_another_language_is_read(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", "# tinyseg\n\n一个小模型。\n")
    tail = "## License\n\nThe code and model weights are released under the MIT License.\n"
    _, final = _repo(tmp_path, b.MIT, tail, readme="README_EN.md")
    assert final.licence == "MIT"


def test_a_licence_written_for_models_reaches_the_linked_weights(tmp_path: Path) -> None:
    llama = b.LLAMA + "\n“Agreement” means the terms and conditions for use of the Llama Materials …\n"
    _, final = _repo(tmp_path, llama, "")
    assert final.licence == "LicenseRef-scancode-llama-2-license-2023"
    assert any("written for model weights" in e.detail for e in final.evidence)


@pytest.mark.parametrize(
    "tail",
    [
        "",  # no statement: a software licence says nothing about weights published elsewhere
        "## License\n\nThe code is released under the MIT License.\n",
        "## License\n\nThis software is MIT licensed. The checkpoints keep their own licence terms.\n",
        "## Dataset licenses\n\nThe model weights were trained on data released under CC-BY-4.0.\n",
    ],
)
def test_a_software_licence_does_not_reach_weights_without_a_statement(tmp_path: Path, tail: str) -> None:
    _, final = _repo(tmp_path, b.MIT, tail)
    assert final.presence is REFERENCED and final.licence is None


def test_covered_names_the_kinds_a_licence_statement_covers() -> None:
    kinds, shared = covered("Our code and model weights are released under the MIT License.")
    assert kinds == {"code", "model"} and shared
    kinds, shared = covered("The model is licensed under the [Apache 2.0 license](LICENSE).")
    assert kinds == {"model"} and shared
    kinds, shared = covered("The code is MIT licensed. The datasets keep their own licences.")
    assert kinds == {"code"} and not shared
    assert covered("Thanks to the authors of the models we build on.") == (frozenset(), False)


def test_plain_keeps_words_and_lines() -> None:
    text = "The **model** is under the [Apache 2.0 license](LICENSE).\n![badge](x.svg) next"
    assert plain(text) == "The model is under the Apache 2.0 license.\nbadge next"


def test_licence_section_prefers_a_heading_that_starts_with_the_word() -> None:
    doc = "# x\n\n### What license applies?\n\nfirst\n\n## License\n\nsecond\n"
    assert licence_section(doc) == (8, "\nsecond")
    doc = "# x\n\n## Dataset licenses\n\ndata terms\n\n## Which license covers the code?\n\ncode terms\n"
    assert licence_section(doc) == (8, "\ncode terms")


def test_documents_in_the_tree_take_the_code_licence_when_code_and_model_are_licensed_apart(
    tmp_path: Path,
) -> None:
    b.write(tmp_path, "LICENSE-CODE", b.MIT)
    b.write(tmp_path, "LICENSE-MODEL", b.LLAMA + "\n“Agreement” means the terms and conditions …\n")
    b.write(
        tmp_path,
        "README.md",
        "# tinychat\n\nWeights: https://huggingface.co/org/tinychat\n\n## Evaluation Results\n\n"
        "| Benchmark | tinychat | baseline |\n|---|---|---|\n| MMLU | 41.2 | 38.0 |\n"
        "| GSM8K | 22.5 | 19.1 |\n",
    )
    release = collect(str(tmp_path))
    results = comp(release, "Evaluation results")
    assert results.presence is Presence.INCLUDED and results.licence == "MIT" and results.licence_declared
    assert any("tree-licence" in e.detail for e in results.evidence)
    assert comp(release, "Model parameters (Final)").licence == "LicenseRef-scancode-llama-2-license-2023"


def test_a_licence_field_under_the_model_heading_states_the_weights_licence(tmp_path: Path) -> None:
    tail = (
        "## Model Description\n\nA 1B language model.\n\n- **Model type:** decoder-only transformer\n"
        "- **License:** Apache 2.0\n- **Language(s):** English\n"
    )
    _, final = _repo(tmp_path, b.APACHE, tail)
    assert final.licence == "Apache-2.0"
    assert any(e.locator == "README.md:14" for e in final.evidence), final.evidence


def test_a_licence_field_under_another_heading_says_nothing_of_the_weights(tmp_path: Path) -> None:
    tail = "## Training data\n\n- **Source:** web pages\n- **License:** CC-BY-4.0\n"
    _, final = _repo(tmp_path, b.APACHE, tail)
    assert final.licence is None


def test_training_configs_in_the_code_tree_keep_the_code_licence_beside_a_data_licence(
    tmp_path: Path,
) -> None:
    """Code under Apache-2.0, the released data and weight diff under CC BY-NC 4.0 (DATA_LICENSE,
    WEIGHT_DIFF_LICENSE): a DeepSpeed config in configs/ is the code's, not the data's."""
    b.write(tmp_path, "LICENSE", b.APACHE)
    nc = b._TEXTS.texts["CC-BY-NC-4.0"]
    b.write(tmp_path, "DATA_LICENSE", nc)
    b.write(tmp_path, "WEIGHT_DIFF_LICENSE", nc)
    b.write(tmp_path, "README.md", "# tinytune\n\nFine-tune with `python train.py`.\n")
    b.write(tmp_path, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    b.write(
        tmp_path,
        "configs/ds_offload_config.json",
        '{"zero_optimization": {"stage": 3}, "optimizer": {"type": "AdamW", "params": {"lr": 2e-5}},\n'
        ' "train_micro_batch_size_per_gpu": 4, "gradient_accumulation_steps": 8}\n',
    )
    release = collect(str(tmp_path))
    metadata = comp(release, "Model metadata")
    assert metadata.presence is Presence.INCLUDED, metadata.evidence
    assert metadata.licence == "Apache-2.0" and metadata.licence_declared
    assert release.licences["data"].name == "CC-BY-NC-4.0"


def _llama_like(version: str) -> str:
    """A Llama-style community licence text whose title line names its version (our own short words)."""
    title = f"LLAMA {version} COMMUNITY LICENSE AGREEMENT\n"
    return title + f"Llama {version} Version Release Date: July 18, 2023\n"


def test_one_model_licence_per_model_folder_reaches_the_linked_weights(tmp_path: Path) -> None:
    """Weights on the Hub; each model's folder keeps its licence (models/<name>/LICENSE), the root none."""
    b.write(tmp_path, "README.md", "# models\n\nWeights: https://huggingface.co/org/tiny-2\n")
    b.write(tmp_path, "models/tiny2/LICENSE", _llama_like("2"))
    b.write(tmp_path, "models/tiny2/model.py", "import torch.nn as nn\n\nclass Tiny(nn.Module):\n    pass\n")
    b.write(tmp_path, "models/tiny3/LICENSE", b.CC_BY)
    _, final = _collect_two_folders(tmp_path)
    assert final.licence is None  # one folder's licence is a general licence: not a licence per model
    b.write(tmp_path, "models/tiny3/LICENSE", _llama_like("2") + "\nSecond copy for the second model.\n")
    _, final = _collect_two_folders(tmp_path)
    assert final.presence is REFERENCED
    assert final.licence == "LicenseRef-scancode-llama-2-license-2023", final.evidence
    assert any("per-model-licences" in e.detail for e in final.evidence)


def _collect_two_folders(root: Path) -> tuple[Release, Component]:
    release = collect(str(root))
    return release, comp(release, "Model parameters (Final)")


def test_a_root_licence_file_pointing_to_the_readme_defers_to_the_model_folders(tmp_path: Path) -> None:
    """LICENSE holds only a link to the README's table of models; each model's folder has its licence.
    The model code takes its folder's licence; the pointer adds no 'unrecognised' part."""
    b.write(tmp_path, "LICENSE", "https://github.com/org/models/blob/main/README.md#the-models\n")
    b.write(tmp_path, "README.md", "# models\n\nWeights: https://huggingface.co/org/tiny-2\n")
    for name in ("tiny2", "tiny3"):
        b.write(tmp_path, f"models/{name}/LICENSE", _llama_like("2"))
        b.write(
            tmp_path, f"models/{name}/model.py", "import torch.nn as nn\n\nclass Tiny(nn.Module):\n    pass\n"
        )
    b.write(tmp_path, "models/checkpoint.py", "import torch.nn as nn\n\nclass Shared(nn.Module):\n    pass\n")
    release = collect(str(tmp_path))
    arch = comp(release, "Model architecture")
    assert arch.licence == "LicenseRef-scancode-llama-2-license-2023", arch.evidence
    assert any("points to the README" in n for n in release.notes)
    b.write(tmp_path, "LICENSE", "https://example.org/our-own-terms\n")  # a pointer to somewhere else
    arch = comp(collect(str(tmp_path)), "Model architecture")
    assert arch.licence is not None and "LicenseRef-openness-unrecognised" in arch.licence
