"""The report's section of a model page, rendered once when the assessment is stored (migration 0005):
the stored text is what rendering gives, the page shows it, a row without one (older data) or with one
from another renderer is rendered again, and the migration renders it for rows already stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from openness.reports.html import registry_section, section_renderer
from openness.store.models import AssessmentRow, Model
from tests.registry.conftest import EXAMPLES, Server, import_folder


@pytest.fixture(autouse=True)
def _no_read_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are changed behind the server's back here: pages must be computed on every request."""
    monkeypatch.setenv("OPENNESS_CACHE", "off")


def _rows(engine: Engine) -> list[AssessmentRow]:
    with Session(engine) as session:
        rows = session.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()
        for row in rows:
            _ = row.report_html, row.result  # deferred: read before the session closes
        return list(rows)


def _pages(server: Server) -> dict[int, str]:
    ids = [m["id"] for m in server.get("/api/v2/models?limit=1000").json()["models"]]
    return {i: server.get(f"/models/{i}").text for i in ids}


def test_the_stored_section_is_what_rendering_gives(engine: Engine) -> None:
    assert import_folder(engine, EXAMPLES).failed == []
    rows = _rows(engine)
    assert len(rows) >= 4
    for row in rows:
        assert row.rendered_by == section_renderer()
        assert row.report_html == registry_section(row.result)
        assert f"<code>{row.result['target']}</code>" in (row.report_html or "")


def test_the_page_shows_the_stored_section_made_by_this_renderer(engine: Engine, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "open-model.yml", tmp_path / "wren.yml")
    import_folder(engine, tmp_path)
    (row,) = _rows(engine)
    marker = '<section id="release"><p>stored section</p></section>\n'
    with Server(engine) as server:
        (page,) = _pages(server).values()
        assert row.report_html and row.report_html in page
        with engine.begin() as connection:
            connection.execute(update(AssessmentRow).values(report_html=marker))
            connection.execute(update(Model).values(page_by=None))  # the page's parts rendered now
        (shown,) = _pages(server).values()
    assert marker in shown and row.report_html not in shown
    assert shown.replace(marker, row.report_html) == page


def test_a_row_without_a_section_or_from_another_renderer_is_rendered_again(
    engine: Engine, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLES / "restricted.yml", tmp_path / "restricted.yml")
    import_folder(engine, tmp_path)
    marker = "<p>made by an older openness</p>"
    stale = ({"report_html": None, "rendered_by": None}, {"report_html": marker, "rendered_by": "0.0.1+old"})
    with Server(engine) as server:
        expected = _pages(server)
        assert marker not in next(iter(expected.values()))
        for values in stale:
            with engine.begin() as connection:
                connection.execute(update(AssessmentRow).values(**values))
                connection.execute(update(Model).values(page_by=None))  # the page's parts rendered now
            assert _pages(server) == expected


def test_the_migration_renders_the_sections_of_rows_already_stored(engine: Engine, tmp_path: Path) -> None:
    assert import_folder(engine, EXAMPLES).failed == []
    before = _rows(engine)
    config = Config()
    config.set_main_option("script_location", "openness.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    after = _rows(engine)
    assert [(r.id, r.report_html, r.rendered_by) for r in after] == [
        (r.id, r.report_html, r.rendered_by) for r in before
    ]
    assert all(r.report_html for r in after)


def test_migrate_renders_again_the_sections_another_renderer_stored(engine: Engine) -> None:
    from click.testing import CliRunner

    from openness.cli.main import cli

    assert import_folder(engine, EXAMPLES).failed == []
    before = _rows(engine)
    with engine.begin() as connection:
        connection.execute(update(AssessmentRow).values(report_html="<p>old</p>", rendered_by="0.0.1+old"))
    url = engine.url.render_as_string(hide_password=False)
    out = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert out.exit_code == 0, out.output
    assert f"{len(before)} report sections rendered again" in out.output
    assert [(r.report_html, r.rendered_by) for r in _rows(engine)] == [
        (r.report_html, r.rendered_by) for r in before
    ]
    again = CliRunner().invoke(cli, ["registry", "migrate", "--database", url])
    assert "rendered again" not in again.output
