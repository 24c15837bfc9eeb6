"""The terminal report: a Rich table of components × classes, and what to do next."""

from __future__ import annotations

from typing import Any

from openness.domain.assessment import Assessment
from openness.frameworks.mof.result import MofResult
from openness.reports import grid

_STATUS_STYLE = {
    "counted": "green",
    "unlicensed": "yellow",
    "invalid": "red",
    "missing": "red",
    "missing (paper stands in)": "green",
    "unknown": "magenta",
    "optional": "dim",
}


def escape(text: str) -> str:
    """Text from a release as the terminal may show it: Rich markup escaped, control characters
    escaped, credentials removed, cut to ``grid.SHOWN_LIMIT`` (see ``grid.shown``)."""
    from rich.markup import escape as markup_escape

    return markup_escape(grid.shown(text))


def render(a: Assessment, console: Any) -> None:
    """Print an assessment to a ``rich.console.Console``."""
    from rich.table import Table

    mof: MofResult | None = a.results.get("mof")
    console.print(f"[bold]{escape(a.release.name)}[/bold] [dim]{escape(a.target)}[/dim]")
    if (kind := grid.not_a_model_release(a.release)) is not None:
        console.print(f"[bold yellow]{escape(kind)}[/bold yellow]")
    if mof is None:
        _verdicts(a, console)
        return
    table = Table(title=grid.headline(mof), title_justify="left", show_lines=False)
    for col in ("Component", "Type", "Status", "Licence", "III", "II", "I"):
        # a long licence id folds onto more lines: cut to 'LicenseRef-openne…' it would name nothing
        if col == "Licence":
            table.add_column(col, justify="left", overflow="fold")
        else:
            table.add_column(col, justify="center" if len(col) <= 3 else "left")
    for row in grid.rows(mof):
        style = _STATUS_STYLE.get(row.status, "")
        status = f"[{style}]{row.status}[/{style}]"
        table.add_row(row.component, row.content_type, status, escape(row.licence), *row.marks)
    console.print(table)
    console.print(
        "[dim]✔ counted  ✔* counted, licence not type-appropriate  ✘ not counted  "
        "↑ licence inherited from the release  "
        "? unknown  · not required[/dim]"
    )
    klass, steps = grid.next_steps(mof)
    if klass is not None and steps and not a.release.not_a_model_release:
        console.print(f"[bold]To reach {grid.class_name(klass)}:[/bold]")
        for step in steps:
            console.print(f"  • {escape(step.detail)}")
    for note in (*a.notes, *mof.notes):
        console.print(f"[dim]note: {escape(note)}[/dim]")
    for f in mof.components:
        for note in f.notes:
            console.print(f"[dim]note: {f.name}: {escape(note)}[/dim]")
    _verdicts(a, console)
    console.print()


def _verdicts(a: Assessment, console: Any) -> None:
    """OSAID, EU AI Act, open weight, OSAI index and guidance sections, when assessed."""
    from rich.table import Table

    from openness.reports import verdict_text

    for sec in verdict_text.sections(a):
        table = Table(title=escape(f"{sec.title}: {sec.headline}"), title_justify="left")
        for col in ("Requirement", "Status", "Reason"):
            table.add_column(col)
        for row in sec.rows:
            table.add_row(*(escape(c) for c in row))
        console.print(table)
        for line in sec.lines:
            console.print(f"[dim]{escape(line)}[/dim]")
    guidance = verdict_text.guidance_of(a)
    if guidance is not None and not a.release.not_a_model_release:
        console.print("[bold]What to do next[/bold]")
        for line in verdict_text.guidance_lines(guidance):
            console.print(escape(line))
