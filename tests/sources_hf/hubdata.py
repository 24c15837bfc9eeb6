"""Constructed Hub repos, in the shape the Hub's API returns them (model info with files metadata,
refs, dataset info) — made up here, modelled on public repos of each kind."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def sha_of(*parts: str) -> str:
    return hashlib.sha1("/".join(parts).encode()).hexdigest()


def card(front: str, body: str = "# Model\n") -> bytes:
    return f"---\n{front.strip()}\n---\n{body}".encode()


@dataclass
class Model:
    repo_id: str
    files: dict[str, bytes | int] = field(default_factory=dict)
    """path → body (small text files served) or size (LFS weights: listed, never served)."""
    card_data: dict[str, Any] | None = None
    """What the Hub's API returns as cardData (None when the card has no parseable front matter)."""
    tags: list[str] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    branches: list[str] = field(default_factory=list)
    gated: bool | str = False
    library_name: str | None = "transformers"
    safetensors_total: int | None = None
    revision: str = "main"
    gated_files: bool = False
    """Serve every file but README.md as 401 GatedRepo (an unauthenticated client on a gated repo)."""
    model_index: list[Any] | None = None

    @property
    def sha(self) -> str:
        return sha_of(self.repo_id, self.revision)

    def info(self) -> dict[str, Any]:
        siblings = []
        for path, content in sorted(self.files.items()):
            if isinstance(content, int):
                sha256 = hashlib.sha256(path.encode()).hexdigest()
                siblings.append(
                    {
                        "rfilename": path,
                        "blobId": sha_of(path),
                        "size": content,
                        "lfs": {"sha256": sha256, "size": content, "pointerSize": 135},
                    }
                )
            else:
                siblings.append({"rfilename": path, "blobId": sha_of(path, "blob"), "size": len(content)})
        out: dict[str, Any] = {
            "_id": sha_of(self.repo_id)[:24],
            "id": self.repo_id,
            "modelId": self.repo_id,
            "author": self.repo_id.split("/")[0],
            "sha": self.sha,
            "lastModified": "2024-05-01T12:00:00.000Z",
            "createdAt": "2023-02-01T10:00:00.000Z",
            "private": False,
            "disabled": False,
            "gated": self.gated,
            "downloads": 1234,
            "likes": 56,
            "tags": list(self.tags),
            "pipeline_tag": "text-generation",
            "siblings": siblings,
            "spaces": [],
            "usedStorage": sum(len(c) if isinstance(c, bytes) else c for c in self.files.values()),
        }
        if self.library_name:
            out["library_name"] = self.library_name
        if self.config:
            out["config"] = self.config
        if self.card_data is not None:
            out["cardData"] = self.card_data
        if self.safetensors_total is not None:
            out["safetensors"] = {
                "parameters": {"F16": self.safetensors_total},
                "total": self.safetensors_total,
            }
        if self.model_index is not None:
            out["model-index"] = self.model_index
        return out

    def refs(self) -> dict[str, Any]:
        names = ["main", *self.branches]
        return {
            "branches": [
                {"name": n, "ref": f"refs/heads/{n}", "targetCommit": sha_of(self.repo_id, n)} for n in names
            ],
            "converts": [],
            "tags": [],
        }

    def bodies(self) -> dict[str, bytes]:
        return {
            p: c
            for p, c in self.files.items()
            if isinstance(c, bytes) and (not self.gated_files or p == "README.md")
        }

    def gated_paths(self) -> list[str]:
        return [p for p in self.files if self.gated_files and p != "README.md"]


@dataclass
class Dataset:
    repo_id: str
    licence: str | None
    has_card: bool = True

    def info(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "_id": sha_of(self.repo_id)[:24],
            "id": self.repo_id,
            "author": self.repo_id.split("/")[0],
            "sha": sha_of(self.repo_id, "main"),
            "lastModified": "2023-01-01T00:00:00.000Z",
            "private": False,
            "gated": False,
            "disabled": False,
            "downloads": 10,
            "likes": 1,
            "tags": [f"license:{self.licence}"] if self.licence else [],
            "siblings": [{"rfilename": "README.md"}] if self.has_card else [{"rfilename": "data.parquet"}],
        }
        if self.has_card:
            out["cardData"] = {"license": self.licence} if self.licence else {}
        return out


