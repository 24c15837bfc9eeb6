"""The registry's storage on SQLite and PostgreSQL: one migration that matches the models, WAL mode,
tokens never stored in clear, states checked by the database, the data folder and URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from openness.errors import UsageError
from openness.store import database, tokens
from openness.store.models import ApiToken, Base, Submission


def test_the_migration_makes_exactly_the_models_tables(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert database.revision(engine) == database.HEAD


def test_migrating_twice_changes_nothing(engine: Engine) -> None:
    database.migrate(engine)
    assert database.revision(engine) == database.HEAD


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    eng = database.make_engine(f"sqlite:///{tmp_path / 'deep' / 'r.sqlite3'}")
    database.migrate(eng)
    with eng.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    eng.dispose()


def test_the_default_database_is_a_file_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(database.DATA_ENV_VAR, raising=False)
    monkeypatch.delenv(database.DATABASE_ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database.database_url(None) == f"sqlite:///{tmp_path / 'openness' / 'registry.sqlite3'}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u:pw@h:5433/db", "postgresql+psycopg://u:pw@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.sqlite3", "sqlite:///x.sqlite3"),
    ],
)
def test_postgresql_urls_go_through_psycopg_3(given: str, expected: str) -> None:
    assert database.database_url(given) == expected


@pytest.mark.parametrize("given", ["mysql://u@h/db", "not a url"])
def test_other_databases_are_refused_in_one_line(given: str) -> None:
    with pytest.raises(UsageError, match="--database"):
        database.database_url(given)


def test_api_tokens_are_stored_hashed_and_verified(engine: Engine) -> None:
    make = database.sessions(engine)
    with make.begin() as session:
        token = tokens.create(session, "ci")
        other = tokens.create(session, "other")
    public, secret = token.split(".")
    with make() as session:
        rows = session.scalars(select(ApiToken)).all()
        stored = " ".join(f"{r.public_id} {r.name} {r.salt} {r.secret_hash}" for r in rows)
        assert secret not in stored and other.split(".")[1] not in stored
        assert len({r.salt for r in rows}) == 2  # a salt per token
        found = tokens.verify(session, token)
        assert found is not None and found.name == "ci"
        assert tokens.verify(session, f"{public}.{secret[:-1]}x") is None
        assert tokens.verify(session, f"{other.split('.')[0]}.{secret}") is None
        assert tokens.verify(session, "no-dot") is None
    with make.begin() as session:
        row = session.scalars(select(ApiToken).where(ApiToken.public_id == public)).one()
        row.revoked_at = row.created_at
    with make() as session:
        assert tokens.verify(session, token) is None


def test_the_database_refuses_an_unknown_submission_state(engine: Engine) -> None:
    make = database.sessions(engine)
    with make.begin() as session:
        session.add(Submission(target="hf:org/model"))
    with make() as session:
        stored = session.scalars(select(Submission)).one()
        assert (stored.state, stored.moderation) == ("queued", "pending")
    with pytest.raises(IntegrityError), make.begin() as session:
        session.add(Submission(target="hf:org/model", state="lost"))
