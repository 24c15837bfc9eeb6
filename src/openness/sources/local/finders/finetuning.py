"""Fine-tuning code offered to users is not the code that trained the released model. When every file a
training rule found sits in a fine-tuning place (``finetune/``, ``ptuning/``, ``sft_*.py``, LoRA and
DPO scripts) or in what a release offers its users to try (``examples/``, ``colabs/``, ``recipes/``),
the release publishes no training code of its own: the training hits are dropped. The MOF asks for
the code used to train the model; a release that says its model was trained with such a script keeps
its hits as soon as one training file lies elsewhere (``train.py`` at the top)."""

from __future__ import annotations

import re

from openness.domain.release import Presence
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


SAID_TRAINED = "local.train.said-trained-with"
_TRAINED_WITH = re.compile(
    r"\b(?:was|were|is|are|been)\s+(?:\w+\s+){0,2}?trained\b[^.\n]{0,160}?\b(?:with|using|by running)\b",
    re.IGNORECASE,
)
_RUNS_SCRIPT = re.compile(r"\bpython3?\s+(?:-m\s+)?(?:[\w.-]+\s+)*?([\w./-]+\.py)\b")
FOLLOWING = 600
"""Characters after the sentence in which the command it introduces is looked for."""


def said_trained_with(rel_dir: tuple[str, ...], text: str) -> list[Hit]:
    """Rule ``said-trained-with``: a README that says its released model was trained with a command
    ('the official adapter was trained on March 26 with the following command: python finetune.py …')
    names that script as the code that trained the model; the fine-tuning rule then keeps it. Markers
    (absent) for ``withdrawn``, one per script named."""
    out: list[Hit] = []
    for m in _TRAINED_WITH.finditer(text):
        run = _RUNS_SCRIPT.search(text, m.end(), m.end() + FOLLOWING)
        if run is None:
            continue
        script = run.group(1).lstrip("./")
        rel = "/".join([*rel_dir, script]) if rel_dir else script
        line = text.count("\n", 0, m.start()) + 1
        detail = f"the README says the model was trained with {script} (line {line})"
        out.append(Hit(TRAINING, Presence.ABSENT, SAID_TRAINED, 0.6, rel, None, None, detail, rel))
    return out


def withdrawn(hits: list[Hit]) -> list[Hit]:
    """The hits without training hits, when all of them are fine-tuning code offered to users — unless
    the README says the model was trained with one of them (rule ``said-trained-with``); and without
    data preprocessing hits, when all of those prepare fine-tuning data in such places (rule
    ``fine-tuning-data``: ``finetune/chat/prepare_mix.py`` mixes instruction sets for a chat variant
    users may build, not the released model's training data)."""
    said = {h.rel for h in hits if h.rule == SAID_TRAINED}
    hits = [h for h in hits if h.rule != SAID_TRAINED]
    for component in (TRAINING, PREPROCESSING):
        found = [h for h in hits if h.component == component and h.presence == "included"]
        if component == TRAINING and any(h.rel in said for h in found):
            continue
        if found and all(h.rel and _offered(h.rel) for h in found):
            hits = [h for h in hits if not (h.component == component and h.presence == "included")]
    return hits
