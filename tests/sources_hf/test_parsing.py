"""Targets, file kinds, card front matter and links: table-driven."""

from __future__ import annotations

import pytest

from openness.errors import InputError
from openness.sources.hf import card, files, target


@pytest.mark.parametrize(
    ("text", "repo", "rev"),
    [
        ("hf:EleutherAI/pythia-160m", "EleutherAI/pythia-160m", None),
        ("hf:EleutherAI/pythia-160m@step1000", "EleutherAI/pythia-160m", "step1000"),
        ("https://huggingface.co/meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf", None),
        ("https://huggingface.co/EleutherAI/pythia-160m/tree/step3000", "EleutherAI/pythia-160m", "step3000"),
        ("https://huggingface.co/org/name/blob/v1.0/README.md", "org/name", "v1.0"),
        ("https://hf.co/org/name.v2", "org/name.v2", None),
    ],
)
def test_targets(text: str, repo: str, rev: str | None) -> None:
    assert target.claims(text)
    parsed = target.parse(text)
    assert (parsed.repo_id, parsed.revision) == (repo, rev)


@pytest.mark.parametrize(
    "text",
    [
        "hf:justname",
        "hf:a/b/c",
        "hf:a/b@",
        "hf:../x",
        "https://huggingface.co/",
        "https://huggingface.co/datasets/org/name",
        "hf:org/na me",
    ],
)
def test_bad_targets(text: str) -> None:
    with pytest.raises(InputError):
        target.parse(text)


@pytest.mark.parametrize("text", ["model.yml", "https://github.com/org/repo", "org/name", "./hf:x"])
def test_not_claimed(text: str) -> None:
    assert not target.claims(text)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("model.safetensors", files.FileKind.WEIGHTS),
        ("model-00001-of-00002.safetensors", files.FileKind.WEIGHTS),
        ("pytorch_model.bin", files.FileKind.WEIGHTS),
        ("llama-7b.Q4_K_M.gguf", files.FileKind.WEIGHTS),
        ("onnx/model.onnx", files.FileKind.WEIGHTS),
        ("training_args.bin", files.FileKind.OTHER),
        ("model.safetensors.index.json", files.FileKind.WEIGHTS_INDEX),
        ("adapter_model.safetensors", files.FileKind.ADAPTER_WEIGHTS),
        ("adapter_config.json", files.FileKind.ADAPTER_CONFIG),
        ("config.json", files.FileKind.CONFIG),
        ("generation_config.json", files.FileKind.CONFIG),
        ("tokenizer.json", files.FileKind.TOKENIZER),
        ("tokenizer_config.json", files.FileKind.TOKENIZER),
        ("tokenizer.model", files.FileKind.TOKENIZER),
        ("modeling_custom.py", files.FileKind.CODE),
        ("LICENSE", files.FileKind.LICENCE),
        ("LICENSE.txt", files.FileKind.LICENCE),
        ("license.md", files.FileKind.LICENCE),
        ("README.md", files.FileKind.CARD),
        (".eval_results/mmlu.yaml", files.FileKind.EVAL_RESULTS),
        ("data/train.parquet", files.FileKind.DATA),
        (".gitattributes", files.FileKind.OTHER),
    ],
)
def test_file_kinds(path: str, kind: files.FileKind) -> None:
    assert files.classify(path) is kind


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("step1000", True),
        ("step-1000", True),
        ("global_step500", True),
        ("checkpoint-200", True),
        ("stage1-step5000-tokens10B", True),
        ("iter_0001000", True),
        ("main", False),
        ("v1.0", False),
        ("refs/pr/1", False),
        ("stepwise", False),
        ("gguf", False),
    ],
)
def test_step_branches(name: str, step: bool) -> None:
    assert files.is_step_branch(name) is step


@pytest.mark.parametrize(
    ("front", "licence", "field"),
    [
        ({"license": "apache-2.0"}, "apache-2.0", "license"),
        ({"license": "other", "license_name": "llama2"}, "llama2", "license_name"),
        ({"license": "other"}, "other", "license"),
        ({"license": ["mit", "cc-by-4.0"]}, "mit AND cc-by-4.0", "license"),
        ({"license_name": "custom"}, "custom", "license_name"),
        ({}, None, ""),
        ({"license": ""}, None, ""),
    ],
)
def test_licence_statement(front: dict, licence: str | None, field: str) -> None:  # type: ignore[type-arg]
    stmt = card.licence_statement(front)
    assert (stmt.licence, stmt.field) == (licence, field)


def test_front_matter_states() -> None:
    assert card.parse("---\nlicense: mit\n---\n# Hi\n").data == {"license": "mit"}
    assert card.parse("# no front matter\n").status == "none"
    broken = card.parse("---\nlicense: [mit\n---\nbody\n")
    assert broken.status == "broken" and "does not parse" in broken.error
    assert card.parse("---\n- a list\n---\n").status == "broken"


def test_links() -> None:
    text = (
        "see https://arxiv.org/abs/2304.01373v2 and https://github.com/EleutherAI/gpt-neox.git, "
        "https://github.com/huggingface/transformers and https://github.com/EleutherAI/gpt-neox"
    )
    assert card.arxiv_ids(["arxiv:2101.00027"], text) == ["2101.00027", "2304.01373"]
    assert card.github_repos(text) == ["https://github.com/EleutherAI/gpt-neox"]


@pytest.mark.parametrize(
    ("front", "tags", "bases", "relation"),
    [
        ({"base_model": "a/b"}, [], ["a/b"], None),
        ({"base_model": ["a/b", "c/d"], "base_model_relation": "merge"}, [], ["a/b", "c/d"], "merge"),
        ({}, ["base_model:adapter:a/b"], ["a/b"], "adapter"),
        ({}, ["base_model:a/b", "base_model:quantized:a/b"], ["a/b"], "quantized"),
        ({"base_model_relation": "bogus"}, [], [], None),
    ],
)
def test_base_models(front: dict, tags: list[str], bases: list[str], relation: str | None) -> None:  # type: ignore[type-arg]
    assert card.base_models(front, tags) == (bases, relation)
