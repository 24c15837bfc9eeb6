"""``openness serve`` for real: a subprocess with two uvicorn workers, the examples imported first, on a
SQLite file; MOT clients get the models; it stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import ROOT
from tests.registry.conftest import EXAMPLES, get

STARTUP_BOUND = 120.0
"""Seconds to wait for the server to listen (a bound on a busy machine, not a measurement)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_imports_and_answers_mot_clients(tmp_path: Path) -> None:
    port = _free_port()
    database = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    openness = str(Path(sys.executable).parent / "openness")
    command = [openness, "serve", "--database", database, "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--workers", "2", "--import", str(EXAMPLES)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_BOUND
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=5) as response:
                    assert response.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "openness serve did not start"
                time.sleep(0.2)
        body = get(base + "/api/v1/models?limit=3").json()
        records = sorted(EXAMPLES.rglob("*.yml"))
        pages = -(-len(records) // 3)
        assert body["pager"] == {"total_items": len(records), "total_pages": pages, "current_page": 1}
        assert [set(m) for m in body["models"]] == [{"id", "framework", "release", "classification"}] * 3
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"{len(records)} records: {len(records)} assessed" in out
    assert "Traceback" not in err
    # logs are JSON lines: each request once with its id and status, each worker's graceful stop
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    requests = [e for e in logged if e["event"] == "request" and e["path"] == "/api/v1/models"]
    assert [(e["status"], len(e["request_id"])) for e in requests] == [(200, 32)]
    assert sum(e["event"] == "server.stopped" for e in logged) == 2
