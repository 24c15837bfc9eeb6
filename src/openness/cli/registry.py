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
    """Create or update the registry's tables (the same migrations on SQLite and PostgreSQL), and render
    again the model pages' report sections, and compare again the changes between assessments, that
    another version of openness stored."""
    from sqlalchemy.orm import Session

    from openness.store import changes, sections
    from openness.store.database import revision, shown
    from openness.web import fragments

    engine = open_database(database)
    try:
        with engine.begin() as connection:
            rendered = sections.refresh(connection)
            compared = changes.refresh(connection)
            with Session(bind=connection) as session:
                pages = fragments.refresh(session)
        click.echo(f"{shown(engine)}: schema at revision {revision(engine)}")
    finally:
        engine.dispose()
    if rendered:
        click.echo(f"{rendered} report sections rendered again (stored by another version of openness)")
    if pages:
        click.echo(f"{pages} model pages' parts rendered again (stored by another version, or out of date)")
    if compared:
        click.echo(f"{compared} assessments compared again with the one before (stored by another version)")


@registry.command("import")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--source-base",
    metavar="URL",
    help="Where FOLDER is published (e.g. https://github.com/lfai/model_openness_tool/blob/main/models): "
    "each record's source is shown as URL/<its path in FOLDER>. Default: FOLDER's name and the path in it.",
)
@database_option
@debug_option
def import_command(folder: Path, source_base: str | None, database: str | None) -> None:
    """Assess every MOT YAML record under FOLDER and store it (a record already assessed with this
    version of openness and its data is skipped). Pages and the API name each record by its path inside
    FOLDER (or under --source-base), never by this server's absolute path.

    \b
    Example:
      openness registry import ./models \\
        --source-base https://github.com/lfai/model_openness_tool/blob/main/models
    """
    import sys

    from openness.errors import EXIT_BAD_INPUT

    if not _run_import(open_database(database), folder, source_base):
        sys.exit(EXIT_BAD_INPUT)


def _run_import(engine: Any, folder: Path, source_base: str | None = None) -> bool:
    """Import a folder, say what failed (a line each) and the counts; True when nothing failed."""
    from openness.store.importer import import_folder

    report = import_folder(engine, folder, source_base=source_base)
    for path, reason in report.failed:
        click.echo(f"openness: error: {reason if path in reason else f'{path}: {reason}'}", err=True)
    click.echo(
        f"{report.seen} records: {report.assessed} assessed, {report.skipped} already assessed, "
        f"{len(report.failed)} failed"
    )
    return not report.failed


@registry.command("token")
@click.argument("action", type=click.Choice(["create"]))
@click.argument("name")
@database_option
@debug_option
def token_command(action: str, name: str, database: str | None) -> None:
    """Make an API token (for POST /api/v2/submissions and the submit form). It is printed once; only a
    salted hash of it is stored."""
    from openness.errors import UsageError
    from openness.store import tokens
    from openness.store.database import sessions

    if not name.strip() or len(name) > 256:
        raise UsageError("a token's name is 1 to 256 characters", where="NAME", hint="name who holds it")
    engine = open_database(database)
    try:
        with sessions(engine).begin() as session:
            clear = tokens.create(session, name.strip())
    finally:
        engine.dispose()
    click.echo(clear)


def worker_options(function: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--concurrency",
                default=2,
                show_default=True,
                type=click.IntRange(1, 32),
                help="Jobs assessed at once by this worker.",
            ),
            click.option(
                "--lease",
                default=60.0,
                show_default=True,
                type=click.FloatRange(0.5, 3600),
                help="Seconds a job stays this worker's without a heartbeat, then others may retry it.",
            ),
            click.option(
                "--grace",
                default=30.0,
                show_default=True,
                type=click.FloatRange(0, 3600),
                help="On SIGTERM, seconds to let running jobs finish before handing them back to the queue.",
            ),
            click.option(
                "--poll",
                default=1.0,
                show_default=True,
                type=click.FloatRange(0.05, 60),
                help="Seconds between looks at an empty queue.",
            ),
        ]
    ):
        function = option(function)
    return function


@registry.command("worker")
@database_option
@worker_options
@click.option("--exit-when-idle", is_flag=True, help="Stop once the queue is empty and nothing runs.")
@debug_option
def worker_command(
    database: str | None, concurrency: int, lease: float, grace: float, poll: float, exit_when_idle: bool
) -> None:
    """Assess queued submissions and re-assessments (several workers may share one database). SIGTERM
    or Ctrl-C stops it gracefully: running jobs finish, or go back to the queue after --grace seconds."""
    from openness.store.database import shown

    engine = open_database(database)
    click.echo(f"openness worker on {shown(engine)}: {concurrency} job(s) at once", err=True)
    try:
        tally = _run_worker(engine, concurrency, lease, grace, poll, exit_when_idle)
    finally:
        engine.dispose()
    click.echo(
        f"openness worker stopped: {tally.done} done, {tally.failed} failed, {tally.requeued} handed back",
        err=True,
    )


