"""Operations on a real server (uvicorn on loopback), SQLite and PostgreSQL: rate limits per address and
per token (429, Retry-After, the MOT's error body), the body bound (413), the request log (JSON lines
with the request id), the last-resort 500, and the read cache's conditional GETs."""

from __future__ import annotations

import http.client
import io
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from openness import jsonlog
from openness.errors import UsageError
from openness.web import operations
from openness.web.limits import BodyLimit, Buckets
from tests.registry.conftest import EXAMPLES, Server, import_folder

SECURITY = ("content-security-policy", "x-frame-options", "x-content-type-options")


@contextmanager
def serving(app: Any) -> Iterator[tuple[str, int]]:
    """Any ASGI app on a real uvicorn, on a free loopback port, in a thread."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the server did not start"
        thread.join(0.02)
    try:
        yield sock.getsockname()
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def call(
    address: tuple[str, int],
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address, timeout=30, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def examples(engine: Engine) -> Engine:
    assert import_folder(engine, EXAMPLES).failed == []
    return engine


def _limited(monkeypatch: pytest.MonkeyPatch, read: int, write: int) -> None:
    monkeypatch.setenv(operations.READ_ENV, str(read))
    monkeypatch.setenv(operations.WRITE_ENV, str(write))


def test_reads_over_the_limit_get_429_with_retry_after(
    examples: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limited(monkeypatch, read=3, write=1)
    with Server(examples) as server:
        address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
        statuses = [call(address, "/api/v1/models?limit=1")[0] for _ in range(3)]
        assert statuses == [200, 200, 200]
        status, headers, body = call(address, "/api/v1/models?limit=1")
        assert status == 429
        assert int(headers["retry-after"]) == 3600 // 3  # one request earned back every 20 minutes
        assert json.loads(body) == {
            "error": {"code": 429, "message": "rate limit exceeded: 3 requests an hour; retry in 1200 s"}
        }
        assert all(name in headers for name in SECURITY)
        assert call(address, "/", headers={"Accept": "text/html"})[0] == 429  # pages share the reads
        assert call(address, "/healthz")[0] == 200  # probes are never limited
        # another address has its own bucket
        assert call(address, "/api/v1/models?limit=1", source="127.0.0.2")[0] == 200
        # writes have their own bucket: the first write passes the limit (and meets the method check)
        assert call(address, "/api/v1/models", method="POST", body=b"")[0] == 405
        assert call(address, "/api/v1/models", method="POST", body=b"")[0] == 429


def test_a_token_limit_follows_the_token_and_invented_tokens_do_not_lift_it(
    examples: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limited(monkeypatch, read=2, write=1)
    with Server(examples) as server:
        address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
        token = {"Authorization": "Bearer abc.def"}
        assert call(address, "/api/v1/models?limit=1", headers=token, source="127.0.0.3")[0] == 200
        assert call(address, "/api/v1/models?limit=1", headers=token, source="127.0.0.4")[0] == 200
        # the third use of the token, from a third address whose own bucket is full
        assert call(address, "/api/v1/models?limit=1", headers=token, source="127.0.0.5")[0] == 429
        # a new token each time from one address: the address's bucket still runs out
        codes = [
            call(address, "/api/v1/models?limit=1", headers={"Authorization": f"Bearer t{i}.s"})[0]
            for i in range(3)
        ]
        assert codes == [200, 200, 429]


def test_limits_can_be_turned_off(examples: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _limited(monkeypatch, read=1, write=1)
    monkeypatch.setenv(operations.SWITCH_ENV, "off")
    with Server(examples) as server:
        assert [server.get("/api/v1/models?limit=1").status for _ in range(5)] == [200] * 5


def test_a_bucket_is_earned_back_at_its_rate() -> None:
    now = [0.0]
    buckets = Buckets(per_hour=3600, clock=lambda: now[0])  # one a second, 3600 at once
    assert all(buckets.wait("a") == 0 for _ in range(3600))
    assert buckets.wait("a") == pytest.approx(1.0)
    now[0] = 2.5
    assert buckets.wait("a") == 0 and buckets.wait("a") == 0
    assert buckets.wait("a") == pytest.approx(0.5)
    small = Buckets(per_hour=10, capacity=2, clock=lambda: now[0])
    for key in ("a", "b", "c"):  # past the capacity the least recently seen is dropped
        small.wait(key)
    assert list(small._buckets) == ["b", "c"]


def test_bad_settings_are_one_clear_line() -> None:
    with pytest.raises(UsageError, match="OPENNESS_RATE_LIMIT_READ"):
        operations.Settings.from_env({operations.READ_ENV: "many"})
    with pytest.raises(UsageError, match="OPENNESS_RATE_LIMITS"):
        operations.Settings.from_env({operations.SWITCH_ENV: "maybe"})
    settings = operations.Settings.from_env({operations.BODY_ENV: "10", operations.CACHE_ENV: "off"})
    assert (settings.max_body, settings.cache, settings.limits.read_per_hour) == (10, False, 10_000)


def test_a_declared_huge_body_is_refused_before_it_is_read(
    examples: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(operations.BODY_ENV, "1000")
    with Server(examples) as server:
        address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
        status, headers, body = call(address, "/api/v1/models", method="POST", body=b"x" * 5000)
        assert status == 413
        assert json.loads(body) == {"error": {"code": 413, "message": "request body larger than 1000 bytes"}}
        assert all(name in headers for name in SECURITY)
        status, _, body = call(address, "/models", method="POST", body=b"x" * 5000)
        assert status == 413 and b"<html" in body.lower()  # a page answers with a page


async def _echo(scope: Any, receive: Any, send: Any) -> None:
    """An application that reads its whole body and says how long it was."""
    size = 0
    while True:
        message = await receive()
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(size).encode()})


async def _plain_reply(scope: Any, receive: Any, send: Any, code: int, message: str, headers: Any) -> None:
    await send({"type": "http.response.start", "status": code, "headers": []})
    await send({"type": "http.response.body", "body": message.encode()})


def test_a_streamed_body_is_cut_at_the_bound() -> None:
    with serving(BodyLimit(_echo, max_bytes=1000, reply=_plain_reply)) as address:
        connection = http.client.HTTPConnection(*address, timeout=30)
        chunks = iter([b"x" * 600, b"y" * 600])  # no Content-Length: chunked
        connection.request("POST", "/", body=chunks, encode_chunked=True)
        response = connection.getresponse()
        assert (response.status, response.read()) == (413, b"request body larger than 1000 bytes")
        connection.close()
        assert call(address, "/", method="POST", body=b"z" * 999)[:3:2] == (200, b"999")


def test_each_request_is_one_json_log_line_with_its_id(examples: Engine) -> None:
    out = io.StringIO()
    jsonlog.setup(stream=out)
    try:
        with Server(examples) as server:
            address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
            _, given, _ = call(address, "/api/v1/model/999999", headers={"X-Request-ID": "abc-123"})
            _, made, _ = call(
                address, "/healthz", headers={"X-Request-ID": "not ok\u00e9".encode().hex() * 9}
            )
    finally:
        jsonlog.setup()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    requests = [line for line in lines if line["event"] == "request"]
    assert given["x-request-id"] == "abc-123"
    assert len(made["x-request-id"]) == 32  # a request id too long to keep is replaced
    first, second = requests
    assert {k: first[k] for k in ("request_id", "method", "path", "status", "client", "level")} == {
        "request_id": "abc-123",
        "method": "GET",
        "path": "/api/v1/model/999999",
        "status": 404,
        "client": "127.0.0.1",
        "level": "info",
    }
    assert first["duration_ms"] >= 0 and second["request_id"] == made["x-request-id"]


def test_an_unexpected_error_is_a_500_in_the_error_body_without_a_traceback(examples: Engine) -> None:
    from openness.web.app import create_app

    app = create_app(examples)

    def broken() -> None:
        raise RuntimeError("a bug, with a secret path /etc/x")

    app.add_api_route("/api/v2/broken", broken)
    with serving(app) as address:
        status, headers, body = call(address, "/api/v2/broken")
    assert status == 500
    assert json.loads(body) == {
        "error": {"code": 500, "message": "internal error; it is logged, with the request id"}
    }
    assert "x-request-id" in headers


def test_reads_are_cached_until_an_assessment_is_added(examples: Engine, tmp_path: Path) -> None:
    with Server(examples) as server:
        address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
        status, headers, body = call(address, "/api/v1/models?limit=100")
        assert status == 200 and headers["etag"].startswith('W/"')
        again = call(address, "/api/v1/models?limit=100")
        assert again[0] == 200 and again[2] == body and again[1]["etag"] == headers["etag"]
        assert all(name in again[1] for name in SECURITY)
        assert call(address, "/api/v1/models?limit=100", headers={"If-None-Match": headers["etag"]})[0] == 304
        since = {"If-Modified-Since": headers["last-modified"]}
        assert call(address, "/api/v1/models?limit=100", headers=since)[:3:2] == (304, b"")
        (tmp_path / "new-model.yml").write_text((EXAMPLES / "open-model.yml").read_text())
        assert import_folder(examples, tmp_path).failed == []
        status, fresh, grown = call(
            address, "/api/v1/models?limit=100", headers={"If-None-Match": headers["etag"]}
        )
        assert status == 200 and fresh["etag"] != headers["etag"]
        assert json.loads(grown)["pager"]["total_items"] == json.loads(body)["pager"]["total_items"] + 1
        # a request with a cookie is never served from (or into) the cache, and errors are not kept
        assert "etag" not in call(address, "/api/v1/models?limit=100", headers={"Cookie": "a=b"})[1]
        assert call(address, "/api/v1/model/999999")[0] == 404


def test_a_client_that_accepts_gzip_gets_kept_answers_compressed(examples: Engine) -> None:
    import gzip

    with Server(examples) as server:
        address = ("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
        model = json.loads(call(address, "/api/v2/models?limit=1")[2])["models"][0]["id"]
        for path in ("/models", f"/models/{model}", "/api/v1/models?limit=100", f"/api/v2/models/{model}"):
            status, plain_headers, plain = call(address, path)
            assert status == 200 and plain_headers.get("vary") == "accept-encoding", (path, plain_headers)
            assert "content-encoding" not in plain_headers
            for _ in range(2):  # computed and kept, then from the cache
                status, headers, body = call(address, path, headers={"Accept-Encoding": "br, gzip;q=0.8"})
                assert status == 200 and headers["content-encoding"] == "gzip"
                assert gzip.decompress(body) == plain and len(body) < len(plain)
                assert int(headers["content-length"]) == len(body)
                assert headers["etag"] == plain_headers["etag"]
            refused = call(address, path, headers={"Accept-Encoding": "gzip;q=0, identity"})
            assert "content-encoding" not in refused[1] and refused[2] == plain
        # a short answer (a badge, under 1 kB) and one that is not kept are sent as they are
        for path in (f"/badge/{model}/mof.svg", "/healthz"):
            assert "content-encoding" not in call(address, path, headers={"Accept-Encoding": "gzip"})[1]


def test_an_answer_in_demand_is_computed_once(examples: Engine) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    from openness.web.cache import ReadCache

    computed = 0

    async def slow_list(scope: Any, receive: Any, send: Any) -> None:
        nonlocal computed
        computed += 1
        await asyncio.sleep(0.2)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"the list"})

    cache = ReadCache(slow_list)
    app = SimpleNamespace(state=SimpleNamespace(engine=examples))

    async def one() -> bytes:
        scope = {"type": "http", "method": "GET", "path": "/api/v1/models", "headers": [], "app": app}
        body = b""

        async def send(message: Any) -> None:
            nonlocal body
            body += message.get("body", b"")

        await cache(scope, None, send)  # type: ignore[arg-type]
        return body

    async def many() -> list[bytes]:
        return await asyncio.gather(*(one() for _ in range(8)))

    # a loop of its own in a thread of its own: the session's browser (Playwright's sync API) keeps an event
    # loop running in the main thread once a browser test has run
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, many()).result() == [b"the list"] * 8
    assert computed == 1
    examples.dispose()


def test_stamp_reads_are_shared_and_never_older_than_the_request() -> None:
    """One read serves every request that arrived while the one before it ran; a request never takes
    the answer of a read that started before it arrived."""
    import asyncio
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from openness.web.cache import Coalesced

    reads: list[tuple[float, float]] = []
    lock = threading.Lock()

    def read() -> Any:
        started = time.monotonic()
        time.sleep(0.05)  # a round trip to the database
        with lock:
            reads.append((started, time.monotonic()))
            return len(reads)

    async def many() -> list[tuple[float, Any]]:
        shared = Coalesced(read)

        async def one(delay: float) -> tuple[float, Any]:
            await asyncio.sleep(delay)
            arrived = time.monotonic()
            return arrived, await shared()

        return await asyncio.gather(*(one(i * 0.004) for i in range(40)))

    with ThreadPoolExecutor(1) as pool:  # a loop of its own (see test_an_answer_in_demand_is_computed_once)
        answers = pool.submit(asyncio.run, many()).result()
    assert len(reads) < 10  # 40 requests over ~0.16 s: a handful of 50 ms reads, not 40
    for arrived, which in answers:
        assert reads[which - 1][0] >= arrived - 1e-3  # the read it got started after it arrived


def test_a_worker_settles_its_garbage_collector_once_its_app_is_built(tmp_path: Path) -> None:
    """What lives when the app is built is frozen out of the collector's walks, and the young generation
    is collected less often (a worker process of its own: the settings are the process's)."""
    import os
    import subprocess
    import sys

    from openness.store import database

    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    database.migrate(database.make_engine(url))
    code = (
        "import gc\n"
        "from openness.web.app import GC_THRESHOLD, create_app_from_env\n"
        "assert gc.get_freeze_count() == 0 and gc.get_threshold()[0] != GC_THRESHOLD\n"
        "create_app_from_env()\n"
        "print(gc.get_threshold()[0] == GC_THRESHOLD, gc.get_freeze_count() > 1000)\n"
    )
    env = {**os.environ, "OPENNESS_DATABASE": url}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
