"""Names and sizes as real repositories have them: files that look like a component and are not (a
statistics .pt, a probe head, an image preprocess.py, a converter, a README with an Evaluation heading)
and components kept under names the old rules missed (model cards, HTML tables, YAML training configs,
entry points, charts, sample outputs). File sizes are real-sized (sparse files), texts our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp, rules

INCLUDED, REFERENCED, ABSENT = Presence.INCLUDED, Presence.REFERENCED, Presence.ABSENT
FINAL = "Model parameters (Final)"


def sized(root: Path, rel: str, size: int, head: bytes = b"") -> None:
    """A file of a real size that takes no disk: ``head`` then a hole."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)


PICKLE_HEAD = b"\x80\x02}q\x00(X\x04\x00\x00\x00mean"


def test_small_tables_and_probe_heads_are_not_weights(tmp_path: Path) -> None:
    sized(tmp_path, "audio/assets/mel_filters.npz", 4_271, b"PK\x03\x04")
    sized(tmp_path, "stats/feature_stats.pt", 517, PICKLE_HEAD)  # a 500-byte tensor of means
    sized(tmp_path, "resources/p_head_v1.npz", 3_584, b"PK\x03\x04")
    sized(tmp_path, "heads/vitl14_linear_head.pth", 4_100_000, PICKLE_HEAD)
    release = collect(str(tmp_path))
    assert comp(release, FINAL).presence is ABSENT


def test_real_sized_checkpoint_is_weights(tmp_path: Path) -> None:
    sized(tmp_path, "checkpoints/vit_b_01ec64.pth", 375_042_383, PICKLE_HEAD)
    final = comp(collect(str(tmp_path)), FINAL)
    assert final.presence is INCLUDED and "checkpoints/vit_b_01ec64.pth" in final.locations


IMAGE_PREPROCESS = """from torchvision import transforms

def preprocess(n_px):
    return transforms.Compose([transforms.Resize(n_px), transforms.CenterCrop(n_px), transforms.ToTensor()])
"""
DATA_PREPROCESS = """import json
from datasets import load_dataset

ds = load_dataset("text", data_files="raw/*.txt")
with open("train.jsonl", "w") as out:
    for row in ds["train"]:
        out.write(json.dumps(row) + "\\n")
"""


@pytest.mark.parametrize(("text", "expected"), [(IMAGE_PREPROCESS, ABSENT), (DATA_PREPROCESS, INCLUDED)])
def test_preprocess_py_by_what_it_reads(tmp_path: Path, text: str, expected: Presence) -> None:
    b.write(tmp_path, "clipper/preprocess.py", text)
    b.write(tmp_path, "clipper/__init__.py", "")
    assert comp(collect(str(tmp_path)), "Data preprocessing code").presence is expected


def test_converters_are_tools_not_the_architecture(tmp_path: Path) -> None:
    b.write(tmp_path, "scripts/convert_sam_original_to_hf_model.py", "import torch\nstate = {}\n")
    b.write(tmp_path, "scripts/export_onnx_model.py", "import torch\ntorch.onnx.export(m, x, 'm.onnx')\n")
    release = collect(str(tmp_path))
    assert comp(release, "Model architecture").presence is ABSENT
    tools = comp(release, "Supporting libraries and tools")
    assert tools.presence is INCLUDED and "local.support.converter" in rules(tools)


BPE = """import regex as re


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1))
    return dict(zip(bs, map(chr, bs)))


class SimpleTokenizer:
    def bpe(self, token):
        return token
"""
WRAPPER = "from sentencepiece import SentencePieceProcessor\n\n\nclass Tokenizer:\n    pass\n"


@pytest.mark.parametrize(("text", "expected"), [(BPE, INCLUDED), (WRAPPER, ABSENT)])
def test_own_tokeniser_is_a_tool_a_wrapper_is_not(tmp_path: Path, text: str, expected: Presence) -> None:
    b.write(tmp_path, "clipper/simple_tokenizer.py", text)
    assert comp(collect(str(tmp_path)), "Supporting libraries and tools").presence is expected


