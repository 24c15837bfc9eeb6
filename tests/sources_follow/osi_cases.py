"""Hub replays of the models the OSI's validation reviewed (DOMAIN.md §3), with their linked code.

Constructed here, in the shape the Hub's API returns (model info with siblings, cardData, refs with
checkpoint branches) and with card texts we wrote that state what the public cards state: the licence,
the datasets, the arXiv papers and the GitHub repositories they link. Each linked repository is built
as a git repository in a temporary folder, with a layout modelled on the public repository (file names
and roles; contents are short lines we wrote, the LICENSE the SPDX reference text of its licence).
Passed in the OSI's review: Pythia, OLMo, Amber, CrystalCoder, T5. Failed: Llama 2, Mixtral, Phi-2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..sources_hf import hubdata
from ..sources_local import builders

Files = dict[str, str]


@dataclass
class Case:
    key: str
    model: hubdata.Model
    datasets: list[hubdata.Dataset]
    repos: dict[str, Callable[[str], Files]] = field(default_factory=dict)
    """GitHub URL the card links → the files of that repository (given the text of a licence id)."""
    passed: bool = True
    """The OSI's outcome."""
    repo_licence: str = ""
    """The licence of the linked repositories (default: Apache-2.0 for a passed model, else Llama 2's)."""
    failing: frozenset[str] = frozenset()
    """For a failed model: OSAID requirements it cannot meet by the public facts (what was not released, as
    examples/osi-reviewed records them)."""


def _weights(prefix: str, n: int, size: int) -> dict[str, bytes | int]:
    return {f"{prefix}-{i:05d}-of-{n:05d}.safetensors": size for i in range(1, n + 1)}


def _hf_files(card_front: str, card_text: str, config: str, n: int = 2) -> dict[str, bytes | int]:
    return {
        ".gitattributes": b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
        "README.md": hubdata.card(card_front, card_text),
        "config.json": config.encode(),
        "generation_config.json": b'{"bos_token_id": 0, "eos_token_id": 0}',
        "tokenizer.json": b'{"version": "1.0", "model": {"type": "BPE"}}',
        "tokenizer_config.json": b'{"model_max_length": 2048}',
        "special_tokens_map.json": b'{"eos_token": "<|endoftext|>"}',
        "model.safetensors.index.json": b'{"metadata": {"total_size": 1}, "weight_map": {}}',
        **_weights("model", n, 4_900_000_000),
    }


# ----- linked repositories (layouts after the public ones; contents written here) --------------------
def gpt_neox(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# GPT-NeoX\n\nA library for training large language models on GPUs.\n",
        "megatron/model/transformer.py": "class ParallelSelfAttention(nn.Module):\n    pass\n",
        "megatron/model/gpt2_model.py": "class GPT2ModelPipe(PipelineModule):\n    pass\n",
        "megatron/training.py": "def train_step(batch):\n    loss.backward()\n    optimizer.step()\n",
        "megatron/tokenizer/tokenizer.py": "class HFTokenizer:\n    def tokenize(self, text): ...\n",
        "train.py": "from megatron.training import pretrain\npretrain(neox_args)\n",
        "generate.py": "out = generate_samples_from_prompt(model, prompts, max_new_tokens=64)\n",
        "eval.py": "from eval_tasks import run_eval_harness\nrun_eval_harness(model)\n",
        "tools/datasets/preprocess_data.py": "ids = tokenizer.tokenize(text)\nbuilder.add_item(ids)\n",
        "configs/pythia/160M.yml": "num_layers: 12\nhidden_size: 768\n",
        "requirements/requirements.txt": "deepspeed\ntokenizers\n",
        "tests/model/test_model_train.py": "def test_train():\n    loss.backward()\n",
    }


def pythia_repo(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# Pythia\n\nA suite of models for interpretability research, trained with GPT-NeoX.\n",
        "utils/batch_viewer.py": "batch = dataset[start:end]\n",
        "utils/mmap_dataset.py": "class MMapIndexedDataset:\n    pass\n",
        "models/160M/pythia-160m.yml": "num_layers: 12\ntrain_iters: 143000\n",
        "evals/pythia-v1/pythia-160m/zero-shot/160m_step143000.json": '{"results": {"lambada": 0.3}}\n',
        "predictable-memorization/eval_memorization.py": "acc = (pred == target).mean()\n",
        "requirements.txt": "torch\n",
    }


