"""The job queue on SQLite and PostgreSQL: claims hand each job to one worker (also under many
concurrent claimers on real connections), leases expire and are requeued, a worker whose lease was
taken over cannot write, a job that keeps losing its worker fails, submissions are idempotent."""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import Engine, select, update

from openness.store import database, jobs
from openness.store.models import Submission


def _queue(engine: Engine, n: int, prefix: str = "hf:org/model") -> list[int]:
    make = database.sessions(engine)
    ids = []
    for i in range(n):
        with make() as session:
            job, created = jobs.enqueue(
                session,
                kind="assess",
                target=f"{prefix}{i}",
                revision=None,
                model_key=f"{prefix}{i}",
                key=jobs.idempotency_key("assess", f"{prefix}{i}", None, "v"),
            )
            assert created
            ids.append(job.id)
    return ids


def _state(engine: Engine, job_id: int) -> Submission:
    with database.sessions(engine)() as session:
        return session.scalars(select(Submission).where(Submission.id == job_id)).one()


def test_each_job_is_claimed_once_oldest_first(engine: Engine) -> None:
    ids = _queue(engine, 3)
    got = [jobs.claim(engine, f"w{i}") for i in range(4)]
    assert [j.id if j else None for j in got] == [*ids, None]
    row = _state(engine, ids[0])
    assert (row.state, row.worker_id, row.attempts) == ("running", "w0", 1)
    assert row.lease_expires_at is not None and row.started_at is not None


def test_concurrent_claimers_never_share_a_job(engine: Engine) -> None:
    ids = _queue(engine, 40)
    claimed: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def claimer(name: str) -> None:
        start.wait()
        while (job := jobs.claim(engine, name)) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(claimed) == ids  # every job once: none twice, none left
    assert Counter(claimed).most_common(1)[0][1] == 1


def test_the_same_submission_makes_one_job_and_a_failed_one_is_queued_again(engine: Engine) -> None:
    [first] = _queue(engine, 1)
    key = jobs.idempotency_key("assess", "hf:org/model0", None, "v")
    with database.sessions(engine)() as session:
        again, created = jobs.enqueue(
            session, kind="assess", target="hf:org/model0", revision=None, model_key="k", key=key
        )
    assert (again.id, created) == (first, False)
    job = jobs.claim(engine, "w")
    assert job is not None and jobs.fail(engine, job, "it broke")
    assert _state(engine, first).state == "failed"
    with database.sessions(engine)() as session:
        again, created = jobs.enqueue(
            session, kind="assess", target="hf:org/model0", revision=None, model_key="k", key=key
        )
    row = _state(engine, first)
    assert (again.id, created, row.state, row.attempts, row.error) == (first, False, "queued", 0, None)


def test_an_expired_lease_is_requeued_and_the_old_worker_can_no_longer_write(engine: Engine) -> None:
    [job_id] = _queue(engine, 1)
    old = jobs.claim(engine, "old", lease=2.0)
    assert old is not None and jobs.heartbeat(engine, old, lease=2.0)
    assert jobs.requeue_expired(engine) == (0, 0)  # alive: not touched
    time.sleep(2.2)
    assert jobs.requeue_expired(engine) == (1, 0)
    new = jobs.claim(engine, "new")
    assert new is not None and (new.id, new.attempts) == (job_id, 2)
    assert not jobs.heartbeat(engine, old)
    assert not jobs.fail(engine, old, "late")
    assert not jobs.requeue(engine, old)
    with database.sessions(engine)() as session, session.begin():
        assert not jobs.mark_done(session, old)
    assert _state(engine, job_id).worker_id == "new"


def test_a_job_that_keeps_losing_its_worker_fails(engine: Engine) -> None:
    [job_id] = _queue(engine, 1)
    for _ in range(jobs.MAX_ATTEMPTS):
        assert jobs.claim(engine, "w", lease=-1) is not None  # claimed, and its lease already over
        jobs.requeue_expired(engine)
    row = _state(engine, job_id)
    assert row.state == "failed" and row.error and "stopped answering 3 times" in row.error


def test_a_graceful_handback_does_not_count_as_an_attempt(engine: Engine) -> None:
    [job_id] = _queue(engine, 1)
    job = jobs.claim(engine, "w")
    assert job is not None and jobs.requeue(engine, job)
    row = _state(engine, job_id)
    assert (row.state, row.attempts, row.worker_id) == ("queued", 0, None)


def test_the_database_refuses_two_jobs_with_one_key(engine: Engine) -> None:
    import pytest
    from sqlalchemy.exc import IntegrityError

    _queue(engine, 1)
    with pytest.raises(IntegrityError), database.sessions(engine).begin() as session:
        session.add(
            Submission(target="x", idempotency_key=jobs.idempotency_key("assess", "hf:org/model0", None, "v"))
        )
    with database.sessions(engine).begin() as session:
        session.execute(update(Submission).values(kind="reassess"))
    with pytest.raises(IntegrityError), database.sessions(engine).begin() as session:
        session.execute(update(Submission).values(kind="other"))