APACHE = b"\n        Apache License\n        Version 2.0, January 2004\n"
LLAMA_LICENSE = b"LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n"
PYTHIA_CARD = """
language:
- en
tags:
- pytorch
- causal-lm
- pythia
license: apache-2.0
datasets:
- EleutherAI/pile
- EleutherAI/pile-dedup
"""
PYTHIA_TEXT = (
    "# Pythia-160M\n\nTrained with [GPT-NeoX](https://github.com/EleutherAI/gpt-neox). See the "
    "[paper](https://arxiv.org/abs/2304.01373) and https://github.com/EleutherAI/pythia .\n"
    "Loads with https://github.com/huggingface/transformers .\n"
)


PYTHIA_BRANCHES = ["step0", "step1", "step2", "step4", *[f"step{k * 1000}" for k in range(1, 144)]]
"""Pythia's checkpoint branches: 147 here (the public repos hold 154)."""


def pythia() -> tuple[Model, list[Dataset]]:
    m = Model(
        "EleutherAI/pythia-160m",
        files={
            ".gitattributes": b"*.safetensors filter=lfs\n",
            "README.md": card(PYTHIA_CARD, PYTHIA_TEXT),
            "config.json": b'{"architectures": ["GPTNeoXForCausalLM"]}',
            "model.safetensors": 324_662_984,
            "pytorch_model.bin": 324_700_000,
            "tokenizer.json": b"{}",
            "special_tokens_map.json": b"{}",
            "tokenizer_config.json": b"{}",
            "LICENSE": APACHE,
        },
        card_data={
            "language": ["en"],
            "tags": ["pytorch", "causal-lm", "pythia"],
            "license": "apache-2.0",
            "datasets": ["EleutherAI/pile", "EleutherAI/pile-dedup"],
        },
        tags=[
            "transformers",
            "pytorch",
            "safetensors",
            "gpt_neox",
            "text-generation",
            "causal-lm",
            "pythia",
            "en",
            "dataset:EleutherAI/pile",
            "arxiv:2304.01373",
            "arxiv:2101.00027",
            "license:apache-2.0",
        ],
        config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"},
        branches=PYTHIA_BRANCHES,
        safetensors_total=162_322_944,
    )
    return m, [Dataset("EleutherAI/pile", "mit"), Dataset("EleutherAI/pile-dedup", "mit")]


LLAMA_CARD = """
extra_gated_heading: You need to share contact information to access this model
language:
- en
pipeline_tag: text-generation
license: other
license_name: llama2
license_link: LICENSE
tags:
- facebook
- meta
- llama-2
model-index:
- name: Llama-2-7b
  results:
  - task: {type: text-generation}
    dataset: {name: MMLU, type: cais/mmlu}
    metrics:
    - {type: acc, value: 45.3}
"""


def llama(gated_files: bool = True) -> Model:
    front = LLAMA_CARD
    return Model(
        "meta-llama/Llama-2-7b-hf",
        files={
            ".gitattributes": b"",
            "README.md": card(front, "# Llama 2\nSee arXiv 2307.09288.\n"),
            "LICENSE.txt": LLAMA_LICENSE,
            "USE_POLICY.md": b"# Llama 2 Acceptable Use Policy\n",
            "config.json": b"{}",
            "generation_config.json": b"{}",
            "model-00001-of-00002.safetensors": 9_976_576_152,
            "model-00002-of-00002.safetensors": 3_500_296_424,
            "model.safetensors.index.json": b"{}",
            "tokenizer.model": 499_723,
            "tokenizer_config.json": b"{}",
        },
        card_data={
            "language": ["en"],
            "pipeline_tag": "text-generation",
            "license": "other",
            "license_name": "llama2",
            "license_link": "LICENSE",
            "tags": ["facebook", "meta", "llama-2"],
            "model-index": [
                {
                    "name": "Llama-2-7b",
                    "results": [
                        {
                            "task": {"type": "text-generation"},
                            "dataset": {"name": "MMLU", "type": "cais/mmlu"},
                            "metrics": [{"type": "acc", "value": 45.3}],
                        }
                    ],
                }
            ],
        },
        tags=[
            "transformers",
            "pytorch",
            "safetensors",
            "llama",
            "text-generation",
            "facebook",
            "meta",
            "llama-2",
            "en",
            "arxiv:2307.09288",
            "license:other",
        ],
        config={"architectures": ["LlamaForCausalLM"], "model_type": "llama"},
        gated="manual",
        gated_files=gated_files,
        safetensors_total=6_738_415_616,
    )


