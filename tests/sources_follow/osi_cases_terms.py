"""Hub replays of the rest of the OSI's review (DOMAIN.md §3): Grok (failed) and the releases the review
found would pass with other licence terms — BLOOM, StarCoder2, Falcon (as released, they do not pass).

Built as in ``osi_cases``: model info, cardData and refs in the shape the Hub's API returns; card texts we
wrote that state what the public cards state (licence, datasets, papers, GitHub links); each linked
repository a git repository with a layout modelled on the public one, its files short lines we wrote, its
LICENSE the SPDX reference text of its licence. A model licence the SPDX list does not hold is written as
the catalogue's text reference (its name line as the catalogue recognises it, then a line of ours).
"""

from __future__ import annotations

from openness.licences import catalogue

from ..sources_hf import hubdata
from ..sources_local import builders
from .osi_cases import Case, Files, _hf_files

_SPDX = builders._TEXTS.texts  # the packaged SPDX reference texts


def ai_licence_text(licence_id: str) -> str:
    """A licence file for an AI licence from the catalogue: the phrase it is recognised by, then ours."""
    entry = catalogue.lookup(licence_id)
    assert entry is not None, licence_id
    phrase = next(p.text for p in catalogue.phrases() if p.licence_id == entry.id)
    return f"{phrase}\n\nThe full terms, with the use restrictions they attach, are at {entry.url}.\n"


# ----- linked repositories (layouts after the public ones; contents written here) --------------------
def grok_repo(_: str) -> Files:
    return {
        "LICENSE.txt": builders.APACHE,
        "README.md": "# Grok-1\n\nJAX example code to load and run the Grok-1 open-weights model. Download "
        "the checkpoint into checkpoints/ and run `python run.py`.\n",
        "CODE_OF_CONDUCT.md": "Be kind.\n",
        "model.py": "class MoELayer(hk.Module):\n    pass\n\nclass Transformer(hk.Module):\n    pass\n",
        "checkpoint.py": "def restore(checkpoint_path, state_shapes):\n    return load_tensors(paths)\n",
        "runners.py": "class InferenceRunner:\n    def run(self):\n        return sample(prompt)\n",
        "run.py": "runner = InferenceRunner(model=model, checkpoint_path='./checkpoints/')\n"
        "print(sample_from_model(gen, 'The answer is', max_len=100))\n",
        "checkpoints/README.md": "Put the ckpt-0 folder here.\n",
        "tokenizer.model": "sentencepiece model placeholder\n",
        "pyproject.toml": '[project]\nname = "grok-1"\n',
        "requirements.txt": "jax\ndm-haiku\nsentencepiece\n",
    }


def megatron_deepspeed(_: str) -> Files:
    return {
        "LICENSE": _SPDX["BSD-3-Clause"],
        "README.md": "# Megatron-DeepSpeed\n\nThe BigScience fork of Megatron-LM with DeepSpeed, used to "
        "train BLOOM.\n",
        "pretrain_gpt.py": "from megatron.training import pretrain\npretrain(datasets_provider)\n",
        "megatron/training.py": "def train_step(model, opt):\n    loss.backward()\n    opt.step()\n",
        "megatron/model/gpt_model.py": "class GPTModelPipe(PipelineModule):\n    pass\n",
        "megatron/model/transformer.py": "class ParallelAttention(MegatronModule):\n    pass\n",
        "megatron/tokenizer/tokenizer.py": "class _AutoTokenizer:\n    def tokenize(self, text): ...\n",
        "tools/preprocess_data.py": "ids = encoder.encode(json_line)\nbuilder.add_item(ids)\n",
        "tools/generate_samples_gpt.py": "generate_samples_interactive(model, max_new_tokens=64)\n",
        "tests/test_training.py": "def test_training():\n    loss.backward()\n",
        "requirements.txt": "deepspeed\ntorch\n",
    }


def deepspeed(_: str) -> Files:
    return {
        "LICENSE": builders.APACHE,
        "README.md": "# DeepSpeed\n\nA deep learning optimisation library for distributed training.\n",
        "deepspeed/runtime/engine.py": "class DeepSpeedEngine(Module):\n    def step(self): ...\n",
        "deepspeed/ops/adam/fused_adam.py": "class FusedAdam(Optimizer):\n    pass\n",
        "deepspeed/inference/engine.py": "class InferenceEngine(Module):\n    def forward(self, x): ...\n",
        "setup.py": "setup(name='deepspeed', license='Apache Software License 2.0')\n",
    }


def starcoder2_repo(_: str) -> Files:
    return {
        "LICENSE": builders.APACHE,
        "README.md": "# StarCoder 2\n\nModels, fine-tuning script and links for StarCoder2; the models were "
        "trained with NeMo.\n",
        "finetune.py": "trainer = SFTTrainer(model=model, train_dataset=data)\ntrainer.train()\n",
        "requirements.txt": "transformers\npeft\ntrl\n",
    }


