"""The ``--output/-o`` option of commands that write one document, and the one way to write it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from openness.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


def output_option(f: F) -> F:
    """``--output/-o FILE``."""
    option = click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, writable=True),
        default=None,
        help="Write to this file instead of standard output.",
    )
    decorated: F = option(f)
    return decorated


def write_output(text: str, output: str | None) -> None:
    """``text`` to the file named, or to standard output; a file that cannot be written is one line."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", where=output) from exc