def _run_worker(
    engine: Any, concurrency: int, lease: float, grace: float, poll: float, exit_when_idle: bool
) -> Any:
    import signal

    from openness.store.worker import Worker

    worker = Worker(
        engine,
        concurrency=concurrency,
        lease=lease,
        grace=grace,
        poll=poll,
        say=lambda line: click.echo(f"openness worker: {line}", err=True),
    )
    previous = {sig: signal.signal(sig, lambda *_: worker.stop()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return worker.run(exit_when_idle=exit_when_idle)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@registry.command("reassess")
@database_option
@click.option(
    "--run", "run_now", is_flag=True, help="Run the re-assessments here and now, then say what changed."
)
@worker_options
@debug_option
def reassess_command(
    database: str | None, run_now: bool, concurrency: int, lease: float, grace: float, poll: float
) -> None:
    """Queue every stored release not yet assessed with this version of openness and its data: the
    evidence as it was collected, judged by the rules and licence facts of now. Workers run them in the
    background (or --run here); each new assessment joins the model's history with what changed."""
    from openness.store.reassess import changed_lines, queue_all

    engine = open_database(database)
    try:
        queued, current = queue_all(engine)
        said = f"{len(queued)} release(s) queued for re-assessment"
        click.echo(f"{said}, {current} already assessed with these versions")
        if run_now and queued:
            _run_worker(engine, concurrency, lease, grace, poll, exit_when_idle=True)
            lines = changed_lines(engine, queued)
            for line in lines:
                click.echo(line)
            click.echo(f"{len(lines)} change(s) recorded in the models' history")
    finally:
        engine.dispose()


@click.command("serve")
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Web worker processes."
)
@click.option(
    "--job-workers",
    default=1,
    show_default=True,
    type=click.IntRange(0, 32),
    help="Submissions assessed at once by the job worker started beside the web workers "
    "(0: none, when `openness registry worker` runs elsewhere).",
)
@click.option(
    "--import",
    "import_folder",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Import the MOT YAML records under this folder first.",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark the session cookie Secure (when the registry is served over HTTPS, behind a proxy).",
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
    job_workers: int,
    import_folder: Path | None,
    secure_cookies: bool,
    rate_limit_read: int | None,
    rate_limit_write: int | None,
    no_rate_limits: bool,
    max_body: int | None,
) -> None:
    """Start the web registry: pages, the MOT-compatible API (/api/v1) and the full results (/api/v2),
    with --workers web processes and one job worker process assessing --job-workers submissions at once.
    SIGTERM stops the web workers, then the job worker (running jobs finish or go back to the queue).

    Logs are JSON lines on stderr (one per request, with its id, status and duration). On SIGTERM or
    Ctrl-C requests in flight finish (30 s at most)."""
    import os

    from openness.store.database import DATABASE_ENV_VAR, database_url, shown
    from openness.web import operations, sessions

    given = {
        operations.READ_ENV: rate_limit_read,
        operations.WRITE_ENV: rate_limit_write,
        operations.BODY_ENV: max_body,
        operations.SWITCH_ENV: "off" if no_rate_limits else None,
    }
    os.environ.update({name: str(value) for name, value in given.items() if value is not None})
    operations.Settings.from_env()  # a bad value in the environment is one clear line, before starting
    engine = open_database(database)  # migrated once here, before any worker starts
    sessions.secret_key()  # made (or checked) once here too, so the workers share one key
    if secure_cookies:
        os.environ[sessions.SECURE_ENV_VAR] = "1"
    if import_folder is not None:
        _run_import(engine, import_folder)  # a record that fails is said, and the others are served
    click.echo(f"openness registry on http://{host}:{port}/ with {shown(engine)}", err=True)
    engine.dispose()
    os.environ[DATABASE_ENV_VAR] = database_url(database)  # each worker opens its own engine from it
    jobs = _start_job_worker(job_workers)
    try:
        _serve_web(host, port, workers)
    finally:
        if jobs is not None:
            _stop_job_worker(jobs)


def _start_job_worker(concurrency: int) -> Any:
    """``openness registry worker`` as a child process on the same database, started again should it die
    (``openness.store.supervise``); None for 0."""
    import sys

    from openness import jsonlog
    from openness.store.supervise import Supervised

    if concurrency == 0:
        return None
    jsonlog.setup()  # the supervisor's events, as JSON lines like the workers'
    command = [sys.executable, "-c", "from openness.cli import main; main()", "registry", "worker"]
    return Supervised([*command, "--concurrency", str(concurrency)])


def _stop_job_worker(worker: Any) -> None:
    worker.stop()  # running jobs finish or go back to the queue


class _Stopped(Exception):
    """SIGTERM or SIGINT, which uvicorn raises again once it has shut down."""


def _serve_web(host: str, port: int, workers: int) -> None:
    """uvicorn until SIGTERM or Ctrl-C; returns (so the job worker is stopped after it)."""
    import signal

    import uvicorn

    from openness import jsonlog

    def stopped(_signum: int, _frame: object) -> None:
        raise _Stopped

    previous = {sig: signal.signal(sig, stopped) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
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
    except _Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _add_user_commands() -> None:
    from openness.cli.users import user

    registry.add_command(user)


GRACE_SECONDS = 30
"""On SIGTERM, how long requests in flight may take to finish before their connections are closed."""

_add_user_commands()
