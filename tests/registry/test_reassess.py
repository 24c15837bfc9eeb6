"""Re-assessment when openness or its data changes, on SQLite and PostgreSQL: every stored release is
queued once, a worker assesses the stored evidence with the new versions, each model's history gains
an assessment with what changed (``openness.reports.diff``), and ``/api/v2/models/{id}/diff`` shows
the same changes between any two of a model's assessments."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from openness import service
from openness.store import database
from openness.store.models import AssessmentRow, Model, ReleaseRow, Submission
from openness.store.reassess import queue_all
from openness.store.worker import Worker
from tests.registry.conftest import EXAMPLES, Server, import_folder


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)


def _as_if_an_older_version_judged(engine: Engine, key: str) -> tuple[float, float, str]:
    """Rewrite the stored result of a model as an older openness might have made it: another Class III
    progress and the OSAID verdict the other way. Returns (progress now, progress said, verdict now)."""
    with database.sessions(engine).begin() as session:
        model = session.scalars(select(Model).where(Model.key == key)).one()
        row = session.get(AssessmentRow, model.latest_assessment_id)
        assert row is not None
        result = dict(row.result)
        progress = float(result["mof"]["progress"]["3"])
        said = progress - 50 if progress >= 50 else progress + 50
        verdict = str(result["osaid"]["verdict"])
        result["mof"] = {**result["mof"], "progress": {**result["mof"]["progress"], "3": said}}
        other = "does-not-meet" if verdict != "does-not-meet" else "meets"
        result["osaid"] = {**result["osaid"], "verdict": other}
        row.result = result
    return progress, said, verdict


def test_reassess_records_what_changed_and_the_diff_api_shows_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert import_folder(engine, EXAMPLES).failed == []
    releases = _count(engine, ReleaseRow)
    progress, said, verdict = _as_if_an_older_version_judged(engine, "mot:open-model")
    assert queue_all(engine) == ([], releases)  # nothing to do with the same versions
    monkeypatch.setattr(service, "__version__", "99.0.0-test")
    ids, current = queue_all(engine)
    assert (len(ids), current) == (releases, 0)
    assert queue_all(engine) == (ids, 0) and _count(engine, Submission) == releases  # queued once
    with database.sessions(engine)() as session:  # machine-made: nothing for a maintainer to moderate
        assert set(session.scalars(select(Submission.moderation))) == {"approved"}
    tally = Worker(engine, poll=0.05, concurrency=3).run(exit_when_idle=True)
    assert (tally.done, tally.failed) == (releases, 0)
    assert _count(engine, AssessmentRow) == 2 * releases  # the history keeps both
    with database.sessions(engine)() as session:
        model = session.scalars(select(Model).where(Model.key == "mot:open-model")).one()
        latest = session.get(AssessmentRow, model.latest_assessment_id)
        job = session.scalars(select(Submission).where(Submission.model_key == "mot:open-model")).one()
        quiet = session.scalars(select(Submission).where(Submission.model_key != "mot:open-model")).all()
    assert latest is not None and latest.openness_version == "99.0.0-test"
    assert job.changes is not None and job.changes["to_assessment"] == latest.id
    changed = {(c["what"], c["old"], c["new"], c["direction"]) for c in job.changes["changes"]}
    direction = "up" if progress > said else "down"
    assert ("mof-progress", f"{said:.0f}%", f"{progress:.0f}%", direction) in changed
    assert any(c[0] == "osaid" and c[2] == verdict for c in changed)
    assert all(q.changes is not None and q.changes["changes"] == [] for q in quiet)  # only it changed
    with Server(engine) as server:
        body = server.get(f"/api/v2/models/{model.id}/diff").json()
        assert (body["from"], body["to"]) == (job.changes["from_assessment"], latest.id)
        assert body["changes"] == job.changes["changes"]
        back = server.get(f"/api/v2/models/{model.id}/diff?from={latest.id}&to={body['from']}").json()
        turned = {"up": "down", "down": "up"}[direction]
        assert {c["direction"] for c in back["changes"] if c["what"] == "mof-progress"} == {turned}
        assert server.get(f"/api/v2/models/{model.id}/diff?from=99999").status == 404
        assert server.get(f"/api/v2/models/{model.id}/diff?to={body['from']}").status == 404  # none before
        assert server.get("/api/v2/models/99999/diff").status == 404


def test_the_reassess_command_queues_runs_and_says_what_changed(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openness.cli.main import cli

    assert import_folder(engine, EXAMPLES).failed == []
    releases = _count(engine, ReleaseRow)
    runner = CliRunner()
    same = runner.invoke(cli, ["registry", "reassess", "--database", database_url])
    assert same.exit_code == 0 and f"0 release(s) queued for re-assessment, {releases} already" in same.output
    _as_if_an_older_version_judged(engine, "mot:open-model")
    monkeypatch.setattr(service, "__version__", "99.0.0-test")
    ran = runner.invoke(cli, ["registry", "reassess", "--database", database_url, "--run", "--poll", "0.05"])
    assert ran.exit_code == 0, ran.output
    assert f"{releases} release(s) queued" in ran.output
    assert (
        "mot:open-model: Class III:" in ran.output
        and "mot:open-model: Open Source AI Definition" in ran.output
    )
    assert _count(engine, AssessmentRow) == 2 * releases
