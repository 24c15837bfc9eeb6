"""The read cache: answers of the model list, model pages, the v1 and v2 model API and the badges, kept
in the process's memory and keyed by the newest assessment's id (the *stamp*), with ``ETag`` and
``Last-Modified`` so a client that has the answer gets a 304.

Every cached read costs one query (the newest assessment's id and time: one look-up in the primary key);
when the stamp differs from the one the cache was filled under, the cache is emptied. So an answer is
never older than the newest assessment, in any worker process, without signalling between them.

What it assumes: the paths in ``CACHED`` change only when an assessment is added or a maintainer decides
on a submission (which can withdraw a release: ``openness.store.moderation``). Any other change that
shows on them must move the stamp too, or leave the path out of ``CACHED``.
A client that accepts gzip gets the kept answer compressed (compressed once, kept beside it; ``Vary:
Accept-Encoding``). Requests with a cookie or an ``Authorization`` header, and answers that set a cookie
or are not a plain 200, are never cached (a signed-in page or a form's CSRF token is never served to
someone else).
"""

from __future__ import annotations

import asyncio
import gzip
import re
import threading
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from sqlalchemy import Connection, Engine, event, literal, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from openness import __version__
from openness.store.models import AssessmentRow, ModerationEvent
from openness.web.limits import App, Message, Receive, Scope, Send

CACHED = re.compile(
    r"/|/models|/models/\d{1,10}|/api/v1/models|/api/v1/model/\d{1,10}"
    r"|/api/v2/models|/api/v2/models/\d{1,10}(/history)?|/badge/\d{1,10}/[a-z0-9_]{1,32}\.(svg|json)"
)
MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 2 * 1024 * 1024
PRIVATE = (b"cookie", b"authorization")


@dataclass(frozen=True, slots=True)
class Stamp:
    newest: int
    modified: datetime
    decisions: int = 0
    """The newest moderation decision's id: a decision changes what the pages show, with no new
    assessment."""

    @property
    def etag(self) -> bytes:
        return f'W/"{self.newest}-{self.decisions}-{__version__}"'.encode()

    @property
    def last_modified(self) -> bytes:
        return format_datetime(self.modified, usegmt=True).encode()


@dataclass(slots=True)
class Entry:
    stamp: Stamp
    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzipped: bytes | None = None
    """The body gzip-compressed, made the first time a client that accepts gzip asks for it."""

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")

    def compressible(self) -> bool:
        kind = dict(self.headers).get(b"content-type", b"").split(b";")[0].strip()
        return len(self.body) >= GZIP_FROM and kind in COMPRESSED


GZIP_FROM = 1024
"""Bodies shorter than this are sent as they are (compressing them saves less than its headers)."""
COMPRESSED = frozenset({b"text/html", b"application/json", b"image/svg+xml", b"text/css", b"text/plain"})
VARY = (b"vary", b"accept-encoding")


def accepts_gzip(headers: dict[bytes, bytes]) -> bool:
    """Whether ``Accept-Encoding`` names gzip (or ``*``) without ``q=0``."""
    for part in headers.get(b"accept-encoding", b"").lower().split(b","):
        coding, _, params = part.strip().partition(b";")
        if coding.strip() in (b"gzip", b"*"):
            q = params.strip().removeprefix(b"q=")
            try:
                return not params.strip() or float(q) > 0
            except ValueError:
                return False
    return False


def encoded(entry: Entry, gzip_ok: bool) -> tuple[list[tuple[bytes, bytes]], bytes, int]:
    """The headers and body to send for a kept answer (gzip-compressed when the client accepts it and the
    answer is worth compressing), and how many bytes the cache grew by compressing it now."""
    if not entry.compressible():
        return entry.headers, entry.body, 0
    grown = 0
    if gzip_ok and entry.gzipped is None:
        entry.gzipped = gzip.compress(entry.body, compresslevel=6, mtime=0)
        grown = len(entry.gzipped)
    body = entry.gzipped if gzip_ok and entry.gzipped is not None else entry.body
    headers = [(n, v) for n, v in entry.headers if n.lower() != b"content-length"]
    headers += [(b"content-length", str(len(body)).encode()), VARY]
    if body is not entry.body:
        headers.append((b"content-encoding", b"gzip"))
    return headers, body, grown


