"""Evaluation data told apart from training data: a data folder whose note says its data serves
evaluation, a file named for evaluation, held-out split folders and split files, and a download link
in an evaluation folder's guide (English or Chinese). Layouts as real releases have them, texts our
own."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp, rules

EVAL, DATA = "Evaluation data", "Datasets"


def test_a_data_folder_its_note_calls_evaluation_data(tmp_path: Path) -> None:
    b.write(tmp_path, "data/radio_talk.json", '[{"audio": "a.wav", "text": "hello"}]\n' * 200)
    b.write(
        tmp_path,
        "data/README.md",
        "This folder explains how we gathered the data for evaluation, so that the numbers can be "
        "reproduced.\n\n## Short clips\n\nGet the clips from "
        "[the hub](https://huggingface.co/datasets/acme/short-clips).\n",
    )
    release = collect(str(tmp_path))
    ev, data = comp(release, EVAL), comp(release, DATA)
    assert ev.presence is Presence.INCLUDED and "data/radio_talk.json" in ev.locations
    assert "https://huggingface.co/datasets/acme/short-clips" in ev.locations
    assert data.presence is Presence.ABSENT


def test_a_data_folder_of_training_text_stays_datasets(tmp_path: Path) -> None:
    b.write(tmp_path, "data/stories.json", '[{"text": "once"}]\n' * 200)
    b.write(tmp_path, "data/README.md", "The stories the model was trained on, cleaned and deduplicated.\n")
    release = collect(str(tmp_path))
    assert comp(release, DATA).presence is Presence.INCLUDED
    assert comp(release, EVAL).presence is Presence.ABSENT


def test_files_named_or_filed_for_evaluation(tmp_path: Path) -> None:
    b.write(tmp_path, "data/prompts_for_human_evaluations.jsonl", '{"prompt": "draw a cat"}\n' * 50)
    b.write(tmp_path, "olmo_like/hf_datasets/arc/validation/data-00000-of-00001.arrow", b"\xff" * 4096)
    b.write(tmp_path, "test_fixtures/sample.01.json.gz", b"\x1f\x8b" + b"\0" * 100)
    release = collect(str(tmp_path))
    assert set(comp(release, EVAL).locations) == {
        "data/prompts_for_human_evaluations.jsonl",
        "olmo_like/hf_datasets/arc/validation/data-00000-of-00001.arrow",
    }
    assert comp(release, DATA).presence is Presence.ABSENT  # test fixtures are no dataset


def test_links_to_held_out_split_files(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Reader\n\n## Question answering\n\nFetch the files:\n\n"
        "*   [train-v1.1.json](https://qa.example.org/dataset/train-v1.1.json)\n"
        "*   [dev-v1.1.json](https://qa.example.org/dataset/dev-v1.1.json)\n"
        "*   [scorer](https://github.com/acme/qa/blob/main/dev-v1.1.json)\n",
    )
    ev = comp(collect(str(tmp_path)), EVAL)
    assert ev.presence is Presence.REFERENCED and "local.link.held-out-split" in rules(ev)
    assert ev.locations == ("https://qa.example.org/dataset/dev-v1.1.json",)


def test_a_download_link_in_an_evaluation_guide(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "evaluation/README.md",
        "首先从 [云盘](https://pan.example.cn/f/abc123) 下载处理好的测评数据集，解压到本目录。\n\n"
        "See also [the leaderboard](https://board.example.org/).\n",
    )
    ev = comp(collect(str(tmp_path)), EVAL)
    assert ev.presence is Presence.REFERENCED and ev.locations == ("https://pan.example.cn/f/abc123",)
