"""``openness registry user add|password``: the people who sign in to the registry's pages. The password
comes from a prompt (asked twice, not echoed) or from the first line of ``--password-file``; it is never
an argument (command lines are visible to other users of the machine)."""

from __future__ import annotations

from pathlib import Path

import click

from openness.cli.boundary import debug_option
from openness.cli.registry import database_option, open_database

MAX_PASSWORD_FILE = 4096
password_file_option = click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read the password from the first line of this file (else it is asked for).",
)


def _password(path: Path | None) -> str:
    from openness.errors import InputError

    if path is None:
        value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
        return value
    try:
        with path.open("rb") as f:
            data = f.read(MAX_PASSWORD_FILE + 1)
    except OSError as exc:
        raise InputError(f"cannot read the password file: {exc.strerror}", where=str(path)) from exc
    if len(data) > MAX_PASSWORD_FILE:
        raise InputError("the password file is too large", where=str(path), hint="one line: the password")
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError("the password file is not UTF-8 text", where=str(path)) from exc
    return lines[0] if lines else ""


@click.group("user")
def user() -> None:
    """People who sign in to the registry's pages (maintainers moderate)."""


@user.command("add")
@click.argument("name")
@click.option("--maintainer", is_flag=True, help="May moderate submissions and problem reports.")
@password_file_option
@database_option
@debug_option
def add_command(name: str, maintainer: bool, password_file: Path | None, database: str | None) -> None:
    """Add a user NAME who signs in with a password."""
    from openness.store import users
    from openness.store.database import sessions

    users.check_name(name)
    password = _password(password_file)
    users.check_password(password)
    engine = open_database(database)
    try:
        with sessions(engine).begin() as session:
            users.add(session, name, password, maintainer=maintainer)
    finally:
        engine.dispose()
    click.echo(f"user {name} added{' (maintainer)' if maintainer else ''}")


@user.command("password")
@click.argument("name")
@password_file_option
@database_option
@debug_option
def password_command(name: str, password_file: Path | None, database: str | None) -> None:
    """Set a new password for NAME (which signs out every session NAME had)."""
    from openness.store import users
    from openness.store.database import sessions

    password = _password(password_file)
    users.check_password(password)
    engine = open_database(database)
    try:
        with sessions(engine).begin() as session:
            users.set_password(session, name, password)
    finally:
        engine.dispose()
    click.echo(f"password of {name} changed")
