"""CSRF protection for every form the registry's pages post: a synchronizer token tied to the session.

The first form a visitor is shown puts a random token in their signed session cookie (``sessions``);
the page carries it in a hidden field; a POST is accepted only when the field equals the session's
token (compared in constant time). Another site can make a browser post a form here, but it cannot read
the token, and the SameSite=Lax cookie is not even sent with its POST.

Use, in a route that shows a form::

    render(request, "x.html.j2", {"csrf_token": csrf_token(request), ...})
    # in the template: {% include "csrf.html.j2" %}

and in the route that receives it::

    form = await checked_form(request)        # 403 when the token is missing or wrong
    # or, with a form already parsed: check_csrf(request, form)

Signing in replaces the token (``rotate``), so a token seen before signing in is worth nothing after.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import FormData

FIELD = "csrf_token"
"""The hidden field's name."""
_KEY = "csrf"
"""The session's key for the token."""
MAX_FORM_FIELDS = 200
MAX_FORM_FILES = 1
MAX_PART_SIZE = 1024 * 1024
"""Bounds on what a form post is parsed into (fields, files, bytes in one non-file part)."""
EXPIRED = "the form has expired or this browser refuses cookies: reload the page and send it again"


def csrf_token(request: Request) -> str:
    """The session's form token, made on first use."""
    token = request.session.get(_KEY)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[_KEY] = token
    return token


def rotate(request: Request) -> str:
    """A new token for the session (after signing in or out)."""
    token = secrets.token_urlsafe(32)
    request.session[_KEY] = token
    return token


def check_csrf(request: Request, form: Mapping[str, Any]) -> None:
    """Raise a 403 unless the form's token is the session's."""
    expected = request.session.get(_KEY)
    given = form.get(FIELD)
    if not isinstance(expected, str) or not isinstance(given, str) or not expected:
        raise HTTPException(403, EXPIRED)
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise HTTPException(403, EXPIRED)


async def checked_form(request: Request) -> FormData:
    """The posted form, bounded, after its token is checked."""
    form = await request.form(
        max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_PART_SIZE
    )
    check_csrf(request, form)
    return form
