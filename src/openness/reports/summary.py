"""The terminal summary of one release: what a person reads in one screen (at most ``MAX_LINES`` lines at
80 columns): the MOF class and progress, one line per framework verdict, the components, the three most
valuable next steps, and where to look for more. ``--detail`` shows every requirement and evidence.

Pure: an assessment in, lines of Rich markup out (text from the release escaped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openness.domain.assessment import Assessment

MAX_LINES = 40
STEPS_SHOWN = 3
QUOTED_SHOWN = 30
"""Characters of a licence name openness could not resolve that the summary's grid shows (--detail
shows it whole)."""
_MARK = {
    "counted": "[green]✔[/green]",
    "unlicensed": "[yellow]✘[/yellow]",
    "invalid": "[red]✘[/red]",
    "missing": "[red]✘[/red]",
    "unknown": "[magenta]?[/magenta]",
    "optional": "[dim]·[/dim]",
}
_VERDICT_STYLE = {
    "meets": "green",
    "open": "green",
    "meets-with-caveats": "yellow",
    "partial": "yellow",
    "cannot-tell": "magenta",
    "does-not-meet": "red",
    "closed": "red",
}


@dataclass(frozen=True, slots=True)
class Step:
    detail: str
    goals: tuple[str, ...]
    """The plans (MOF class, OSAID, EU AI Act) this change moves forward."""


def next_steps(guidance: Any) -> list[Step]:
    """Every change the guidance suggests, once each, the ones that serve the most goals first (then in
    the order the plans give them): the first few are the most valuable."""
    order: list[tuple[str | None, str]] = []
    details: dict[tuple[str | None, str], str] = {}
    goals: dict[tuple[str | None, str], list[str]] = {}
    for plan in guidance.plans:
        if plan.status != "reachable":
            continue
        for change in plan.changes:
            key = (change.component, str(change.action)) if change.component else (None, change.detail)
            if key not in details:
                order.append(key)
                details[key] = change.detail
            if plan.title not in goals.setdefault(key, []):
                goals[key].append(plan.title)
    ranked = sorted(order, key=lambda k: -len(goals[k]))
    return [Step(details[k], tuple(goals[k])) for k in ranked]


def _verdict_row(v: Any) -> tuple[str, str]:
    style = _VERDICT_STYLE.get(v.verdict, "")
    score = v.details.get("score") if isinstance(v.details, dict) else None
    extra = f" (score {score:.2f})" if isinstance(score, float) else ""
    failing = sum(f.status.value == "not-met" for f in v.findings)
    why = f" [dim]{failing} of {len(v.findings)} not met[/dim]" if failing else ""
    return f"{v.name} {v.version}", f"[{style}]{v.verdict}[/{style}]{extra}{why}"


def _short(licence: str) -> str:
    """A licence as the summary shows it: a catalogue or ScanCode id without its prefix (the words that
    name the licence), the release scope it is inherited from as a bare ↑ (the full form is in --detail
    and every other format)."""
    if licence == "—":
        return ""
    text, _, scope = licence.partition(" ↑")
    for prefix in ("LicenseRef-scancode-", "LicenseRef-openness-"):
        text = text.replace(prefix, "")
    if text.startswith("'") and len(text) > QUOTED_SHOWN:  # words openness could not resolve
        text = text[: QUOTED_SHOWN - 2] + "…'"
    return text + (" ↑" if scope else "")


def _grid(*widths: int | None) -> Any:
    """A borderless table whose last column wraps under itself (a hanging indent)."""
    from rich.table import Table

    t = Table.grid(padding=(0, 1))
    for i, w in enumerate(widths):
        last = i == len(widths) - 1
        t.add_column(width=w, no_wrap=not last, overflow="fold" if last else "ellipsis")
    return t


def render(a: Assessment, escape: Callable[[str], str]) -> list[Any]:
    """The summary of one assessment, as Rich renderables (one per block)."""
    from openness.frameworks.verdicts import Verdict
    from openness.reports import grid, verdict_text

    version = f" {escape(a.release.version)}" if a.release.version else ""
    out: list[Any] = [f"[bold]{escape(a.release.name)}[/bold]{version} [dim]{escape(a.target)}[/dim]"]
    if (kind := grid.not_a_model_release(a.release)) is not None:
        out.append(f"[bold yellow]{escape(kind)}[/bold yellow]")
    mof: Any = a.results.get("mof")
    if mof is not None:
        p = mof.progress
        out.append(
            f"[bold]MOF {mof.label}[/bold] [dim]· III {p[2]:.0f}% · II {p[1]:.0f}% · I {p[0]:.0f}%"
            f" · {mof.mode.value} mode[/dim]"
        )
    verdicts = [r for r in a.results.values() if isinstance(r, Verdict)]
    if verdicts:
        table = _grid(2, None, None)
        for v in verdicts:
            name, text = _verdict_row(v)
            table.add_row("", escape(name) + ":", text)
        out.append(table)
    if mof is not None:
        out.append(
            "[bold]Components[/bold] [dim]✔ counted  ✘ not counted  ? unknown  · optional  "
            "↑ the release's licence[/dim]"
        )
        table = _grid(3, 32, 10, None)
        for row in grid.rows(mof):
            mark = _MARK.get(row.status.split(" ")[0], " ")
            table.add_row(f" {mark}", row.component, row.status, escape(_short(row.licence)))
        out.append(table)
    guidance = verdict_text.guidance_of(a)
    steps = next_steps(guidance) if guidance is not None and not a.release.not_a_model_release else []
    if steps:
        out.append("[bold]Next steps[/bold] [dim]most valuable first[/dim]")
        table = _grid(4, None)
        for i, s in enumerate(steps[:STEPS_SHOWN], 1):
            table.add_row(f"  {i}.", f"{escape(s.detail)} [dim]({escape(', '.join(s.goals))})[/dim]")
        if len(steps) > STEPS_SHOWN:
            table.add_row("", f"[dim]… and {len(steps) - STEPS_SHOWN} more[/dim]")
        out.append(table)
    out.append("[dim]Every requirement and its evidence: --detail[/dim]")
    return out
