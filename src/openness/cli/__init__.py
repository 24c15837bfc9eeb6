"""Entry point of the ``openness`` command. Kept free of imports so ``--version`` answers at once."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):  # answer without loading the CLI machinery
        from openness import __version__

        sys.stdout.write(f"openness, version {__version__}\n")
        return
    import signal

    if hasattr(signal, "SIGPIPE"):  # a reader that stops early ends openness quietly, as it does `cat`:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # not exit 1, which means 'below --fail-under'
    from openness.cli.main import cli

    cli.main(prog_name="openness")
