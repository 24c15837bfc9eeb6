"""Fixture trees that mimic real release layouts, built in a temporary folder by the tests."""

from __future__ import annotations

import json
import os
import struct
import subprocess
from pathlib import Path

from openness.domain.release import Component, Release
from openness.licences.texts import reference_texts

_TEXTS = reference_texts()
assert _TEXTS is not None, "the licenseid package ships the SPDX licence texts the fixtures use"
APACHE = _TEXTS.texts["Apache-2.0"]
"""Whole licence texts, as real repositories carry them (the packaged SPDX texts)."""
MIT = _TEXTS.texts["MIT"].replace("<year> <copyright holders>", "2023 Example")
CC_BY = _TEXTS.texts["CC-BY-4.0"]
LLAMA = "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n"
SHA = "4d2c3f1b" * 8


def write(root: Path, rel: str, content: str | bytes = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def safetensors(tensors: dict[str, list[int]]) -> bytes:
    header = {
        name: {"dtype": "BF16", "shape": shape, "data_offsets": [0, 0]} for name, shape in tensors.items()
    }
    header["__metadata__"] = {"format": "pt"}  # type: ignore[assignment]
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + b"\0" * 16


def lfs_pointer(size: int, oid: str = SHA) -> str:
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n"


HF_CARD = """---
license: apache-2.0
datasets:
- allenai/dolma
model-index:
- name: tiny-lm
  results:
  - task: {type: text-generation}
    metrics:
    - {type: accuracy, value: 0.5}
---
# tiny-lm

A small language model. See the paper: https://arxiv.org/abs/2402.00838

## Uses

```python
from transformers import AutoModelForCausalLM
model = AutoModelForCausalLM.from_pretrained("org/tiny-lm")
out = model.generate(ids)
```

| Benchmark | Score |
|---|---|
| HellaSwag | 50.1 |
"""


def hf_model_repo(root: Path) -> Path:
    """A Hugging Face model repository: sharded safetensors, index, config, tokenizer, card."""
    write(root, "README.md", HF_CARD)
    write(root, "LICENSE", APACHE)
    write(root, "config.json", json.dumps({"architectures": ["LlamaForCausalLM"], "model_type": "llama"}))
    write(root, "generation_config.json", "{}")
    write(root, "tokenizer.json", "{}")
    write(root, "tokenizer_config.json", "{}")
    write(root, "special_tokens_map.json", "{}")
    write(
        root,
        "model.safetensors.index.json",
        json.dumps({"weight_map": {"a": "model-00001-of-00002.safetensors"}}),
    )
    write(root, "model-00001-of-00002.safetensors", safetensors({"a": [4, 8], "b": [8]}))
    write(root, "model-00002-of-00002.safetensors", lfs_pointer(987654321))
    write(root, ".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
    return root


def training_repo(root: Path) -> Path:
    """A training repository in the style of nanoGPT / GPT-NeoX / OLMo."""
    write(root, "LICENSE", MIT)
    write(
        root,
        "README.md",
        "# tinygpt\n\nTrain with `python train.py`. Weights: "
        "https://huggingface.co/org/tinygpt and data at "
        "https://huggingface.co/datasets/org/tinycorpus\n",
    )
    write(root, "model.py", "import torch.nn as nn\n\nclass GPT(nn.Module):\n    pass\n")
    write(root, "train.py", "for batch in loader:\n    loss.backward()\n    optimizer.step()\n")
    write(root, "sample.py", "y = model.generate(x, max_new_tokens=10)\n")
    write(root, "eval/run_harness.py", "import lm_eval\n")
    write(root, "data/shakespeare/prepare.py", "ids = enc.encode_ordinary(text)\n")
    write(root, "data/shakespeare/train.bin", b"\0" * 64)
    write(root, "configs/pythia-160m.yml", "num_layers: 12\n")
    write(
        root,
        "tools/dedup_minhash.py",
        "# SPDX-License-Identifier: Apache-2.0\nfrom datasketch import MinHash\n",
    )
    write(root, "requirements.txt", "torch\n")
    write(root, "tests/test_model.py", "def test_x():\n    loss.backward()\n")
    write(root, ".venv/lib/site.py", "optimizer.step()\n")
    write(root, "third_party/megablocks/train.py", "optimizer.step()\n")
    return root


def checkpoints_folder_repo(root: Path) -> Path:
    """A release whose intermediate checkpoints are folders, beside final weights."""
    write(root, "LICENSE", APACHE)
    write(root, "model.safetensors", safetensors({"w": [2, 2]}))
    for step in (1000, 2000):
        write(root, f"checkpoint-{step}/model.safetensors", safetensors({"w": [2, 2]}))
        write(root, f"checkpoint-{step}/optimizer.pt", b"\x80\x04K\x01.")
    write(root, "iter_0003000/mp_rank_00/model_optim_rng.pt", b"\x80\x04K\x01.")
    return root


def mixed_licence_repo(root: Path) -> Path:
    """Apache code at the root, CC-BY-4.0 docs, a custom model licence beside the weights."""
    write(root, "LICENSE", APACHE)
    write(root, "pyproject.toml", '[project]\nname = "mixed"\nlicense = "Apache-2.0"\n')
    write(root, "src/mixed/__init__.py", "")
    write(root, "src/mixed/modeling_mixed.py", "class Mixed(nn.Module):\n    pass\n")
    write(root, "src/mixed/train.py", "# SPDX-License-Identifier: MIT\nloss.backward()\n")
    write(root, "docs/LICENSE", CC_BY)
    write(root, "docs/MODEL_CARD.md", "# Model card\n")
    write(root, "docs/technical_report.pdf", b"%PDF-1.4\n")
    write(root, "weights/LICENSE", LLAMA)
    write(root, "weights/consolidated.00.pth", b"\x80\x04K\x01." + b"\0" * 65536)  # weights are never tiny
    return root


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True, timeout=60)
    return done.stdout.decode().strip()


def git_repo(root: Path, branches: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> str:
    """Make ``root`` (already filled) a git repository with one commit, branches and tags; the commit sha."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "release")
    for b in branches:
        git(root, "branch", b)
    for t in tags:
        git(root, "tag", t)
    return git(root, "rev-parse", "HEAD")


def comp(release: Release, name: str) -> Component:
    """The release's component of that MOF name (every scan reports all seventeen)."""
    found = release.component(name)
    assert found is not None, name
    return found


def rules(c: Component) -> set[str]:
    return {e.rule for e in c.evidence}


def locators(c: Component) -> set[str]:
    return {e.locator for e in c.evidence}
