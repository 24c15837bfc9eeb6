"""Workers for real, on SQLite and PostgreSQL: Hub models served by a loopback replay of the Hub (no
test reaches the network), assessed through ``openness.service`` and stored as the importer stores
them. Faults with real processes: a worker killed with SIGKILL mid-assessment (the Hub answer held
until the test lets it go), SIGTERM with and without time to finish, two workers over many jobs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from openness import service
from openness.reports import json_report
from openness.sources.options import CollectOptions
from openness.store import database, jobs, targets
from openness.store.models import AssessmentRow, ReleaseRow, Submission
from openness.store.worker import Worker
from tests.conftest import ROOT
from tests.sources_hf import hubdata
from tests.sources_hf.replay import HubReplay, Reply, json_reply, running

BOUND = 90.0
"""Seconds to wait for a worker to reach a state (a bound on a busy machine, not a measurement)."""
OPENNESS = str(Path(sys.executable).parent / "openness")


def small_model(name: str, licence: str = "apache-2.0") -> hubdata.Model:
    """A Hub model with a card, a config, weights and a licence file, and no links to follow."""
    return hubdata.Model(
        f"org/{name}",
        files={
            "README.md": hubdata.card(f"license: {licence}\nlibrary_name: transformers"),
            "config.json": b'{"model_type": "llama"}',
            "model.safetensors": 4_000_000,
            "LICENSE": hubdata.APACHE,
        },
        card_data={"license": licence, "library_name": "transformers"},
        tags=["transformers", "safetensors", "llama", f"license:{licence}"],
        config={"model_type": "llama", "architectures": ["LlamaForCausalLM"]},
    )


@pytest.fixture
def hub() -> Iterator[HubReplay]:
    with running() as replay:
        yield replay


def held(hub: HubReplay, model: hubdata.Model) -> threading.Event:
    """Serve ``model``, its info answer held until the returned event is set."""
    hub.add_model(model)
    gate = threading.Event()
    route = f"/api/models/{model.repo_id}/revision/main"
    hub.route(route, Reply(**{**json_reply(model.info()).__dict__, "hold": gate}))
    return gate


def options(hub: HubReplay, tmp: Path) -> CollectOptions:
    return CollectOptions(endpoint=hub.endpoint, backoff=0.0, timeout=5.0, cache_dir=str(tmp / "cache"))


def submit(engine: Engine, target: str) -> int:
    checked = targets.check(target, targets.Policy())
    with database.sessions(engine)() as session:
        job, _ = jobs.enqueue(
            session,
            kind="assess",
            target=checked.target,
            revision=checked.revision,
            model_key=checked.model_key,
            key=jobs.idempotency_key("assess", checked.target, checked.revision, "test"),
        )
        return job.id


def job_row(engine: Engine, job_id: int) -> Submission:
    with database.sessions(engine)() as session:
        return session.scalars(select(Submission).where(Submission.id == job_id)).one()


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)


def start_worker(database_url: str, hub: HubReplay, tmp: Path, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "OPENNESS_"))}
    env.update(
        HF_ENDPOINT=hub.endpoint,
        HF_HUB_DISABLE_IMPLICIT_TOKEN="1",
        OPENNESS_CACHE_DIR=str(tmp / "cache"),
        OPENNESS_ARXIV_ENDPOINT="http://127.0.0.1:9/oai",
    )
    command = [OPENNESS, "registry", "worker", "--database", database_url, "--poll", "0.1", *extra]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for(what: str, condition: Any, proc: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + BOUND
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the worker exited before {what}: {proc.communicate()}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def stop(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=BOUND)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return err


def test_a_worker_assesses_a_hub_model_and_stores_it_as_the_importer_does(
    engine: Engine, hub: HubReplay, tmp_path: Path
) -> None:
    model = small_model("m0")
    hub.add_model(model)
    first = submit(engine, "hf:org/m0")
    tally = Worker(engine, collect_options=options(hub, tmp_path), poll=0.05).run(exit_when_idle=True)
    assert (tally.done, tally.failed) == (1, 0)
    row = job_row(engine, first)
    assert (row.state, row.attempts, row.resolved_revision, row.model_key) == (
        "done",
        1,
        model.sha,
        "hf:org/m0",
    )
    expected = service.assess("hf:org/m0", collect_options=options(hub, tmp_path))
    with database.sessions(engine)() as session:
        stored = session.get(AssessmentRow, row.assessment_id)
        release = session.get(ReleaseRow, stored.release_id) if stored else None
    assert stored is not None and release is not None
    assert stored.result == json_report.to_dict(expected)  # what the importer would store for it
    assert (release.revision, release.target, release.source) == (model.sha, "hf:org/m0", "hf:org/m0")
    assert stored.result["target"] == "hf:org/m0" and stored.result["release"]["name"]
    # the same model at the commit it resolved to: another job, the same assessment
    again = submit(engine, f"hf:org/m0@{model.sha}")
    assert again != first
    Worker(engine, collect_options=options(hub, tmp_path), poll=0.05).run(exit_when_idle=True)
    assert job_row(engine, again).assessment_id == row.assessment_id
    assert count(engine, AssessmentRow) == 1 and count(engine, ReleaseRow) == 1
    assert submit(engine, "hf:org/m0") == first  # and the same submission is the same job


def test_a_target_that_cannot_be_assessed_fails_its_job_in_one_line(
    engine: Engine, hub: HubReplay, tmp_path: Path
) -> None:
    job_id = submit(engine, "hf:org/nothing-here")
    tally = Worker(engine, collect_options=options(hub, tmp_path), poll=0.05).run(exit_when_idle=True)
    row = job_row(engine, job_id)
    assert (tally.failed, row.state, row.assessment_id) == (1, "failed", None)
    assert row.error and "hf:org/nothing-here" in row.error and "\n" not in row.error


def test_a_worker_killed_mid_assessment_is_replaced_and_the_job_done_once(
    engine: Engine, database_url: str, hub: HubReplay, tmp_path: Path
) -> None:
    gate = held(hub, small_model("slow"))
    job_id = submit(engine, "hf:org/slow")
    first = start_worker(database_url, hub, tmp_path, "--lease", "1")
    try:
        wait_for("the assessment to start", lambda: hub.count("/api/models/org/slow") >= 1, first)
        assert job_row(engine, job_id).state == "running"
    finally:
        first.kill()  # SIGKILL: no handler runs, no lease is handed back
        first.communicate(timeout=BOUND)
    killed = job_row(engine, job_id)
    assert (killed.state, killed.attempts, killed.assessment_id) == ("running", 1, None)
    gate.set()
    second = start_worker(database_url, hub, tmp_path, "--lease", "30")  # its own lease outlives any stall
    try:
        wait_for("the retried job to finish", lambda: job_row(engine, job_id).state == "done", second)
    finally:
        err = stop(second)
    done = job_row(engine, job_id)
    assert done.attempts == 2 and done.worker_id != killed.worker_id
    assert "expired lease requeued" in err
    assert count(engine, AssessmentRow) == 1 and count(engine, Submission) == 1


def test_sigterm_hands_a_job_still_running_after_the_grace_back_to_the_queue(
    engine: Engine, database_url: str, hub: HubReplay, tmp_path: Path
) -> None:
    gate = held(hub, small_model("slow"))
    job_id = submit(engine, "hf:org/slow")
    proc = start_worker(database_url, hub, tmp_path, "--grace", "0.5")
    try:
        wait_for("the assessment to start", lambda: hub.count("/api/models/org/slow") >= 1, proc)
    finally:
        err = stop(proc)
    assert "handed back to the queue" in err
    row = job_row(engine, job_id)
    assert (row.state, row.attempts, row.worker_id) == ("queued", 0, None)
    gate.set()
    Worker(engine, collect_options=options(hub, tmp_path), poll=0.05).run(exit_when_idle=True)
    assert job_row(engine, job_id).state == "done" and count(engine, AssessmentRow) == 1


def test_sigterm_lets_a_running_job_finish_within_the_grace(
    engine: Engine, database_url: str, hub: HubReplay, tmp_path: Path
) -> None:
    gate = held(hub, small_model("slow"))
    job_id = submit(engine, "hf:org/slow")
    proc = start_worker(database_url, hub, tmp_path, "--grace", "60")
    try:
        wait_for("the assessment to start", lambda: hub.count("/api/models/org/slow") >= 1, proc)
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert proc.poll() is None  # still finishing its job
        gate.set()
    finally:
        err = stop(proc)
    row = job_row(engine, job_id)
    assert (row.state, row.attempts) == ("done", 1) and "1 done" in err


def test_two_workers_over_many_jobs_never_assess_the_same_one(
    engine: Engine, database_url: str, hub: HubReplay, tmp_path: Path
) -> None:
    n = 12
    for i in range(n):
        hub.add_model(small_model(f"many{i}"))
    ids = [submit(engine, f"hf:org/many{i}") for i in range(n)]
    workers = [start_worker(database_url, hub, tmp_path / str(k), "--concurrency", "3") for k in range(2)]
    try:
        wait_for(
            "every job to finish",
            lambda: all(job_row(engine, i).state in ("done", "failed") for i in ids),
        )
    finally:
        for proc in workers:
            stop(proc)
    rows = [job_row(engine, i) for i in ids]
    assert [r.state for r in rows] == ["done"] * n and {r.attempts for r in rows} == {1}
    assert count(engine, AssessmentRow) == n and len({r.assessment_id for r in rows}) == n
    for i in range(n):  # each model read from the Hub once: no job was assessed twice
        assert hub.count(f"/api/models/org/many{i}/revision/main") == 1


def test_a_worker_survives_an_unreachable_database_and_says_so_in_one_line() -> None:
    unreachable = database.make_engine("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")
    said: list[str] = []
    worker = Worker(unreachable, poll=0.05, say=said.append)
    thread = threading.Thread(target=worker.run)
    thread.start()
    wait_for("a cycle to fail", lambda: len(said) >= 2)
    worker.stop()
    thread.join(BOUND)
    assert not thread.is_alive()  # still looping until asked to stop, then stopped
    assert said[0].startswith("the database is unavailable (") and "\n" not in said[0]
    unreachable.dispose()


def test_a_database_error_while_assessing_leaves_the_job_to_its_lease(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from openness.store import execute

    def database_gone(*_: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(execute, "assess", database_gone)
    job_id = submit(engine, "hf:org/any")
    tally = Worker(engine, poll=0.05).run(exit_when_idle=True)
    row = job_row(engine, job_id)
    assert (tally.lost, tally.failed, row.state, row.error) == (1, 0, "running", None)  # retried later
