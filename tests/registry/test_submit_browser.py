"""The submit page in a real headless Chromium (Debian's, driven by Playwright) against uvicorn on
loopback: fill the form, land on the job's page, watch it refresh itself (no script: a meta refresh)
while a worker assesses the model, and follow the link to the model once it is done. Screenshots are
kept as artefacts."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from openness.store import database, tokens
from openness.store.worker import Worker
from tests.registry.conftest import Server
from tests.registry.test_worker import held, options, small_model
from tests.reports.conftest import artifacts, browser  # noqa: F401 - fixtures
from tests.sources_hf.replay import running

BOUND_MS = 90_000
"""Milliseconds to wait for the page to show a state (a bound on a busy machine)."""


def test_submit_and_watch_the_job_finish_in_a_browser(
    engine: Engine,
    database_url: str,
    browser: Any,  # noqa: F811
    artifacts: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    kind = database_url.split(":", 1)[0].split("+")[0]
    with database.sessions(engine).begin() as session:
        token = tokens.create(session, "browser")
    with running() as hub, Server(engine) as server:
        gate = held(hub, small_model("browser"))
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.base + "/submit")
        page.get_by_label("Hugging Face id or git URL").fill("hf:org/browser")
        page.get_by_label("API token").fill(token)
        page.get_by_role("button", name="Submit").click()
        page.wait_for_url("**/submissions/*")
        assert page.locator('meta[http-equiv="refresh"]').count() == 1
        assert page.get_by_role("status").inner_text() == "queued"
        page.screenshot(path=str(artifacts / f"submit-queued-{kind}.png"), full_page=True)
        worker = Worker(engine, collect_options=options(hub, tmp_path), poll=0.05)
        thread = threading.Thread(target=worker.run, kwargs={"exit_when_idle": True})
        thread.start()
        try:
            page.get_by_role("status").filter(has_text="running").wait_for(timeout=BOUND_MS)  # it refreshed
            gate.set()
            link = page.get_by_role("link", name="See the model's assessment")
            link.wait_for(timeout=BOUND_MS)
            assert page.get_by_role("status").inner_text() == "done"
            assert page.locator('meta[http-equiv="refresh"]').count() == 0  # done: it stops looking
            page.screenshot(path=str(artifacts / f"submit-done-{kind}.png"), full_page=True)
            link.click()
            page.wait_for_url("**/models/*")
            assert "org/browser" in page.content()
        finally:
            gate.set()
            worker.stop()
            thread.join(60)
        assert errors == []  # no CSP violation, no script error
        page.close()
