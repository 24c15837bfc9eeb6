"""``openness assess`` over a batch: assess targets (at most ``jobs`` at once), write each result as it
comes through the renderer of the chosen format, and return what the exit code needs.

Exactly one row per target: a target that fails, or whose result cannot be rendered or encoded,
becomes an error row of its own and the batch goes on.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import click

from openness.errors import EXIT_OK, InternalError, OpennessError, single_line


@dataclass(frozen=True, slots=True)
class Outcome:
    worst: int
    """The highest exit code of the failed targets (0 when none failed)."""
    below: bool
    """A target is below the ``--fail-under`` class."""


def _results(
    targets: tuple[str, ...], options: Any, debug: bool, collect_options: Any = None, jobs: int = 1
) -> Iterator[Any]:
    from openness import service

    def guard(target: str, exc: Exception) -> Any:  # a bug: say so in one line, keep going with the batch
        if debug:
            traceback.print_exception(exc, file=sys.stderr)
        return service.internal_failure(target, exc)

    progress = None
    if len(targets) > 1 and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
    if progress is None:
        yield from service.assess_concurrently(targets, options, collect_options, jobs, guard=guard)
        return
    with progress:
        task = progress.add_task("assessing", total=len(targets))
        yield from service.assess_concurrently(
            targets, options, collect_options, jobs, on_done=lambda: progress.advance(task), guard=guard
        )


def _encodable(text: str) -> str:
    """Text that can be written as UTF-8: characters that cannot (lone surrogates) escaped visibly."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _meets(mof_class: int, threshold: int) -> bool:
    return mof_class != 0 and mof_class <= threshold


def run(
    targets: tuple[str, ...],
    options: Any,
    collect_options: Any,
    jobs: int,
    fmt: str,
    explain: bool,
    threshold: int | None,
    debug: bool,
) -> Outcome:
    """Assess and write every target; the renderer's text goes to standard output as it comes."""
    from openness.reports.formats import RENDERERS
    from openness.service import Failure

    renderer = RENDERERS[fmt](explain)
    colour = True if fmt == "table" else None  # Rich chose the colours for the terminal: keep them

    def write(text: str) -> None:
        if text:
            click.echo(text, nl=False, color=colour)

    def fail(target: str, error: OpennessError) -> int:
        click.echo(f"openness: error: {single_line(str(error))}", err=True)
        write(_encodable(renderer.failure(target, str(error))))
        return error.exit_code

    worst, below = EXIT_OK, False
    write(renderer.begin(len(targets)))
    for result in _results(targets, options, debug, collect_options, jobs):
        if isinstance(result, Failure):
            worst = max(worst, fail(result.target, result.error))
            continue
        try:
            text = renderer.assessment(result)
            text.encode("utf-8")
        except Exception as exc:  # a result that cannot be rendered is one error row, not a lost batch
            if debug:
                traceback.print_exception(exc, file=sys.stderr)
            worst = max(worst, fail(result.target, InternalError.of(exc)))
            continue
        mof = result.results.get("mof")
        if threshold is not None and mof is not None and not _meets(mof.mof_class, threshold):
            below = True
        write(text)
    write(renderer.end())
    return Outcome(worst, below)