def _newest(table: Any) -> Any:
    return select(table.id, table.created_at).order_by(table.id.desc()).limit(1).subquery()


_ASSESSED, _DECIDED = _newest(AssessmentRow), _newest(ModerationEvent)
NEWEST = select(_ASSESSED.c.id, _ASSESSED.c.created_at, _DECIDED.c.id, _DECIDED.c.created_at).select_from(
    _ASSESSED.outerjoin(_DECIDED, literal(True))
)
"""The newest assessment and the newest moderation decision, in one statement: a look-up in each primary
key."""


def _utc(when: datetime) -> datetime:
    return (when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)).replace(microsecond=0)


def read_stamp(connection: Connection) -> Stamp | None:
    """The newest assessment's id and time, with the newest decision's (None when nothing is assessed)."""
    row = connection.execute(NEWEST).first()
    if row is None:
        return None
    modified = _utc(row[1]) if row[3] is None else max(_utc(row[1]), _utc(row[3]))
    return Stamp(int(row[0]), modified, int(row[2] or 0))


class StampReader:
    """Reads the stamp on one connection the cache keeps (in autocommit: each read sees the newest
    commit, no transaction stays open), so a cached answer costs one query and no pool check-out or
    liveness ping. A failed read drops the connection; the next read opens another."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.lock = threading.Lock()
        self.connection: Connection | None = None
        event.listen(engine, "engine_disposed", self._disposed)  # the engine's owner is done with it

    def _disposed(self, _engine: Engine) -> None:
        with self.lock:
            self.close()

    def __call__(self) -> Stamp | None:
        with self.lock:
            try:
                if self.connection is None:
                    self.connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
                return read_stamp(self.connection)
            except SQLAlchemyError:
                self.close()
                raise

    def close(self) -> None:
        if self.connection is not None:
            with suppress(SQLAlchemyError):
                self.connection.invalidate()
                self.connection.close()
            self.connection = None


class Coalesced:
    """Stamp reads shared by the requests that wait for them: a request waits for the next read that
    starts after it arrived (so its answer is never older than what was committed before it came), and
    one read serves every request that arrived while the one before it ran. Under load a process makes
    one read per round trip to the database instead of one per request, all queued on the reader's lock
    (which is not fair: on PostgreSQL, where a read is a network round trip, some requests waited
    seconds for their turn)."""

    def __init__(self, read: Any) -> None:
        self.read = read
        self.next: asyncio.Future[Stamp | None] | None = None
        self.running = False
        self.task: asyncio.Future[None] | None = None

    async def __call__(self) -> Stamp | None:
        if self.next is None:
            self.next = asyncio.get_running_loop().create_future()
            if not self.running:
                self.running = True
                self.task = asyncio.ensure_future(self._drain())
        return await asyncio.shield(self.next)

    async def _drain(self) -> None:
        try:
            while self.next is not None:
                serving, self.next = self.next, None
                try:
                    serving.set_result(await run_in_threadpool(self.read))
                except Exception as exc:  # each waiting request sees the read's error
                    serving.set_exception(exc)
                    serving.exception()  # retrieved: no warning when every waiter has gone
        finally:
            self.running = False


def not_modified(headers: dict[bytes, bytes], stamp: Stamp) -> bool:
    """The client's copy is current (``If-None-Match`` first, else ``If-Modified-Since``)."""
    tags = headers.get(b"if-none-match")
    if tags is not None:
        return tags.strip() == b"*" or stamp.etag in [t.strip() for t in tags.split(b",")]
    since = headers.get(b"if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since.decode("latin-1"))
    except (TypeError, ValueError):
        return False
    return when.tzinfo is not None and stamp.modified <= when


class ReadCache:
    def __init__(self, app: App) -> None:
        self.app = app
        self.entries: OrderedDict[bytes, Entry] = OrderedDict()
        self.stamp: Stamp | None = None
        self.size = 0
        self.reader: Coalesced | None = None
        self.computing: dict[tuple[bytes, Stamp], asyncio.Event] = {}
        """Answers being computed: a request for the same one waits instead of computing it again (when
        a page is in demand and the cache was just emptied, it is computed once, not once a request)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not CACHED.fullmatch(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        if any(name in headers for name in PRIVATE):
            await self.app(scope, receive, send)
            return
        if self.reader is None:
            self.reader = Coalesced(StampReader(scope["app"].state.engine))
        try:
            stamp = await self.reader()
        except SQLAlchemyError:  # the application answers for itself (503 when the database is down)
            stamp = None
        if stamp is None:
            await self.app(scope, receive, send)
            return
        if stamp != self.stamp:
            self.entries.clear()
            self.size = 0
            self.stamp = stamp
        key = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        computing = self.computing.get((key, stamp))
        if computing is not None:  # the same answer is being computed: wait for it, do not compute it again
            await computing.wait()
        entry = self.entries.get(key)
        if entry is not None and entry.stamp == stamp:
            self.entries.move_to_end(key)
            if not_modified(headers, stamp):
                await _send_not_modified(send, entry.headers)
                return
            await self._send(send, key, entry, accepts_gzip(headers))
            return
        done = self.computing.setdefault((key, stamp), asyncio.Event())
        try:
            await self._fill(scope, receive, send, key, stamp, headers)
        finally:
            done.set()
            if self.computing.get((key, stamp)) is done:
                del self.computing[(key, stamp)]

    async def _send(self, send: Send, key: bytes, entry: Entry, gzip_ok: bool) -> None:
        headers, body, grown = encoded(entry, gzip_ok)
        if grown and self.entries.get(key) is entry:  # kept: its compressed copy counts too
            self.size += grown
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: bytes, stamp: Stamp, asked: dict[bytes, bytes]
    ) -> None:
        """Compute the answer; keep it when it is a plain 200; send it (or a 304 when the client's copy
        is current), compressed when the client accepts gzip."""
        current = not_modified(asked, stamp)
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        headers = list(start.get("headers", ()))
        status = start.get("status", 500)
        if status == 200:
            headers += [(b"etag", stamp.etag), (b"last-modified", stamp.last_modified)]
            entry = Entry(stamp, headers, body)
            self._keep(key, entry, headers)
            if current:
                await _send_not_modified(send, headers)
                return
            await self._send(send, key, entry, accepts_gzip(asked))
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _keep(self, key: bytes, entry: Entry, headers: list[tuple[bytes, bytes]]) -> None:
        names = {name.lower() for name, _ in headers}
        control = dict(headers).get(b"cache-control", b"")
        if (
            b"set-cookie" in names
            or b"no-store" in control
            or b"private" in control
            or len(entry.body) > MAX_ENTRY_BYTES
            or entry.stamp != self.stamp  # a newer assessment arrived while this answer was computed
        ):
            return
        old = self.entries.pop(key, None)
        self.size -= old.size if old else 0
        self.entries[key] = entry
        self.size += entry.size
        while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
            _, dropped = self.entries.popitem(last=False)
            self.size -= dropped.size


KEPT_ON_304 = (b"etag", b"last-modified", b"cache-control", b"x-request-id")


async def _send_not_modified(send: Send, headers: list[tuple[bytes, bytes]]) -> None:
    kept: list[Any] = [(n, v) for n, v in headers if n.lower() in KEPT_ON_304]
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})
