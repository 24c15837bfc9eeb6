"""Report a problem with a model's assessment (anyone), and the moderation page (maintainers): the
submissions waiting for a decision (approve, reject) and the open problem reports (close). Every post
carries the form token (``forms``); every decision needs a signed-in maintainer (``account``)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openness.store import moderation
from openness.web import forms
from openness.web.account import maintainer, maintainer_or_redirect
from openness.web.api import Db, ModelId, found
from openness.web.pages import render

router = APIRouter(include_in_schema=False)
DECISIONS = {"approve": "approved", "reject": "rejected"}


@router.get("/models/{model_id}/report", response_class=HTMLResponse)
def report_form(request: Request, db: Db, model_id: ModelId) -> HTMLResponse:
    current = found(db, model_id)
    context = {"current": current, "csrf_token": forms.csrf_token(request), "problem": "", "sent": False}
    context |= {"message": "", "contact": "", "limits": moderation}
    return render(request, "report.html.j2", context)


@router.post("/models/{model_id}/report", response_class=HTMLResponse)
async def report(request: Request, db: Db, model_id: ModelId) -> HTMLResponse:
    form = await forms.checked_form(request)
    current = found(db, model_id)
    message = str(form.get("message", "")).strip()
    contact = str(form.get("contact", "")).strip()
    context = {"current": current, "csrf_token": forms.csrf_token(request), "limits": moderation}
    context |= {"message": message, "contact": contact, "sent": False, "problem": ""}
    if not message:
        context["problem"] = "Say what is wrong: the message is empty."
    elif len(message) > moderation.MAX_MESSAGE or len(contact) > moderation.MAX_CONTACT:
        context["problem"] = (
            f"The message has at most {moderation.MAX_MESSAGE} characters, "
            f"the contact at most {moderation.MAX_CONTACT}."
        )
    if context["problem"]:
        return render(request, "report.html.j2", context, status_code=400)
    moderation.file_report(db, current.model, message, contact)
    db.commit()
    context |= {"sent": True, "message": "", "contact": ""}
    return render(request, "report.html.j2", context)


@router.get("/moderation", response_class=HTMLResponse)
def moderation_page(request: Request, db: Db) -> Response:
    who = maintainer_or_redirect(request, db)
    if isinstance(who, Response):
        return who
    context = {"queue": moderation.queue(db), "csrf_token": forms.csrf_token(request)}
    return render(request, "moderation.html.j2", context)


def _number(value: object) -> int:
    text = str(value)
    if not text.isdigit() or len(text) > 10:
        raise HTTPException(400, "not an id")
    return int(text)


@router.post("/moderation/submissions")
async def decide(request: Request, db: Db) -> Response:
    form = await forms.checked_form(request)
    user = maintainer(request, db)
    decision = DECISIONS.get(str(form.get("decision", "")))
    if decision is None:
        raise HTTPException(400, "decision: approve or reject")
    if moderation.decide(db, _number(form.get("submission")), decision, user.name) is None:
        raise HTTPException(404, "no such submission")
    db.commit()
    return RedirectResponse("/moderation", status_code=303)


@router.post("/moderation/reports")
async def close(request: Request, db: Db) -> Response:
    form = await forms.checked_form(request)
    maintainer(request, db)
    if moderation.close_report(db, _number(form.get("report"))) is None:
        raise HTTPException(404, "no such problem report")
    db.commit()
    return RedirectResponse("/moderation#reports", status_code=303)
