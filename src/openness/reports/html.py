"""The HTML report: one self-contained file (no external assets, works offline, printable) for one
release or a batch.

Rendered from the JSON result (``json_report.to_dict``), the same stable shape other tools read, through
one Jinja2 template with autoescaping: every string from a release is escaped; only http(s) locators
become links. A batch is written as it goes: one section per release, then a summary table of every
release (sortable and filterable with a few lines of inline script, moved to the top when the page
loads; without script it stays at the end, complete).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from openness.domain.assessment import Assessment

STATUS_CLASS = {
    "meets": "good",
    "met": "good",
    "open": "good",
    "counted": "good",
    "included": "good",
    "meets-with-caveats": "fair",
    "met-with-caveats": "fair",
    "partial": "fair",
    "referenced": "fair",
    "conditional": "fair",
    "cannot-tell": "unknown",
    "unknown": "unknown",
    "does-not-meet": "bad",
    "not-met": "bad",
    "closed": "bad",
    "absent": "bad",
    "missing": "bad",
    "unlicensed": "bad",
    "invalid": "bad",
}


def _is_link(text: object) -> bool:
    return isinstance(text, str) and text.startswith(("https://", "http://")) and " " not in text


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("openness.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tone"] = lambda s: STATUS_CLASS.get(str(s), "neutral")
    env.tests["link"] = _is_link
    env.globals["not_a_model"] = not_a_model
    return env


def not_a_model(release: dict[str, Any]) -> str | None:
    """The 'not a model release' line for a JSON result's release (reports.grid words it), or None."""
    from openness.reports.grid import kind_line

    why = (release.get("kind_evidence") or [{}])[0]
    return kind_line(str(release.get("kind") or ""), str(why.get("detail", "")), str(why.get("rule", "")))


def _anchor(index: int) -> str:
    return f"release-{index}"


def verdicts_of(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The verdict frameworks' results in a JSON result, in registry order."""
    from openness.frameworks.registry import KEYS

    return [d[k] for k in KEYS if isinstance(d.get(k), dict) and "findings" in d[k]]


def registry_section(d: dict[str, Any]) -> str:
    """The report's section for one release as a registry model page shows it (one release, explained),
    from its JSON result. It depends on the result alone, so it is rendered once, when the assessment is
    stored (``openness.store.records``), and kept with it under ``section_renderer()``."""
    return str(
        _environment()
        .get_template("release.html.j2")
        .render(d=d, anchor="release", verdicts=verdicts_of(d), batch=False, explain=True)
    )


@cache
def section_renderer() -> str:
    """What a stored section was rendered by: this version of openness and a digest of the section's
    template and its colours (a section stored by another is not shown: the page renders it again). A
    change to the code the template calls must come with a new version, as it does for assessments."""
    import hashlib

    from openness import __version__

    source = _environment().loader.get_source(_environment(), "release.html.j2")[0] + repr(STATUS_CLASS)
    return f"{__version__}+{hashlib.sha256(source.encode()).hexdigest()[:12]}"


def summary_row(d: dict[str, Any], anchor: str) -> dict[str, Any]:
    """One line of the batch table, from a JSON result: the MOF class and every framework's verdict
    (with its score where the framework gives one)."""
    mof = d.get("mof") or {}
    return {
        "anchor": anchor,
        "target": d.get("target", ""),
        "name": (d.get("release") or {}).get("name", ""),
        "mof_class": mof.get("class"),
        "mof_label": mof.get("label", "—"),
        "verdicts": {v["key"]: (v["verdict"], v.get("score")) for v in verdicts_of(d)},
        "error": d.get("error"),
    }


class Html:
    """``-f html``: a section per release as it comes, the summary table and the page's end last."""

    def __init__(self, explain: bool = False) -> None:
        self.explain = explain
        self._rows: list[dict[str, Any]] = []
        self._columns: dict[str, str] = {}
        """Verdict framework key → name, as the results bring them (the summary's columns)."""
        self._count = 0

    def begin(self, count: int) -> str:
        from openness import __version__

        self._count = count
        return str(_environment().get_template("head.html.j2").render(count=count, version=__version__))

    def assessment(self, a: Assessment) -> str:
        from openness.reports import json_report

        d = json_report.to_dict(a)
        anchor = _anchor(len(self._rows))
        self._rows.append(summary_row(d, anchor))
        verdicts = verdicts_of(d)
        for v in verdicts:
            self._columns.setdefault(v["key"], v["framework"])
        return str(
            _environment()
            .get_template("release.html.j2")
            .render(
                d=d,
                anchor=anchor,
                verdicts=verdicts,
                batch=self._count != 1,
                explain=self.explain,
            )
        )

    def failure(self, target: str, message: str) -> str:
        anchor = _anchor(len(self._rows))
        row = summary_row({"target": target, "error": message}, anchor)
        self._rows.append(row)
        return str(_environment().get_template("failure.html.j2").render(row=row))

    def end(self) -> str:
        return str(
            _environment()
            .get_template("tail.html.j2")
            .render(rows=self._rows, columns=self._columns, batch=self._count != 1)
        )
