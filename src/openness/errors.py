"""The project's errors: one hierarchy, mapped to exit codes here and nowhere else.

Results are data; these are for broken input and broken I/O only. Every command's exit code comes from
``exit_code_of`` (the CLI's one error boundary, ``openness.cli.boundary``, calls it).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
"""Only ``--fail-under`` exits 1: a target is below the class asked for."""
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
"""A bug in openness: one line, the traceback with ``--debug``."""
EXIT_INTERRUPTED = 130
"""Stopped by the user (Ctrl-C), as a shell reports SIGINT."""
EXIT_BROKEN_PIPE = 141
"""The reader of the output went away (``| head``), as a shell reports SIGPIPE."""


class OpennessError(Exception):
    """Any error openness reports to a person: one line, what is wrong, where, what to do."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        from openness.domain.text import LONG_LIMIT, clean, redact_target

        text = f"{redact_target(self.where)}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"

        return clean(text, LONG_LIMIT)  # one line, nothing a terminal runs, no credentials


class InputError(OpennessError):
    """A target that cannot be read or does not have the expected shape."""


class UsageError(OpennessError):
    """A command line that asks for something openness cannot do."""


class InternalError(OpennessError):
    """An unexpected exception, said in one line: a bug in openness, not in the input."""

    exit_code = EXIT_INTERNAL

    @classmethod
    def of(cls, exc: BaseException) -> InternalError:
        said = single_line(str(exc), MAX_DETAIL)
        return cls(f"internal error: {type(exc).__name__}: {said} (rerun with --debug and report it)")


MAX_DETAIL = 300
"""Characters of an unexpected exception's own message kept in its one line (the rest: --debug)."""


def single_line(text: str, limit: int | None = None) -> str:
    """``text`` as one line a terminal can show: runs of whitespace (newlines too) as one space, then
    ``domain.text.clean`` (escapes, no credentials, cut at ``limit``)."""
    from openness.domain.text import SHORT_LIMIT, clean

    return clean(" ".join(text.split()), limit if limit is not None else SHORT_LIMIT)


def exit_code_of(exc: BaseException) -> int:
    """The exit code for an exception that ends a command: an OpennessError's own code, Ctrl-C 130,
    anything else 3 (internal error)."""
    if isinstance(exc, OpennessError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_INTERNAL


def one_line(exc: BaseException) -> str:
    """What a person sees for an exception that ends a command (without the ``openness: error:`` prefix)."""
    if isinstance(exc, OpennessError):
        return single_line(str(exc))
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    return str(InternalError.of(exc))
