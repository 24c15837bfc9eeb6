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


def _results(targets: tuple[str, ...], options: Any, debug: bool) -> Iterator[Any]:
    from openness import service

    for target in targets:
        try:
            yield service.assess(target, options)
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
def assess(targets: tuple[str, ...], fmt: str | None, mot_compatible: bool, fail_under: str | None,
           debug: bool) -> None:
    """Assess one or more releases. TARGET is, for now, a MOT YAML record (*.yml)."""
    from openness.frameworks.registry import Options
    from openness.service import Failure

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    options = Options(mot_compatible=mot_compatible)
    threshold = CLASS_NUMBERS[fail_under] if fail_under else None
    had_error = below = False
    collected: list[dict[str, Any]] = []
    console = None
    if fmt == "table":
        from rich.console import Console

        console = Console()
    from openness.reports import json_report, markdown, table

    for result in _results(targets, options, debug):
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


LICENCE_EPILOG = """\b
Examples:
  openness licence "Apache 2.0" llama3.1 "CC BY-NC 4.0" "MIT OR GPL-3.0-only"
  openness licence --file LICENSE --file model/LICENSE --format json
  openness licence --sources

\b
Exit codes: 0 identified (an unknown licence is a result, not an error); 2 a file could not be read.
"""
MAX_LICENCE_FILE = 2 * 2**20


@cli.command(epilog=LICENCE_EPILOG)
@click.argument("strings", nargs=-1, metavar="[STRING]...")
@click.option("--file", "files", multiple=True, type=click.Path(dir_okay=False),
              help="Identify the licence in this file's text (LICENSE, model card, header). Repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "json")), default=None,
              help="Output format. Default: table on a terminal, json otherwise.")
@click.option("--sources", is_flag=True, help="Show where the licence data and reference texts come from.")
def licence(strings: tuple[str, ...], files: tuple[str, ...], fmt: str | None, sources: bool) -> None:
    """Say what a licence is and whether it is open: a name, id, Hugging Face tag or expression
    (STRING), or the text of a file (--file)."""
    from openness.licences import identification
    from openness.reports import licence as report
    from openness.reports.json_report import dumps

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    console = None
    if fmt == "table":
        from rich.console import Console

        console = Console()
    if sources:
        from openness.licences.data import sources as data_sources

        rows = data_sources()
        if fmt == "json":
            click.echo(dumps(rows))
        else:
            report.render_sources(rows, console)
        if not strings and not files:
            sys.exit(EXIT_OK)
    if not strings and not files:
        _fail("give a licence STRING or --file PATH (see openness licence --help)")
    results = [identification.identify(s) for s in strings]
    had_error = False
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_LICENCE_FILE + 1)
        except OSError as exc:
            had_error = True
            click.echo(f"openness: error: {path}: cannot read: {exc.strerror}", err=True)
            continue
        ident = identification.identify_text(data[:MAX_LICENCE_FILE].decode("utf-8", errors="replace"), path)
        if len(data) > MAX_LICENCE_FILE:
            from dataclasses import replace

            ident = replace(ident, notes=(*ident.notes, f"only the first {MAX_LICENCE_FILE} bytes were read"))
        results.append(ident)
    if fmt == "json":
        objs = [report.to_dict(r) for r in results]
        if objs:
            click.echo(dumps(objs[0] if len(objs) == 1 else objs))
    else:
        report.render(results, console)
    sys.exit(EXIT_BAD_INPUT if had_error else EXIT_OK)
