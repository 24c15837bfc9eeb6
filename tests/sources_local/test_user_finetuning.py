"""Fine-tuning code a release offers its users is not the code that trained its model (README of the
real corpus: P-Tuning, SFT scripts, LoRA examples); and which data-folder notes document datasets.
Layouts as real releases have them, code and texts our own."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp

TRAINING, DATA_CARD = "Training code", "Data card"
LOOP = "for batch in loader:\n    loss = model(**batch).loss\n    loss.backward()\n    optimizer.step()\n"


def test_only_fine_tuning_for_users_is_no_training_code(tmp_path: Path) -> None:
    b.write(tmp_path, "finetune/finetune_lora.sh", "deepspeed finetune.py --use_lora\n")
    b.write(tmp_path, "finetune/ds_config_zero3.json", '{"zero_optimization": {"stage": 3}}\n')
    b.write(tmp_path, "finetune.py", LOOP)
    b.write(tmp_path, "ptuning/trainer.py", LOOP)
    b.write(tmp_path, "examples/dpo.py", LOOP)
    b.write(tmp_path, "recipes/finetune/full_parameter.ipynb", '{"cells": []}\n')
    assert comp(collect(str(tmp_path)), TRAINING).presence is Presence.ABSENT


def test_a_training_script_of_its_own_keeps_all_training_hits(tmp_path: Path) -> None:
    b.write(tmp_path, "finetune/finetune_lora.sh", "deepspeed finetune.py --use_lora\n")
    b.write(tmp_path, "train.py", LOOP)
    training = comp(collect(str(tmp_path)), TRAINING)
    assert training.presence is Presence.INCLUDED
    assert {"train.py", "finetune/finetune_lora.sh"} <= set(training.locations)


def test_a_data_note_titled_for_a_dataset_is_a_data_card(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "data/street_signs.md",
        "# The Street Signs Dataset\n\nWe photographed signs in 40 towns and kept 200 per class.\n",
    )
    b.write(tmp_path, "data/prompts.md", "# Prompts\n\nTemplates used with each class name.\n")
    card = comp(collect(str(tmp_path)), DATA_CARD)
    assert card.presence is Presence.INCLUDED and card.locations == ("data/street_signs.md",)


def test_a_deep_sub_project_data_readme_is_not_the_releases_data_card(tmp_path: Path) -> None:
    b.write(tmp_path, "pkg/adapters/diffusion/data/README.md", "# Example data\n\nTwo toy sets to try.\n")
    assert comp(collect(str(tmp_path)), DATA_CARD).presence is Presence.ABSENT
    b.write(tmp_path, "data/openweb/readme.md", "# Open web text\n\nSource, size and splits.\n")
    assert comp(collect(str(tmp_path)), DATA_CARD).presence is Presence.INCLUDED
