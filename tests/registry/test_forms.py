"""The form token (``openness.web.forms``) and the session cookie it lives in, on a real server: a
post without the token, with another session's token, or with no cookie is refused; the cookie is
HttpOnly, SameSite=Lax and signed (a changed cookie is a new, empty session)."""

from __future__ import annotations

import secrets

from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from sqlalchemy import Engine

from openness.web import forms
from openness.web.app import create_app
from tests.registry.conftest import Client, Server, form_token


def _app(eng: Engine, secure: bool = False) -> object:
    app = create_app(eng, secret_key=secrets.token_hex(32), secure_cookies=secure)

    @app.get("/test-form")
    def show(request: Request) -> HTMLResponse:
        token = forms.csrf_token(request)
        return HTMLResponse(f'<form method="post"><input name="csrf_token" value="{token}"></form>')

    @app.post("/test-form")
    async def receive(request: Request) -> PlainTextResponse:
        form = await forms.checked_form(request)
        return PlainTextResponse(f"got {form.get('word')}")

    return app


def test_a_post_needs_the_sessions_own_token(engine: Engine) -> None:
    with Server(engine, _app(engine)) as server:
        alice, mallory = Client(server.base), Client(server.base)
        page = alice.get("/test-form")
        cookie = page.headers["set-cookie"]
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "secure" not in cookie.lower()
        token = form_token(page.text)
        assert alice.post("/test-form", {"csrf_token": token, "word": "hello"}).text == "got hello"
        assert alice.get("/test-form").text.count(token) == 1  # the same token for the session
        refused = alice.post("/test-form", {"word": "no token"})
        assert refused.status == 403 and "reload the page" in refused.text
        assert alice.post("/test-form", {"csrf_token": token[:-1] + "x", "word": "w"}).status == 403
        mallory.get("/test-form")  # a session of its own, with another token
        assert mallory.post("/test-form", {"csrf_token": token, "word": "stolen"}).status == 403
        assert Client(server.base).post("/test-form", {"csrf_token": token}).status == 403  # no cookie


def test_a_changed_cookie_is_an_empty_session(engine: Engine) -> None:
    with Server(engine, _app(engine)) as server:
        alice = Client(server.base)
        token = form_token(alice.get("/test-form").text)
        for cookie in alice.cookies:
            cookie.value = "x" + (cookie.value or "")[1:]  # type: ignore[union-attr]
        assert alice.post("/test-form", {"csrf_token": token}).status == 403


def test_the_cookie_is_secure_when_asked(engine: Engine) -> None:
    with Server(engine, _app(engine, secure=True)) as server:
        cookie = Client(server.base).get("/test-form").headers["set-cookie"]
        assert "; secure" in cookie.lower()
