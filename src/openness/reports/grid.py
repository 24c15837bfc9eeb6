"""The component × class grid shared by the terminal and Markdown reports."""

from __future__ import annotations

from dataclasses import dataclass

from openness.domain.components import TECHNICAL_REPORT
from openness.domain.release import Release
from openness.domain.text import clean
from openness.frameworks.mof.result import ROMAN, ComponentFinding, MofResult, Status, Step

SHOWN_LIMIT = 1_000
"""Characters of one field a person is shown (terminal, Markdown); the JSON report keeps the field whole.
Rich wraps an unbroken word in time quadratic in its length, so this also keeps rendering linear."""


def shown(text: str) -> str:
    """Text as a person is shown it: escaped (no control characters reach a terminal), without
    credentials, and cut to ``SHOWN_LIMIT`` characters with a visible marker. Line breaks are kept
    (release fields that must be one line are made so when the release is built)."""
    return clean(text, SHOWN_LIMIT, multiline=True)


MARKS = {"yes": "✔", "conditional": "✔*", "no": "✘", "unknown": "?", "n/a": "·"}


@dataclass(frozen=True, slots=True)
class Row:
    component: str
    content_type: str
    presence: str
    licence: str
    status: str
    marks: tuple[str, str, str]
    """Marks for Class III, II and I."""


def _mark(f: ComponentFinding, klass: int, paper_for_report: bool) -> str:
    if not f.required or f.mof_class < klass:
        return MARKS["n/a"]
    if f.status is Status.COUNTED or (paper_for_report and f.name == TECHNICAL_REPORT):
        return MARKS["conditional"] if f.conditional else MARKS["yes"]
    if f.status is Status.UNKNOWN:
        return MARKS["unknown"]
    return MARKS["no"]


def rows(r: MofResult) -> list[Row]:
    out = []
    p4r = r.paper_for_report
    for f in r.components:
        licence = f.licence or (f"'{f.licence_as_written}'" if f.licence_as_written else "—")
        if f.licence_source.startswith("release:"):
            licence += f" ↑{f.licence_source.split(':')[1]}"
        status = f.status.value
        if r.paper_for_report and f.name == TECHNICAL_REPORT:
            status += " (paper stands in)"
        out.append(
            Row(
                f.name,
                f.content_type,
                f.presence,
                licence,
                status,
                (_mark(f, 3, p4r), _mark(f, 2, p4r), _mark(f, 1, p4r)),
            )
        )
    return out


def next_class(r: MofResult) -> int | None:
    """The class just above the one awarded (None at Class I)."""
    return {0: 3, 3: 2, 2: 1}.get(r.mof_class)


def next_steps(r: MofResult) -> tuple[int | None, tuple[Step, ...]]:
    klass = next_class(r)
    return klass, (r.steps_for(klass) if klass else ())


def headline(r: MofResult) -> str:
    p = r.progress
    return (
        f"{r.label} — progress: Class III {p[2]:.0f}%, Class II {p[1]:.0f}%, Class I {p[0]:.0f}%"
        f" ({r.mode.value} mode)"
    )


def class_name(klass: int) -> str:
    return f"Class {ROMAN[klass]}"


_KIND_WORDS = {
    "library": "a software library or tool",
    "benchmark": "a benchmark or evaluation harness",
    "licence-texts": "a repository of licence texts",
}


def not_a_model_release(release: Release) -> str | None:
    """One line saying the source is not a model release and why, or None for a model release."""
    if not release.not_a_model_release:
        return None
    why = release.kind_evidence[0] if release.kind_evidence else None
    return kind_line(release.kind, why.detail if why else "", why.rule if why else "")


def kind_line(kind: str, detail: str, rule: str) -> str | None:
    """The same line from the release's ``kind`` and its first evidence (as a JSON result holds them)."""
    if not kind or kind == "model":
        return None
    what = _KIND_WORDS.get(kind, kind)
    because = f" ({detail}; rule {rule})" if rule else ""
    return f"Not a model release: this is {what}{because}; below is what was found, with no to-do list"
