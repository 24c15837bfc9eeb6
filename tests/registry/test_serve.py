"""``openness serve`` for real: a subprocess with two uvicorn workers, the examples imported first, on a
SQLite file; MOT clients get the models; it stops on SIGTERM."""

from __future__ import annotations

import json
import os
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


def _ready(proc: subprocess.Popen[str], base: str) -> float:
    """Wait until the server answers /readyz (it must not exit meanwhile); the deadline it was given."""
    deadline = time.monotonic() + STARTUP_BOUND
    while True:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=5) as response:
                assert response.status == 200
                return deadline
        except (urllib.error.URLError, ConnectionError):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "openness serve did not start"
            time.sleep(0.2)


def test_serve_imports_and_answers_mot_clients(tmp_path: Path) -> None:
    port = _free_port()
    database = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    openness = str(Path(sys.executable).parent / "openness")
    command = [openness, "serve", "--database", database, "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--workers", "2", "--import", str(EXAMPLES)],
        cwd=ROOT,
        env={**os.environ, "OPENNESS_DATA_DIR": str(tmp_path)},  # the session key's file goes there
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _ready(proc, base)
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
    key = tmp_path / "secret_key"  # the session key, made once for both workers, readable by its owner only
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_text()) == 64
    # logs are JSON lines: each request once with its id and status, each worker's graceful stop
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    requests = [e for e in logged if e["event"] == "request" and e["path"] == "/api/v1/models"]
    assert [(e["status"], len(e["request_id"])) for e in requests] == [(200, 32)]
    assert sum(e["event"] == "server.stopped" for e in logged) == 2


def test_serve_starts_a_job_worker_that_assesses_submissions(tmp_path: Path) -> None:
    import json
    import os

    from tests.registry.test_worker import small_model
    from tests.sources_hf.replay import running

    database = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    openness = str(Path(sys.executable).parent / "openness")
    made = subprocess.run(
        [openness, "registry", "token", "create", "ci", "--database", database],
        capture_output=True,
        text=True,
        check=True,
    )
    token = made.stdout.strip()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "OPENNESS_"))}
    with running() as hub:
        hub.add_model(small_model("served"))
        env.update(
            HF_ENDPOINT=hub.endpoint,
            HF_HUB_DISABLE_IMPLICIT_TOKEN="1",
            OPENNESS_CACHE_DIR=str(tmp_path / "cache"),
            OPENNESS_ARXIV_ENDPOINT="http://127.0.0.1:9/oai",
            OPENNESS_DATA_DIR=str(tmp_path),  # the session key's file goes there, not in the home folder
        )
        command = [openness, "serve", "--database", database, "--port", str(port), "--job-workers", "2"]
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = _ready(proc, base)
            first = _job_worker(proc.pid)
            os.kill(first, signal.SIGKILL)  # the job worker dies: serve starts another one
            while (again := _job_worker(proc.pid)) in (None, first):
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline + STARTUP_BOUND, "no job worker came back"
                time.sleep(0.1)
            request = urllib.request.Request(
                base + "/api/v2/submissions",
                data=json.dumps({"target": "hf:org/served"}).encode(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 202
                job = json.loads(response.read())
            while (state := get(f"{base}/api/v2/submissions/{job['id']}").json()["state"]) in (
                "queued",
                "running",
            ):
                assert time.monotonic() < deadline + STARTUP_BOUND, "the job did not finish"
                time.sleep(0.1)
            assert state == "done"
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "openness worker stopped: 1 done, 0 failed" in err and "Traceback" not in err
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    exits = [e for e in logged if e["event"] == "job-worker.exited"]
    assert [(e["pid"], e["code"], e["level"]) for e in exits] == [(first, -signal.SIGKILL, "warning")]
    starts = [e["pid"] for e in logged if e["event"] == "job-worker.started"]
    assert starts == [first, again]


def _job_worker(parent: int) -> int | None:
    """The pid of ``openness registry worker`` started by the process ``parent``, from /proc."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        if ppid == parent and b"worker" in cmdline and b"registry" in cmdline:
            return int(entry.name)
    return None
