"""The project's errors: one hierarchy, mapped to exit codes here and nowhere else.

Results are data; these are for broken input and broken I/O only.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2


class OpennessError(Exception):
    """Any error openness reports to a person: one line, what is wrong, where, what to do."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(OpennessError):
    """A target that cannot be read or does not have the expected shape."""


class UsageError(OpennessError):
    """A command line that asks for something openness cannot do."""
