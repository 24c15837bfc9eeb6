"""The evidence behind each component, for the terminal: where it was found and by which rule.
By default the best few items per component; with ``explain`` all of them. Also the assessment's notes
(what a collector could not look at)."""

from __future__ import annotations

from typing import Any

from openness.domain.assessment import Assessment
from openness.domain.release import Presence

BEST_FEW = 3


def lines(a: Assessment, explain: bool, notes: bool = True) -> list[str]:
    """Plain text lines: one header per component found, then its evidence (indented two spaces);
    then the notes, unless ``notes`` is False."""
    out: list[str] = [f"Release: {ev.locator} — {ev.detail}" for ev in a.release.evidence if ev.detail]
    for comp in a.release.components:
        if comp.presence is Presence.ABSENT and not explain:
            continue
        out.append(
            f"{comp.name}: {comp.presence.value}" + (f", licence {comp.licence}" if comp.licence else "")
        )
        shown = comp.evidence if explain else comp.evidence[:BEST_FEW]
        for ev in shown:
            detail = f" — {ev.detail}" if ev.detail else ""
            out.append(f"  {ev.locator}  [{ev.rule}]{detail}")
        if len(comp.evidence) > len(shown):
            out.append(f"  … {len(comp.evidence) - len(shown)} more (--explain)")
    if notes:
        out.extend(f"note: {n}" for n in a.notes)
    return out


def render(a: Assessment, console: Any, explain: bool) -> None:
    """Print the evidence lines to a ``rich.console.Console`` (only for releases that carry evidence)."""
    if not any(c.evidence for c in a.release.components) and not a.notes:
        return
    from openness.reports.table import escape

    console.print("[bold]Evidence[/bold]")
    for line in lines(a, explain):
        style = "dim" if line.startswith("  ") or line.startswith("note:") else ""
        console.print(f"[{style}]{escape(line)}[/{style}]" if style else escape(line))
    console.print()
