"""Running one claimed job: assess through ``openness.service`` (the collectors with their bounds and
caches, every fetched URL checked by ``targets``), then store the result exactly as the importer does
(``records.store``), with what changed against the model's previous assessment
(``openness.reports.diff``), in the same transaction as the job's guarded finishing write."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from openness.domain.assessment import Assessment
from openness.domain.release import Release
from openness.errors import InternalError, OpennessError
from openness.sources.options import CollectOptions
from openness.store import jobs, moderation, targets
from openness.store.models import AssessmentRow, Model, ReleaseRow, Submission

UPLOAD_PREFIX = "upload:"
"""A MOT YAML record sent with the submission: its target is ``upload:FILE.yml``."""
STORE_TRIES = 3
"""Tries to store a result when another job stored the same model or release at the same moment."""


@dataclass(frozen=True, slots=True)
class Outcome:
    state: str
    """``done``, ``failed``, or ``lost`` (the lease was taken over: nothing was written)."""
    message: str = ""


@dataclass(frozen=True, slots=True)
class Made:
    """An assessment made for a job, and where it is stored."""

    assessment: Assessment
    key: str
    source: str
    revision: str


class _Lost(Exception):
    pass


def upload_revision(text: str) -> str:
    """A MOT record's revision: the sha256 of its bytes, as the importer names an imported record's."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def resolved_revision(release: Release, asked: str | None) -> str:
    """The commit a collector read (the Hub's sha, git's commit), else the revision asked for."""
    for source, field in (("hf", "sha"), ("git", "commit")):
        facts = release.extra.get(source)
        if isinstance(facts, dict) and facts.get(field):
            return str(facts[field])[:128]
    return f"ref:{asked or 'default'}"[:128]


def assess(
    engine: Engine, job: jobs.Job, policy: targets.Policy, collect_options: CollectOptions | None = None
) -> Made:
    from openness import service

    if job.kind == "reassess":
        return _reassess(engine, job)
    if job.payload is not None:
        from openness.sources import mot_yaml

        name = job.target.removeprefix(UPLOAD_PREFIX)
        a = service.assess_release(mot_yaml.parse(job.payload, name), job.target)
        return Made(a, job.model_key or f"mot:{name}", job.target, upload_revision(job.payload))
    target = targets.check(job.target, policy)  # again: the name may resolve elsewhere by now
    options = replace(collect_options or CollectOptions(), url_guard=targets.url_guard(policy))
    a = service.assess(target.target, collect_options=options)
    return Made(a, target.model_key, target.target, resolved_revision(a.release, target.revision))


def _reassess(engine: Engine, job: jobs.Job) -> Made:
    """A stored release assessed again with this openness and its data: the evidence as collected, the
    rules and licence facts of now."""
    from openness import service
    from openness.domain.serialize import release_from_dict

    with Session(engine) as session:
        row = session.execute(
            select(ReleaseRow, Model.key)
            .join(Model, ReleaseRow.model_id == Model.id)
            .where(ReleaseRow.id == job.release_id)
        ).first()
    if row is None:
        from openness.errors import InputError

        raise InputError("the release to re-assess is no longer stored", where=f"release {job.release_id}")
    release, key = row
    a = service.assess_release(release_from_dict(release.record), release.target)
    return Made(a, key, release.source, release.revision)


def run(
    engine: Engine, job: jobs.Job, policy: targets.Policy, collect_options: CollectOptions | None = None
) -> Outcome:
    """Assess a claimed job and store the result; a target that cannot be assessed fails the job with
    its one-line reason."""
    try:
        made = assess(engine, job, policy, collect_options)
    except OpennessError as exc:
        return _failed(engine, job, str(exc))
    except SQLAlchemyError:
        raise  # the database, not the job: the lease expires and the job is tried again
    except Exception as exc:  # a bug: the job fails with one line, the worker goes on
        return _failed(engine, job, str(InternalError.of(exc)))
    for attempt in range(STORE_TRIES):
        try:
            return finish(engine, job, made)
        except _Lost:
            return Outcome("lost", "the lease was taken over; nothing stored")
        except IntegrityError:
            if attempt == STORE_TRIES - 1:
                raise
    raise AssertionError("unreachable")


def _failed(engine: Engine, job: jobs.Job, message: str) -> Outcome:
    return Outcome("failed", message) if jobs.fail(engine, job, message) else Outcome("lost", message)


def finish(engine: Engine, job: jobs.Job, made: Made) -> Outcome:
    """One transaction: the job marked done (guarded: still this worker's), the assessment stored, the
    job pointed at it with what changed."""
    from openness.store.records import store
    from openness.web import fragments

    with Session(engine, expire_on_commit=False) as session, session.begin():
        if not jobs.mark_done(session, job):
            raise _Lost
        latest = _latest(session, made.key)
        previous = _of_release(session, job.release_id) if job.kind == "reassess" else latest
        row, _created = store(
            session, made.assessment, key=made.key, source=made.source, revision=made.revision
        )
        changes = _changes(previous, row) if previous is not None and previous.id != row.id else None
        if latest is not None and latest.release_id != row.release_id and job.kind == "reassess":
            # an older revision assessed again does not become the model's latest
            session.execute(
                update(Model).where(Model.id == row.model_id).values(latest_assessment_id=latest.id)
            )
            fragments.store(session, row.model_id)  # its page's parts, for the latest it shows
        session.execute(
            update(Submission)
            .where(Submission.id == job.id)
            .values(
                assessment_id=row.id, resolved_revision=made.revision, model_key=made.key, changes=changes
            )
        )
        if session.scalar(select(Submission.moderation).where(Submission.id == job.id)) == "rejected":
            # rejected while it was assessed: what it made is withdrawn as soon as it is stored
            release = session.get(ReleaseRow, row.release_id)
            if release is not None:
                moderation.show(session, release, shown=False)
    return Outcome("done", f"assessment {row.id}")


def _latest(session: Session, key: str) -> AssessmentRow | None:
    stmt = (
        select(AssessmentRow)
        .join(Model, Model.latest_assessment_id == AssessmentRow.id)
        .where(Model.key == key)
    )
    return session.scalars(stmt).first()


def _of_release(session: Session, release_id: int | None) -> AssessmentRow | None:
    """The newest assessment of a release (what a re-assessment is compared with)."""
    stmt = (
        select(AssessmentRow).where(AssessmentRow.release_id == release_id).order_by(AssessmentRow.id.desc())
    )
    return session.scalars(stmt.limit(1)).first()


def _changes(previous: AssessmentRow, row: AssessmentRow) -> dict[str, Any]:
    """``openness.reports.diff`` between the two results, as its JSON, with the two assessments' ids."""
    from openness.reports import diff

    doc: dict[str, Any] = json.loads(diff.to_json(diff.compare(previous.result, row.result)))
    doc["from_assessment"], doc["to_assessment"] = previous.id, row.id
    return doc
