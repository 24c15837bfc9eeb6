"""The output formats of ``openness assess``: one ``Renderer`` per format, chosen from ``RENDERERS``.

A renderer is pure: assessments (and failures) in, text out, in the order they come, so a batch is
written as it goes and never held in memory. ``begin(count)`` is called once before the first result
with the number of targets, ``end()`` once after the last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from openness.domain.assessment import Assessment


class Renderer(Protocol):
    def begin(self, count: int) -> str:
        """Text before the first result of ``count``."""
        ...

    def assessment(self, a: Assessment) -> str:
        """Text for one assessed target."""
        ...

    def failure(self, target: str, message: str) -> str:
        """Text for a target that could not be assessed (the one-line error goes to stderr too)."""
        ...

    def end(self) -> str:
        """Text after the last result."""
        ...


class JsonLines:
    """One JSON object a line (``-f jsonl``)."""

    def begin(self, count: int) -> str:
        return ""

    def assessment(self, a: Assessment) -> str:
        from openness.reports import json_report

        return json_report.dumps(json_report.to_dict(a), indent=None) + "\n"

    def failure(self, target: str, message: str) -> str:
        from openness.reports import json_report

        return json_report.dumps(json_report.error_to_dict(target, message), indent=None) + "\n"

    def end(self) -> str:
        return ""


class Json:
    """One JSON object for one target; for several, a JSON array streamed element by element, the same
    bytes as ``json.dumps(list, indent=2)`` (``-f json``)."""

    def __init__(self) -> None:
        self._array = False
        self._written = 0

    def begin(self, count: int) -> str:
        self._array = count != 1
        return "[" if self._array else ""

    def _element(self, obj: dict[str, Any]) -> str:
        from openness.reports import json_report

        text = json_report.dumps(obj)
        if not self._array:
            return text + "\n"
        sep = "\n" if self._written == 0 else ",\n"
        self._written += 1
        return sep + "  " + text.replace("\n", "\n  ")

    def assessment(self, a: Assessment) -> str:
        from openness.reports import json_report

        return self._element(json_report.to_dict(a))

    def failure(self, target: str, message: str) -> str:
        from openness.reports import json_report

        return self._element(json_report.error_to_dict(target, message))

    def end(self) -> str:
        if not self._array:
            return ""
        return "\n]\n" if self._written else "]\n"


@dataclass
class Markdown:
    """``-f markdown``: for one target, its summary and details as they come; for several, one summary
    table and the least open releases in detail within a pull-request comment's limit — which needs every
    result first, so a Markdown batch is written at the end."""

    explain: bool = False
    _count: int = 0
    _rows: list[tuple[str, Assessment | str]] = field(default_factory=list)

    def begin(self, count: int) -> str:
        self._count = count
        return ""

    def assessment(self, a: Assessment) -> str:
        from openness.reports import markdown

        if self._count == 1:
            return markdown.render(a, self.explain)
        self._rows.append((a.target, a))
        return ""

    def failure(self, target: str, message: str) -> str:
        from openness.reports import markdown

        if self._count == 1:
            return markdown.render_error(target, message) + "\n"
        self._rows.append((target, message))
        return ""

    def end(self) -> str:
        from openness.reports import markdown

        return markdown.batch(self._rows, self.explain) if self._rows else ""


class Table:
    """The terminal report (``-f table``): the component grid, verdicts and evidence, rendered by Rich
    for the terminal the output goes to (its width and colours) and returned as text."""

    def __init__(self, explain: bool = False, console: Any = None) -> None:
        if console is None:
            from rich.console import Console

            console = Console()
        self.console = console
        self.explain = explain

    def begin(self, count: int) -> str:
        return ""

    def assessment(self, a: Assessment) -> str:
        from openness.reports import evidence, summary, table

        with self.console.capture() as capture:
            if self.explain:  # --detail: every requirement and all evidence
                table.render(a, self.console)
                evidence.render(a, self.console, self.explain)
            else:
                for block in summary.render(a, table.escape):
                    self.console.print(block)
                self.console.print()
        text: str = capture.get()
        return text

    def failure(self, target: str, message: str) -> str:
        return ""

    def end(self) -> str:
        return ""


class Document(Json):
    """A document per target in another standard (``-f cyclonedx``, ``-f spdx``): the document itself for
    one target; for several, a JSON array of documents, streamed like ``-f json``."""

    def __init__(self, render: Callable[[Assessment], str]) -> None:
        super().__init__()
        self.render = render

    def assessment(self, a: Assessment) -> str:
        import json

        text = self.render(a)
        return text if not self._array else self._element(json.loads(text))


def _cyclonedx(explain: bool) -> Renderer:
    from openness.reports import cyclonedx

    return Document(cyclonedx.render)


def _spdx(explain: bool) -> Renderer:
    from openness.reports import spdx3

    return Document(spdx3.render)


def _html(explain: bool) -> Renderer:
    from openness.reports.html import Html

    return Html(explain)


RENDERERS: dict[str, Callable[[bool], Renderer]] = {
    "table": lambda explain: Table(explain),
    "json": lambda explain: Json(),
    "jsonl": lambda explain: JsonLines(),
    "markdown": lambda explain: Markdown(explain),
    "html": _html,
    "cyclonedx": _cyclonedx,
    "spdx": _spdx,
}
"""Format name → a new renderer for one run (``explain``: every piece of evidence, not the best few)."""

FORMATS: tuple[str, ...] = tuple(RENDERERS)
