"""Markdown for pull requests: summary first, details folded, a batch within a comment's limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.reports import markdown

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.yml"))
MOT_MODELS = ROOT.parent / "shared" / "testdata" / "mot-models"


def _md(*args: str) -> str:
    result = CliRunner().invoke(cli, ["assess", "-f", "markdown", *args])
    assert result.exit_code in (0, 2), result.output
    return result.stdout


def test_one_release_puts_the_summary_before_the_details() -> None:
    text = _md(EXAMPLES[0])
    head, _, rest = text.partition("<details>")
    assert ("**MOF:" in head and "Next steps" in head) or "meets" in head
    assert "| Component |" not in head and "| Component |" in rest
    assert text.count("<details>") == text.count("</details>") == 1


@pytest.mark.skipif(not MOT_MODELS.is_dir(), reason="../shared/testdata/mot-models is absent")
def test_a_batch_of_fifteen_fits_a_pull_request_comment() -> None:
    records = sorted(str(p) for p in MOT_MODELS.glob("*.yml"))[:15]
    text = _md(*records)
    assert len(text) <= markdown.LIMIT
    assert text.startswith("## openness: 15 releases")
    for r in records:  # every target is in the summary table
        assert f" {r} " in text


@pytest.mark.skipif(not MOT_MODELS.is_dir(), reason="../shared/testdata/mot-models is absent")
def test_a_huge_batch_still_fits_and_names_what_it_leaves_out() -> None:
    records = sorted(str(p) for p in MOT_MODELS.glob("*.yml"))
    text = _md(*records)
    assert len(text) <= markdown.LIMIT
    assert "Not shown in detail" in text


def test_least_open_releases_come_first_in_detail() -> None:
    text = _md(*EXAMPLES)
    order = [text.index(f"## {name}") for name in ("Kite-70B", "Wren-7B", "Heron-1B")]
    assert order == sorted(order)


def test_a_failed_target_is_a_row_of_the_batch(tmp_path: Path) -> None:
    text = _md(EXAMPLES[0], str(tmp_path / "missing.yml"))
    assert "missing.yml" in text and "**error**" in text
