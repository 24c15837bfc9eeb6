"""The ``openness`` command line: a thin shell over ``openness.service``."""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import NoReturn

import click

from openness import __version__
from openness.cli.boundary import Group, debug_option, debugging
from openness.cli.output import output_option, write_output
from openness.errors import EXIT_BAD_INPUT, EXIT_BELOW_THRESHOLD, EXIT_OK, UsageError
from openness.frameworks.bar import CLASS_NUMBERS
from openness.frameworks.registry import KEYS as FRAMEWORK_KEYS
from openness.reports.formats import FORMATS

ASSESS_EPILOG = """\b
Examples:
  openness assess examples/open-science.yml
  openness assess --format jsonl records/*.yml > results.jsonl
  openness assess --mot-compatible --fail-under III model.yml
  openness assess --fail-under III --require osaid=meets records/*.yml
  openness assess hf:EleutherAI/pythia-160m
  openness assess hf:EleutherAI/pythia-160m --follow-code
  openness assess -f jsonl --from-file ids.txt > results.jsonl
  openness assess path/to/release --explain
  openness assess https://github.com/org/repo@v1.0 --max-seconds 30

\b
Exit codes: 0 assessed; 1 a target is below --fail-under; 2 bad input or usage
(the other targets are still assessed); 3 internal error (rerun with --debug).
"""


def _fail(message: str) -> NoReturn:
    """End the command with a one-line bad-input error (exit 2, through the error boundary)."""
    raise UsageError(message)


def _declarations(pairs: tuple[str, ...]) -> dict[str, str]:
    from openness.frameworks.declarations import parse_pair

    out: dict[str, str] = {}
    for pair in pairs:
        key, value = parse_pair(pair)
        out[key] = value
    return out


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="openness")
@debug_option
def cli() -> None:
    """Is this AI model release really open, and what would make it more open?

    openness reads the evidence of a model release, classifies it under the Model Openness
    Framework (MOF) v1.0, cites the file, field or URL each verdict rests on, and says what to
    release or relicense to reach the next class.

    Start with:  openness assess examples/open-science.yml
    """


MAX_TARGETS_FILE = 16 * 1024 * 1024