def nemo(_: str) -> Files:
    return {
        "LICENSE": builders.APACHE,
        "README.md": "# NeMo\n\nA framework for training large language and speech models.\n",
        "nemo/collections/nlp/models/language_modeling/megatron_gpt_model.py": "class MegatronGPTModel("
        "MegatronBaseModel):\n    def training_step(self, batch):\n        loss.backward()\n",
        "examples/nlp/language_modeling/megatron_gpt_pretraining.py": "trainer.fit(model)\n",
        "examples/nlp/language_modeling/conf/megatron_gpt_config.yaml": "model:\n  num_layers: 40\n",
        "examples/nlp/language_modeling/megatron_gpt_eval.py": "out = model.generate(inputs)\n",
        "scripts/nlp_language_modeling/preprocess_data_for_megatron.py": "ids = tokenizer.text_to_ids(text)\n"
        "builder.add_item(ids)\n",
        "setup.py": "setup(name='nemo_toolkit', license='Apache-2.0')\n",
    }


# ----- the models -------------------------------------------------------------------------------------
GROK_SHARDS = 770


def grok() -> Case:
    """Weights (as framework shards in ``ckpt-0/``) and the JAX code to run them, under Apache-2.0; no
    paper, data description, training data or training code."""
    front = "license: apache-2.0\npipeline_tag: text-generation\nlibrary_name: grok\ntags:\n- grok-1\n"
    text = (
        "# Grok-1\n\nThe weights of the Grok-1 open-weights model. The code to run them is in the "
        "[GitHub repository](https://github.com/xai-org/grok-1).\n\n## Download\n\nClone the code, then "
        "fetch the int8 checkpoint into its `checkpoints` folder:\n\n"
        "    huggingface-cli download xai-org/grok-1 --include ckpt-0/* --local-dir checkpoints\n\n"
        "and run `python run.py`. The model has 314B parameters; running it needs several GPUs.\n"
    )
    files: dict[str, bytes | int] = {
        ".gitattributes": b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
        "README.md": hubdata.card(front, text),
        # the large tensors in LFS, the small ones (a few KB) as plain git files
        **{
            f"ckpt-0/tensor{i:05d}_000": 700_000_000 if i % 3 == 0 else b"\x00" * 64
            for i in range(GROK_SHARDS)
        },
    }
    model = hubdata.Model(
        "xai-org/grok-1",
        files=files,
        card_data={"license": "apache-2.0", "pipeline_tag": "text-generation", "library_name": "grok"},
        tags=["grok", "grok-1", "text-generation", "license:apache-2.0"],
        library_name="grok",
    )
    return Case(
        "grok",
        model,
        [],
        {"https://github.com/xai-org/grok-1": grok_repo},
        passed=False,
        repo_licence="Apache-2.0",
        failing=frozenset({"data-information", "code.data-preprocessing"}),
    )


def bloom() -> Case:
    front = (
        "license: bigscience-bloom-rail-1.0\nlanguage:\n- en\n- fr\n- es\n- ar\n- zh\n"
        "pipeline_tag: text-generation\n"
    )
    text = (
        "# BLOOM\n\nA 176B-parameter multilingual language model trained by the BigScience workshop "
        "([paper](https://arxiv.org/abs/2211.05100)).\n\n"
        "- Architecture: modified from Megatron-LM GPT2, see the "
        "[BLOOM Megatron code](https://github.com/bigscience-workshop/Megatron-DeepSpeed)\n"
        "- Software: [DeepSpeed](https://github.com/microsoft/DeepSpeed), PyTorch, apex\n"
        "- License: the BigScience RAIL License v1.0, with use restrictions\n\n"
        "## Training data\n\n46 natural languages and 13 programming languages, 1.6TB of pre-processed text "
        "(350B tokens), described in the ROOTS corpus paper (https://arxiv.org/abs/2303.03915).\n\n"
        "Intermediate checkpoints are in the bigscience/bloom-intermediate repository.\n"
    )
    model = hubdata.Model(
        "bigscience/bloom",
        files=_hf_files(front, text, '{"model_type": "bloom"}', 72),
        card_data={"license": "bigscience-bloom-rail-1.0", "language": ["en", "fr", "es", "ar", "zh"]},
        tags=[
            "transformers",
            "pytorch",
            "safetensors",
            "bloom",
            "text-generation",
            "arxiv:2211.05100",
            "arxiv:2303.03915",
            "license:bigscience-bloom-rail-1.0",
        ],
        config={"architectures": ["BloomForCausalLM"], "model_type": "bloom"},
        safetensors_total=176_247_271_424,
    )
    return Case(
        "bloom",
        model,
        [],
        {
            "https://github.com/bigscience-workshop/Megatron-DeepSpeed": megatron_deepspeed,
            "https://github.com/microsoft/DeepSpeed": deepspeed,
        },
        passed=False,
    )


