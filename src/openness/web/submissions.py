"""Submissions: ``POST /api/v2/submissions`` (an API token in ``Authorization: Bearer``) queues a Hub
id, an https git URL on the allow-list, or a MOT YAML record, and answers 202 with a job to poll at
``GET /api/v2/submissions/{id}``; the same submission again answers 200 with the job it already made.
``GET /api/v2/models/{id}/diff?from=&to=`` says what changed between two assessments of a model.

The checks and the queueing live here once, for the API and the submit form (``web/submit.py``)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.errors import InputError
from openness.store import jobs, targets
from openness.store.models import ApiToken, AssessmentRow, Model, Submission
from openness.web import schemas
from openness.web.api import Db, ModelId, found, iso

router = APIRouter()
MAX_RECORD = 256 * 1024
"""Bytes of an uploaded MOT YAML record (the MOT's public records are under 10 KB)."""
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml$")
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **schemas.ERRORS,
    401: {"model": schemas.ErrorBody, "description": "No API token, or not a valid one."},
}


class SubmissionIn(schemas.Shape):
    target: str | None = Field(
        None,
        max_length=targets.MAX_TARGET,
        description="hf:ORG/NAME[@REV], or https://HOST/OWNER/REPO[@REV].",
    )
    record: str | None = Field(
        None, max_length=MAX_RECORD, description="A MOT YAML record's text, instead of a target."
    )
    filename: str | None = Field(
        None, max_length=105, description="The record's file name (NAME.yml): the model is mot:NAME."
    )


class JobOut(schemas.Shape):
    id: int
    kind: str = Field(description="assess (a submission) or reassess (a stored release, new versions).")
    state: str = Field(description="queued, running, done or failed.")
    target: str
    revision: str | None = Field(description="The revision asked for (null: the default branch).")
    resolved_revision: str | None = Field(description="The commit (or record hash) assessed, when done.")
    model_key: str | None
    model_id: int | None
    assessment_id: int | None
    attempts: int
    error: str | None = Field(description="Why it failed, in one line.")
    created_at: str
    started_at: str | None
    finished_at: str | None
    changes: dict[str, Any] | None = Field(
        description="What changed against the model's previous assessment."
    )
    links: dict[str, str]


def policy(request: Request) -> targets.Policy:
    """The target checks: ``app.state.target_policy`` when set (tests inject a resolver), else the
    allow-list from the environment."""
    given = getattr(request.app.state, "target_policy", None)
    return given if isinstance(given, targets.Policy) else targets.policy_from_env()


def unauthorised(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="openness"'})


def token_of(db: Session, clear: str | None) -> ApiToken:
    """The API token's row, or 401."""
    from openness.store import tokens

    if not clear:
        raise unauthorised("an API token is needed to submit (openness registry token create NAME)")
    row = tokens.verify(db, clear.strip())
    if row is None:
        raise unauthorised("the API token is not valid (revoked, or mistyped)")
    return row


def bearer(db: Db, authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> ApiToken:
    scheme, _, value = (authorization or "").partition(" ")
    return token_of(db, value if scheme.lower() == "bearer" else None)


def queue_target(
    db: Session, given: str, check: targets.Policy, token: ApiToken | None
) -> tuple[Submission, bool]:
    """Check a submitted target (InputError with the reason) and queue it once."""
    from openness.store.reassess import current_versions_key

    target = targets.check(given, check)
    key = jobs.idempotency_key("assess", target.target, target.revision, current_versions_key())
    return jobs.enqueue(
        db,
        kind="assess",
        target=target.target,
        revision=target.revision,
        model_key=target.model_key,
        key=key,
        token_id=token.id if token else None,
    )


def queue_record(
    db: Session, data: bytes, filename: str | None, token: ApiToken | None
) -> tuple[Submission, bool]:
    """Read an uploaded MOT YAML record with the project's safe YAML reader (InputError saying what and
    where) and queue it once: the same bytes are the same job, as the importer's same file is."""
    from openness.sources import mot_yaml
    from openness.store.execute import UPLOAD_PREFIX, upload_revision
    from openness.store.reassess import current_versions_key

    where = filename or "the record"
    if len(data) > MAX_RECORD:
        raise InputError(
            f"the record is over {MAX_RECORD:,} bytes", where=where, hint="a MOT record is a few KB"
        )
    if filename is not None and not _FILE_NAME.match(filename):
        raise InputError(
            "the file name is not NAME.yml or NAME.yaml", where="filename", hint="rename the file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (at byte {exc.start})", where=where, hint="save it as UTF-8"
        ) from None
    release = mot_yaml.parse(text, where)
    stem = (
        filename.rsplit(".", 1)[0] if filename else re.sub(r"[^A-Za-z0-9._-]+", "-", release.name).strip("-.")
    )
    name = f"{(stem or 'record')[:100]}.yml"
    revision = upload_revision(text)
    key = jobs.idempotency_key("assess", f"{UPLOAD_PREFIX}{name}", revision, current_versions_key())
    return jobs.enqueue(
        db,
        kind="assess",
        target=f"{UPLOAD_PREFIX}{name}",
        revision=revision,
        model_key=f"mot:{name.rsplit('.', 1)[0]}",
        key=key,
        payload=text,
        token_id=token.id if token else None,
    )


def job_view(db: Session, job: Submission) -> dict[str, Any]:
    model_id = (
        db.scalar(select(Model.id).where(Model.key == job.model_key))
        if job.assessment_id is not None
        else None
    )
    links = {"self": f"/api/v2/submissions/{job.id}", "page": f"/submissions/{job.id}"}
    if model_id is not None:
        links.update(model=f"/api/v2/models/{model_id}", model_page=f"/models/{model_id}")
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "target": job.target,
        "revision": job.revision,
        "resolved_revision": job.resolved_revision,
        "model_key": job.model_key,
        "model_id": model_id,
        "assessment_id": job.assessment_id,
        "attempts": job.attempts,
        "error": job.error,
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at) if job.started_at else None,
        "finished_at": iso(job.finished_at) if job.finished_at else None,
        "changes": job.changes,
        "links": links,
    }


