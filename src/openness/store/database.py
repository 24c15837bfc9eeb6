"""Which database, how to open it, and how to bring its schema up to date.

SQLite by default: ``$OPENNESS_DATA_DIR/registry.sqlite3``, else ``$XDG_DATA_HOME/openness/…``, else
``~/.local/share/openness/…``, in WAL mode (readers never wait for the writer) with foreign keys on.
PostgreSQL with ``postgresql://…`` (or ``postgresql+psycopg://…``): always through psycopg 3.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from openness.errors import InputError, UsageError

DATA_ENV_VAR = "OPENNESS_DATA_DIR"
DATABASE_ENV_VAR = "OPENNESS_DATABASE"
HEAD = "0007"
"""The newest migration: readiness needs the database at it."""


def user_data_dir() -> Path:
    explicit = os.environ.get(DATA_ENV_VAR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "openness"


def database_url(given: str | None = None) -> str:
    """The SQLAlchemy URL for ``--database`` (or ``$OPENNESS_DATABASE``, or the default SQLite file)."""
    url = given or os.environ.get(DATABASE_ENV_VAR) or ""
    if not url:
        return f"sqlite:///{user_data_dir() / 'registry.sqlite3'}"
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(
            "not a database URL", where="--database", hint="sqlite:///PATH or postgresql://HOST/DATABASE"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if parsed.drivername == "sqlite":
        return url
    raise UsageError(
        f"unsupported database {parsed.drivername!r}",
        where="--database",
        hint="sqlite:///PATH or postgresql://HOST/DATABASE",
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None, *, must_exist: bool = False) -> Engine:
    """An engine for a database URL (see ``database_url``); the SQLite file's folder is created.

    ``must_exist``: a SQLite file is opened, never created (the server's engine: the file was made and
    migrated before it started, so a file gone missing is an error — 503 — rather than an empty
    registry, and serving resumes when it is back). PostgreSQL connections are checked before use
    (``pool_pre_ping``) and give up connecting after ``CONNECT_TIMEOUT`` seconds."""
    resolved = database_url(url)
    parsed = make_url(resolved)
    if parsed.drivername == "sqlite":
        if must_exist and parsed.database and parsed.database != ":memory:":
            path = str(Path(parsed.database).expanduser().resolve())
            uri = parsed.set(database=f"file:{path}", query={**parsed.query, "mode": "rw", "uri": "true"})
            engine = create_engine(uri, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(
                    f"cannot create the database folder: {exc.strerror}", where=str(folder)
                ) from exc
        engine = create_engine(resolved, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        resolved,
        pool_pre_ping=True,
        # Kept open: as many as the requests a worker serves at once under load (32 connections on 2
        # workers in benchmarks/registry). With 5, every request past the fifth opened a connection and
        # closed it after (a PostgreSQL backend started each time): p99 of random model pages 0.9-1.5 s
        # against 0.3-0.6 s, and wrk's timeouts.
        pool_size=16,
        max_overflow=4,
        connect_args={"connect_timeout": CONNECT_TIMEOUT},
    )


CONNECT_TIMEOUT = 5
"""Seconds to wait for PostgreSQL to accept a connection (an unreachable host is a 503, not a hang)."""


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def shown(engine: Engine) -> str:
    """The database for a message: its URL without a password."""
    return engine.url.render_as_string(hide_password=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (the same Alembic history on SQLite and PostgreSQL)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "openness.store:migrations")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise InputError(f"cannot migrate the database: {_first_line(exc)}", where=shown(engine)) from exc


def revision(engine: Engine) -> str | None:
    """The migration the database is at (None before the first)."""
    from sqlalchemy import inspect

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(value) if value is not None else None


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
