"""A README notice on the data's terms, apart from the repository's licence file (rule ``data-terms``):
the data in the tree takes what the notice states, or no licence id when the notice mixes a licence with
restrictions of its own. Layouts as real releases have them (a benchmark's questions under ``eval/``, a
bold-labelled notice below the introduction); texts ours, licence texts from the SPDX list."""

from __future__ import annotations

from pathlib import Path

from openness.sources.local import collect
from openness.sources.local.data_terms import data_terms

from . import builders as b
from .builders import comp

EVAL_DATA = "Evaluation data"
QUESTIONS = '{"id": 1, "question": "What is left of the red kite?"}\n' * 20


def _release(root: Path, notice: str) -> None:
    b.write(root, "LICENSE", b.MIT)
    b.write(
        root, "README.md", f"# Kite-VL\n\nA model that points at what it names.\n\n{notice}\n\n## Install\n"
    )
    b.write(root, "kite/eval/kite_bench/questions.jsonl", QUESTIONS)


def test_data_terms_with_restrictions_of_their_own_name_no_licence(tmp_path: Path) -> None:
    notice = (
        "**Usage and License Notices**: The data and code are meant for research use only, and bound by "
        "the terms of the services that produced the answers. The dataset is CC BY NC 4.0 (non-commercial "
        "use only)."
    )
    _release(tmp_path, notice)
    data = comp(collect(str(tmp_path)), EVAL_DATA)
    assert data.licence != "MIT"
    assert data.licence in (None, "LicenseRef-openness-unrecognised")
    assert comp(collect(str(tmp_path)), "Evaluation code").licence in (None, "MIT")


def test_a_plain_data_notice_gives_the_datas_licence(tmp_path: Path) -> None:
    _release(tmp_path, "**Data License**: the dataset is released under CC BY 4.0.")
    assert comp(collect(str(tmp_path)), EVAL_DATA).licence == "CC-BY-4.0"


def test_without_a_data_notice_the_files_in_the_tree_keep_the_repository_licence(tmp_path: Path) -> None:
    _release(tmp_path, "**License**: the code is released under the MIT licence.")
    assert comp(collect(str(tmp_path)), EVAL_DATA).licence == "MIT"


def test_only_a_bold_label_naming_a_licence_opens_a_notice() -> None:
    assert data_terms("**Note**: the dataset is CC BY NC 4.0.\n") is None
    found = data_terms("Intro.\n\n__Licence notice__: the dataset is released under CC BY 4.0.\n")
    assert found is not None and found[0] == 3 and found[1] == "CC-BY-4.0"
