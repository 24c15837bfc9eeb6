"""The verdict frameworks and the guidance as text sections, shared by the terminal and Markdown reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openness.domain.assessment import Assessment
from openness.frameworks.guidance import Guidance
from openness.frameworks.verdicts import Verdict

MARKS = {"met": "✔", "met-with-caveats": "✔*", "not-met": "✘", "cannot-tell": "?"}
GRADE_MARKS = {"open": "✔", "partial": "◐", "closed": "✘", "unknown": "?"}


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    headline: str
    rows: tuple[tuple[str, str, str], ...]
    """(requirement, status, reason) per finding."""
    lines: tuple[str, ...]
    """Notices, figures, older readings and notes, one line each."""


def _status(f: Any) -> str:
    if f.grade:
        return f"{GRADE_MARKS.get(f.grade, '')} {f.grade}"
    return f"{MARKS.get(f.status.value, '')} {f.status.value}"


def _lines(v: Verdict) -> list[str]:
    d = v.details
    out: list[str] = []
    if "notice" in d:
        out.append(str(d["notice"]))
    if "exemption" in d:
        out.append(f"Exemption: {d['exemption']}")
    comp = d.get("compute")
    if isinstance(comp, dict) and comp.get("flop") is not None:
        out.append(
            f"Training compute: {comp['flop']:.2g} FLOP ({comp['basis']}) against 10^23 (GPAI indicative) "
            f"and 10^25 (systemic risk)"
        )
    if "gpai" in d:
        out.append(f"General-purpose AI model: {d['gpai']}")
    for duty in d.get("duties", ()):
        out.append(f"Duty ({duty['applies']}): {duty['article']}: {duty['duty']}")
    for q in d.get("questions", ()):
        out.append(f"To settle an assumption: {q}")
    for reading in d.get("readings", ()):
        out.append(f"OSAID {reading['version']} reading: {reading['verdict']} ({reading['reason']})")
    for g in (d.get("definitions") or {}).values():
        out.append(f"{g['name']}: {g['verdict']}")
    for note in v.notes:
        if note != d.get("notice"):
            out.append(f"note: {note}")
    return out


def verdict_section(v: Verdict, hints: bool = True) -> Section:
    """A framework's findings as rows; ``hints``: with what would change each (not for a source that is
    no model release, which gets no to-do list)."""
    rows = tuple(
        (
            f.title,
            _status(f),
            f.reason + (f" — to change: {f.would_change}" if hints and f.would_change else ""),
        )
        for f in v.findings
    )
    headline = v.summary if v.verdict in v.summary else f"{v.verdict} — {v.summary}"
    return Section(f"{v.name} {v.version}", headline, rows, tuple(_lines(v)))


def guidance_lines(g: Guidance) -> list[str]:
    out: list[str] = []
    for p in g.plans:
        head = f"{p.title}: {p.status}" + (f" ({p.note})" if p.note else "")
        out.append(head)
        out.extend(f"  • {c.detail} [{c.requirement}]" for c in p.changes)
    return out


def sections(a: Assessment) -> list[Section]:
    """A section per verdict framework assessed, in registry order (any result that is a ``Verdict``)."""
    hints = not a.release.not_a_model_release
    return [verdict_section(r, hints) for r in a.results.values() if isinstance(r, Verdict)]


def guidance_of(a: Assessment) -> Guidance | None:
    """The guidance, when assessed."""
    return next((r for r in a.results.values() if isinstance(r, Guidance)), None)
