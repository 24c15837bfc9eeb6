"""The one error boundary of the command line: every command's exceptions become an exit code here.

- ``OpennessError`` → one line ``openness: error: …`` and its own exit code (``errors.py``);
- Ctrl-C → ``openness: error: interrupted``, 130; a closed output pipe → quiet, 141;
- anything else → one line ``openness: error: internal error: … (rerun with --debug and report it)``
  and 3; the traceback only with ``--debug`` (accepted by every command and by ``openness`` itself).
- Click's own usage errors keep exit code 2; nothing here exits 1, which only ``--fail-under`` uses.
"""

from __future__ import annotations

import errno
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from openness.errors import (
    EXIT_BAD_INPUT,
    EXIT_BELOW_THRESHOLD,
    EXIT_BROKEN_PIPE,
    OpennessError,
    exit_code_of,
    one_line,
)

DEBUG = "openness.debug"

F = TypeVar("F", bound=Callable[..., Any])


def debugging(ctx: click.Context | None = None) -> bool:
    """True when ``--debug`` was given (to this command or to ``openness``)."""
    ctx = ctx if ctx is not None else click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(DEBUG))


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[DEBUG] = True


def debug_option(f: F) -> F:
    """``--debug``: show the traceback of an internal error."""
    option = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show tracebacks for internal errors.",
    )
    return option(f)


def report(exc: BaseException, debug: bool) -> int:
    """Say what ended the command in one line (a traceback too for a bug under ``--debug``); its exit code."""
    code = exit_code_of(exc)
    if debug and not isinstance(exc, (OpennessError, KeyboardInterrupt)):
        traceback.print_exception(exc, file=sys.stderr)
    click.echo(f"openness: error: {one_line(exc)}", err=True)
    return code


class Group(click.Group):
    """A Click group whose commands end through ``report``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, SystemExit):
            raise
        except click.ClickException as exc:
            if exc.exit_code != EXIT_BELOW_THRESHOLD:
                raise
            exc.show()  # exit 1 belongs to --fail-under alone
            ctx.exit(EXIT_BAD_INPUT)
        except (click.Abort, KeyboardInterrupt, EOFError):
            ctx.exit(report(KeyboardInterrupt(), False))
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:  # the reader went away: end quietly
                _quiet_pipes()
                ctx.exit(EXIT_BROKEN_PIPE)
            ctx.exit(report(exc, debugging(ctx)))


def _quiet_pipes() -> None:
    """After the reader went away, flushing at exit must not raise again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
