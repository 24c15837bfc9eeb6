"""The terminal's batch table: one row per target — its MOF class, each framework's verdict (the OSAI
index with its score), and pass or fail against the bar (--fail-under, --require) with the reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openness.domain.assessment import Assessment

SHORT = {
    "meets": "[green]meets[/green]",
    "meets-with-caveats": "[yellow]caveats[/yellow]",
    "cannot-tell": "[magenta]?[/magenta]",
    "does-not-meet": "[red]fails[/red]",
    "open": "[green]open[/green]",
    "partial": "[yellow]partial[/yellow]",
    "closed": "[red]closed[/red]",
}


def render(rows: list[tuple[str, Assessment | str]], bar: Any = None) -> Any:
    """A Rich table of the batch (``rows``: target and its assessment, or its error message)."""
    from rich.table import Table

    from openness.frameworks.verdicts import Verdict
    from openness.reports.table import escape

    keys: list[str] = []
    for _, item in rows:
        if isinstance(item, Assessment):
            keys += [k for k, r in item.results.items() if isinstance(r, Verdict) and k not in keys]
    table = Table(title=f"{len(rows)} releases", title_justify="left")
    table.add_column("Release", overflow="fold")
    table.add_column("MOF")
    for k in keys:
        table.add_column(k.replace("_", " "))
    barred = bar is not None and bar.set
    if barred:
        table.add_column("Bar", overflow="fold")
    for target, item in rows:
        if isinstance(item, str):
            cells = [f"{escape(target)}\n[dim]{escape(item)}[/dim]", "[red]error[/red]", *["" for _ in keys]]
            table.add_row(*cells, *(["[red]✘[/red] not assessed"] if barred else []))
            continue
        mof: Any = item.results.get("mof")
        label = mof.label.split(" - ")[0] if mof is not None else "—"
        cells = [f"{escape(item.release.name)}\n[dim]{escape(target)}[/dim]", label]
        for k in keys:
            v: Any = item.results.get(k)
            text = SHORT.get(str(getattr(v, "verdict", "")), "—")
            score = v.details.get("score") if v is not None and isinstance(v.details, Mapping) else None
            cells.append(text + (f" {score:.2f}" if isinstance(score, float) else ""))
        if barred:
            misses = bar.misses(item.results)
            cells.append("[green]✔[/green]" if not misses else "[red]✘[/red] " + escape("; ".join(misses)))
        table.add_row(*cells)
    return table
