"""The submit page (server-rendered, no script): a Hub id, a git URL[@REV] or a MOT YAML upload, with
the API token that authorises the write, queued as a job; the job's page refreshes itself (``<meta
http-equiv="refresh">``, the CSP allows no script) until the job is done or failed.

Authorisation and cross-site protection (``authorise``, the one place): the form carries the submitter's
API token, which a page on another site cannot know, so a forged cross-site post is refused like any post
without a token; or the submitter is a signed-in maintainer, and the form's CSRF token must be the
session's (``openness.web.forms``).
Uploads are bounded twice: the request's declared length before the form is parsed, and the record
itself (``submissions.MAX_RECORD``) before it is read with the safe YAML reader.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from openness.errors import InputError
from openness.store.models import ApiToken
from openness.web import account, submissions
from openness.web.api import Db
from openness.web.forms import check_csrf
from openness.web.pages import render

router = APIRouter(include_in_schema=False)
MAX_FORM = submissions.MAX_RECORD + 16 * 1024
"""Bytes of a whole form post: the record and the few text fields beside it."""
REFRESH_SECONDS = 2


def authorise(request: Request, db: Session, form: Any) -> ApiToken | None:
    """The write's credential: the form's API token when one is given (401 unless valid); else a
    signed-in maintainer's session with the form's CSRF token (None: no token row); else 401."""
    token = form.get("token")
    if isinstance(token, str) and token.strip():
        return submissions.token_of(db, token)
    user = account.signed_in(request, db)
    if user is None or not user.maintainer:
        return submissions.token_of(db, None)  # the 401 that asks for a token
    check_csrf(request, form)
    return None


def _form_page(request: Request, status: int = 200, error: str = "", target: str = "") -> HTMLResponse:
    context = {"error": error, "target": target, "max_record": submissions.MAX_RECORD}
    return render(request, "submit.html.j2", context, status_code=status)


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request) -> HTMLResponse:
    return _form_page(request)


@router.post("/submit")
async def submit_post(request: Request, db: Db) -> Response:
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        return _form_page(request, 411, "the form was sent without its length; send it again")
    if int(declared) > MAX_FORM:
        return _form_page(request, 413, f"the form is over {MAX_FORM:,} bytes: a MOT record is a few KB")
    async with request.form(max_files=1, max_fields=5, max_part_size=MAX_FORM) as form:
        target = form.get("target")
        target = target.strip() if isinstance(target, str) else ""
        upload = form.get("record")
        data, filename = b"", None
        if upload is not None and not isinstance(upload, str):
            data = await upload.read(submissions.MAX_RECORD + 1)
            filename = upload.filename or None
        try:
            token = authorise(request, db, form)
        except HTTPException as exc:
            return _form_page(request, exc.status_code, str(exc.detail), target)
    try:
        if data and target:
            raise InputError("give a target or a record, not both", where="the form")
        if data:
            job, _ = submissions.queue_record(db, data, _base_name(filename), token)
        elif target:
            job, _ = submissions.queue_target(db, target, submissions.policy(request), token)
        else:
            raise InputError("give a Hub id, a git URL or a MOT YAML record", where="the form")
    except InputError as exc:
        return _form_page(request, 400, str(exc), target)
    return RedirectResponse(f"/submissions/{job.id}", status_code=303)


def _base_name(filename: str | None) -> str | None:
    """The file name a browser sent, without any folder part."""
    if not filename:
        return None
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or None


@router.get("/submissions/{job_id}", response_class=HTMLResponse)
def submission_page(
    request: Request, db: Db, job_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> HTMLResponse:
    job = submissions.job_view(db, submissions.found_job(db, job_id))
    return render(
        request,
        "submission.html.j2",
        {"job": job, "refresh": REFRESH_SECONDS if job["state"] in ("queued", "running") else None},
    )