def olmo_repo(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# OLMo\n\nTraining and modeling code for OLMo. Train with "
        "`torchrun scripts/train.py`.\n",
        "olmo/model.py": "class OLMoBlock(nn.Module):\n    pass\n",
        "olmo/train.py": "class Trainer:\n    def train_step(self, batch):\n        loss.backward()\n",
        "olmo/optim.py": "class AdamW(Optimizer):\n    pass\n",
        "olmo/tokenizer.py": "class Tokenizer:\n    def encode(self, text): ...\n",
        "olmo/data/memmap_dataset.py": "class MemMapDataset(Dataset):\n    pass\n",
        "olmo/eval/evaluator.py": "class Evaluator:\n    def compute_metrics(self): ...\n",
        "scripts/train.py": "trainer.fit()\n",
        "scripts/prepare_memmap_dataset.py": "ids = tokenizer.encode(doc)\nmemmap[offset:] = ids\n",
        "hf_olmo/modeling_olmo.py": "class OLMoForCausalLM(PreTrainedModel):\n    pass\n",
        "configs/official/OLMo-7B.yaml": "model:\n  d_model: 4096\n  n_layers: 32\n",
        "pyproject.toml": '[project]\nname = "ai2-olmo"\nlicense = {file = "LICENSE"}\n',
        "tests/model_test.py": "def test_forward():\n    assert model(x).shape\n",
    }


def olmo_eval(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# OLMo-Eval\n\nEvaluation suite for language models.\n",
        "olmo_eval/tasks.py": "TASKS = {'arc_easy': ArcEasy}\n",
        "olmo_eval/run_lm_eval.py": "results = evaluator.simple_evaluate(model, tasks)\n",
        "configs/tasks.libsonnet": "{ tasks: ['arc_easy'] }\n",
    }


def amber_train(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# Amber training\n\nPretraining code for Amber (LLM360), built on lit-llama.\n",
        "lit_llama/model.py": "class LLaMA(nn.Module):\n    pass\n",
        "pretrain/main.py": "loss.backward()\noptimizer.step()\n",
        "generate.py": "y = generate(model, idx, max_new_tokens=50)\n",
        "requirements.txt": "torch\nlightning\n",
    }


def amber_data_prep(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# Amber data preparation\n\nTokenize and pack the training data.\n",
        "tokenize_data.py": "ids = tokenizer.encode(text)\n",
        "dedup/dedup.py": "from datasketch import MinHash\n",
    }


def t5_repo(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# T5: Text-To-Text Transfer Transformer\n\nCode for the paper, data preparation and "
        "training with Mesh TensorFlow.\n",
        "t5/models/mtf_model.py": "class MtfModel(T5Model):\n    def train(self, mixture, steps): ...\n",
        "t5/models/mesh_transformer_main.py": "flags.DEFINE_string('mode', 'train', 'train or infer')\n"
        "estimator.train(input_fn=input_fn, max_steps=FLAGS.train_steps)\n",
        "t5/models/hf_model.py": "class HfPyTorchModel(T5Model):\n    def predict(self, inputs): ...\n",
        "t5/data/preprocessors.py": "def span_corruption(dataset):\n    return dataset.map(noise)\n",
        "t5/data/tasks.py": "TaskRegistry.add('c4_v220_span_corruption')\n",
        "t5/evaluation/metrics.py": "def bleu(targets, predictions): ...\n",
        "setup.py": "setup(name='t5', license='Apache 2.0')\n",
    }


def crystal_train(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# CrystalCoder training\n\nPretraining code for CrystalCoder (LLM360).\n",
        "modelzoo/transformers/pytorch/gpt3/model.py": "class GPT3Model(nn.Module):\n    pass\n",
        "train.py": "loss.backward()\noptimizer.step()\n",
        "configs/params_crystalcoder.yaml": "model:\n  hidden_size: 4096\n",
    }


def crystal_data_prep(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# CrystalCoder data preparation\n",
        "preprocess/tokenize.py": "ids = tokenizer.encode(text)\n",
        "preprocess/filter_code.py": "keep = [f for f in files if quality(f) > 0.5]\n",
    }


