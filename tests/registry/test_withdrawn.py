"""Moderation that shows, on SQLite and PostgreSQL with a real server: a rejected submission's release
leaves every page, list, badge and API answer (the model falls back to its newest release still shown,
or disappears), an approval brings it back, cached answers follow at once; a submission rejected while
its job runs is withdrawn when the job stores it; every decision is kept with who made it."""

from __future__ import annotations

from sqlalchemy import Engine, select

from openness.store import execute, jobs, moderation, targets
from openness.store.database import sessions
from openness.store.models import ModerationEvent, Submission
from openness.web.submissions import queue_record
from tests.registry.conftest import EXAMPLES, Server

RECORD = (EXAMPLES / "open-model.yml").read_text()


def _upload(engine: Engine, text: str) -> int:
    with sessions(engine)() as db:
        job, created = queue_record(db, text.encode(), "wren.yml", None)
        assert created
        return job.id


def _run_one(engine: Engine) -> None:
    job = jobs.claim(engine, "test-worker")
    assert job is not None
    assert execute.run(engine, job, targets.Policy()).state == "done"


def _decide(engine: Engine, job_id: int, decision: str) -> None:
    with sessions(engine).begin() as db:
        assert moderation.decide(db, job_id, decision, "ana") is not None


def _listed(server: Server) -> dict[str, dict[str, object]]:
    body = server.get("/api/v1/models?limit=100").json()
    return {m["release"]["name"]: m for m in body["models"]}


def test_a_rejected_submission_leaves_the_registry_and_an_approval_brings_it_back(engine: Engine) -> None:
    first = _upload(engine, RECORD)
    _run_one(engine)
    second = _upload(engine, RECORD.replace("Wren-7B", "Wren-7B-v2"))
    _run_one(engine)
    with Server(engine) as server:
        (model,) = server.get("/api/v2/models?limit=10").json()["models"]
        page = f"/models/{model['id']}"
        assert "Wren-7B-v2" in _listed(server) and server.get(page).status == 200
        before = server.get("/api/v1/models?limit=100").headers["etag"]
        assert len(server.get(f"/api/v2/models/{model['id']}/history").json()["history"]) == 2

        _decide(engine, second, "rejected")  # the newer release goes: the model shows the older one
        assert server.get("/api/v1/models?limit=100").headers["etag"] != before  # the cache followed
        assert set(_listed(server)) == {"Wren-7B"}
        shown = server.get(page)
        assert shown.status == 200 and "Wren-7B-v2" not in shown.text
        history = server.get(f"/api/v2/models/{model['id']}/history").json()["history"]
        with sessions(engine)() as db:
            kept = db.scalar(select(Submission.assessment_id).where(Submission.id == first))
        assert [h["assessment_id"] for h in history] == [kept]

        _decide(engine, first, "rejected")  # nothing of it left: the model is gone everywhere
        assert _listed(server) == {}
        gone = (page, f"/api/v1/model/{model['id']}", f"/api/v2/models/{model['id']}")
        for path in (*gone, f"/badge/{model['id']}/mof.svg"):
            assert server.get(path).status == 404, path
        assert "Wren" not in server.get("/models").text

        _decide(engine, second, "approved")  # back, with its newest release
        assert set(_listed(server)) == {"Wren-7B-v2"}
        assert server.get(page).status == 200
    with sessions(engine)() as db:
        events = [(e.submission_id, e.decision, e.maintainer) for e in db.scalars(select(ModerationEvent))]
    assert events == [(second, "rejected", "ana"), (first, "rejected", "ana"), (second, "approved", "ana")]


def test_a_submission_rejected_while_its_job_runs_is_withdrawn_when_stored(engine: Engine) -> None:
    job_id = _upload(engine, RECORD)
    job = jobs.claim(engine, "test-worker")
    assert job is not None and job.id == job_id
    _decide(engine, job_id, "rejected")  # not assessed yet: nothing to withdraw so far
    assert execute.run(engine, job, targets.Policy()).state == "done"
    with Server(engine) as server:
        assert _listed(server) == {}
        state = server.get(f"/api/v2/submissions/{job_id}").json()
        assert state["state"] == "done"
    with sessions(engine)() as db:
        row = db.get(Submission, job_id)
        assert row is not None and row.moderation == "rejected" and row.assessment_id is not None
        (event,) = db.scalars(select(ModerationEvent))
        assert event.release_id is None  # decided before there was a release


def test_a_new_assessment_of_a_withdrawn_release_stays_withdrawn(engine: Engine) -> None:
    """What a re-assessment with a newer openness stores for a withdrawn release does not bring it back."""
    from dataclasses import replace

    from openness import service
    from openness.sources import mot_yaml
    from openness.store.models import ReleaseRow
    from openness.store.records import store

    job_id = _upload(engine, RECORD)
    _run_one(engine)
    _decide(engine, job_id, "rejected")
    with sessions(engine)() as db:
        job = db.get(Submission, job_id)
        assert job is not None and job.model_key and job.resolved_revision
        release = db.scalars(select(ReleaseRow)).one()
        key, revision, source = job.model_key, job.resolved_revision, release.source
    again = service.assess_release(mot_yaml.parse(RECORD, "wren.yml"), "upload:wren.yml")
    newer = replace(again, versions={**again.versions, "openness": "99.0"})
    with sessions(engine).begin() as db:
        row, created = store(db, newer, key=key, source=source, revision=revision)
        assert created and row.release_id == release.id
    with Server(engine) as server:
        assert _listed(server) == {}