def _read_targets(path: str) -> list[str]:
    """One target a line; blank lines and # comments skipped. Bounded; UTF-8."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file")
        with open(path, "rb") as fh:
            data = fh.read(MAX_TARGETS_FILE + 1)
    except OSError as exc:
        _fail(f"{path}: cannot read: {exc.strerror}")
    except ValueError:  # a NUL in the name: no file can have it
        _fail(f"{path!r}: not a file name (it holds a NUL character)")
    if len(data) > MAX_TARGETS_FILE:
        _fail(f"{path}: over {MAX_TARGETS_FILE:,} bytes; split the list of targets")
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        _fail(f"{path}: not UTF-8 text (byte offset {exc.start}); save the list of targets as UTF-8")
    return [t for t in (ln.split("#", 1)[0].strip() for ln in lines) if t]


@cli.command(epilog=ASSESS_EPILOG)
@click.argument("targets", nargs=-1, required=False, metavar="TARGET...")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format. Default: table on a terminal, json otherwise.",
)
@click.option(
    "--mot-compatible",
    is_flag=True,
    help="Reproduce the Model Openness Tool exactly: licence ids matched literally, its licence "
    "table. Default: licence strings are normalised first, each change noted.",
)
@click.option(
    "--fail-under",
    type=click.Choice(tuple(CLASS_NUMBERS)),
    default=None,
    help="Exit 1 when any target is below this MOF class (I is the highest); every such target is named.",
)
@click.option(
    "--require",
    "requires",
    multiple=True,
    metavar="KEY=VERDICT",
    help="Exit 1 when a target's verdict is worse than this, e.g. osaid=meets, eu_ai_act=meets-with-caveats, "
    "osai_index=partial (repeatable).",
)
@click.option(
    "--framework",
    "frameworks",
    multiple=True,
    type=click.Choice(FRAMEWORK_KEYS),
    help="Apply only this framework (repeatable). Default: all.",
)
@click.option(
    "--declare",
    "declares",
    multiple=True,
    metavar="KEY=VALUE",
    help="A fact only you know, for the EU AI Act and index verdicts (repeatable), e.g. "
    "monetised=no, systemic-risk=no, training-flop=3e23, parameters=7e9, "
    "training-tokens=2e12.",
)
@debug_option
@click.option(
    "--from-file",
    "from_file",
    default=None,
    metavar="FILE",  # checked when read (a regular file, bounded, UTF-8): a bad name is one line
    help="Read more targets from FILE, one a line (# starts a comment).",
)
@click.option("--token", default=None, help="Hugging Face token. Default: HF_TOKEN or the login cache.")
@click.option(
    "--endpoint", default=None, help="Hugging Face Hub URL. Default: HF_ENDPOINT or huggingface.co."
)
@click.option("--refresh", is_flag=True, help="Re-read the Hub instead of the openness cache.")
@click.option("--offline", is_flag=True, help="Use only the openness cache; say what is missing.")
@click.option(
    "--follow-code/--no-follow",
    default=True,
    help="For a Hugging Face model, read the code repositories its card links (at most 2, cached by "
    "commit) and merge what they show. Default: on; --no-follow leaves them unread (unknown).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 32),
    default=8,
    show_default=True,
    help="Targets assessed at once (each makes its requests one after another).",
)
@click.option(
    "--detail",
    "--explain",
    "-v",
    "explain",
    is_flag=True,
    help="Show every requirement and all evidence: every file or link that supports each component "
    "(default: a one-screen summary on a terminal, the best few pieces of evidence elsewhere).",
)
@click.option(
    "--max-files",
    type=click.IntRange(min=1),
    default=None,
    help="Scan budget: directory entries to look at (default 200000).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=None,
    help="Scan budget: bytes to read from files, all together (default 64 MiB).",
)
@click.option(
    "--max-seconds",
    type=click.FloatRange(min=0),
    default=None,
    help="Scan budget: seconds for scanning the files (default 60; a git clone has its own "
    "10-minute timeout).",
)
def assess(
    targets: tuple[str, ...],
    fmt: str | None,
    mot_compatible: bool,
    fail_under: str | None,
    requires: tuple[str, ...],
    frameworks: tuple[str, ...],
    declares: tuple[str, ...],
    from_file: str | None,
    token: str | None,
    endpoint: str | None,
    refresh: bool,
    offline: bool,
    follow_code: bool,
    jobs: int,
    explain: bool,
    max_files: int | None,
    max_bytes: int | None,
    max_seconds: float | None,
) -> None:
    """Assess one or more releases.

    TARGET is a MOT YAML record (*.yml), a folder, a git repository URL[@REV] (https://, file://, or a
    path ending .git), or a Hugging Face model (hf:ORG/NAME[@REVISION] or
    https://huggingface.co/ORG/NAME[/tree/REVISION]).

    When a scan budget runs out or a request fails, what was not looked at is reported as unknown,
    never as absent."""
    from openness.frameworks.registry import Options
    from openness.sources.options import CollectOptions

    if from_file:
        targets = targets + tuple(_read_targets(from_file))
    if not targets and from_file:
        _fail(f"{from_file}: no target in the file (one a line; # starts a comment)")
    if not targets:
        _fail("no target given (name one, or use --from-file)")
    if refresh and offline:
        _fail("--refresh and --offline contradict each other: choose one")
    if fail_under and frameworks and "mof" not in frameworks:
        _fail("--fail-under needs the MOF class: add --framework mof, or drop --framework")
    defaults = CollectOptions()
    collect_options = CollectOptions(
        max_files=max_files if max_files is not None else defaults.max_files,
        max_bytes=max_bytes if max_bytes is not None else defaults.max_bytes,
        max_seconds=max_seconds if max_seconds is not None else defaults.max_seconds,
        explain=explain,
        token=token,
        endpoint=endpoint,
        refresh=refresh,
        offline=offline,
        follow_code=follow_code,
    )

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    options = Options(
        mot_compatible=mot_compatible, frameworks=frameworks, declarations=_declarations(declares)
    )
    from openness.cli import batch
    from openness.frameworks.bar import parse as parse_bar

    bar = parse_bar(fail_under, requires, FRAMEWORK_KEYS)
    chosen = frameworks or FRAMEWORK_KEYS
    missing = [k for k in bar.verdicts if k not in chosen]
    if missing:
        need = missing[0]
        _fail(f"--require {need}=… needs that framework: add --framework {need}, or drop --framework")
    outcome = batch.run(targets, options, collect_options, jobs, fmt, explain, bar, debugging())
    for target, why in outcome.below:  # every target below the bar, named, with why
        click.echo(f"openness: below the bar: {target}: {'; '.join(why)}", err=True)
    if outcome.worst != EXIT_OK:
        sys.exit(outcome.worst)
    sys.exit(EXIT_BELOW_THRESHOLD if outcome.below else EXIT_OK)


@cli.command()
@click.argument("target")
@debug_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("mot-yaml", "json")),
    default="mot-yaml",
    show_default=True,
    help="mot-yaml: a record to submit to the Model Openness Tool; json: the release as openness read it.",
)
@output_option
def export(target: str, fmt: str, output: str | None) -> None:
    """Write the release a target describes in another format."""
    from openness.sources.registry import collect

    release = collect(target)
    if fmt == "mot-yaml":
        from openness.reports import mot_yaml

        text = mot_yaml.render(release)
    else:
        from openness.domain.serialize import release_to_dict
        from openness.reports.json_report import dumps

        text = dumps(release_to_dict(release)) + "\n"
    write_output(text, output)


EXPLAIN_EPILOG = """\b
Examples:
  openness explain "Model card"
  openness explain II
  openness explain classes
"""


@cli.command(epilog=EXPLAIN_EPILOG)
@click.argument("subject", required=False, default="components", metavar="[COMPONENT|CLASS]")
@debug_option
def explain(subject: str) -> None:
    """Say what a MOF component or class requires.

    COMPONENT is a component name ("Model card"); CLASS is I, II, III or "Class II". "components" or
    "classes" lists them all (default: components).
    """
    from openness.reports import explain as explainer

    click.echo(explainer.explain(subject))


LICENCE_EPILOG = """\b
Examples:
  openness licence "Apache 2.0" llama3.1 "CC BY-NC 4.0" "MIT OR GPL-3.0-only"
  openness licence --file LICENSE --file model/LICENSE --format json
  openness licence --sources

\b
Exit codes: 0 identified (an unknown licence is a result, not an error); 2 a file could not be read
or a STRING is malformed (control characters, unbalanced parentheses, an operator with no operand).
"""


@cli.command(epilog=LICENCE_EPILOG)
@click.argument("strings", nargs=-1, metavar="[STRING]...")
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Identify the licence in this file's text (LICENSE, model card, header). Repeatable.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("table", "json")),
    default=None,
    help="Output format. Default: table on a terminal, json otherwise.",
)
@click.option("--sources", is_flag=True, help="Show where the licence data and reference texts come from.")
@debug_option
def licence(strings: tuple[str, ...], files: tuple[str, ...], fmt: str | None, sources: bool) -> None:
    """Say what a licence is and whether it is open: a name, id, Hugging Face tag or expression
    (STRING), or the text of a file (--file)."""
    from openness.licences import identification
    from openness.licences.reader import MAX_BYTES as MAX_LICENCE_FILE
    from openness.licences.reader import read_licence_file
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
    from openness.licences.normalise import normalise, shown

    results = []
    had_error = False
    for string in strings:
        problem = normalise(string).problem
        if problem:  # not a licence string at all: say why in one line, go on with the others
            had_error = True
            click.echo(
                f"openness: error: licence {shown(string)}: {problem} (write an SPDX id or expression, "
                "e.g. 'MIT AND (Apache-2.0 OR BSD-3-Clause)')",
                err=True,
            )
            continue
        results.append(identification.identify(string))
    for path in files:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device would block or never end
                raise IsADirectoryError(errno.EISDIR, "not a regular file")
            with open(path, "rb") as fh:
                data = fh.read(MAX_LICENCE_FILE + 1)
        except OSError as exc:
            had_error = True
            click.echo(f"openness: error: {path}: cannot read: {exc.strerror}", err=True)
            continue
        # the reader the scans use: a file over its bound is unknown, never a guess from its start
        results.append(read_licence_file(data, path))
    if fmt == "json":
        objs = [report.to_dict(r) for r in results]
        if objs:
            click.echo(dumps(objs[0] if len(objs) == 1 else objs))
    else:
        report.render(results, console)
    sys.exit(EXIT_BAD_INPUT if had_error else EXIT_OK)


def _more_commands() -> None:
    from openness.cli.badge import badge
    from openness.cli.diff import diff
    from openness.cli.registry import registry, serve

    cli.add_command(badge)
    cli.add_command(diff)
    cli.add_command(registry)
    cli.add_command(serve)


_more_commands()
