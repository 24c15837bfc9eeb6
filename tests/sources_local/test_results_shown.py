"""Evaluation results a README or card gives or points to: a table the text above calls results (no
benchmark name in it), a detection table in mAP, a sentence that sends the reader to the paper or the
technical reports for the results, and experiment-tracker report pages. Our own words, laid out as
real releases lay them out."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp, rules

RESULTS = "Evaluation results"


def _results(root: Path) -> tuple[Presence, set[str]]:
    c = comp(collect(str(root)), RESULTS)
    return c.presence, rules(c)


HTML_TABLE = (
    "<table>\n  <tr><th>Model</th><th>Set A</th><th>Set B</th><th>Set C</th></tr>\n"
    "  <tr><td>small</td><td>71.4</td><td>62.0</td><td>55.3</td></tr>\n"
    "  <tr><td>large</td><td>77.9</td><td>69.8</td><td>60.1</td></tr>\n</table>\n"
)


def test_a_table_the_text_above_calls_results(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        f"# Binder\n\n## Models\n\nZero-shot classification performance.\n\n{HTML_TABLE}",
    )
    assert _results(tmp_path) == (Presence.INCLUDED, {"local.results.introduced-table"})


def test_a_table_of_sizes_is_not_results(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", f"# Binder\n\n## Models\n\nThe checkpoints we provide.\n\n{HTML_TABLE}")
    assert _results(tmp_path)[0] is Presence.ABSENT


def test_a_detection_table_in_map(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Detector\n\n## Checkpoints\n\n| Model | size | mAP<sup>val</sup> | params |\n|---|---|---|---|\n"
        "| d-small | 640 | 37.4 | 7.2 |\n",
    )
    assert "local.results.readme-table" in _results(tmp_path)[1]
    b.write(
        tmp_path, "README.md", "# Tiles\n\n| Layer | Feature map | size |\n|---|---|---|\n| a | b | 2 |\n"
    )
    assert _results(tmp_path)[0] is Presence.ABSENT  # a "map" in a table is not mAP


def test_results_pointed_to_in_the_paper_or_the_reports(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "MODEL_CARD.md",
        "# Card\n\n**Evaluation Results**\nThe scores for the main models and the ablations are given in "
        "Section 4 of the paper.\n",
    )
    presence, found = _results(tmp_path)
    assert presence is Presence.REFERENCED and "local.results.pointed-to" in found
    b.write(tmp_path, "MODEL_CARD.md", "# Card\n\nThis paper describes a method; see the code for details.\n")
    assert _results(tmp_path)[0] is Presence.ABSENT
    b.write(
        tmp_path,
        "README.md",
        "# Lib\n\n## Learn more\n\n* Technical reports for metrics and capabilities:\n"
        "  * [v1](https://go.example.org/v1report)\n",
    )
    assert _results(tmp_path)[0] is Presence.REFERENCED


def test_pointers_in_a_citation_section_are_not_results(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Lib\n\n## Citation\n\nSee the paper for results; cite it as below.\n",
    )
    assert _results(tmp_path)[0] is Presence.ABSENT


def test_experiment_tracker_reports(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Olive\n\n## Stage 1\n\n| | 7B |\n|---|---|\n"
        "| Logs | [report](https://wandb.ai/acme/olive-7b/reports/Olive-7B--Vmlk) |\n"
        "| Project | [home](https://wandb.ai/acme/olive-7b) |\n",
    )
    c = comp(collect(str(tmp_path)), RESULTS)
    assert c.presence is Presence.REFERENCED
    assert c.locations == ("https://wandb.ai/acme/olive-7b/reports/Olive-7B--Vmlk",)
