"""Links as real READMEs write them: download hosts and model hubs, the heading a link stands under,
code examples, the paper a README presents as its own, download scripts. Every README here is text we
wrote in the shapes real releases use."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.sources.local import collect
from openness.sources.local.finders import link_context, links
from openness.sources.local.fs import FileInfo

from . import builders as b
from .builders import comp, rules

INCLUDED, REFERENCED, ABSENT = Presence.INCLUDED, Presence.REFERENCED, Presence.ABSENT
FINAL, INTERMEDIATE = "Model parameters (Final)", "Model parameters (Intermediate)"


def readme_hits(text: str, name: str = "README.md") -> list[tuple[str, str, str | None]]:
    data = text.encode()
    return [(h.component, h.rule, h.url) for h in links.by_content(FileInfo(name, len(data)), data)]


@pytest.mark.parametrize(
    ("url", "context", "expected"),
    [
        # weights on hosts that serve any file: the file's extension says what it is
        (
            "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth",
            "## Model Checkpoints\n- ViT-H SAM model.",
            (FINAL, "local.link.weights-file"),
        ),
        (
            "https://openaipublic.azureedge.net/main/whisper/models/abc/tiny.pt",
            "\n",
            (FINAL, "local.link.weights-file"),
        ),
        (
            "https://github.com/org/repo/releases/download/v1.0/model-q4.gguf",
            "\n",
            (FINAL, "local.link.weights-file"),
        ),
        (
            "gs://vertex-model-garden/gemma/ckpts/step_5000/",
            "",
            (INTERMEDIATE, "local.link.bucket-checkpoints"),
        ),
        (
            "https://www.kaggle.com/models/google/gemma",
            "Download the weights from Kaggle",
            (FINAL, "local.link.hub-model"),
        ),
        (
            "https://modelscope.cn/models/qwen/Qwen-7B-Chat",
            "| Qwen-7B-Chat |",
            (FINAL, "local.link.hub-model"),
        ),
        ("https://www.kaggle.com/datasets/org/corpus", "", ("Datasets", "local.link.hub-dataset")),
        (
            "https://huggingface.co/collections/org/tiny-lm-6612",
            "All models are in this collection",
            (FINAL, "local.link.hf-collection"),
        ),
        (
            "https://huggingface.co/models?other=tiny_v0",
            "The old models remain available",
            (FINAL, "local.link.hf-model-listing"),
        ),
        ("https://huggingface.co/datasets/openwebtext", "", ("Datasets", "local.link.hf-dataset")),
        (
            "https://zenodo.org/records/1234567/files/corpus.jsonl.gz",
            "## Training data",
            ("Datasets", "local.link.data-host"),
        ),
        (
            "https://osf.io/abcd/download",
            "## Pretrained weights\ndownload",
            (FINAL, "local.link.bucket-weights"),
        ),
        # a bare "model" beside a host says nothing: a form, a video
        ("https://drive.google.com/file/d/XYZ/view", "Watch the model evaluation explainer", None),
        # heading context decides the kind of a Hub model link
        (
            "https://huggingface.co/org/tiny-lm-1b",
            "## Intermediate checkpoints\n| 1B | link |",
            (INTERMEDIATE, "local.link.hf-model-under-checkpoints"),
        ),
        (
            "https://huggingface.co/org/tiny-lm-1b",
            "## Model Checkpoints\n| 1B |",
            (FINAL, "local.link.hf-model"),
        ),
        (
            "https://huggingface.co/datasets/cais/mmlu",
            "## Evaluation\nWe report 5-shot",
            ("Evaluation data", "local.link.hf-dataset"),
        ),
        # an example set to fine-tune on is not what the model was trained on
        (
            "https://huggingface.co/datasets/someone/instruct-80k",
            "## Fine-tune on your own data\nformat",
            None,
        ),
        # "Model Cards for Model Reporting" is a paper, not a technical report of this model
        (
            "https://arxiv.org/abs/1810.03993",
            "following Model Cards for Model Reporting",
            ("Research paper", "local.link.paper"),
        ),
    ],
)
def test_link_hosts_and_context(url: str, context: str, expected: tuple[str, str] | None) -> None:
    found = links.classify(url, context)
    assert (found[:2] if found else None) == expected


SAM_STYLE = """# Segment Things