def test_an_evaluation_heading_does_not_make_a_model_card(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", "# fastlib\n\nA library.\n\n## Evaluation\n\nRun `make eval`.\n")
    assert comp(collect(str(tmp_path)), "Model card").presence is ABSENT


@pytest.mark.parametrize(
    "rel",
    [
        "Stable_Diffusion_v1_Model_Card.md",
        "MODEL_CARD.md",
        "model_cards/tiny-7b.md",
        "docs/llama-2-model-card.md",
    ],
)
def test_model_cards_by_name_and_folder(tmp_path: Path, rel: str) -> None:
    b.write(tmp_path, rel, "# Tiny 7B\n\n## Model Details\n\nA 7B model.\n")
    card = comp(collect(str(tmp_path)), "Model card")
    assert card.presence is INCLUDED and rel in card.locations


HTML_TABLE = """# Tiny

<table>
  <tr><th>Model</th><th>MMLU</th><th>GSM8K</th></tr>
  <tr><td>Tiny-7B</td><td>63.2</td><td>51.0</td></tr>
</table>
"""


def test_results_in_an_html_table(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", HTML_TABLE)
    results = comp(collect(str(tmp_path)), "Evaluation results")
    assert results.presence is INCLUDED and "local.results.html-table" in rules(results)


def test_yaml_training_configs_are_model_metadata(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "configs/tiny-7b.yaml",
        "model:\n  d_model: 4096\n  n_layers: 32\noptimizer:\n  lr: 3.0e-4\n",
    )
    release = collect(str(tmp_path))
    meta = comp(release, "Model metadata")
    assert meta.presence is INCLUDED and "local.metadata.training-config" in rules(meta)
    assert comp(release, "Training code").presence is ABSENT


@pytest.mark.parametrize(
    ("rel", "rule"),
    [
        ("run.py", "local.infer.entry-point"),
        ("generate.py", "local.infer.script-name"),
        ("web_demo.py", "local.infer.demo"),
        ("gradio_app.py", "local.infer.script-name"),
        ("demo/app.py", "local.infer.script-name"),
    ],
)
def test_inference_entry_points(tmp_path: Path, rel: str, rule: str) -> None:
    b.write(tmp_path, rel, "import sys\n\nprint(sys.argv)\n")
    infer = comp(collect(str(tmp_path)), "Inference code")
    assert infer.presence is INCLUDED and rule in rules(infer)


@pytest.mark.parametrize(
    "rel",
    ["benchmarks/local/generate_tree.py", "tools/generate_configs.py", "lm_eval/tasks/generate_tasks.py"],
)
def test_scripts_that_build_files_are_not_inference(tmp_path: Path, rel: str) -> None:
    b.write(tmp_path, rel, "import os\n\nos.makedirs('out', exist_ok=True)\n")
    assert comp(collect(str(tmp_path)), "Inference code").presence is ABSENT


def test_words_inside_strings_and_comments_are_not_code(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "benchmarks/make_tree.py",
        'put("train.py", "loss.backward()\\noptimizer.step()\\n")  # a tree to scan\n'
        "# optimizer.step() would train\nPATTERN = r'MinHash|dedup('\n",
    )
    release = collect(str(tmp_path))
    assert comp(release, "Training code").presence is ABSENT
    assert comp(release, "Data preprocessing code").presence is ABSENT


def test_prefixes_are_whole_words(tmp_path: Path) -> None:
    b.write(tmp_path, "pkg/prepared.py", "X = 1\n")  # not 'prepare'
    b.write(tmp_path, "benchmarks/bench_core.py", "import time\n")  # a speed benchmark
    release = collect(str(tmp_path))
    assert comp(release, "Data preprocessing code").presence is ABSENT
    assert "local.eval.script-name" not in rules(comp(release, "Evaluation code"))


def test_charts_and_sample_outputs(tmp_path: Path) -> None:
    sized(tmp_path, "assets/eval_results.png", 182_311, b"\x89PNG\r\n\x1a\n")
    sized(tmp_path, "samples/generations.jsonl", 48_120, b'{"prompt": "Once", "completion": "upon"}\n')
    sized(tmp_path, "assets/stable-samples/txt2img/000001.jpg", 412_000, b"\xff\xd8\xff")
    b.write(
        tmp_path,
        "README.md",
        "# Tiny\n\n## Examples\n\n![a painting of a fox](assets/stable-samples/txt2img/000001.jpg)\n\n"
        '## Results\n\n<img src="assets/fid_curve.png" alt="FID"/>\n',
    )
    sized(tmp_path, "assets/fid_curve.png", 51_000, b"\x89PNG\r\n\x1a\n")
    release = collect(str(tmp_path))
    results = comp(release, "Evaluation results")
    assert {"assets/eval_results.png", "assets/fid_curve.png"} <= set(results.locations)
    samples = comp(release, "Sample model outputs")
    assert {"samples/generations.jsonl", "assets/stable-samples/txt2img/000001.jpg"} <= set(samples.locations)
    assert comp(release, "Datasets").presence is ABSENT  # sample outputs are not training data


NOTEBOOK = """{
 "cells": [
  {"cell_type": "code", "execution_count": 3, "metadata": {},
   "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["' the quick brown fox'"]}}],
   "source": ["model.transcribe('a.wav')"]}
 ],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5
}
"""


def test_notebook_saved_with_outputs_shows_samples(tmp_path: Path) -> None:
    b.write(tmp_path, "notebooks/Transcribe.ipynb", NOTEBOOK)
    cleared = NOTEBOOK.replace(
        '[{"output_type": "execute_result", "data": {"text/plain": ["\' the quick brown fox\'"]}}]', "[]"
    )
    assert "output_type" not in cleared
    b.write(tmp_path, "notebooks/Empty.ipynb", cleared)
    samples = comp(collect(str(tmp_path)), "Sample model outputs")
    assert samples.locations == ("notebooks/Transcribe.ipynb",)


def test_example_inputs_and_package_resources_are_not_datasets(tmp_path: Path) -> None:
    sized(tmp_path, "data/inpainting_examples/photo_1.png", 402_113, b"\x89PNG")
    sized(tmp_path, "demo/src/assets/data/dogs.jpg", 99_871, b"\xff\xd8\xff")
    sized(tmp_path, "finetune/yi_example_dataset/data/train.jsonl", 1_210_000, b'{"prompt": ""}\n')
    b.write(tmp_path, "src/tool/__init__.py", "")
    b.write(tmp_path, "src/tool/data/catalogue.json", '{"MIT": {"osi": true}}\n')
    assert comp(collect(str(tmp_path)), "Datasets").presence is ABSENT


def test_a_real_training_shard_is_still_a_dataset(tmp_path: Path) -> None:
    sized(tmp_path, "data/pretrain/part-00000.jsonl.zst", 268_435_456, b"\x28\xb5\x2f\xfd")
    data = comp(collect(str(tmp_path)), "Datasets")
    assert data.presence is INCLUDED


def test_tokeniser_binaries_guides_and_result_tables(tmp_path: Path) -> None:
    sized(tmp_path, "tokenizer.bin", 433_869, b"\x00\x7d\x00\x00")
    sized(tmp_path, "Responsible-Use-Guide.pdf", 1_253_223, b"%PDF-1.7\n")
    sized(tmp_path, "docs/openclip_classification_results.csv", 88_410, b"name,pretrained,imagenet1k\n")
    release = collect(str(tmp_path))
    assert comp(release, FINAL).presence is ABSENT
    assert comp(release, "Model metadata").presence is ABSENT
    assert comp(release, "Research paper").presence is ABSENT
    assert comp(release, "Datasets").presence is ABSENT
    assert "docs/openclip_classification_results.csv" in comp(release, "Evaluation results").locations


@pytest.mark.parametrize(("count", "expected"), [(2, ABSENT), (40, INCLUDED)])
def test_a_few_pictures_in_data_are_examples(tmp_path: Path, count: int, expected: Presence) -> None:
    for i in range(count):
        sized(tmp_path, f"data/images/img_{i:05d}.jpg", 160_000 + i, b"\xff\xd8\xff")
    assert comp(collect(str(tmp_path)), "Datasets").presence is expected


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("create_pretraining_data.py", "local.prep.data-builder"),
        ("generate_instruction.py", "local.prep.data-builder"),
        ("dinolike/data/augmentations.py", "local.prep.script-name"),
        ("vit/input_pipeline.py", "local.prep.script-name"),
    ],
)
def test_scripts_that_build_or_augment_the_data(tmp_path: Path, rel: str, expected: str) -> None:
    b.write(tmp_path, rel, "import random\n\nrandom.seed(0)\n")
    release = collect(str(tmp_path))
    assert expected in rules(comp(release, "Data preprocessing code"))
    assert comp(release, "Inference code").presence is ABSENT


