"""What changed since the model's previous assessment, stored with each assessment (migration 0006): the
stored list is what comparing the two results gives, the model page shows it, pages are the same byte for
byte whether it is read or compared on the request, a stored list that no longer holds (another comparer,
another assessment before it) is compared again, and the migration and ``registry migrate`` store it for
rows already there. On the OSI-reviewed MOT records, each imported in three revisions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from openness.store.changes import between, comparer
from openness.store.models import AssessmentRow, Model
from tests.registry.conftest import EXAMPLES, Server, import_folder

RECORDS = sorted((EXAMPLES / "osi-reviewed").glob("*.yml"))[:6]


@pytest.fixture(autouse=True)
def _no_read_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are changed behind the server's back here: pages must be computed on every request."""
    monkeypatch.setenv("OPENNESS_CACHE", "off")


def _revise(path: Path, step: int) -> None:
    """The record's next revision: step 1 drops a component and puts another under no licence (what
    changed: components and licences, maybe the class); step 2 moves the release date (nothing changes)."""
    doc: dict[str, Any] = yaml.safe_load(path.read_text())
    release = doc["release"]
    if step == 1:
        components = release["components"]
        del components[0]
        components[-1]["license"] = "unlicensed"
    else:
        release["date"] = "2030-01-01"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def _three_revisions(engine: Engine, folder: Path) -> None:
    for record in RECORDS:
        shutil.copy(record, folder / record.name)
    assert import_folder(engine, folder).assessed == len(RECORDS)
    for step in (1, 2):
        for record in RECORDS:
            _revise(folder / record.name, step)
        assert import_folder(engine, folder).assessed == len(RECORDS)


def _rows(engine: Engine) -> list[AssessmentRow]:
    with Session(engine) as session:
        stmt = select(AssessmentRow).order_by(AssessmentRow.model_id, AssessmentRow.id)
        rows = list(session.scalars(stmt).all())
        for row in rows:
            _ = row.changes, row.result  # deferred: read before the session closes
        return rows


def _pages(server: Server) -> dict[int, str]:
    ids = [m["id"] for m in server.get("/api/v2/models?limit=1000").json()["models"]]
    return {i: server.get(f"/models/{i}").text for i in ids}


def test_the_stored_changes_are_what_comparing_the_results_gives(engine: Engine, tmp_path: Path) -> None:
    _three_revisions(engine, tmp_path)
    rows = _rows(engine)
    assert len(rows) == 3 * len(RECORDS)
    by_model: dict[int, list[AssessmentRow]] = {}
    for row in rows:
        by_model.setdefault(row.model_id, []).append(row)
    kinds = set()
    for first, second, third in by_model.values():
        assert all(r.compared_by == comparer() for r in (first, second, third))
        assert (first.previous_id, first.changes) == (None, None)
        assert second.previous_id == first.id and third.previous_id == second.id
        assert second.changes == between(first.result, second.result)
        assert third.changes == between(second.result, third.result) == []
        kinds |= {c["what"] for c in second.changes or []}
    assert {"component", "licence"} <= kinds  # the revisions changed what the history shows


def test_a_page_is_the_same_whether_its_changes_are_read_or_compared(engine: Engine, tmp_path: Path) -> None:
    _three_revisions(engine, tmp_path)
    with Server(engine) as server:
        stored = _pages(server)
        for page in stored.values():  # newest first: no change, the revision's changes, the first
            assert "no change in class, verdicts, components or licences" in page
            assert "first assessment" in page and "▼ less open</span>" in page
        stale = ({"compared_by": None}, {"compared_by": "0.0.1+old"}, {"previous_id": 0})
        for values in stale:
            with engine.begin() as connection:
                connection.execute(update(AssessmentRow).values(**values))
                connection.execute(update(Model).values(page_by=None))  # the history rendered now
            assert _pages(server) == stored


def test_the_page_shows_the_stored_changes(engine: Engine, tmp_path: Path) -> None:
    _three_revisions(engine, tmp_path)
    marker = {"what": "mof", "subject": "stored <marker>", "old": "a", "new": "b", "direction": "up"}
    with engine.begin() as connection:
        connection.execute(
            update(AssessmentRow).where(AssessmentRow.previous_id.is_not(None)).values(changes=[marker])
        )
        connection.execute(update(Model).values(page_by=None))  # the history rendered now
    with Server(engine) as server:
        pages = _pages(server)
    for page in pages.values():
        assert page.count("▲ more open</span> stored &lt;marker&gt;: a → b</li>") == 2
        assert "no change in class" not in page and "first assessment" in page


def test_the_migration_stores_the_changes_of_rows_already_there(engine: Engine, tmp_path: Path) -> None:
    _three_revisions(engine, tmp_path)
    before = _rows(engine)
    config = Config()
    config.set_main_option("script_location", "openness.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    after = _rows(engine)
    shown = [(r.id, r.changes, r.previous_id, r.compared_by) for r in after]
    assert shown == [(r.id, r.changes, r.previous_id, r.compared_by) for r in before]


def test_migrate_compares_again_what_another_version_stored(engine: Engine, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from openness.cli.main import cli

    _three_revisions(engine, tmp_path)
    before = _rows(engine)
    with engine.begin() as connection:
        connection.execute(update(AssessmentRow).values(changes=[], compared_by="0.0.1+old"))
    url = engine.url.render_as_string(hide_password=False)
    out = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert out.exit_code == 0, out.output
    assert f"{len(before)} assessments compared again" in out.output
    assert [(r.changes, r.previous_id) for r in _rows(engine)] == [(r.changes, r.previous_id) for r in before]
    again = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert "compared again" not in again.output
