"""The registry's ASGI application. ``create_app(engine)`` for tests and embedding;
``create_app_from_env`` is what ``openness serve`` hands uvicorn (the database URL in
``$OPENNESS_DATABASE``, so each worker process opens its own engine)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any, ClassVar

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from openness import __version__

SECURITY_HEADERS = {
    # no script at all, styles from this origin only, images from here (badges) or data: URLs
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MACHINE_PREFIXES = ("/api/", "/badge/", "/healthz", "/readyz", "/openapi.json")
"""Paths that answer errors in the MOT's JSON body rather than as an HTML page."""


def error_body(code: int, message: str) -> dict[str, Any]:
    """The MOT API's error shape: ``{"error": {"code", "message"}}``."""
    return {"error": {"code": code, "message": message}}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(MACHINE_PREFIXES)


def _error(request: Request, code: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message), status_code=code)
    from openness.web.pages import render

    return render(request, "error.html.j2", {"code": code, "message": message}, status_code=code)


@cache
def report_css() -> str:
    """The HTML report's own stylesheet (the ``<style>`` of its head template), served as a file so the
    pages need no inline style; the registry's few additions follow it."""
    head = resources.files("openness.reports").joinpath("templates", "head.html.j2").read_text("utf-8")
    found = re.search(r"<style>\n(.*?)</style>", head, re.S)
    own = resources.files("openness.web").joinpath("static", "registry.css").read_text("utf-8")
    return (found.group(1) if found else "") + own


class SecurityHeaders:
    """``SECURITY_HEADERS`` on every answer that does not set them itself. A plain ASGI middleware: the
    ``@app.middleware("http")`` form costs a task and a stream per request (a tenth of an uncached
    model page's CPU)."""

    ADDED: ClassVar[tuple[tuple[bytes, bytes], ...]] = tuple(
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()
    )

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in self.ADDED if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)


def create_app(
    engine: Engine, *, secret_key: str | None = None, secure_cookies: bool | None = None
) -> FastAPI:
    """The app on an engine; the session key and the cookies' Secure flag default to the environment's
    (``openness.web.sessions``)."""
    from openness.store.database import sessions
    from openness.web import (
        account,
        api,
        compare,
        evaluate,
        moderation,
        operations,
        pages,
        submissions,
        submit,
    )
    from openness.web import sessions as signed

    app = FastAPI(
        title="openness registry",
        version=__version__,
        description="Model openness assessments: a MOT-compatible API (v1), the full openness results (v2).",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.sessions = sessions(engine)
    # Pages that only read (a model page): each statement on its own, no BEGIN and ROLLBACK round trips
    app.state.read_sessions = sessions(engine.execution_options(isolation_level="AUTOCOMMIT"))
    signed.add_sessions(
        app,
        secret_key or signed.secret_key(),
        secure=signed.secure_cookies() if secure_cookies is None else secure_cookies,
    )

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # WWW-Authenticate on a 401
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        return _error(request, 400, "; ".join(problems) or "bad request")

    @app.exception_handler(SQLAlchemyError)
    async def database_error(request: Request, exc: SQLAlchemyError) -> Response:
        return _error(request, 503, "the database is unavailable; try again later")

    @app.get("/healthz", tags=["operations"], summary="The process answers")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="The database answers and its schema is current")
    def readyz() -> JSONResponse:
        from openness.store.database import HEAD, revision

        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            at = revision(engine)
        except SQLAlchemyError:
            return JSONResponse(error_body(503, "the database is unavailable"), status_code=503)
        if at != HEAD:
            return JSONResponse(
                error_body(503, f"the database schema is at {at}, not {HEAD}"), status_code=503
            )
        return JSONResponse({"status": "ready", "schema": at})

    @app.get("/static/registry.css", include_in_schema=False)
    def stylesheet() -> PlainTextResponse:
        return PlainTextResponse(
            report_css(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:  # browsers ask for it on every first visit; no icon, and no 404 logged
        return Response(status_code=204)

    app.include_router(api.router)
    app.include_router(submissions.router)
    app.include_router(pages.router)
    app.include_router(submit.router)
    app.include_router(account.router)
    app.include_router(moderation.router)
    app.include_router(evaluate.router)
    app.include_router(compare.router)
    # the request log, rate limits, body bound and read cache (settings from the environment)
    operations.install(app)
    return app


def create_app_from_env() -> FastAPI:
    """The app of one ``openness serve`` worker process."""
    from openness.store.database import make_engine

    app = create_app(make_engine(None, must_exist=True))  # `openness serve` made and migrated it
    settle_gc()
    return app


GC_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation in a server worker (Python's default:
700). An uncached page makes thousands of short-lived objects; with the default, collections that walk
the worker's long-lived objects came often enough to be the slowest hundredth of the answers (random model
pages on PostgreSQL: p99 85–103 ms with the default, 48–64 ms with this, in paired runs)."""


def settle_gc() -> None:
    """Once a worker has built its app: what lives now (modules, templates, the app) is moved out of the
    collector's sight (``gc.freeze``), and the young generation is collected less often."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 50, 1000)