def test_validation_scripts_configs_as_code_and_held_out_splits(tmp_path: Path) -> None:
    b.write(tmp_path, "segment/val.py", "def run(weights, data):\n    return {}\n")
    b.write(tmp_path, "config/train_shakespeare_char.py", "n_layer = 6\nn_head = 6\nlearning_rate = 1e-3\n")
    b.write(tmp_path, "models/160M/tiny-160m.yml", "num-layers: 12\nhidden-size: 768\n")
    b.write(tmp_path, "hf_datasets/arc/validation/dataset_info.json", '{"splits": {"validation": {}}}\n')
    release = collect(str(tmp_path))
    assert "segment/val.py" in comp(release, "Evaluation code").locations
    meta = comp(release, "Model metadata")
    assert {"config/train_shakespeare_char.py", "models/160M/tiny-160m.yml"} <= set(meta.locations)
    assert "local.metadata.config-code" in rules(meta)
    assert comp(release, "Datasets").presence is ABSENT
    assert comp(release, "Evaluation data").presence is INCLUDED


def test_hub_card_copies_and_card_headings(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "HUGGINGFACE_README.md",
        "---\nlicense: apache-2.0\npipeline_tag: text-generation\n---\n# Tiny\n",
    )
    card = comp(collect(str(tmp_path)), "Model card")
    assert card.presence is INCLUDED and "local.card.readme-front-matter" in rules(card)
    other = tmp_path / "other"
    b.write(other, "README.md", "# Tiny-65B\n\n## Model Description\n\n- Model type: language model\n")
    assert comp(collect(str(other)), "Model card").presence is INCLUDED


