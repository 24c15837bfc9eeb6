"""Rate limits and request body bounds, as ASGI middleware (no per-request work beyond a dictionary look-up).

**Rate limits** are token buckets: a client may spend ``per_hour`` requests at once, and earns them back
at ``per_hour / 3600`` a second. Reads (GET, HEAD, OPTIONS) and writes (every other method) have their
own buckets. Each request spends from its client address's bucket and, when it carries an API token
(``Authorization: Bearer …``), from that token's bucket too: a token's allowance follows it across
addresses, and inventing tokens does not lift an address's limit. Over a limit: 429, ``Retry-After`` in
whole seconds, and the MOT's error body. The health and readiness probes are never limited.

The buckets live in the process's memory: with ``openness serve --workers N`` each worker limits on its
own, so a client gets up to N times the allowance, spread over the workers by the kernel. Keeping them
in the database would cost a write on every read, which the read path (>= 1,000 requests/s) cannot
afford; a limit that must be exact across processes belongs in the reverse proxy in front. At most
``MAX_CLIENTS`` buckets are kept: past it, the least recently seen client's bucket is dropped (that
client starts again with a full bucket).

**Bodies** larger than the bound are refused with 413 before the application reads them: at once when
``Content-Length`` says so, else as soon as the received bytes pass the bound.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
Reply = Callable[[Scope, Receive, Send, int, str, dict[str, str]], Awaitable[None]]
"""Sends an error answer: (scope, receive, send, status, message, extra headers)."""

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
MAX_CLIENTS = 100_000


@dataclass(frozen=True, slots=True)
class Limits:
    read_per_hour: int = 10_000
    """The MOT's published limit for its API (10,000 requests an hour per address)."""
    write_per_hour: int = 300
    enabled: bool = True


class Buckets:
    """Token buckets keyed by client, at most ``capacity`` of them (least recently used dropped)."""

    def __init__(
        self, per_hour: int, capacity: int = MAX_CLIENTS, clock: Callable[[], float] = time.monotonic
    ):
        self.size = float(per_hour)
        self.rate = per_hour / 3600.0
        self.capacity = capacity
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        """key → (tokens, when they were counted)"""

    def wait(self, key: str) -> float:
        """0 when the key may spend a request now (and it is spent), else the seconds until it may."""
        now = self.clock()
        tokens, then = self._buckets.pop(key, (self.size, now))
        tokens = min(self.size, tokens + (now - then) * self.rate)
        if tokens >= 1.0:
            tokens -= 1.0
            waited = 0.0
        else:
            waited = (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > self.capacity:
            self._buckets.popitem(last=False)
        return waited


def token_key(scope: Scope) -> str | None:
    """A digest of the bearer token a request carries (never the token itself), or None."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.partition(b" ")
            if scheme.lower() == b"bearer" and token.strip():
                return "token:" + hashlib.sha256(token.strip()).hexdigest()[:32]
    return None


class RateLimit:
    def __init__(self, app: App, limits: Limits, reply: Reply) -> None:
        self.app = app
        self.reply = reply
        self.enabled = limits.enabled and (limits.read_per_hour > 0 or limits.write_per_hour > 0)
        self.read = Buckets(limits.read_per_hour) if limits.read_per_hour > 0 else None
        self.write = Buckets(limits.write_per_hour) if limits.write_per_hour > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        buckets = self.read if scope["method"] in READ_METHODS else self.write
        if buckets is not None:
            client = scope.get("client")
            waits = [buckets.wait("ip:" + (client[0] if client else "unknown"))]
            token = token_key(scope)
            if token is not None:
                waits.append(buckets.wait(token))
            waited = max(waits)
            if waited > 0:
                seconds = max(1, math.ceil(waited))
                message = f"rate limit exceeded: {int(buckets.size)} requests an hour; retry in {seconds} s"
                await self.reply(scope, receive, send, 429, message, {"Retry-After": str(seconds)})
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised by ``receive`` past the bound: an HTTP error, so the application's own handler answers it
    (FastAPI passes HTTP errors raised while it reads a body through, and wraps any other error in a 400)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large(max_bytes), headers={"Connection": "close"})


def _too_large(max_bytes: int) -> str:
    return f"request body larger than {max_bytes} bytes"


class BodyLimit:
    def __init__(self, app: App, max_bytes: int, reply: Reply) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.reply = reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        message = _too_large(self.max_bytes)
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_bytes):
                await self.reply(scope, receive, send, 413, message, {"Connection": "close"})
                return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            item = await receive()
            if item["type"] == "http.request":
                received += len(item.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return item

        async def watched_send(item: Message) -> None:
            nonlocal started
            started = started or item["type"] == "http.response.start"
            await send(item)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except BodyTooLarge:
            if started:  # the application answered before it read the whole body: nothing to add
                return
            await self.reply(scope, receive, send, 413, message, {"Connection": "close"})
