"""The ``openness`` command line: a thin shell over ``openness.service``."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from typing import Any, NoReturn

import click

from openness import __version__
from openness.errors import EXIT_BAD_INPUT, EXIT_BELOW_THRESHOLD, EXIT_OK, OpennessError

EXIT_INTERNAL = 3
CLASS_NUMBERS = {"I": 1, "II": 2, "III": 3}
FORMATS = ("table", "json", "jsonl", "markdown")

ASSESS_EPILOG = """\b
Examples:
  openness assess examples/open-science.yml
  openness assess --format jsonl records/*.yml > results.jsonl
  openness assess --mot-compatible --fail-under III model.yml
  openness assess path/to/release --explain
  openness assess https://github.com/org/repo@v1.0 --max-seconds 30

\b
Exit codes: 0 assessed; 1 a target is below --fail-under; 2 bad input or usage
(the other targets are still assessed); 3 internal error (rerun with --debug).
"""


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"openness: error: {message}", err=True)
    sys.exit(code)


def _meets(mof_class: int, threshold: int) -> bool:
    return mof_class != 0 and mof_class <= threshold


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="openness")
def cli() -> None:
    """Is this AI model release really open, and what would make it more open?

    openness reads the evidence of a model release, classifies it under the Model Openness
    Framework (MOF) v1.0, cites the file, field or URL each verdict rests on, and says what to
    release or relicense to reach the next class.

    Start with:  openness assess examples/open-science.yml
    """


def _results(targets: tuple[str, ...], options: Any, debug: bool,
             collect_options: Any = None) -> Iterator[Any]:
    from openness import service

    for target in targets:
        try:
            yield service.assess(target, options, collect_options)
        except OpennessError as exc:
            yield service.Failure(target, exc)
        except Exception as exc:  # a bug: say so in one line, keep going with the batch
            if debug:
                traceback.print_exc()
            yield service.Failure(target, OpennessError(
                f"internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)"))


@cli.command(epilog=ASSESS_EPILOG)
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: table on a terminal, json otherwise.")
@click.option("--mot-compatible", is_flag=True,
              help="Reproduce the Model Openness Tool exactly: licence ids matched literally, its licence "
                   "table. Default: licence strings are normalised first, each change noted.")
@click.option("--fail-under", type=click.Choice(tuple(CLASS_NUMBERS)), default=None,
              help="Exit 1 when any target is below this MOF class (I is the highest).")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.option("--explain", is_flag=True,
              help="List every file or link that supports each component (default: the best few).")
@click.option("--max-files", type=click.IntRange(min=1), default=None,
              help="Scan budget: directory entries to look at (default 200000).")
@click.option("--max-bytes", type=click.IntRange(min=0), default=None,
              help="Scan budget: bytes to read from files, all together (default 64 MiB).")
@click.option("--max-seconds", type=click.FloatRange(min=0), default=None,
              help="Scan budget: seconds for scanning the files (default 60; a git clone has its own "
                   "10-minute timeout).")
def assess(targets: tuple[str, ...], fmt: str | None, mot_compatible: bool, fail_under: str | None,
           debug: bool, explain: bool, max_files: int | None, max_bytes: int | None,
           max_seconds: float | None) -> None:
    """Assess one or more releases. TARGET is a MOT YAML record (*.yml), a folder, or a git
    repository URL[@REV] (https://, file://, or a path ending .git).

    When a scan budget runs out, what was not looked at is reported as unknown, never as absent."""
    from openness.frameworks.registry import Options
    from openness.service import Failure
    from openness.sources.options import CollectOptions

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    options = Options(mot_compatible=mot_compatible)
    budgets = {k: v for k, v in (("max_files", max_files), ("max_bytes", max_bytes),
                                 ("max_seconds", max_seconds)) if v is not None}
    collect_options = CollectOptions(explain=explain, **budgets)  # type: ignore[arg-type]
    threshold = CLASS_NUMBERS[fail_under] if fail_under else None
    had_error = below = False
    collected: list[dict[str, Any]] = []
    console = None
    if fmt == "table":
        from rich.console import Console

        console = Console()
    from openness.reports import json_report, markdown, table

    for result in _results(targets, options, debug, collect_options):
        if isinstance(result, Failure):
            had_error = True
            click.echo(f"openness: error: {result.error}", err=True)
            if fmt in ("json", "jsonl"):
                obj = json_report.error_to_dict(result.target, str(result.error))
                if fmt == "jsonl":
                    click.echo(json_report.dumps(obj, indent=None))
                else:
                    collected.append(obj)
            elif fmt == "markdown":
                click.echo(markdown.render_error(result.target, str(result.error)))
            continue
        mof = result.results.get("mof")
        if threshold is not None and mof is not None and not _meets(mof.mof_class, threshold):
            below = True
        if fmt == "jsonl":
            click.echo(json_report.dumps(json_report.to_dict(result), indent=None))
        elif fmt == "json":
            collected.append(json_report.to_dict(result))
        elif fmt == "markdown":
            click.echo(markdown.render(result))
        else:
            table.render(result, console)
            from openness.reports import evidence as evidence_report

            evidence_report.render(result, console, explain)
    if fmt == "json":
        click.echo(json_report.dumps(collected[0] if len(collected) == 1 else collected))
    if had_error:
        sys.exit(EXIT_BAD_INPUT)
    if below:
        click.echo(f"openness: a target is below Class {fail_under}", err=True)
        sys.exit(EXIT_BELOW_THRESHOLD)
    sys.exit(EXIT_OK)


@cli.command()
@click.argument("target")
@click.option("--format", "-f", "fmt", type=click.Choice(("mot-yaml", "json")), default="mot-yaml",
              show_default=True, help="mot-yaml: a record to submit to the Model Openness Tool; "
                                      "json: the release as openness read it.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def export(target: str, fmt: str, output: str | None) -> None:
    """Write the release a target describes in another format."""
    from openness.sources.registry import collect

    try:
        release = collect(target)
    except OpennessError as exc:
        _fail(str(exc))
    if fmt == "mot-yaml":
        from openness.reports import mot_yaml

        text = mot_yaml.render(release)
    else:
        from openness.domain.serialize import release_to_dict
        from openness.reports.json_report import dumps

        text = dumps(release_to_dict(release)) + "\n"
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            _fail(f"{output}: cannot write: {exc.strerror}")
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("subject", required=False, default="components", metavar="[COMPONENT|CLASS]")
def explain(subject: str) -> None:
    """Say what a MOF component or class requires.

    SUBJECT is a component name ("Model card"), a class (I, II, III, or "Class II"), or
    "components" / "classes" for the whole list.
    """
    from openness.reports import explain as explainer

    try:
        click.echo(explainer.explain(subject))
    except OpennessError as exc:
        _fail(str(exc))