def finetune() -> Model:
    return Model(
        "acme/pythia-160m-chat",
        files={
            "README.md": card(
                "license: apache-2.0\nbase_model: EleutherAI/pythia-160m\ndatasets:\n- acme/chat-pairs\n",
                "# Chat fine-tune\n",
            ),
            "config.json": b"{}",
            "model.safetensors": 324_662_984,
            "tokenizer.json": b"{}",
        },
        card_data={
            "license": "apache-2.0",
            "base_model": "EleutherAI/pythia-160m",
            "datasets": ["acme/chat-pairs"],
        },
        tags=[
            "transformers",
            "safetensors",
            "gpt_neox",
            "base_model:EleutherAI/pythia-160m",
            "base_model:finetune:EleutherAI/pythia-160m",
            "license:apache-2.0",
        ],
        config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"},
    )


def adapter() -> Model:
    return Model(
        "acme/llama-2-7b-lora",
        files={
            "README.md": card("license: mit\nbase_model: meta-llama/Llama-2-7b-hf\nlibrary_name: peft\n"),
            "adapter_config.json": b"{}",
            "adapter_model.safetensors": 16_794_200,
        },
        card_data={"license": "mit", "base_model": "meta-llama/Llama-2-7b-hf", "library_name": "peft"},
        tags=["peft", "safetensors", "base_model:adapter:meta-llama/Llama-2-7b-hf", "license:mit"],
        library_name="peft",
    )


def gguf() -> Model:
    return Model(
        "acme/pythia-160m-GGUF",
        files={
            "README.md": card(
                "license: apache-2.0\nbase_model: EleutherAI/pythia-160m\n"
                "base_model_relation: quantized\ntags:\n- gguf\n"
            ),
            "pythia-160m.Q4_K_M.gguf": 110_000_000,
            "pythia-160m.Q8_0.gguf": 180_000_000,
        },
        card_data={
            "license": "apache-2.0",
            "base_model": "EleutherAI/pythia-160m",
            "base_model_relation": "quantized",
            "tags": ["gguf"],
        },
        tags=["gguf", "base_model:quantized:EleutherAI/pythia-160m", "license:apache-2.0"],
        library_name=None,
    )


def broken_card() -> Model:
    # A tab and an unclosed bracket: the YAML does not parse, so the Hub gives no cardData.
    text = b"---\nlicense: apache-2.0\ndatasets: [EleutherAI/pile\n\tbad: : :\n---\n# Broken\n"
    return Model(
        "acme/broken-card",
        files={"README.md": text, "config.json": b"{}", "model.safetensors": 1_000_000},
        card_data=None,
        tags=["transformers", "safetensors"],
        config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"},
    )


def remote_code() -> Model:
    return Model(
        "acme/custom-arch",
        files={
            "README.md": card("license: mit\n"),
            "config.json": b"{}",
            "model.safetensors": 2_000_000,
            "modeling_custom.py": b"import os\nos.system('echo never run')\n",
            "configuration_custom.py": b"class C: pass\n",
        },
        card_data={"license": "mit"},
        tags=["transformers", "custom_code", "license:mit"],
        config={
            "architectures": ["CustomForCausalLM"],
            "model_type": "custom",
            "auto_map": {"AutoModelForCausalLM": "modeling_custom.CustomForCausalLM"},
        },
    )


def arxiv_record(arxiv_id: str, title: str, licence_url: str | None) -> bytes:
    """An OAI-PMH 2.0 GetRecord answer in arXiv's ``arXiv`` metadata format, written here in the shape
    arXiv's OAI-PMH service returns (the licence as a URL in ``<license>``; none for old papers)."""
    licence = f"<license>{licence_url}</license>" if licence_url else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>2026-11-30T07:00:00Z</responseDate>
<request verb="GetRecord" identifier="oai:arXiv.org:{arxiv_id}" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>
<GetRecord><record><header><identifier>oai:arXiv.org:{arxiv_id}</identifier><datestamp>2023-06-01</datestamp>
<setSpec>cs:cs:CL</setSpec></header><metadata>
<arXiv xmlns="http://arxiv.org/OAI/arXiv/" xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">
<id>{arxiv_id}</id><created>2023-04-03</created><authors><author><keyname>Example</keyname>
<forenames>Ada</forenames></author></authors><title>{title}</title><categories>cs.CL</categories>
{licence}<abstract>An abstract we wrote for this test.</abstract></arXiv>
</metadata></record></GetRecord></OAI-PMH>
""".encode()


def arxiv_missing(arxiv_id: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-30T07:00:00Z</responseDate>
<request verb="GetRecord">https://oaipmh.arxiv.org/oai</request>
<error code="idDoesNotExist">Malformed identifier or no record for oai:arXiv.org:{arxiv_id}</error></OAI-PMH>
""".encode()
