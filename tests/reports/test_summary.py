"""The terminal summary: one screen (at most 40 lines at 80 columns) for one release, every verdict on one
line, the components, the three most valuable next steps; no line repeated."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from openness import service
from openness.reports import summary, table

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yml"))
MOT_MODELS = ROOT.parent / "shared" / "testdata" / "mot-models"
RECORDS = [*EXAMPLES, *sorted(MOT_MODELS.glob("*.yml"))] if MOT_MODELS.is_dir() else EXAMPLES


def _text(target: str, width: int = 80) -> str:
    import io

    console = Console(width=width, record=True, file=io.StringIO())
    for block in summary.render(service.assess(target), table.escape):
        console.print(block)
    return console.export_text()


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_one_release_fits_one_screen(record: Path) -> None:
    lines = _text(str(record)).splitlines()
    assert len(lines) <= summary.MAX_LINES, "\n".join(lines)


def test_worst_case_long_licence_names_still_fit(tmp_path: Path) -> None:
    from openness.domain.components import COMPONENTS

    long = "The Example Foundation Responsible Research and Commercial Use Licence Agreement v2"
    body = "".join(f"    - name: '{c.name}'\n      license: '{long} {i}'\n" for i, c in enumerate(COMPONENTS))
    record = tmp_path / "long.yml"
    record.write_text(f"release:\n  name: long\n  components:\n{body}", encoding="utf-8")
    lines = _text(str(record)).splitlines()
    grid = [ln for ln in lines if ln.startswith(" ✘")]
    assert len(grid) == len(COMPONENTS)  # one line each
    assert all("…'" in ln for ln in grid)


def test_next_steps_rank_changes_that_serve_more_goals_first() -> None:
    a = service.assess(str(ROOT / "examples" / "open-model.yml"))
    from openness.reports.verdict_text import guidance_of

    steps = summary.next_steps(guidance_of(a))
    assert steps, "the example has work left"
    counts = [len(s.goals) for s in steps]
    assert counts == sorted(counts, reverse=True)
    assert len({s.detail for s in steps}) == len(steps), "each change once"
    assert "training code" in steps[0].detail  # it serves MOF Class II and OSAID alike


def test_every_verdict_on_one_line_with_its_verdict() -> None:
    text = _text(str(ROOT / "examples" / "open-model.yml"))
    a = service.assess(str(ROOT / "examples" / "open-model.yml"))
    from openness.frameworks.verdicts import Verdict

    for v in (r for r in a.results.values() if isinstance(r, Verdict)):
        line = next(ln for ln in text.splitlines() if v.name in ln)
        assert v.verdict in line
