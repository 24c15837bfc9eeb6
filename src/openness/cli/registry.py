"""``openness registry migrate|import`` and ``openness serve``: the web registry's commands. Thin: they
open the database (``openness.store``), call the importer or start uvicorn on ``openness.web``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from openness.cli.boundary import debug_option

DATABASE_HELP = (
    "sqlite:///PATH or postgresql://USER@HOST/DB (default: $OPENNESS_DATABASE, else registry.sqlite3 in "
    "$OPENNESS_DATA_DIR or $XDG_DATA_HOME/openness)."
)
database_option = click.option("--database", "database", default=None, metavar="URL", help=DATABASE_HELP)


def _needs_extra() -> None:
    from openness.errors import UsageError

    try:
        import alembic  # noqa: F401
        import fastapi  # noqa: F401
        import sqlalchemy  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"the registry needs {exc.name}", hint="pip install 'openness[registry]'") from exc


def open_database(url: str | None, *, migrate: bool = True) -> Any:
    """An engine on a reachable database, migrated to the newest schema; one clear line if it cannot be."""
    _needs_extra()
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from openness.errors import InputError
    from openness.store import database

    engine = database.make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise InputError(
            f"cannot open the database: {database._first_line(exc)}",
            where=database.shown(engine),
            hint="check --database and that the server is running",
        ) from exc
    if migrate:
        database.migrate(engine)
    return engine


@click.group("registry")
def registry() -> None:
    """The web registry's database: migrate it, import MOT YAML records into it."""


@registry.command("migrate")
@database_option
@debug_option
def migrate_command(database: str | None) -> None:
    """Create or update the registry's tables (the same migrations on SQLite and PostgreSQL)."""
    from openness.store.database import revision, shown

    engine = open_database(database)
    click.echo(f"{shown(engine)}: schema at revision {revision(engine)}")


@registry.command("import")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@database_option
@debug_option
def import_command(folder: Path, database: str | None) -> None:
    """Assess every MOT YAML record under FOLDER and store it (a record already assessed with this
    version of openness and its data is skipped)."""
    import sys

    from openness.errors import EXIT_BAD_INPUT

    if not _run_import(open_database(database), folder):
        sys.exit(EXIT_BAD_INPUT)


def _run_import(engine: Any, folder: Path) -> bool:
    """Import a folder, say what failed (a line each) and the counts; True when nothing failed."""
    from openness.store.importer import import_folder

    report = import_folder(engine, folder)
    for path, reason in report.failed:
        click.echo(f"openness: error: {reason if path in reason else f'{path}: {reason}'}", err=True)
    click.echo(
        f"{report.seen} records: {report.assessed} assessed, {report.skipped} already assessed, "
        f"{len(report.failed)} failed"
    )
    return not report.failed


@click.command("serve")
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--import",
    "import_folder",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Import the MOT YAML records under this folder first.",
)
@click.option(
    "--rate-limit-read",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help="Reads an hour per client address and per API token, in each worker (default 10000; 0: none).",
)
@click.option(
    "--rate-limit-write",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help="Writes an hour per client address and per API token, in each worker (default 300; 0: none).",
)
@click.option("--no-rate-limits", is_flag=True, help="No rate limits at all (for benchmarks).")
@click.option(
    "--max-body",
    type=click.IntRange(0),
    default=None,
    metavar="BYTES",
    help="The largest request body (default 1 MiB; 0: no bound).",
)
@debug_option
def serve(
    database: str | None,
    host: str,
    port: int,
    workers: int,
    import_folder: Path | None,
    rate_limit_read: int | None,
    rate_limit_write: int | None,
    no_rate_limits: bool,
    max_body: int | None,
) -> None:
    """Start the web registry: pages, the MOT-compatible API (/api/v1) and the full results (/api/v2).

    Logs are JSON lines on stderr (one per request, with its id, status and duration). SIGTERM or
    Ctrl-C stops it gracefully: no new connections, requests in flight finish (30 s at most)."""
    import os

    import uvicorn

    from openness import jsonlog
    from openness.store.database import DATABASE_ENV_VAR, database_url, shown
    from openness.web import operations

    given = {
        operations.READ_ENV: rate_limit_read,
        operations.WRITE_ENV: rate_limit_write,
        operations.BODY_ENV: max_body,
        operations.SWITCH_ENV: "off" if no_rate_limits else None,
    }
    os.environ.update({name: str(value) for name, value in given.items() if value is not None})
    operations.Settings.from_env()  # a bad value in the environment is one clear line, before starting
    engine = open_database(database)  # migrated once here, before any worker starts
    if import_folder is not None:
        _run_import(engine, import_folder)  # a record that fails is said, and the others are served
    click.echo(f"openness registry on http://{host}:{port}/ with {shown(engine)}", err=True)
    engine.dispose()
    os.environ[DATABASE_ENV_VAR] = database_url(database)  # each worker opens its own engine from it
    uvicorn.run(
        "openness.web.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,
        server_header=False,
        log_config=jsonlog.uvicorn_config(),
        access_log=False,  # openness.web.operations logs each request (id, status, duration) instead
        timeout_graceful_shutdown=GRACE_SECONDS,
    )


GRACE_SECONDS = 30
"""On SIGTERM, how long requests in flight may take to finish before their connections are closed."""