def llama_repo(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "USE_POLICY.md": "# Llama 2 Acceptable Use Policy\n",
        "README.md": "# Llama 2\n\nInference code for Llama models.\n",
        "llama/model.py": "class Transformer(nn.Module):\n    pass\n",
        "llama/generation.py": "class Llama:\n    def text_completion(self, prompts): ...\n",
        "llama/tokenizer.py": "class Tokenizer:\n    def encode(self, s): ...\n",
        "example_text_completion.py": "generator.text_completion(prompts)\n",
        "download.sh": "wget ${PRESIGNED_URL}\n",
    }


def mistral_inference(lic: str) -> Files:
    return {
        "LICENSE": lic,
        "README.md": "# mistral-inference\n\nSmall code base that loads and runs the Mistral models.\n",
        "pyproject.toml": '[project]\nname = "mistral_inference"\nlicense = {text = "Apache-2.0"}\n',
        "src/mistral_inference/transformer.py": "class Transformer(nn.Module):\n    pass\n",
        "src/mistral_inference/moe.py": "class MoeLayer(nn.Module):\n    pass\n",
        "src/mistral_inference/generate.py": "def generate(prompts, model, tokenizer, max_tokens): ...\n",
        "src/mistral_inference/main.py": "def interactive(model_path): ...\n",
    }


# ----- the models -------------------------------------------------------------------------------------
def pythia() -> Case:
    front = (
        "language:\n- en\ntags:\n- pytorch\n- causal-lm\n- pythia\nlicense: apache-2.0\n"
        "datasets:\n- EleutherAI/pile\n"
    )
    text = (
        "# Pythia-6.9B\n\nThe Pythia Scaling Suite is a collection of models developed to facilitate "
        "interpretability research ([paper](https://arxiv.org/abs/2304.01373)).\n\n"
        "- Developed by: EleutherAI\n- Library: [GPT-NeoX](https://github.com/EleutherAI/gpt-neox)\n"
        "- License: Apache 2.0\n\nWe provide 154 intermediate checkpoints per model, hosted on Hugging Face "
        "as branches. Training procedure and data: see https://github.com/EleutherAI/pythia .\n"
    )
    model = hubdata.Model(
        "EleutherAI/pythia-6.9b",
        files=_hf_files(front, text, '{"model_type": "gpt_neox"}') | {"LICENSE": b"Apache License 2.0\n"},
        card_data={"language": ["en"], "license": "apache-2.0", "datasets": ["EleutherAI/pile"]},
        tags=[
            "transformers",
            "pytorch",
            "safetensors",
            "gpt_neox",
            "text-generation",
            "arxiv:2304.01373",
            "arxiv:2101.00027",
            "license:apache-2.0",
            "dataset:EleutherAI/pile",
        ],
        config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"},
        branches=hubdata.PYTHIA_BRANCHES,
        safetensors_total=6_857_302_016,
    )
    return Case(
        "pythia",
        model,
        [hubdata.Dataset("EleutherAI/pile", "mit")],
        {
            "https://github.com/EleutherAI/gpt-neox": gpt_neox,
            "https://github.com/EleutherAI/pythia": pythia_repo,
        },
    )


def olmo() -> Case:
    front = "license: apache-2.0\ndatasets:\n- allenai/dolma\nlanguage:\n- en\n"
    text = (
        "# OLMo 7B\n\nOLMo is a series of Open Language Models designed to enable the science of language "
        "models, trained on the Dolma dataset. We release all code, checkpoints, logs and details.\n\n"
        "- Repository: https://github.com/allenai/OLMo\n- Paper: https://arxiv.org/abs/2402.00838\n"
        "- Evaluation code: https://github.com/allenai/OLMo-Eval\n"
        "- Further fine-tuning code: https://github.com/allenai/open-instruct\n\n"
        "Intermediate checkpoints are revisions of this repository (step1000-tokens4B …).\n"
    )
    model = hubdata.Model(
        "allenai/OLMo-7B-hf",
        files=_hf_files(front, text, '{"model_type": "olmo"}', 3),
        card_data={"license": "apache-2.0", "datasets": ["allenai/dolma"], "language": ["en"]},
        tags=[
            "transformers",
            "safetensors",
            "olmo",
            "text-generation",
            "en",
            "dataset:allenai/dolma",
            "arxiv:2402.00838",
            "license:apache-2.0",
        ],
        config={"architectures": ["OlmoForCausalLM"], "model_type": "olmo"},
        branches=[f"step{k * 1000}-tokens{k * 4}B" for k in range(1, 60)],
        safetensors_total=6_888_095_744,
    )
    return Case(
        "olmo",
        model,
        [hubdata.Dataset("allenai/dolma", "odc-by")],
        {"https://github.com/allenai/OLMo": olmo_repo, "https://github.com/allenai/OLMo-Eval": olmo_eval},
    )


