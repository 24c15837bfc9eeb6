"""The database goes away under load and comes back: every answer meanwhile is a 200 or a clean 503 in
the MOT's error body (never a 500, a traceback or an HTML error), readiness says 503, and the registry
serves again once the database is back — without a restart.

- PostgreSQL: the app reaches the real server through a TCP relay in the test; "restarting" the
  database closes every relayed connection and refuses new ones for a while (what clients see of a
  restart), then the relay listens again on the same port. Then, with the relay up, the server ends
  the app's sessions itself (``pg_terminate_backend``) while it is under load.
- SQLite: the database file is moved away (a volume gone), then moved back.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from openness.store import database
from tests.registry.conftest import EXAMPLES, PG_BASE, Server, _database, get, import_folder

RECOVERY_BOUND = 30.0
"""Seconds the registry may take to serve again once the database is back (a bound, not a figure)."""
UNAVAILABLE = {"error": {"code": 503, "message": "the database is unavailable; try again later"}}
TERMINATE = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n"
PATHS = ("/api/v1/models?limit=5", "/api/v2/models?limit=3", "/models")


class Relay:
    """A TCP relay from a loopback port to PostgreSQL that can be taken down and brought back."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.up()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and cut every open one."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Load:
    """Client threads reading the registry until stopped; every answer's status and body kept."""

    def __init__(self, server: Server, threads: int = 4) -> None:
        self.server = server
        self.stop = threading.Event()
        self.seen: Counter[int] = Counter()
        self.bad: list[str] = []
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(60)

    def _run(self, index: int) -> None:
        n = index
        while not self.stop.is_set():
            path = PATHS[n % len(PATHS)]
            n += 1
            reply = self.server.get(path)
            self.seen[reply.status] += 1
            if reply.status == 200:
                continue
            if reply.status != 503:
                self.bad.append(f"{path}: {reply.status} {reply.text[:200]}")
            elif path.startswith("/api/") and reply.json() != UNAVAILABLE:
                self.bad.append(f"{path}: {reply.text[:200]}")
            elif "Traceback" in reply.text:
                self.bad.append(f"{path}: a traceback")


def _wait_until_serving(server: Server) -> None:
    deadline = time.monotonic() + RECOVERY_BOUND
    while server.get("/readyz").status != 200 or server.get(PATHS[0]).status != 200:
        assert time.monotonic() < deadline, "the registry did not recover once the database was back"
        time.sleep(0.1)


@pytest.fixture
def postgres_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh schema on the real PostgreSQL, migrated and seeded with the examples; its URL."""
    for url in _database("postgresql", tmp_path_factory):
        seeded = database.make_engine(url)
        database.migrate(seeded)
        assert import_folder(seeded, EXAMPLES).failed == []
        seeded.dispose()
        yield url.split("?", 1)[1]


def test_postgresql_restarted_under_load(postgres_schema: str) -> None:
    relay = Relay(("127.0.0.1", 5432))
    name = f"openness_fault_{secrets.token_hex(4)}"
    url = (
        f"postgresql+psycopg://postgres@127.0.0.1:{relay.port}/test?{postgres_schema}&application_name={name}"
    )
    engine = database.make_engine(url)
    admin = database.make_engine(PG_BASE)
    try:
        with Server(engine) as server, Load(server) as load:
            time.sleep(0.5)
            relay.down()
            time.sleep(0.5)
            assert server.get("/readyz").json() == {
                "error": {"code": 503, "message": "the database is unavailable"}
            }
            time.sleep(1.0)
            relay.up()
            _wait_until_serving(server)
            served_before = load.seen[200]
            # the server ends the app's sessions from its side, ten times, while the load goes on
            for _ in range(10):
                with admin.begin() as connection:
                    connection.execute(
                        text(TERMINATE),
                        {"n": name},
                    )
                time.sleep(0.1)
            _wait_until_serving(server)
            time.sleep(0.3)
        assert load.bad == []
        assert load.seen[503] > 0, "the outage was not seen"
        assert load.seen[200] > served_before, "nothing served after the outage"
        assert set(load.seen) <= {200, 503}
    finally:
        relay.down()
        engine.dispose()
        admin.dispose()


def test_sqlite_file_gone_under_load(tmp_path: Path) -> None:
    path = tmp_path / "registry.sqlite3"
    seeded = database.make_engine(f"sqlite:///{path}")
    database.migrate(seeded)
    assert import_folder(seeded, EXAMPLES).failed == []
    seeded.dispose()
    engine = database.make_engine(f"sqlite:///{path}", must_exist=True)
    away = tmp_path / "away"
    away.mkdir()
    try:
        with Server(engine) as server, Load(server) as load:
            time.sleep(0.5)
            for file in tmp_path.glob("registry.sqlite3*"):
                shutil.move(file, away / file.name)
            engine.dispose()  # what a worker restart or a recycled pool does: open the file again
            time.sleep(1.0)
            assert server.get("/readyz").status == 503
            assert not path.exists(), "an empty database was made in the missing one's place"
            for file in away.iterdir():
                shutil.move(file, tmp_path / file.name)
            _wait_until_serving(server)
            time.sleep(0.3)
            listed = json.loads(get(server.base + "/api/v1/models?limit=1").body)
        assert load.bad == []
        assert load.seen[503] > 0 and load.seen[200] > 0
        assert listed["pager"]["total_items"] == len(list(EXAMPLES.rglob("*.yml")))
    finally:
        engine.dispose()
