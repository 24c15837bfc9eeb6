"""The Markdown report, for READMEs and pull requests: a short summary first (class, verdicts, next
steps), the grid, requirements and evidence in a ``<details>`` block; a batch as one summary table plus
the least open releases in detail, always within a pull-request comment's ``LIMIT`` characters."""

from __future__ import annotations

import re

from openness.domain.assessment import Assessment
from openness.frameworks.mof.result import MofResult
from openness.reports import grid


def _cell(text: str) -> str:
    """Text for a Markdown line or table cell: no raw HTML, no cell breaks, no control characters."""
    text = grid.shown(text.replace("\n", " "))
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    """Text as an inline code span whose fence no backtick run in the text can close."""
    text = grid.shown(text.replace("\n", " "))
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {text} {fence}"


def _evidence(a: Assessment, explain: bool) -> list[str]:
    from openness.reports import evidence

    found = evidence.lines(a, explain, notes=False)
    if not found:
        return []
    out = ["### Evidence", ""]
    for line in found:
        if line.startswith("  "):
            out.append(f"  - {_code(line.strip())}")
        else:
            out.append(f"- {_cell(line)}")
    return [*out, ""]


LIMIT = 65_536
"""Characters of a GitHub pull-request comment; a batch's Markdown never exceeds it."""


def summary(a: Assessment) -> list[str]:
    """The lines a reviewer reads first: class, each verdict, the most valuable next steps."""
    from openness.frameworks.verdicts import Verdict
    from openness.reports import summary as terminal
    from openness.reports import verdict_text

    lines = [f"## {_cell(a.release.name)}", "", f"Target: {_code(a.target)}", ""]
    if (kind := grid.not_a_model_release(a.release)) is not None:
        lines += [f"**{_cell(kind)}**", ""]
    mof: MofResult | None = a.results.get("mof")
    if mof is not None:
        lines += [f"**MOF: {_cell(grid.headline(mof))}**", ""]
    verdicts = [r for r in a.results.values() if isinstance(r, Verdict)]
    for v in verdicts:
        said = v.summary[len(v.verdict) :].lstrip(": ") if v.summary.startswith(v.verdict) else v.summary
        lines.append(f"- {_cell(v.name)}: **{v.verdict}**" + (f" — {_cell(said)}" if said else ""))
    guidance = verdict_text.guidance_of(a)
    steps = (
        terminal.next_steps(guidance) if guidance is not None and not a.release.not_a_model_release else []
    )
    if steps:
        lines += ["", "Next steps:", ""]
        lines += [f"{i}. {_cell(s.detail)} ({_cell(', '.join(s.goals))})" for i, s in enumerate(steps[:3], 1)]
    return [*lines, ""]


def render(a: Assessment, explain: bool = False) -> str:
    """Summary first, everything else in a details block."""
    detail = details(a, explain)
    return "\n".join(
        [
            *summary(a),
            "<details><summary>Components, requirements and evidence</summary>",
            "",
            detail,
            "</details>",
            "",
        ]
    )


def details(a: Assessment, explain: bool = False) -> str:
    lines: list[str] = []
    mof: MofResult | None = a.results.get("mof")
    if mof is None:
        return "\n".join(lines + _verdicts(a)) + "\n"
    lines += [
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
    guidance = verdict_text.guidance_of(a)
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


def _openness_rank(a: Assessment) -> tuple[int, int]:
    """Least open first: by MOF class (unclassified first), then by the verdicts not met."""
    from openness.frameworks.verdicts import Verdict

    mof: MofResult | None = a.results.get("mof")
    klass = mof.mof_class if mof is not None else 0
    failing = sum(1 for r in a.results.values() if isinstance(r, Verdict) and r.verdict == "does-not-meet")
    return (4 - klass if klass else 0, -failing)


def batch(rows: list[tuple[str, Assessment | str]], explain: bool = False, limit: int = LIMIT) -> str:
    """A batch: one summary table of every target, then as many releases in full as fit within ``limit``
    characters, least open first; the rest are named."""
    from openness.frameworks.verdicts import Verdict

    keys: dict[str, str] = {}
    for _, item in rows:
        if isinstance(item, Assessment):
            for k, r in item.results.items():
                if isinstance(r, Verdict):
                    keys.setdefault(k, r.name)
    head = [f"## openness: {len(rows)} releases", ""]
    table = [
        "| Release | MOF | " + " | ".join(_cell(n) for n in keys.values()) + " |",
        "|---|---|" + "---|" * len(keys),
    ]
    for target, item in rows:
        if isinstance(item, str):
            table.append(f"| {_code(target)} | **error**: {_cell(item)} |" + " |" * len(keys))
            continue
        mof: MofResult | None = item.results.get("mof")
        cells = [getattr(item.results.get(k), "verdict", "—") for k in keys]
        table.append(
            f"| {_cell(item.release.name)} ({_code(target)}) | {mof.label if mof else '—'} | "
            + " | ".join(cells)
            + " |"
        )
    tail_room = 400
    text = "\n".join(head)
    for i, line in enumerate(table):
        if len(text) + len(line) + tail_room > limit:
            text += f"\n\n… and {len(table) - i} more targets (use -f json for all)"
            break
        text += "\n" + line
    text += "\n"
    assessed = sorted((a for _, a in rows if isinstance(a, Assessment)), key=_openness_rank)
    left: list[str] = []
    for a in assessed:
        section = "\n" + render(a, explain)
        if len(text) + len(section) + tail_room <= limit and not left:
            text += section
        else:
            left.append(a.target)
    if left:
        note = f"\nNot shown in detail, to stay within a pull-request comment: {len(left)} releases"
        names = ", ".join(_code(t) for t in left)
        text += note + (
            f": {names}\n" if len(text) + len(note) + len(names) + 4 <= limit else " (see -f json)\n"
        )
    return text
