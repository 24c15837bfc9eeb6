"""The Markdown report: the same grid and next steps as the terminal, for READMEs and PRs."""

from __future__ import annotations

from openness.domain.assessment import Assessment
from openness.frameworks.mof.result import MofResult
from openness.reports import grid


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _evidence(a: Assessment, explain: bool) -> list[str]:
    from openness.reports import evidence

    found = evidence.lines(a, explain, notes=False)
    if not found:
        return []
    out = ["### Evidence", ""]
    for line in found:
        if line.startswith("  "):
            out.append(f"  - `{_cell(line.strip())}`")
        else:
            out.append(f"- {_cell(line)}")
    return [*out, ""]


def render(a: Assessment, explain: bool = False) -> str:
    lines = [f"## {_cell(a.release.name)}", "", f"Target: `` {_cell(a.target)} ``", ""]
    if (kind := grid.not_a_model_release(a.release)) is not None:
        lines += [f"**{_cell(kind)}**", ""]
    mof: MofResult | None = a.results.get("mof")
    if mof is None:
        return "\n".join(lines + _verdicts(a)) + "\n"
    lines += [
        f"**{grid.headline(mof)}**",
        "",
        "| Component | Type | Status | Licence | III | II | I |",
        "|---|---|---|---|:-:|:-:|:-:|",
    ]
    for row in grid.rows(mof):
        cells = [row.component, row.content_type, row.status, row.licence, *row.marks]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += [
        "",
        "✔ counted · ✔* counted, licence not type-appropriate · ✘ not counted · ? unknown · · not required",
        "",
    ]
    klass, steps = grid.next_steps(mof)
    if klass is not None and steps and not a.release.not_a_model_release:
        lines += [f"### To reach {grid.class_name(klass)}", ""]
        lines += [f"- {_cell(s.detail)}" for s in steps]
        lines.append("")
    lines += _evidence(a, explain)
    notes = [*a.notes, *mof.notes] + [f"{f.name}: {n}" for f in mof.components for n in f.notes]
    if notes:
        lines += ["### Notes", ""] + [f"- {_cell(n)}" for n in notes] + [""]
    return "\n".join(lines + _verdicts(a))


def _verdicts(a: Assessment) -> list[str]:
    """OSAID, EU AI Act, open weight, OSAI index and guidance sections, when assessed."""
    from openness.reports import verdict_text

    lines: list[str] = []
    for sec in verdict_text.sections(a):
        lines += [
            f"### {_cell(sec.title)}",
            "",
            f"**{_cell(sec.headline)}**",
            "",
            "| Requirement | Status | Reason |",
            "|---|---|---|",
        ]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in sec.rows]
        lines.append("")
        lines += [f"- {_cell(line)}" for line in sec.lines]
        if sec.lines:
            lines.append("")
    guidance = a.results.get("guidance")
    if guidance is not None and not a.release.not_a_model_release:
        lines += ["### What to do next", ""]
        lines += [
            f"{'  ' if line.startswith('  ') else ''}- {_cell(line.strip().lstrip('• '))}"
            for line in verdict_text.guidance_lines(guidance)
        ]
        lines.append("")
    return lines


def render_error(target: str, message: str) -> str:
    return f"## {_cell(target)}\n\n**Error:** {_cell(message)}\n"