def amber() -> Case:
    front = (
        "license: apache-2.0\nlanguage:\n- en\npipeline_tag: text-generation\n"
        "datasets:\n- LLM360/AmberDatasets\n"
    )
    text = (
        "# Amber\n\nAmber is a 7B English language model with the LLaMA architecture, part of LLM360's "
        "Pebble model series. All 360 checkpoints are released as revisions (ckpt_000 … ckpt_359).\n\n"
        "- Training code: https://github.com/LLM360/amber-train\n"
        "- Data preparation: https://github.com/LLM360/amber-data-prep\n"
        "- Paper: https://arxiv.org/abs/2312.06550\n"
    )
    model = hubdata.Model(
        "LLM360/Amber",
        files=_hf_files(front, text, '{"model_type": "llama"}'),
        card_data={"license": "apache-2.0", "language": ["en"], "datasets": ["LLM360/AmberDatasets"]},
        tags=[
            "transformers",
            "safetensors",
            "llama",
            "text-generation",
            "arxiv:2312.06550",
            "license:apache-2.0",
        ],
        config={"architectures": ["LlamaForCausalLM"], "model_type": "llama"},
        branches=[f"ckpt_{i:03d}" for i in range(360)],
    )
    return Case(
        "amber",
        model,
        [hubdata.Dataset("LLM360/AmberDatasets", "odc-by")],
        {
            "https://github.com/LLM360/amber-train": amber_train,
            "https://github.com/LLM360/amber-data-prep": amber_data_prep,
        },
    )


def crystalcoder() -> Case:
    front = "license: apache-2.0\nlanguage:\n- en\ndatasets:\n- LLM360/CrystalCoderDatasets\n"
    text = (
        "# CrystalCoder\n\nA 7B model trained on natural language and code, with custom modeling code "
        "(`trust_remote_code=True`). Checkpoints are branches.\n\n"
        "- Training code: https://github.com/LLM360/crystalcoder-train\n"
        "- Data preparation: https://github.com/LLM360/crystalcoder-data-prep\n"
        "- Paper: https://arxiv.org/abs/2312.06550\n"
    )
    files = _hf_files(front, text, '{"model_type": "crystalcoder"}') | {
        "modeling_crystalcoder.py": b"class CrystalCoderLMHeadModel(PreTrainedModel):\n    pass\n",
        "configuration_crystalcoder.py": b"class CrystalCoderConfig(PretrainedConfig):\n    pass\n",
    }
    model = hubdata.Model(
        "LLM360/CrystalCoder",
        files=files,
        card_data={"license": "apache-2.0", "language": ["en"], "datasets": ["LLM360/CrystalCoderDatasets"]},
        tags=[
            "transformers",
            "pytorch",
            "crystalcoder",
            "custom_code",
            "arxiv:2312.06550",
            "license:apache-2.0",
        ],
        config={
            "architectures": ["CrystalCoderLMHeadModel"],
            "model_type": "crystalcoder",
            "auto_map": {
                "AutoConfig": "configuration_crystalcoder.CrystalCoderConfig",
                "AutoModelForCausalLM": "modeling_crystalcoder.CrystalCoderLMHeadModel",
            },
        },
        branches=[
            f"CrystalCoder_phase{p}_checkpoint_{s:06d}" for p in (1, 2) for s in range(0, 200_000, 5_000)
        ],
    )
    return Case(
        "crystalcoder",
        model,
        [hubdata.Dataset("LLM360/CrystalCoderDatasets", "odc-by")],
        {
            "https://github.com/LLM360/crystalcoder-train": crystal_train,
            "https://github.com/LLM360/crystalcoder-data-prep": crystal_data_prep,
        },
    )


