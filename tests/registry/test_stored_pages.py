"""The model page's parts that are the same for every visitor, stored with the model when an assessment
of it is stored (``openness.web.fragments``, migration 0006): a page is the same byte for byte whether
they are read or rendered on the request, the page shows what is stored, parts that no longer hold
(another renderer, or the model's assessments changed) are rendered on the request, and ``registry
migrate`` renders them again. On the OSI-reviewed MOT records in three revisions and the examples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from openness.store.models import AssessmentRow, Model
from openness.web import fragments
from tests.registry.conftest import EXAMPLES, Server, import_folder
from tests.registry.test_stored_changes import _pages, _three_revisions


@pytest.fixture(autouse=True)
def _no_read_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are changed behind the server's back here: pages must be computed on every request."""
    monkeypatch.setenv("OPENNESS_CACHE", "off")


def _registry(engine: Engine, folder: Path) -> None:
    _three_revisions(engine, folder / "revised")
    for record in EXAMPLES.glob("*.yml"):
        shutil.copy(record, folder / record.name)
    assert import_folder(engine, folder).failed == []


def _parts(engine: Engine) -> list[tuple[int, str | None, str | None, str | None, str | None]]:
    with Session(engine) as session:
        stmt = select(Model.id, Model.page_head, Model.page_history, Model.page_by, Model.page_of)
        return [tuple(r) for r in session.execute(stmt.order_by(Model.id)).all()]  # type: ignore[misc]


def test_every_model_has_its_parts_stored_when_assessed(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "revised").mkdir()
    _registry(engine, tmp_path)
    parts = _parts(engine)
    assert len(parts) >= 9
    for _id, head, history, by, _of in parts:
        assert by == fragments.renderer()
        assert head and head.startswith("<h1>") and 'id="release"' in head
        assert history and history.startswith('<h2 id="history">')


def test_a_page_is_the_same_whether_its_parts_are_read_or_rendered(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "revised").mkdir()
    _registry(engine, tmp_path)
    with Server(engine) as server:
        stored = _pages(server)
        with engine.begin() as connection:
            connection.execute(update(Model).values(page_by="0.0.1+old"))
        assert _pages(server) == stored
        with engine.begin() as connection:
            connection.execute(update(Model).values(page_head=None, page_history=None, page_by=None))
        assert _pages(server) == stored


def test_the_page_shows_the_stored_parts(engine: Engine, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "open-model.yml", tmp_path / "wren.yml")
    import_folder(engine, tmp_path)
    with engine.begin() as connection:
        connection.execute(
            update(Model).values(page_head="<h1>stored head</h1>\n", page_history="<p>stored history</p>\n")
        )
    with Server(engine) as server:
        (page,) = _pages(server).values()
    assert '<h1>stored head</h1>\n<h2 id="badges">' in page
    assert "</details>\n<p>stored history</p>\n</main>" in page
    assert '<section class="release"' not in page


def test_parts_no_longer_current_are_rendered_on_the_request(engine: Engine, tmp_path: Path) -> None:
    """Another assessment made the latest (as a re-assessment of an older revision does) or added
    behind the parts' back: the page shows the model as it is, not as the parts were stored."""
    (tmp_path / "revised").mkdir()
    _three_revisions(engine, tmp_path / "revised")
    with Server(engine) as server:
        before = _pages(server)
        with engine.begin() as connection:
            firsts = dict(
                connection.execute(
                    select(AssessmentRow.model_id, AssessmentRow.id).where(
                        AssessmentRow.previous_id.is_(None)
                    )
                ).all()
            )
            for model_id, first in firsts.items():
                connection.execute(
                    update(Model).where(Model.id == model_id).values(latest_assessment_id=first)
                )
        moved = _pages(server)
        with engine.begin() as connection:
            connection.execute(update(Model).values(page_by=None))
        assert _pages(server) == moved  # what rendering now gives
    assert all(moved[i] != before[i] for i in before)


def test_migrate_renders_again_the_parts_that_do_not_hold(engine: Engine, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from openness.cli.main import cli

    (tmp_path / "revised").mkdir()
    _registry(engine, tmp_path)
    before = _parts(engine)
    with engine.begin() as connection:
        connection.execute(update(Model).values(page_head="<p>old</p>", page_by="0.0.1+old"))
        connection.execute(
            update(Model).where(Model.id == before[0][0]).values(page_by=before[0][3], page_of="0:0:0")
        )
    url = engine.url.render_as_string(hide_password=False)
    out = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert out.exit_code == 0, out.output
    assert f"{len(before)} model pages' parts rendered again" in out.output
    assert _parts(engine) == before
    again = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert "rendered again" not in again.output