def starcoder2() -> Case:
    front = (
        "pipeline_tag: text-generation\ndatasets:\n- bigcode/the-stack-v2-train\n"
        "license: bigcode-openrail-m\n"
        "library_name: transformers\ntags:\n- code\n"
    )
    text = (
        "# StarCoder2-15B\n\nA 15B-parameter model trained on 600+ programming languages from "
        "The Stack v2.\n\n"
        "- Repository: https://github.com/bigcode-project/starcoder2\n"
        "- Paper: https://arxiv.org/abs/2402.19173\n"
        "- Training framework: [NeMo](https://github.com/NVIDIA/NeMo)\n"
        "- License: the BigCode OpenRAIL-M v1 licence agreement\n"
    )
    model = hubdata.Model(
        "bigcode/starcoder2-15b",
        files=_hf_files(front, text, '{"model_type": "starcoder2"}', 14),
        card_data={"license": "bigcode-openrail-m", "datasets": ["bigcode/the-stack-v2-train"]},
        tags=[
            "transformers",
            "safetensors",
            "starcoder2",
            "text-generation",
            "code",
            "dataset:bigcode/the-stack-v2-train",
            "arxiv:2402.19173",
            "license:bigcode-openrail-m",
        ],
        config={"architectures": ["Starcoder2ForCausalLM"], "model_type": "starcoder2"},
        safetensors_total=15_957_889_024,
    )
    return Case(
        "starcoder2",
        model,
        [hubdata.Dataset("bigcode/the-stack-v2-train", "other")],
        {
            "https://github.com/bigcode-project/starcoder2": starcoder2_repo,
            "https://github.com/NVIDIA/NeMo": nemo,
        },
        passed=False,
    )


FALCON_LICENCE = "LicenseRef-openness-falcon-180b-tii-1.0"


def falcon() -> Case:
    """The weights under the Falcon 180B TII licence (a licence file and an acceptable-use policy beside
    the weights); RefinedWeb's public extract on the Hub; the card links no code repository."""
    link = "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main/LICENSE.txt"
    front = (
        "license: unknown\ninference: false\n"
        f"extra_gated_prompt: You agree to the [Falcon-180B TII license]({link}).\n"
        "datasets:\n- tiiuae/falcon-refinedweb\nlanguage:\n- en\n- de\n- es\n- fr\n"
    )
    text = (
        "# Falcon-180B\n\nA 180B-parameter causal decoder trained on 3.5T tokens of RefinedWeb enhanced with "
        "curated corpora ([paper](https://arxiv.org/abs/2311.16867); RefinedWeb: "
        "https://arxiv.org/abs/2306.01116). Use it with transformers.\n\n"
        "License: Falcon-180B TII License and its Acceptable Use Policy.\n"
    )
    files = _hf_files(front, text, '{"model_type": "falcon"}', 81) | {
        "LICENSE.txt": ai_licence_text(FALCON_LICENCE).encode(),
        "ACCEPTABLE_USE_POLICY.txt": b"Acceptable Use Policy\n\nYou agree not to use the model in ways "
        b"the policy lists.\n",
    }
    model = hubdata.Model(
        "tiiuae/falcon-180B",
        files=files,
        card_data={
            "license": "unknown",
            "inference": False,
            "extra_gated_prompt": f"You agree to the [Falcon-180B TII license]({link}).",
            "datasets": ["tiiuae/falcon-refinedweb"],
            "language": ["en", "de", "es", "fr"],
        },
        tags=[
            "transformers",
            "safetensors",
            "falcon",
            "text-generation",
            "dataset:tiiuae/falcon-refinedweb",
            "arxiv:2311.16867",
            "arxiv:2306.01116",
            "license:unknown",
        ],
        config={"architectures": ["FalconForCausalLM"], "model_type": "falcon"},
        gated="auto",
        safetensors_total=179_522_565_120,
    )
    return Case("falcon", model, [hubdata.Dataset("tiiuae/falcon-refinedweb", "odc-by")], {}, passed=False)


FAILED = {"grok": grok}
WOULD_PASS_WITH_OTHER_TERMS = {"bloom": bloom, "starcoder2": starcoder2, "falcon": falcon}
WEIGHTS_TERMS = {
    "bloom": "LicenseRef-scancode-bigscience-rail-1.0",
    "starcoder2": "LicenseRef-scancode-bigcode-open-rail-m-v1",
    "falcon": FALCON_LICENCE,
}
"""The catalogue entry of the terms the weights are under (what decides the outcome)."""