**[Research](https://example.org/research/)**

[[`Paper`](https://example.org/research/publications/segment-things/)] [[`Demo`](https://example.org/demo)]

## Getting Started

```
pip install git+https://github.com/example/segment-things.git
```

## Model Checkpoints

Click the links below to download the checkpoint for the corresponding model type.

- `vit_h`: [ViT-H model.](https://dl.example-cdn.com/segment_things/st_vit_h_4b8939.pth)
- `vit_b`: [ViT-B model.](https://dl.example-cdn.com/segment_things/st_vit_b_01ec64.pth)

## Dataset

See [here](https://example.org/datasets/st-1b/) for an overview of the dataset. The dataset can be
downloaded [here](https://example.org/datasets/st-1b-downloads/).
"""


def test_download_host_checkpoints_and_dataset_under_headings(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", SAM_STYLE)
    b.write(tmp_path, "segment_things/__init__.py", "")
    release = collect(str(tmp_path))
    final = comp(release, FINAL)
    assert final.presence is REFERENCED and "local.link.weights-file" in rules(final)
    assert "https://dl.example-cdn.com/segment_things/st_vit_h_4b8939.pth" in final.locations
    data = comp(release, "Datasets")
    assert data.presence is REFERENCED and "local.link.data-section" in rules(data)
    assert "https://example.org/datasets/st-1b-downloads/" in data.locations
    paper = comp(release, "Research paper")  # labelled "Paper" on a host that is no paper venue
    assert paper.presence is REFERENCED and "local.link.paper-label" in rules(paper)
    assert comp(release, INTERMEDIATE).presence is ABSENT
    assert release.kind == "model"


PYTHIA_STYLE = """# Tiny Suite: Interpreting Models Across Training

This repository is for the Tiny Suite. For details, please see our paper
[Tiny Suite: A Suite for Analysing Models](https://arxiv.org/abs/2304.01373).

Our work has inspired others, including [Amber](https://arxiv.org/abs/2312.06550) and
[OLMo](https://arxiv.org/abs/2402.00838).

## Models

| Params | Model |
|---|---|
| 70M | [tiny-70m](https://huggingface.co/org/tiny-70m) |

We make 154 checkpoints available for each model. Load one with:

```python
from transformers import GPTNeoXForCausalLM

model = GPTNeoXForCausalLM.from_pretrained(
  "org/tiny-70m-deduped",
  revision="step3000",
)
```

## Research Building on the Suite

- Someone et al. "[Tuned lens](https://arxiv.org/abs/2303.08112)." _arXiv preprint arXiv:2303.08112_ (2023).

## Citation Details

```bibtex
@inproceedings{tiny2023,
  title={Tiny Suite},
  eprint={2304.01373},
  archivePrefix={arXiv},
}
```
"""


def test_the_papers_a_readme_presents_and_revisions_it_loads(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", PYTHIA_STYLE)
    release = collect(str(tmp_path))
    paper = comp(release, "Research paper")
    assert paper.locations == ("https://arxiv.org/abs/2304.01373",)  # related work is not the paper
    inter = comp(release, INTERMEDIATE)
    assert inter.presence is REFERENCED and "local.link.loaded-revision" in rules(inter)
    assert "https://huggingface.co/org/tiny-70m-deduped/tree/step3000" in inter.locations
    final = comp(release, FINAL)
    assert "https://huggingface.co/org/tiny-70m" in final.locations
    card = comp(release, "Model card")  # the Hub page of a model shows its card
    assert card.presence is REFERENCED and "local.link.hub-card-page" in rules(card)


def test_paper_only_in_a_bibtex_block_is_the_paper() -> None:
    text = "# M\n\nA model.\n\n## Citation\n\n```bibtex\n@article{m,\n  eprint = {2312.06550},\n}\n```\n"
    assert readme_hits(text) == [
        ("Research paper", "local.link.paper-citation", "https://arxiv.org/abs/2312.06550")
    ]


def test_paper_named_in_the_paragraph_before_the_link() -> None:
    text = "# M\n\n## Details\n\nOur academic paper describes M in detail and can be found here:\n[https://arxiv.org/abs/1810.04805](https://arxiv.org/abs/1810.04805).\n"
    assert [h[0] for h in readme_hits(text)] == ["Research paper"]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # a command that takes a link as its argument is a usage example, and org/name a placeholder
        ("```sh\nopenness assess https://huggingface.co/org/name/tree/v1.0\n```\n", []),
        ("```sh\ntool run https://huggingface.co/EleutherAI/pythia-70m\n```\n", []),
        # a command that fetches the link does reference it
        (
            "```sh\ngit clone https://huggingface.co/EleutherAI/pythia-70m\n```\n",
            [(FINAL, "local.link.hf-model", "https://huggingface.co/EleutherAI/pythia-70m")],
        ),
        ("See https://huggingface.co/<user>/<model> for yours.\n", []),
    ],
)
def test_links_in_code_examples(block: str, expected: list[tuple[str, str, str]]) -> None:
    found = [h for h in readme_hits(f"# Tool\n\n## Usage\n\n{block}") if h[0] != "Model card"]
    assert found == expected


def test_label_of_markdown_and_html_links() -> None:
    md = link_context.Place(
        1, "https://x.org/p", "see [Our Paper](https://x.org/p) now", "", False, False, False
    )
    assert md.label == "Our Paper"
    badge = "[![arXiv](https://img.shields.io/badge/arXiv-1-red.svg)](https://arxiv.org/abs/1)"
    assert "arXiv" in link_context.Place(1, "https://arxiv.org/abs/1", badge, "", False, False, False).label
    html = '<a href="https://huggingface.co/org">[🤗 Models Download]</a> | <a href="https://x.org">Chat</a>'
    assert link_context.Place(1, "https://huggingface.co/org", html, "", False, False, False).label == (
        "🤗 Models Download"
    )


DOWNLOAD_SH = """#!/usr/bin/env bash
# Fetch the model weights with the presigned URL you received by e-mail.
read -p "Enter the URL from email: " PRESIGNED_URL
for m in ${MODEL_SIZE//,/ }
do
    for s in $(seq -f "0%g" 0 ${SHARD})
    do
        wget ${PRESIGNED_URL/'*'/"${m}/consolidated.${s}.pth"} -O ${TARGET_FOLDER}/${m}/consolidated.${s}.pth
    done
    wget ${PRESIGNED_URL/'*'/"${m}/params.json"} -O ${TARGET_FOLDER}/${m}/params.json
done
"""


def test_download_scripts(tmp_path: Path) -> None:
    b.write(tmp_path, "download.sh", DOWNLOAD_SH)
    b.write(
        tmp_path,
        "scripts/download_models.sh",
        "#!/bin/bash\nwget -O models/ldm/cin256/model.zip https://ommer-lab.example.org/models/cin.zip\n"
        "wget -O models/first_stage/kl-f8.zip https://ommer-lab.example.org/models/first_stage_models/kl-f8/model.zip\n",
    )
    release = collect(str(tmp_path))
    final = comp(release, FINAL)
    assert final.presence is REFERENCED
    assert {"local.link.download-script", "local.link.weights-file"} <= rules(final)
    assert "https://ommer-lab.example.org/models/cin.zip" in final.locations


def test_a_cited_technical_report_is_the_technical_report() -> None:
    text = (
        "# Big-V3\n\n## Citation\n\n```bibtex\n@misc{bigv3,\n  title={Big-V3 Technical Report},\n"
        "  eprint={2412.19437},\n  archivePrefix={arXiv},\n}\n```\n"
    )
    assert readme_hits(text) == [
        ("Technical report", "local.link.paper-citation", "https://arxiv.org/abs/2412.19437"),
        ("Research paper", "local.paper.model-report", "https://arxiv.org/abs/2412.19437"),
    ]
    labelled = "# M\n\nPlease check our [tech report](https://m.example.io/static/m_report.pdf).\n"
    assert [h[:2] for h in readme_hits(labelled)] == [
        ("Technical report", "local.link.report-label"),
        ("Research paper", "local.paper.model-report"),  # the model's report is its paper too
    ]


def test_a_hub_dataset_page_is_its_data_card() -> None:
    text = "# M\n\n## Pretraining\n\nTrained on [mix-1124](https://huggingface.co/datasets/org/mix-1124).\n"
    assert readme_hits(text) == [
        ("Data card", "local.link.hub-card-page", "https://huggingface.co/datasets/org/mix-1124"),
        ("Datasets", "local.link.hf-dataset", "https://huggingface.co/datasets/org/mix-1124"),
    ]


def test_weight_urls_written_in_code(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "speechy/__init__.py",
        '_MODELS = {\n    "tiny": "https://cdn.example.net/main/speechy/models/65147644/tiny.pt",\n'
        '    "base": "https://cdn.example.net/main/speechy/models/ed3a0b6b/base.pt",\n}\n'
        'HOME = "https://github.com/example/speechy/blob/main/model.pt"\n',
    )
    final = comp(collect(str(tmp_path)), FINAL)
    assert final.presence is REFERENCED and "local.link.weights-in-code" in rules(final)
    assert "https://cdn.example.net/main/speechy/models/65147644/tiny.pt" in final.locations
    assert not any("github.com" in loc for loc in final.locations)
