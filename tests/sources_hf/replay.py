"""A loopback stand-in for the Hugging Face Hub: serves constructed responses, in the Hub's own JSON
format and headers, to the real huggingface_hub client, and counts the requests it receives."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (for timeouts)."""
    trickle: float = 0.0
    """Seconds between bytes of the body (a server that answers, but slowly)."""
    cut: int | None = None
    """Send only this many bytes of the body, announcing the full length, then close (a dropped body)."""
    hold: threading.Event | None = None
    """Answer only once this is set (a test holds a collector mid-request), or after 120 s."""


def json_reply(obj: Any, status: int = 200, **headers: str) -> Reply:
    return Reply(status, json.dumps(obj).encode(), {"Content-Type": "application/json", **headers})


def error_reply(status: int, code: str | None, message: str) -> Reply:
    headers = {"Content-Type": "application/json", "X-Error-Message": message}
    if code:
        headers["X-Error-Code"] = code
    return Reply(status, json.dumps({"error": message}).encode(), headers)


class HubReplay:
    """Routes by exact path; a list of replies is served in turn, the last one repeating."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[str] = []
        self.authorizations: list[str | None] = []
        """The Authorization header of each request, in order."""
        self.lock = threading.Lock()
        self._served: dict[str, int] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        """The most requests the server was answering at once."""
        self.server: ThreadingHTTPServer | None = None

    # ----- routes -------------------------------------------------------------------------------
    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def add_model(self, fixture: Any) -> None:
        """Register a ``hubdata.Model``: info at main and at its sha, refs, and every file body."""
        info = json_reply(fixture.info())
        for rev in (fixture.revision, fixture.sha):
            self.route(f"/api/models/{fixture.repo_id}/revision/{quote(rev, safe='')}", info)
        if fixture.revision == "main":  # the Hub answers the default branch without a revision too
            self.route(f"/api/models/{fixture.repo_id}", info)
        self.route(f"/api/models/{fixture.repo_id}/refs", json_reply(fixture.refs()))
        for path, body in fixture.bodies().items():
            self.route(
                f"/{fixture.repo_id}/resolve/{fixture.sha}/{quote(path)}",
                Reply(
                    200,
                    body,
                    {
                        "Content-Type": "text/plain; charset=utf-8",
                        "X-Repo-Commit": fixture.sha,
                        "ETag": f'"{fixture.sha[:20]}"',
                    },
                ),
            )
        for path in fixture.gated_paths():
            self.route(
                f"/{fixture.repo_id}/resolve/{fixture.sha}/{quote(path)}",
                error_reply(
                    401,
                    "GatedRepo",
                    f"Access to model {fixture.repo_id} is restricted. You must "
                    "have access to it and be authenticated to access it. Please log in.",
                ),
            )

    def add_dataset(self, fixture: Any) -> None:
        info = json_reply(fixture.info())
        self.route(f"/api/datasets/{fixture.repo_id}/revision/main", info)
        self.route(f"/api/datasets/{fixture.repo_id}", info)

    # ----- counting -----------------------------------------------------------------------------
    def count(self, prefix: str = "") -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.startswith(prefix))

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.authorizations.clear()
            self._served.clear()

    @property
    def endpoint(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    # ----- serving ------------------------------------------------------------------------------
    def _next(self, path: str) -> Reply:
        with self.lock:
            self.requests.append(path)
            replies = self.routes.get(path)
            if not replies:
                return _missing(path)
            n = self._served.get(path, 0)
            self._served[path] = n + 1
            return replies[min(n, len(replies) - 1)]

    def start(self) -> None:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stalls

            def do_HEAD(self) -> None:
                self.do_GET()

            def do_GET(self) -> None:
                with replay.lock:
                    replay.in_flight += 1
                    replay.max_in_flight = max(replay.max_in_flight, replay.in_flight)
                try:
                    self._answer()
                finally:
                    with replay.lock:
                        replay.in_flight -= 1

            def _answer(self) -> None:
                with replay.lock:
                    replay.authorizations.append(self.headers.get("Authorization"))
                reply = replay._next(_route_key(self.path))
                if reply.hold is not None:
                    reply.hold.wait(120)
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply.body)))
                if reply.cut is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                if self.command == "HEAD":
                    return
                try:
                    if reply.trickle:
                        for i in range(len(reply.body)):
                            self.wfile.write(reply.body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                        return
                    self.wfile.write(reply.body if reply.cut is None else reply.body[: reply.cut])
                    self.wfile.flush()
                except OSError:
                    return
                if reply.cut is not None:
                    self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _route_key(raw: str) -> str:
    """The path, with the OAI-PMH ``identifier`` when the query names one (one route per arXiv paper)."""
    parts = urlsplit(raw)
    ident = parse_qs(parts.query).get("identifier")
    return f"{parts.path}?identifier={ident[0]}" if ident else parts.path


def arxiv_route(arxiv_id: str) -> str:
    return f"/oai?identifier=oai:arXiv.org:{arxiv_id}"


def block_network(monkeypatch: Any) -> None:
    """No test reaches the network: git may only read file:// repositories, and arXiv's endpoint is a
    closed loopback port unless a test serves it."""
    from openness.errors import InputError
    from openness.sources import git

    real = git._git

    def local_only(args: list[str], cwd: str | None, timeout: float, where: str) -> str:
        for arg in args:
            if "://" in arg and not arg.startswith("file://"):
                raise InputError("network access is blocked in tests", where=where)
        return real(args, cwd, timeout, where)

    monkeypatch.setattr(git, "_git", local_only)
    monkeypatch.setenv("OPENNESS_ARXIV_ENDPOINT", "http://127.0.0.1:9/oai")


def _missing(path: str) -> Reply:
    if "/resolve/" in path:
        return error_reply(404, "EntryNotFound", "Entry not found")
    if path.startswith(("/api/models/", "/api/datasets/")):
        return error_reply(404, "RepoNotFound", "Repository not found")
    return error_reply(404, None, "Not found")


@contextmanager
def running() -> Iterator[HubReplay]:
    replay = HubReplay()
    replay.start()
    try:
        yield replay
    finally:
        replay.stop()