def test_a_part_readme_citing_its_source_is_not_the_paper(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "data/openwebtext/readme.md",
        "# owt\n\nThe dataset of the [paper](https://example.org/gpt2.pdf).\n",
    )
    b.write(tmp_path, "docs/model_profile.csv", "model,gflops,params\ntiny,1.2,7\n")
    release = collect(str(tmp_path))
    assert comp(release, "Research paper").presence is ABSENT
    assert comp(release, "Datasets").presence is ABSENT


def test_readme_hyperparameter_table_and_benchmark_notebooks(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Tiny-7B\n\n## Hyperparameters\n\n| Hyperparameter | Value |\n|---|---|\n| lr | 3e-4 |\n",
    )
    b.write(tmp_path, "notebooks/Prompt_Engineering_for_ImageNet.ipynb", '{"cells": [], "nbformat": 4}\n')
    release = collect(str(tmp_path))
    assert "local.metadata.readme-hyperparameters" in rules(comp(release, "Model metadata"))
    assert "local.eval.benchmark-notebook" in rules(comp(release, "Evaluation code"))


def test_a_hyperparameter_heading_without_a_table_is_not_metadata(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", "# Tiny\n\n## Training details\n\nWe trained it for a while.\n")
    assert comp(collect(str(tmp_path)), "Model metadata").presence is ABSENT


TF_RUNNER = """import modeling
import tensorflow as tf


def main(_):
    estimator = tf.estimator.Estimator(model_fn=model_fn)
    if FLAGS.do_train:
        estimator.train(input_fn=train_input_fn, max_steps=num_train_steps)
    if FLAGS.do_eval:
        result = estimator.evaluate(input_fn=eval_input_fn)
    if FLAGS.do_predict:
        result = estimator.predict(input_fn=predict_input_fn)
"""


def test_tensorflow_estimator_layout(tmp_path: Path) -> None:
    b.write(tmp_path, "modeling.py", "class BertModel(object):\n    pass\n")
    b.write(tmp_path, "run_pretraining.py", "import modeling\n")
    b.write(tmp_path, "run_classifier.py", TF_RUNNER)
    release = collect(str(tmp_path))
    assert "modeling.py" in comp(release, "Model architecture").locations
    assert {"run_pretraining.py", "run_classifier.py"} <= set(comp(release, "Training code").locations)
    assert "run_classifier.py" in comp(release, "Evaluation code").locations
    assert "run_classifier.py" in comp(release, "Inference code").locations
