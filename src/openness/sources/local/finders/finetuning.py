"""Fine-tuning code offered to users is not the code that trained the released model. When every file a
training rule found sits in a fine-tuning place (``finetune/``, ``ptuning/``, ``sft_*.py``, LoRA and
DPO scripts) or in what a release offers its users to try (``examples/``, ``colabs/``, ``recipes/``),
the release publishes no training code of its own: the training hits are dropped. The MOF asks for
the code used to train the model; a release that says its model was trained with such a script keeps
its hits as soon as one training file lies elsewhere (``train.py`` at the top)."""

from __future__ import annotations

import re

from openness.sources.local.hits import PREPROCESSING, TRAINING, Hit

FINE_TUNING = re.compile(
    r"(?:^|[/_\-.])(?:finetun\w*|fine[_-]?tun\w*|p[_-]?tuning|q?lora|peft|sft|dpo|npo|rlhf|ppo|"
    r"domain_finetune)(?=$|[/_\-.\d])",
    re.IGNORECASE,
)
"""A path part or name word of fine-tuning: finetune/, fine_tune.py, ptuning/, lora.py, sft_*.py, dpo.py."""
OFFERED_FOLDERS = frozenset(
    {"examples", "example", "colabs", "colab", "recipes", "notebooks", "tutorials", "cookbook"}
)
"""Folders of what a release offers its users to run."""


def _offered(rel: str) -> bool:
    parts = rel.lower().split("/")
    return bool(FINE_TUNING.search(rel.lower())) or not OFFERED_FOLDERS.isdisjoint(parts[:-1])


def withdrawn(hits: list[Hit]) -> list[Hit]:
    """The hits without training hits, when all of them are fine-tuning code offered to users; and
    without data preprocessing hits, when all of those prepare fine-tuning data in such places (rule
    ``fine-tuning-data``: ``finetune/chat/prepare_mix.py`` mixes instruction sets for a chat variant
    users may build, not the released model's training data)."""
    for component in (TRAINING, PREPROCESSING):
        found = [h for h in hits if h.component == component and h.presence == "included"]
        if found and all(h.rel and _offered(h.rel) for h in found):
            hits = [h for h in hits if not (h.component == component and h.presence == "included")]
    return hits
