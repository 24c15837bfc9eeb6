"""``openness registry reassess``: every stored release not yet assessed with this version of openness
and its data becomes a ``reassess`` job (one per release and versions: running it twice queues nothing
new). A worker assesses the release's stored evidence with today's rules and licence facts; the new
assessment joins the history, and the job records what changed (``openness.reports.diff``)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from openness.store import jobs
from openness.store.database import sessions
from openness.store.models import AssessmentRow, Model, ReleaseRow, Submission


def current_versions_key() -> str:
    from openness import service
    from openness.store.records import versions_key

    return versions_key(service.versions(service.DEFAULT_OPTIONS))


def queue_all(engine: Engine) -> tuple[list[int], int]:
    """(ids of the jobs queued or already queued, releases already assessed with these versions)."""
    vkey = current_versions_key()
    make = sessions(engine)
    with make() as session:
        assessed_now = select(AssessmentRow.release_id).where(AssessmentRow.versions_key == vkey)
        stale = session.execute(
            select(ReleaseRow.id, ReleaseRow.target, Model.key)
            .join(Model, ReleaseRow.model_id == Model.id)
            .where(ReleaseRow.id.not_in(assessed_now))
            .order_by(ReleaseRow.id)
        ).all()
        total = session.scalar(select(func.count()).select_from(ReleaseRow)) or 0
    ids = []
    for release_id, target, key in stale:
        with make() as session:
            job, _ = jobs.enqueue(
                session,
                kind="reassess",
                target=target,
                revision=None,
                model_key=key,
                key=jobs.idempotency_key("reassess", f"release:{release_id}", None, vkey),
                release_id=release_id,
            )
            ids.append(job.id)
    return ids, total - len(stale)


def changed_lines(engine: Engine, ids: list[int]) -> list[str]:
    """A line per change the given jobs recorded, and a line per job that failed."""
    out: list[str] = []
    with sessions(engine)() as session:
        rows = session.scalars(select(Submission).where(Submission.id.in_(ids)).order_by(Submission.id))
        for job in rows:
            if job.state == "failed":
                out.append(f"{job.model_key}: not re-assessed: {job.error}")
            for change in (job.changes or {}).get("changes", []):
                out.append(
                    f"{job.model_key}: {change['subject']}: {change['old']} → {change['new']} "
                    f"({change['direction']})"
                )
    return out
