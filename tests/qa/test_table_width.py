"""At 80 columns the terminal grid folds a long licence id onto more lines instead of cutting it to
'LicenseRef-openne…', which names no licence at all."""

from __future__ import annotations

from rich.console import Console

from openness.frameworks.registry import Options
from openness.reports import table
from openness.service import assess
from tests.conftest import ROOT


def test_a_long_licence_id_is_folded_not_cut() -> None:
    a = assess(str(ROOT / "examples" / "restricted.yml"), Options(frameworks=("mof",)))
    console = Console(width=80, record=True, color_system=None, force_terminal=False)
    table.render(a, console)
    grid = [line for line in console.export_text().splitlines() if line.startswith("│")]
    assert grid and not any("…" in line for line in grid), "\n".join(grid)
    cells = "".join(line.split("│")[4].strip() for line in grid)
    assert "LicenseRef-openness-arxiv" in cells
