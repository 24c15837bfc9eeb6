"""``openness diff``: what changed in openness between two releases, revisions or saved results."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from openness.cli.boundary import debug_option

MAX_RESULT_FILE = 16 * 1024 * 1024
DIFF_EPILOG = """\b
Examples:
  openness diff old-model.yml new-model.yml
  openness diff hf:EleutherAI/pythia-160m@step1000..step143000
  openness diff results-2026-10.json results-2026-11.json     # saved with assess -f json
  openness diff https://github.com/org/model@v1.0 https://github.com/org/model@v2.0 -f markdown
\b
Exit codes: 0 the same or more open; 1 less open (a class, progress, verdict, component or licence
went down); 2 bad input; 3 internal error.
"""


def _saved_result(path: str) -> dict[str, Any] | None:
    """A JSON result written by ``openness assess -f json``, or None when the file is something else."""
    if not (path.lower().endswith(".json") and os.path.isfile(path)):
        return None
    from openness.errors import InputError

    if os.path.getsize(path) > MAX_RESULT_FILE:
        raise InputError(f"over {MAX_RESULT_FILE:,} bytes", where=path)
    try:
        with open(path, "rb") as fh:
            doc = json.loads(fh.read(MAX_RESULT_FILE + 1).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(doc, dict) and "schema_version" in doc and "components" in doc:
        return doc
    if isinstance(doc, dict) and "error" in doc:
        raise InputError(f"a saved result of a target that was not assessed: {doc['error']}", where=path)
    return None


def _result(target: str, mot_compatible: bool) -> dict[str, Any]:
    saved = _saved_result(target)
    if saved is not None:
        return saved
    from openness import service
    from openness.frameworks.context import Options
    from openness.reports import json_report

    return json_report.to_dict(service.assess(target, Options(mot_compatible=mot_compatible)))


def _pair(targets: tuple[str, ...]) -> tuple[str, str]:
    from openness.errors import UsageError

    if len(targets) == 2:
        return targets[0], targets[1]
    if len(targets) == 1 and ".." in targets[0] and "@" in targets[0]:
        base, revs = targets[0].rsplit("@", 1)
        old, _, new = revs.partition("..")
        if old and new:
            return f"{base}@{old}", f"{base}@{new}"
    raise UsageError("give OLD and NEW, or one target with two revisions (TARGET@REV1..REV2)")


@click.command(epilog=DIFF_EPILOG)
@click.argument("targets", nargs=-1, required=True, metavar="OLD NEW")
@debug_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("text", "markdown", "json")),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull request, json for other tools.",
)
@click.option("--mot-compatible", is_flag=True, help="Classify exactly as the Model Openness Tool does.")
def diff(targets: tuple[str, ...], fmt: str, mot_compatible: bool) -> None:
    """Show what changed in openness between OLD and NEW: MOF class and progress, every verdict, every
    component's status and licence. Each side is a target (record, folder, git URL[@REV], hf:ORG/NAME[@REV])
    or a result saved with `openness assess -f json`."""
    from openness.errors import EXIT_BELOW_THRESHOLD, EXIT_OK
    from openness.reports import diff as report

    old_target, new_target = _pair(targets)
    d = report.compare(_result(old_target, mot_compatible), _result(new_target, mot_compatible))
    render = {"text": report.to_text, "markdown": report.to_markdown, "json": report.to_json}[fmt]
    click.echo(render(d), nl=False)
    sys.exit(EXIT_BELOW_THRESHOLD if d.went_down else EXIT_OK)
