"""Submitting over HTTP, against a real uvicorn on loopback, on SQLite and PostgreSQL: writes need an
API token (401 in the MOT error body otherwise), unsafe targets are refused before anything is queued,
a submission is a job polled until a real worker process has assessed it, the same submission is the
same job, an uploaded MOT record is stored exactly as the importer stores it, hostile uploads get one
clear line, and the submit form works without script."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from openness.store import database, targets, tokens
from openness.store.models import AssessmentRow, Submission
from openness.store.worker import Worker
from tests.registry.conftest import EXAMPLES, Reply, Server, import_folder
from tests.registry.test_worker import small_model, start_worker, stop, wait_for
from tests.sources_hf.replay import HubReplay, running


def resolve(host: str, port: int) -> Sequence[str]:
    return {"github.com": ["140.82.121.3"], "evil.example": ["10.0.0.1"]}[host]


@pytest.fixture
def hub() -> Iterator[HubReplay]:
    with running() as replay:
        yield replay


@pytest.fixture
def server(engine: Engine) -> Iterator[Server]:
    served = Server(engine)
    served.app.state.target_policy = targets.Policy(
        git_hosts=(*targets.DEFAULT_GIT_HOSTS, "evil.example"), resolve=resolve
    )
    with served:
        yield served


@pytest.fixture
def token(engine: Engine) -> str:
    with database.sessions(engine).begin() as session:
        return tokens.create(session, "test")


def call(
    server: Server, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Reply:
    request = urllib.request.Request(server.base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return Reply(exc.code, exc.headers, exc.read())


def post_json(server: Server, doc: dict[str, Any], token: str | None = None, scheme: str = "Bearer") -> Reply:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"{scheme} {token}"
    return call(server, "POST", "/api/v2/submissions", json.dumps(doc).encode(), headers)


def queued(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Submission)).scalar() or 0)


@pytest.mark.parametrize(
    ("token_given", "scheme"), [(None, "Bearer"), ("0123.not-a-token", "Bearer"), ("valid", "Basic")]
)
def test_writes_without_a_valid_token_are_refused(
    server: Server, engine: Engine, token: str, token_given: str | None, scheme: str
) -> None:
    given = token if token_given == "valid" else token_given
    reply = post_json(server, {"target": "hf:org/model"}, given, scheme)
    assert reply.status == 401
    assert reply.json()["error"]["code"] == 401 and "API token" in reply.json()["error"]["message"]
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")
    assert queued(engine) == 0


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("file:///etc/passwd", "file:// URLs are refused"),
        ("http://127.0.0.1/", "http:// URLs are refused"),
        ("https://evil.example/org/repo", "resolves to a private address 10.0.0.1"),
        ("ext::sh -c id", "ext:: are refused"),
    ],
)
def test_unsafe_targets_are_refused_before_anything_is_queued(
    server: Server, engine: Engine, token: str, target: str, says: str
) -> None:
    reply = post_json(server, {"target": target}, token)
    assert reply.status == 400 and says in reply.json()["error"]["message"]
    assert queued(engine) == 0


def test_submit_over_http_and_poll_until_a_worker_process_has_assessed_it(
    server: Server, engine: Engine, database_url: str, token: str, hub: HubReplay, tmp_path: Path
) -> None:
    hub.add_model(small_model("e2e"))
    reply = post_json(server, {"target": "https://huggingface.co/org/e2e"}, token)
    assert reply.status == 202, reply.text
    job = reply.json()
    assert reply.headers["Location"] == f"/api/v2/submissions/{job['id']}"
    assert (job["state"], job["target"], job["model_key"]) == ("queued", "hf:org/e2e", "hf:org/e2e")
    page = server.get(f"/submissions/{job['id']}")
    assert page.status == 200 and '<meta http-equiv="refresh" content="2">' in page.text
    again = post_json(server, {"target": "hf:org/e2e"}, token)  # the same target, said another way
    assert (again.status, again.json()["id"]) == (200, job["id"])
    worker = start_worker(database_url, hub, tmp_path)
    try:
        wait_for(
            "the job to finish",
            lambda: server.get(f"/api/v2/submissions/{job['id']}").json()["state"] in ("done", "failed"),
            worker,
        )
    finally:
        stop(worker)
    done = server.get(f"/api/v2/submissions/{job['id']}").json()
    assert done["state"] == "done", done
    assert done["links"]["model"] == f"/api/v2/models/{done['model_id']}"
    result = server.get(done["links"]["model"]).json()
    assert result["target"] == "hf:org/e2e"
    history = server.get(f"/api/v2/models/{done['model_id']}/history").json()["history"]
    assert [h["assessment_id"] for h in history] == [done["assessment_id"]]
    finished = server.get(f"/submissions/{job['id']}")
    assert "http-equiv" not in finished.text and f'href="/models/{done["model_id"]}"' in finished.text
    assert post_json(server, {"target": "hf:org/e2e"}, token).json()["assessment_id"] == done["assessment_id"]


def test_an_uploaded_mot_record_is_stored_as_the_importer_stores_it(
    server: Server, engine: Engine, token: str, tmp_path: Path
) -> None:
    record = (EXAMPLES / "open-model.yml").read_text("utf-8")
    reply = post_json(server, {"record": record, "filename": "open-model.yml"}, token)
    assert reply.status == 202 and reply.json()["model_key"] == "mot:open-model"
    Worker(engine, poll=0.05).run(exit_when_idle=True)
    done = server.get(f"/api/v2/submissions/{reply.json()['id']}").json()
    assert done["state"] == "done" and done["resolved_revision"].startswith("sha256:")
    report = import_folder(engine, EXAMPLES)
    assert report.failed == [] and report.skipped >= 1  # the importer finds it already assessed
    with engine.connect() as connection:
        n = connection.execute(
            select(func.count()).select_from(AssessmentRow).where(AssessmentRow.id == done["assessment_id"])
        ).scalar()
    assert n == 1
    listed = server.get("/api/v2/models?q=open-model").json()["models"]
    assert [m["id"] for m in listed if m["key"] == "mot:open-model"] == [done["model_id"]]


BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
)


@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ({"record": "release: [unclosed"}, "the record"),
        ({"record": BOMB}, "alias"),
        ({"record": "- just\n- a list\n"}, "top level must be a mapping"),
        ({"record": "release:\n  name: x\n", "filename": "../../etc/passwd.yml"}, "file name"),
        ({"record": "x" * 300_000}, "record"),
        ({"target": "hf:org/model", "record": "release: {name: x}"}, "either target or record"),
        ({}, "either target or record"),
        ({"record": "release:\n  name: \ud800\n"}, "unicode"),  # a lone surrogate: JSON carries it
        ({"target": "hf:org/\ud800"}, "unicode"),
    ],
)
def test_hostile_or_malformed_uploads_get_one_clear_line(
    server: Server, engine: Engine, token: str, doc: dict[str, Any], says: str
) -> None:
    reply = post_json(server, doc, token)
    assert reply.status == 400
    message = reply.json()["error"]["message"]
    assert says in message and "\n" not in message and "Traceback" not in message
    assert queued(engine) == 0


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, body) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/yaml\r\n\r\n"
        )
        parts.append(head.encode() + body + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post_form(
    server: Server, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
) -> Reply:
    body, kind = multipart(fields, files or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    request = urllib.request.Request(
        server.base + "/submit", data=body, method="POST", headers={"Content-Type": kind}
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return Reply(exc.code, exc.headers, exc.read())


def test_the_submit_form_queues_with_a_token_and_refuses_without(
    server: Server, engine: Engine, token: str
) -> None:
    form = server.get("/submit")
    assert form.status == 200 and 'enctype="multipart/form-data"' in form.text and "<script" not in form.text
    refused = post_form(server, {"target": "hf:org/model"})
    assert refused.status == 401 and "API token" in refused.text and queued(engine) == 0
    ssrf = post_form(server, {"target": "file:///etc/passwd", "token": token})
    assert ssrf.status == 400 and "file:// URLs are refused" in ssrf.text and queued(engine) == 0
    sent = post_form(server, {"target": "hf:org/model", "token": token})
    assert sent.status == 303 and sent.headers["Location"].startswith("/submissions/")
    record = (EXAMPLES / "open-model.yml").read_bytes()
    upload = post_form(server, {"token": token}, {"record": ("C:\\records\\open-model.yml", record)})
    assert upload.status == 303
    job = server.get("/api/v2" + upload.headers["Location"]).json()
    assert (job["target"], job["model_key"]) == ("upload:open-model.yml", "mot:open-model")
    bad = post_form(server, {"token": token}, {"record": ("x.yml", b"\xff\xfe not utf-8")})
    assert bad.status == 400 and "not UTF-8" in bad.text
    huge = post_form(server, {"token": token}, {"record": ("x.yml", b"a: b\n" * 100_000)})
    assert huge.status == 413 and queued(engine) == 2


def test_a_token_made_by_the_command_authorises_a_submission(
    server: Server, engine: Engine, database_url: str
) -> None:
    from click.testing import CliRunner

    from openness.cli.main import cli

    made = CliRunner().invoke(cli, ["registry", "token", "create", "ci robot", "--database", database_url])
    assert made.exit_code == 0, made.output
    clear = made.output.strip()
    assert post_json(server, {"target": "hf:org/model"}, clear).status == 202
    empty = CliRunner().invoke(cli, ["registry", "token", "create", "  ", "--database", database_url])
    assert empty.exit_code == 2 and "1 to 256 characters" in empty.output