def t5() -> Case:
    front = "language:\n- en\n- fr\n- ro\n- de\nlicense: apache-2.0\ndatasets:\n- c4\n"
    text = (
        "# T5 Base\n\nThe Text-To-Text Transfer Transformer, pre-trained on C4 "
        "([paper](https://arxiv.org/abs/1910.10683)).\n\n"
        "- Repository: https://github.com/google-research/text-to-text-transfer-transformer\n"
        "- License: Apache 2.0\n"
    )
    model = hubdata.Model(
        "google-t5/t5-base",
        files=_hf_files(front, text, '{"model_type": "t5"}', 1) | {"spiece.model": 791_656},
        card_data={"language": ["en", "fr", "ro", "de"], "license": "apache-2.0", "datasets": ["c4"]},
        tags=[
            "transformers",
            "pytorch",
            "safetensors",
            "t5",
            "text2text-generation",
            "arxiv:1910.10683",
            "license:apache-2.0",
            "dataset:c4",
        ],
        config={"architectures": ["T5ForConditionalGeneration"], "model_type": "t5"},
    )
    return Case(
        "t5",
        model,
        [hubdata.Dataset("c4", "odc-by")],
        {"https://github.com/google-research/text-to-text-transfer-transformer": t5_repo},
    )


def llama2() -> Case:
    model = hubdata.llama(gated_files=False)
    model.files["README.md"] = hubdata.card(
        hubdata.LLAMA_CARD,
        "# Llama 2\n\nPaper: https://arxiv.org/abs/2307.09288\nCode: https://github.com/meta-llama/llama\n",
    )
    return Case("llama2", model, [], {"https://github.com/meta-llama/llama": llama_repo}, passed=False)


def mixtral() -> Case:
    """Weights and inference code under Apache-2.0; no data described, no training code released."""
    front = "license: apache-2.0\nlanguage:\n- fr\n- it\n- de\n- es\n- en\n"
    text = (
        "# Mixtral 8x7B\n\nA pretrained sparse mixture-of-experts language model. The announcement on the "
        "producer's site gives the details.\n\n"
        "To run it, use https://github.com/mistralai/mistral-inference .\n"
    )
    model = hubdata.Model(
        "mistralai/Mixtral-8x7B-v0.1",
        files=_hf_files(front, text, '{"model_type": "mixtral"}', 19),
        card_data={"license": "apache-2.0", "language": ["fr", "it", "de", "es", "en"]},
        tags=["transformers", "safetensors", "mixtral", "text-generation", "license:apache-2.0"],
        config={"architectures": ["MixtralForCausalLM"], "model_type": "mixtral"},
    )
    return Case(
        "mixtral",
        model,
        [],
        {"https://github.com/mistralai/mistral-inference": mistral_inference},
        passed=False,
        repo_licence="Apache-2.0",
        failing=frozenset({"data-information"}),
    )


def phi2() -> Case:
    """Weights under MIT on the Hub alone; the card names its training data only in general terms and
    links no training code."""
    front = "license: mit\nlanguage:\n- en\npipeline_tag: text-generation\ntags:\n- nlp\n- code\n"
    text = (
        "# Phi-2\n\nA 2.7B-parameter transformer language model.\n\n## Training\n\nTrained on a few "
        "hundred billion tokens: synthetic texts written by another model and web pages filtered for "
        "quality. Hardware: 96 A100 GPUs.\n"
    )
    model = hubdata.Model(
        "microsoft/phi-2",
        files=_hf_files(front, text, '{"model_type": "phi"}'),
        card_data={"license": "mit", "language": ["en"], "pipeline_tag": "text-generation"},
        tags=["transformers", "safetensors", "phi", "text-generation", "nlp", "code", "license:mit"],
        config={"architectures": ["PhiForCausalLM"], "model_type": "phi"},
    )
    return Case("phi2", model, [], {}, passed=False, failing=frozenset({"data-information", "code.training"}))


CASES: dict[str, Callable[[], Case]] = {
    "pythia": pythia,
    "olmo": olmo,
    "amber": amber,
    "crystalcoder": crystalcoder,
    "t5": t5,
    "llama2": llama2,
    "mixtral": mixtral,
    "phi2": phi2,
}


def build_repo(root: Path, files: Files) -> str:
    """A bare git repository at ``root`` holding ``files``, as a file:// URL."""
    work = root.with_suffix(".work")
    for rel, content in files.items():
        builders.write(work, rel, content)
    builders.git_repo(work)
    builders.git(work.parent, "clone", "-q", "--bare", str(work), str(root))
    return root.as_uri()
