"""Signing in and out of the registry's pages, and who is signed in.

The session (``sessions``) keeps the user's id, name and a stamp of their password hash; every request
that needs a user reads the row again, so a removed user or a new password ends the session at once.
Signing in starts a new session (no fixation) with a new form token.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from openness.store import users
from openness.store.models import User
from openness.web import forms
from openness.web.api import Db
from openness.web.pages import render

router = APIRouter(include_in_schema=False)
WRONG = "The name or the password is wrong."


def signed_in(request: Request, db: Session) -> User | None:
    """The signed-in user, when the session names one that still exists with the same password."""
    session = request.scope.get("session") or {}
    user_id = session.get("user")
    if not isinstance(user_id, int):
        return None
    user = db.get(User, user_id)
    if user is None or session.get("stamp") != users.stamp(user):
        for key in ("user", "name", "stamp"):  # a stale sign-in: forget it (the header stops naming it)
            session.pop(key, None)
        return None
    return user


def maintainer_or_redirect(request: Request, db: Session) -> User | Response:
    """The signed-in maintainer; a visitor is sent to sign in first, a user who is not a maintainer
    gets a 403."""
    user = signed_in(request, db)
    if user is None:
        target = "/signin?" + urlencode({"next": request.url.path})
        return RedirectResponse(target, status_code=303)
    if not user.maintainer:
        raise HTTPException(403, "only maintainers may moderate")
    return user


def maintainer(request: Request, db: Session) -> User:
    """The signed-in maintainer, else a 403 (for the posts: they come from a page already signed in)."""
    user = signed_in(request, db)
    if user is None or not user.maintainer:
        raise HTTPException(403, "sign in as a maintainer first")
    return user


def _local(path: str) -> str:
    """Where to go after signing in: a path on this site only (never ``//host`` or a URL)."""
    ok = path.startswith("/") and not path.startswith("//") and "\\" not in path and len(path) < 200
    return path if ok else "/"


def _form(
    request: Request, next_path: str, name: str = "", problem: str = "", status: int = 200
) -> HTMLResponse:
    context = {
        "csrf_token": forms.csrf_token(request),
        "next": _local(next_path),
        "name": name,
        "problem": problem,
    }
    return render(request, "signin.html.j2", context, status_code=status)


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: Annotated[str, Query(max_length=200)] = "/") -> HTMLResponse:
    return _form(request, next)


@router.post("/signin", response_class=HTMLResponse)
async def signin(request: Request, db: Db) -> Response:
    form = await forms.checked_form(request)
    name, password = str(form.get("name", ""))[:64], str(form.get("password", ""))
    next_path = _local(str(form.get("next", "/")))
    user = users.authenticate(db, name, password[: users.MAX_PASSWORD + 1])
    if user is None:
        return _form(request, next_path, name, WRONG, status=400)
    request.session.clear()
    request.session.update({"user": user.id, "name": user.name, "stamp": users.stamp(user)})
    forms.rotate(request)
    return RedirectResponse(next_path, status_code=303)


@router.post("/signout")
async def signout(request: Request) -> Response:
    await forms.checked_form(request)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
