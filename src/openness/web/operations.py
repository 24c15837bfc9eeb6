"""What the registry needs to run in the open: its settings, a request log, the rate limits and body
bound (``limits``), the read cache (``cache``), a last-resort error answer, and the engine closed on
shutdown. ``install(app)`` wires them around the application; ``create_app`` calls it.

Settings come from the environment (``openness serve`` sets them from its options, so every worker
process reads the same):

- ``OPENNESS_RATE_LIMIT_READ`` / ``OPENNESS_RATE_LIMIT_WRITE``: requests an hour per client address and
  per API token (defaults 10,000 — the MOT's published limit — and 300; ``0`` turns one off);
  ``OPENNESS_RATE_LIMITS=off`` turns both off (benchmarks).
- ``OPENNESS_MAX_BODY_BYTES``: the largest request body (default 1 MiB; ``0``: no bound).
- ``OPENNESS_CACHE=off``: no read cache (every answer computed again).
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request

from openness import jsonlog
from openness.errors import UsageError
from openness.web.limits import App, BodyLimit, Limits, Message, RateLimit, Receive, Scope, Send

READ_ENV, WRITE_ENV, SWITCH_ENV = (
    "OPENNESS_RATE_LIMIT_READ",
    "OPENNESS_RATE_LIMIT_WRITE",
    "OPENNESS_RATE_LIMITS",
)
BODY_ENV, CACHE_ENV = "OPENNESS_MAX_BODY_BYTES", "OPENNESS_CACHE"
MAX_BODY = 1024 * 1024
REQUEST_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")
"""A request id a client or proxy sends (``X-Request-ID``) is kept when it looks like one."""


@dataclass(frozen=True, slots=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    max_body: int = MAX_BODY
    cache: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        switch = env.get(SWITCH_ENV, "on").strip().lower()
        if switch not in ("on", "off"):
            raise UsageError(f"{SWITCH_ENV} is {switch!r}", hint="on or off")
        defaults = Limits()
        limits = Limits(
            read_per_hour=_count(env, READ_ENV, defaults.read_per_hour),
            write_per_hour=_count(env, WRITE_ENV, defaults.write_per_hour),
            enabled=switch == "on",
        )
        cache = env.get(CACHE_ENV, "on").strip().lower()
        if cache not in ("on", "off"):
            raise UsageError(f"{CACHE_ENV} is {cache!r}", hint="on or off")
        return cls(limits=limits, max_body=_count(env, BODY_ENV, MAX_BODY), cache=cache == "on")


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise UsageError(f"{name} is {value!r}", hint="a whole number (0 turns it off)")
    return int(value)


class RequestLog:
    """One JSON line per request (``request``: id, method, path, status, duration in ms, client), and
    the id in the answer's ``X-Request-ID``. An exception no handler took is logged here with its
    traceback and the request id (``request.failed``) and answered 500 in the error body."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        given = dict(scope.get("headers", ())).get(b"x-request-id", b"")
        request_id = given.decode() if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            jsonlog.event("request.failed", logging.ERROR, request_id=request_id, exc_info=True)
            if not status:
                await reply(scope, receive, send_with_id, 500, INTERNAL, {})
            status = status or 500
        finally:
            client = scope.get("client")
            jsonlog.event(
                "request",
                request_id=request_id,
                method=scope["method"],
                path=scope["path"],
                status=status or 500,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
                client=client[0] if client else None,
            )


INTERNAL = "internal error; it is logged, with the request id"


async def reply(
    scope: Scope, receive: Receive, send: Send, code: int, message: str, headers: dict[str, str]
) -> None:
    """An error answer from middleware, in the same form as the application's own (JSON for the API,
    a page for pages)."""
    from openness.web.app import SECURITY_HEADERS, _error

    response = _error(Request(scope), code, message)
    response.headers.update({**SECURITY_HEADERS, **headers})
    await response(scope, receive, send)


def install(app: FastAPI, settings: Settings | None = None) -> None:
    """Wrap ``app`` (the last added runs first): request log → rate limit → body bound → read cache."""
    from openness.web.cache import ReadCache

    settings = settings or Settings.from_env()
    app.state.settings = settings
    if settings.cache:
        app.add_middleware(ReadCache)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body, reply=reply)
    app.add_middleware(RateLimit, limits=settings.limits, reply=reply)
    app.add_middleware(RequestLog)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with inner(application) as state:
            yield state
        app.state.engine.dispose()  # close the pool's connections when the server stops
        jsonlog.event("server.stopped")

    app.router.lifespan_context = lifespan
