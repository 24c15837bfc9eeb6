"""The job queue, in the ``submissions`` table: no server beside the database.

A job is ``queued`` → ``running`` (a worker holds a lease until ``lease_expires_at``, moved forward by
its heartbeat) → ``done`` (an assessment stored) or ``failed`` (one line saying why).

- **Claim**: one ``UPDATE … WHERE id = (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING``. On
  PostgreSQL the row lock with SKIP LOCKED hands each queued job to one worker and lets the others take
  the next; on SQLite the same statement is the transaction's first, so it takes the database's write
  lock before it reads (one writer at a time: atomic), and ``FOR UPDATE`` is not rendered.
- **Every write a worker makes to its job is guarded** by ``worker_id`` and ``state = 'running'``: a
  worker whose lease was taken over cannot finish, fail or requeue the job any more; its finishing
  write and the assessment it stores are one transaction, so a lost lease stores nothing.
- **Expired leases** (a worker killed, a machine gone) are requeued by any worker; after
  ``max_attempts`` claims the job fails instead, so a target that kills its worker cannot loop.
- **Idempotent**: ``idempotency_key`` is unique: the same kind, normalised target, revision asked for
  and openness/data versions make one job; submitting it again returns that job (a failed one is queued
  again). Below that, ``records.store`` keeps one assessment per release and versions.

Times are the workers' clocks in UTC (keep them synchronised, as for any lease).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openness.store.models import Submission

LEASE_SECONDS = 60.0
MAX_ATTEMPTS = 3
LOST = "the worker running it stopped answering {n} times; it is not tried again"


def utcnow() -> datetime:
    return datetime.now(UTC)


def idempotency_key(kind: str, target: str, revision: str | None, versions_key: str) -> str:
    text = "\n".join((kind, target, revision or "", versions_key))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Job:
    """A claimed job: what the worker needs to run it."""

    id: int
    kind: str
    target: str
    revision: str | None
    model_key: str | None
    payload: str | None
    release_id: int | None
    attempts: int
    worker_id: str


def enqueue(
    session: Session,
    *,
    kind: str,
    target: str,
    revision: str | None,
    model_key: str | None,
    key: str,
    payload: str | None = None,
    release_id: int | None = None,
    token_id: int | None = None,
) -> tuple[Submission, bool]:
    """Queue a job, or return the one with the same key; ``(job, created)``. A failed job submitted
    again is queued again (its attempts start afresh). Commits."""
    existing = session.scalars(select(Submission).where(Submission.idempotency_key == key)).first()
    if existing is None:
        when = utcnow()
        job = Submission(
            kind=kind,
            target=target,
            revision=revision,
            model_key=model_key,
            payload=payload,
            release_id=release_id,
            token_id=token_id,
            idempotency_key=key,
            state="queued",
            moderation="approved" if kind == "reassess" else "pending",  # no person to moderate there
            created_at=when,
            updated_at=when,
        )
        session.add(job)
        try:
            session.commit()
            return job, True
        except IntegrityError:  # another request queued the same job first
            session.rollback()
            existing = session.scalars(select(Submission).where(Submission.idempotency_key == key)).one()
    if existing.state == "failed":
        session.execute(
            update(Submission)
            .where(Submission.id == existing.id, Submission.state == "failed")
            .values(state="queued", attempts=0, error=None, finished_at=None, updated_at=utcnow())
        )
        session.commit()
        session.refresh(existing)
    return existing, False


def claim(engine: Engine, worker_id: str, lease: float = LEASE_SECONDS) -> Job | None:
    """Take the oldest queued job for ``worker_id``, or None when there is none."""
    now = utcnow()
    oldest = (
        select(Submission.id)
        .where(Submission.state == "queued")
        .order_by(Submission.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    stmt = (
        update(Submission)
        .where(Submission.id == oldest, Submission.state == "queued")
        .values(
            state="running",
            worker_id=worker_id,
            attempts=Submission.attempts + 1,
            lease_expires_at=now + timedelta(seconds=lease),
            started_at=now,
            updated_at=now,
        )
        .returning(
            Submission.id,
            Submission.kind,
            Submission.target,
            Submission.revision,
            Submission.model_key,
            Submission.payload,
            Submission.release_id,
            Submission.attempts,
        )
    )
    with engine.begin() as connection:
        row = connection.execute(stmt).first()
    if row is None:
        return None
    return Job(
        id=row.id,
        kind=row.kind,
        target=row.target,
        revision=row.revision,
        model_key=row.model_key,
        payload=row.payload,
        release_id=row.release_id,
        attempts=row.attempts,
        worker_id=worker_id,
    )


def _mine(job: Job) -> tuple[object, ...]:
    return (Submission.id == job.id, Submission.worker_id == job.worker_id, Submission.state == "running")


def heartbeat(engine: Engine, job: Job, lease: float = LEASE_SECONDS) -> bool:
    """Extend the lease; False when the job is no longer this worker's."""
    now = utcnow()
    with engine.begin() as connection:
        done = connection.execute(
            update(Submission)
            .where(*_mine(job))  # type: ignore[arg-type]
            .values(lease_expires_at=now + timedelta(seconds=lease), updated_at=now)
        )
    return done.rowcount == 1


def mark_done(session: Session, job: Job) -> bool:
    """The first write of the finishing transaction: True when the job is still this worker's (then it
    stays locked until the transaction ends); the caller rolls back on False."""
    now = utcnow()
    done = session.execute(
        update(Submission)
        .where(*_mine(job))  # type: ignore[arg-type]
        .values(state="done", finished_at=now, updated_at=now, lease_expires_at=None, error=None)
    )
    return getattr(done, "rowcount", 0) == 1


def fail(engine: Engine, job: Job, message: str) -> bool:
    now = utcnow()
    with engine.begin() as connection:
        done = connection.execute(
            update(Submission)
            .where(*_mine(job))  # type: ignore[arg-type]
            .values(state="failed", error=message, finished_at=now, updated_at=now, lease_expires_at=None)
        )
    return done.rowcount == 1


def requeue(engine: Engine, job: Job) -> bool:
    """Hand a running job back to the queue (a graceful shutdown); the claim is not counted."""
    with engine.begin() as connection:
        done = connection.execute(
            update(Submission)
            .where(*_mine(job))  # type: ignore[arg-type]
            .values(
                state="queued",
                worker_id=None,
                lease_expires_at=None,
                attempts=Submission.attempts - 1,
                updated_at=utcnow(),
            )
        )
    return done.rowcount == 1


def requeue_expired(engine: Engine, max_attempts: int = MAX_ATTEMPTS) -> tuple[int, int]:
    """Requeue running jobs whose lease has expired; fail those claimed ``max_attempts`` times already.
    Returns (requeued, failed)."""
    now = utcnow()
    expired = (Submission.state == "running", Submission.lease_expires_at < now)
    with engine.begin() as connection:
        failed = connection.execute(
            update(Submission)
            .where(*expired, Submission.attempts >= max_attempts)
            .values(
                state="failed",
                error=LOST.format(n=max_attempts),
                worker_id=None,
                lease_expires_at=None,
                finished_at=now,
                updated_at=now,
            )
        ).rowcount
        requeued = connection.execute(
            update(Submission)
            .where(*expired)
            .values(state="queued", worker_id=None, lease_expires_at=None, updated_at=now)
        ).rowcount
    return requeued, failed


def counts(session: Session) -> dict[str, int]:
    """Jobs per state."""
    from sqlalchemy import func

    rows = session.execute(select(Submission.state, func.count()).group_by(Submission.state)).all()
    return {str(state): int(n) for state, n in rows}