@router.post(
    "/api/v2/submissions",
    tags=["v2"],
    summary="Submit a model for assessment (API token); poll the job returned",
    status_code=202,
    response_model=JobOut,
    responses={200: {"model": JobOut, "description": "Submitted before: the job it made."}, **WRITE_ERRORS},
)
def submit(
    request: Request,
    response: Response,
    db: Db,
    body: SubmissionIn,
    token: Annotated[ApiToken, Depends(bearer)],
) -> dict[str, Any]:
    if (body.target is None) == (body.record is None):
        raise HTTPException(400, "give either target or record (a MOT YAML record's text)")
    try:
        if body.record is not None:
            job, created = queue_record(db, body.record.encode("utf-8"), body.filename, token)
        else:
            job, created = queue_target(db, body.target or "", policy(request), token)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    response.status_code = 202 if created else 200
    response.headers["Location"] = f"/api/v2/submissions/{job.id}"
    return job_view(db, job)


JobId = Annotated[int, Path(ge=1, le=2**31 - 1, description="A job's id, as the submission gave it.")]


def found_job(db: Session, job_id: int) -> Submission:
    job = db.get(Submission, job_id)
    if job is None:
        raise HTTPException(404, f"submission {job_id} not found")
    return job


@router.get(
    "/api/v2/submissions/{job_id}",
    tags=["v2"],
    summary="A submitted job: its state, and the assessment it made",
    response_model=JobOut,
    responses=schemas.ERRORS,
)
def submission(db: Db, job_id: JobId) -> dict[str, Any]:
    return job_view(db, found_job(db, job_id))


@router.get(
    "/api/v2/models/{model_id}/diff",
    tags=["v2"],
    summary="What changed between two assessments of a model (default: the latest and the one before)",
    responses=schemas.ERRORS,
)
def model_diff(
    db: Db,
    model_id: ModelId,
    from_id: Annotated[
        int | None, Query(alias="from", ge=1, le=2**31 - 1, description="The older assessment's id.")
    ] = None,
    to_id: Annotated[
        int | None,
        Query(alias="to", ge=1, le=2**31 - 1, description="The newer assessment's id (default: the latest)."),
    ] = None,
) -> dict[str, Any]:
    import json

    from openness.reports import diff

    current = found(db, model_id)
    ids = list(
        db.scalars(
            select(AssessmentRow.id).where(AssessmentRow.model_id == model_id).order_by(AssessmentRow.id)
        )
    )
    new = to_id if to_id is not None else current.assessment.id
    if new not in ids:
        raise HTTPException(404, f"assessment {new} is not one of model {model_id}'s")
    older = [i for i in ids if i < new]
    old = from_id if from_id is not None else (older[-1] if older else None)
    if old is None:
        raise HTTPException(404, f"model {model_id} has no assessment before {new} to compare with")
    if old not in ids:
        raise HTTPException(404, f"assessment {old} is not one of model {model_id}'s")
    a, b = db.get(AssessmentRow, old), db.get(AssessmentRow, new)
    assert a is not None and b is not None
    doc: dict[str, Any] = json.loads(diff.to_json(diff.compare(a.result, b.result)))
    doc.update(id=model_id, key=current.model.key, **{"from": old, "to": new})
    return doc
