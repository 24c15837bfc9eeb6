"""``openness badge``: a README badge for one release."""

from __future__ import annotations

import click

from openness.cli.boundary import debug_option
from openness.cli.output import output_option, write_output

BADGE_EPILOG = """\b
Examples:
  openness badge examples/open-science.yml -o mof.svg
  openness badge hf:EleutherAI/pythia-160m --for osaid -o osaid.svg
  openness badge model.yml --format shields > badge.json   # for a shields.io endpoint badge
\b
In a README:  ![MOF class](mof.svg)
"""


def _subjects() -> tuple[str, ...]:
    from openness.reports.badges import subjects

    return subjects()


@click.command(epilog=BADGE_EPILOG)
@click.argument("target")
@debug_option
@click.option(
    "--for",
    "subject",
    type=click.Choice(_subjects()),
    default="mof",
    show_default=True,
    help="mof: the MOF class; any other framework key: its verdict.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("svg", "shields")),
    default="svg",
    show_default=True,
    help="svg: a badge image; shields: the JSON a shields.io endpoint badge reads.",
)
@click.option("--mot-compatible", is_flag=True, help="Classify exactly as the Model Openness Tool does.")
@output_option
def badge(target: str, subject: str, fmt: str, mot_compatible: bool, output: str | None) -> None:
    """Make a README badge (SVG, or shields.io endpoint JSON) for the release a TARGET describes."""
    from openness import service
    from openness.frameworks.context import Options
    from openness.reports import badges

    a = service.assess(target, Options(mot_compatible=mot_compatible, frameworks=(subject,)))
    b = badges.badge_for(a, subject)
    write_output(badges.svg(b) if fmt == "svg" else badges.endpoint_json(b), output)
