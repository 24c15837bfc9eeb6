"""Fixtures for the registry: each database test runs on a fresh SQLite file AND on the machine's
PostgreSQL (127.0.0.1:5432, database ``test``) in a schema of its own, dropped afterwards. PostgreSQL is
skipped only when it is unreachable outside CI; in CI (``$CI`` set) an unreachable server fails."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the registry extra is not installed")

from sqlalchemy import Engine, text

from openness.store import database
from tests.conftest import ROOT

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_BASE = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/test"


def _postgres_reachable() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=2):
            return True
    except OSError:
        return False


def _postgres_url(schema: str) -> str:
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _database(request.param, tmp_path_factory)


def _database(kind: str, tmp: pytest.TempPathFactory) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp.mktemp('registry') / 'registry.sqlite3'}"
        return
    if not _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} (CI needs it)")
        pytest.skip(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}")
    schema = f"t_{secrets.token_hex(6)}"
    admin = database.make_engine(PG_BASE)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _postgres_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = database.make_engine(database_url)
    database.migrate(eng)
    yield eng
    eng.dispose()


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Server:
    """The registry app served by a real uvicorn on a free loopback port, in a thread."""

    def __init__(self, eng: Engine) -> None:
        import uvicorn

        from openness.web.app import create_app

        self.engine = eng
        self.app = create_app(eng)
        """The app served: a test may set ``app.state`` before the first request."""
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        config = uvicorn.Config(self.app, lifespan="off", ws="none", log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> Server:
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the registry server did not start")
            self._thread.join(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()

    def get(self, path: str) -> Reply:
        return get(self.base + path)


def get(url: str) -> Reply:
    """GET a URL; an HTTP error status is a reply like any other."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return Reply(exc.code, exc.headers, exc.read())


def import_folder(eng: Engine, folder: Path) -> Any:
    from openness.store.importer import import_folder as run

    return run(eng, folder)


EXAMPLES = ROOT / "examples"
XSS_RECORD = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: '<script>alert("name")</script>'
  version: '1'
  date: '2026-01-01'
  type: language
  architecture: transformer
  origin: ''
  producer: '"><img src=x onerror=alert(1)>'
  contact: ''
  license:
    distribution:
      name: '<b onmouseover=alert(2)>MIT</b>'
      path: LICENSE
  components:
    - name: 'Model architecture'
      license: 'Apache-2.0'
    - name: 'Model parameters (Final)'
      license: 'Apache-2.0'
    - name: 'Model card'
      license: '<b onmouseover=alert(2)>MIT</b>'
"""


class Site:
    def __init__(self, server: Server, records: dict[str, Path]) -> None:
        self.server = server
        self.records = records
        """model key → the record file it was imported from"""
        listed = server.get("/api/v2/models?limit=1000").json()["models"]
        self.ids = {m["key"]: m["id"] for m in listed}

    def get(self, path: str) -> Any:
        return self.server.get(path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    for url in _database(request.param, tmp_path_factory):
        eng = database.make_engine(url)
        database.migrate(eng)
        extra = tmp_path_factory.mktemp("records")
        (extra / "xss.yml").write_text(XSS_RECORD)
        shutil.copy(EXAMPLES / "open-model.yml", extra / "grows.yml")
        for folder in (EXAMPLES, extra):
            assert import_folder(eng, folder).failed == []
        records = {f"mot:{p.stem}": p for p in [*EXAMPLES.rglob("*.yml"), *extra.glob("*.yml")]}
        with Server(eng) as server:
            yield Site(server, records)
        eng.dispose()
