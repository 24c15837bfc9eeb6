"""Users, signing in and out, problem reports and moderation, on a real server with SQLite and
PostgreSQL: passwords kept only as salted scrypt hashes; the moderation page only for maintainers;
decisions recorded; a problem report filed from a model page reaches the maintainers, shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select

from openness.cli.main import cli
from openness.store import users
from openness.store.database import sessions
from openness.store.models import ProblemReport, Submission, User
from tests.registry.conftest import EXAMPLES, Client, Server, form_token, import_folder

PASSWORD = "a long enough secret"


def _user(eng: Engine, name: str, *, maintainer: bool, password: str = PASSWORD) -> None:
    with sessions(eng).begin() as s:
        users.add(s, name, password, maintainer=maintainer)


def _sign_in(client: Client, name: str, password: str = PASSWORD, next_path: str = "/") -> object:
    page = client.get(f"/signin?next={next_path}")
    return client.post(
        "/signin",
        {"csrf_token": form_token(page.text), "name": name, "password": password, "next": next_path},
    )


def test_passwords_are_kept_as_salted_scrypt_hashes(engine: Engine) -> None:
    _user(engine, "ana", maintainer=True)
    _user(engine, "ben", maintainer=False)
    with sessions(engine)() as s:
        rows = {u.name: u for u in s.scalars(select(User))}
        assert PASSWORD not in rows["ana"].password_hash
        assert rows["ana"].password_hash.startswith("scrypt$32768$8$1$")
        assert rows["ana"].password_hash != rows["ben"].password_hash  # same password, another salt
        assert users.authenticate(s, "ana", PASSWORD) is rows["ana"]
        assert users.authenticate(s, "ana", PASSWORD + "x") is None
        assert users.authenticate(s, "nobody", PASSWORD) is None
        before = users.stamp(rows["ana"])
        users.set_password(s, "ana", "another long secret")
        assert users.stamp(rows["ana"]) != before


def test_the_command_line_adds_users_with_a_password_file(tmp_path: Path, database_url: str) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n")
    runner = CliRunner()
    args = ["registry", "user", "add", "ana", "--maintainer", "--password-file", str(secret)]
    ok = runner.invoke(cli, [*args, "--database", database_url])
    assert ok.exit_code == 0 and "user ana added (maintainer)" in ok.output
    again = runner.invoke(cli, [*args, "--database", database_url])
    assert again.exit_code == 2 and "ana: this user exists" in again.output
    assert "Traceback" not in again.output
    secret.write_text("short\n")
    short = runner.invoke(
        cli, ["registry", "user", "add", "ben", "--password-file", str(secret), "--database", database_url]
    )
    assert short.exit_code == 2 and "10 to 1024 characters" in short.output
    prompted = runner.invoke(
        cli, ["registry", "user", "add", "cy", "--database", database_url], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert prompted.exit_code == 0, prompted.output
    bad = runner.invoke(cli, ["registry", "user", "add", "../x", "--database", database_url])
    assert bad.exit_code == 2 and "a user name is" in bad.output


def test_only_a_signed_in_maintainer_reaches_the_moderation_page(engine: Engine) -> None:
    _user(engine, "ana", maintainer=True)
    _user(engine, "ben", maintainer=False)
    with Server(engine) as server:
        visitor = Client(server.base)
        page = visitor.get("/moderation")  # redirected to sign in, and back after
        assert page.status == 200 and "<h1>Sign in</h1>" in page.text
        assert 'name="next" value="/moderation"' in page.text
        wrong = _sign_in(visitor, "ana", "not the password", "/moderation")
        assert wrong.status == 400 and "The name or the password is wrong." in wrong.text  # type: ignore[attr-defined]
        landed = _sign_in(visitor, "ana", next_path="/moderation")
        assert "<h1>Moderation</h1>" in landed.text and "Sign out ana" in landed.text  # type: ignore[attr-defined]
        assert landed.headers["cache-control"] == "no-store"  # type: ignore[attr-defined]
        other = Client(server.base)
        _sign_in(other, "ben")
        assert other.get("/moderation").status == 403
        off = visitor.post("/signout", {"csrf_token": form_token(visitor.get("/").text)})
        assert off.status == 200 and "Sign in" in off.text
        assert "<h1>Sign in</h1>" in visitor.get("/moderation").text


def test_signing_in_goes_only_to_a_page_of_this_site(engine: Engine) -> None:
    _user(engine, "ana", maintainer=True)
    with Server(engine) as server:
        for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
            client = Client(server.base)
            page = client.get("/signin")
            reply = client.post(
                "/signin",
                {"csrf_token": form_token(page.text), "name": "ana", "password": PASSWORD, "next": elsewhere},
            )
            assert reply.status == 200 and "<h1>Models</h1>" in reply.text


def test_a_new_password_ends_the_sessions_signed_in_before(engine: Engine) -> None:
    _user(engine, "ana", maintainer=True)
    with Server(engine) as server:
        client = Client(server.base)
        _sign_in(client, "ana")
        assert "<h1>Moderation</h1>" in client.get("/moderation").text
        with sessions(engine).begin() as s:
            users.set_password(s, "ana", "another long secret")
        assert "<h1>Sign in</h1>" in client.get("/moderation").text
        assert "Sign out ana" not in client.get("/").text  # the stale sign-in is forgotten


def test_a_maintainer_approves_and_rejects_submissions(engine: Engine) -> None:
    _user(engine, "ana", maintainer=True)
    with sessions(engine).begin() as s:
        s.add_all(
            [
                Submission(target="hf:org/first", state="done"),
                Submission(target="https://git.example/<b>second</b>", state="queued"),
            ]
        )
    with sessions(engine)() as s:
        first, second = (x.id for x in s.scalars(select(Submission).order_by(Submission.id)))
    with Server(engine) as server:
        client = Client(server.base)
        _sign_in(client, "ana")
        page = client.get("/moderation").text
        assert "hf:org/first" in page and "&lt;b&gt;second&lt;/b&gt;" in page and "<b>second" not in page
        token = form_token(page)
        assert (
            client.post("/moderation/submissions", {"submission": str(first), "decision": "approve"}).status
            == 403
        )
        done = client.post(
            "/moderation/submissions", {"csrf_token": token, "submission": str(first), "decision": "approve"}
        )
        assert done.status == 200 and "Decided lately" in done.text
        client.post(
            "/moderation/submissions", {"csrf_token": token, "submission": str(second), "decision": "reject"}
        )
        for bad in (
            {"submission": "99999", "decision": "approve"},
            {"submission": str(first), "decision": "x"},
        ):
            assert client.post("/moderation/submissions", {"csrf_token": token, **bad}).status in (400, 404)
        visitor = Client(server.base)
        visitor_token = form_token(visitor.get("/signin").text)
        refused = visitor.post(
            "/moderation/submissions",
            {"csrf_token": visitor_token, "submission": str(second), "decision": "approve"},
        )
        assert refused.status == 403
    with sessions(engine)() as s:
        states = {x.id: x.moderation for x in s.scalars(select(Submission))}
    assert states == {first: "approved", second: "rejected"}


HOSTILE = '<script>alert("report")</script>'


@pytest.fixture
def imported(engine: Engine, tmp_path: Path) -> Engine:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "restricted.yml").write_bytes((EXAMPLES / "restricted.yml").read_bytes())
    assert import_folder(engine, folder).failed == []
    return engine


def test_a_problem_report_reaches_the_maintainers_and_is_closed(imported: Engine) -> None:
    _user(imported, "ana", maintainer=True)
    with sessions(imported)() as s:
        from openness.store.models import Model

        model = s.scalars(select(Model)).one()
    with Server(imported) as server:
        visitor = Client(server.base)
        assert f'href="/models/{model.id}/report"' in visitor.get(f"/models/{model.id}").text
        form = visitor.get(f"/models/{model.id}/report")
        assert form.status == 200 and '<label for="message">' in form.text
        token = form_token(form.text)
        empty = visitor.post(f"/models/{model.id}/report", {"csrf_token": token, "message": "  "})
        assert empty.status == 400 and "the message is empty" in empty.text
        assert visitor.post(f"/models/{model.id}/report", {"message": "no token"}).status == 403
        sent = visitor.post(
            f"/models/{model.id}/report",
            {"csrf_token": token, "message": f"The licence is wrong {HOSTILE}", "contact": "me@example.org"},
        )
        assert sent.status == 200 and "the report is filed" in sent.text
        assert visitor.get("/models/99999/report").status == 404
        maintainer = Client(server.base)
        _sign_in(maintainer, "ana")
        page = maintainer.get("/moderation").text
        assert HOSTILE not in page and "The licence is wrong &lt;script&gt;alert(" in page
        with sessions(imported)() as s:
            report = s.scalars(select(ProblemReport)).one()
            assert (report.model_id, report.assessment_id, report.state) == (
                model.id,
                model.latest_assessment_id,
                "open",
            )
        closed = maintainer.post(
            "/moderation/reports", {"csrf_token": form_token(page), "report": str(report.id)}
        )
        assert "No problem report is open." in closed.text
    with sessions(imported)() as s:
        assert s.scalars(select(ProblemReport.state)).one() == "closed"


def test_the_command_line_sets_a_new_password(tmp_path: Path, database_url: str) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n")
    runner = CliRunner()
    base = ["--password-file", str(secret), "--database", database_url]
    assert runner.invoke(cli, ["registry", "user", "add", "ana", *base]).exit_code == 0
    secret.write_text("a brand new password\n")
    changed = runner.invoke(cli, ["registry", "user", "password", "ana", *base])
    assert changed.exit_code == 0 and "password of ana changed" in changed.output
    nobody = runner.invoke(cli, ["registry", "user", "password", "nobody", *base])
    assert nobody.exit_code == 2 and "nobody: no such user" in nobody.output
    from openness.store.database import make_engine

    eng = make_engine(database_url)
    try:
        with sessions(eng)() as s:
            assert users.authenticate(s, "ana", "a brand new password") is not None
            assert users.authenticate(s, "ana", PASSWORD) is None
    finally:
        eng.dispose()


def test_a_stored_hash_that_is_not_scrypt_never_matches() -> None:
    for stored in ("", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00", "scrypt$32768$8$1$zz$00"):
        assert not users.password_matches(stored, PASSWORD)


def test_a_signed_in_maintainer_submits_without_a_token_and_the_form_token_is_checked(
    engine: Engine,
) -> None:
    _user(engine, "ana", maintainer=True)
    _user(engine, "ben", maintainer=False)

    def queued() -> list[tuple[str, int | None]]:
        with sessions(engine)() as s:
            return [(j.target, j.token_id) for j in s.scalars(select(Submission))]

    with Server(engine) as server:
        ben = Client(server.base)
        _sign_in(ben, "ben")
        page = ben.get("/submit")
        refused = ben.post("/submit", {"csrf_token": form_token(page.text), "target": "hf:org/model"})
        assert refused.status == 401 and "API token" in refused.text and queued() == []
        ana = Client(server.base)
        _sign_in(ana, "ana")
        page = ana.get("/submit")
        assert "not needed by a signed-in maintainer" in page.text
        forged = ana.post("/submit", {"csrf_token": "x" * 43, "target": "hf:org/model"})
        assert forged.status == 403 and queued() == []
        sent = ana.post("/submit", {"csrf_token": form_token(page.text), "target": "hf:org/model"})
        assert sent.status == 200 and "hf:org/model" in sent.text  # followed to the job's page
        assert queued() == [("hf:org/model", None)]
