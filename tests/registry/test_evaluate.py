"""The evaluate form on a real server: the fields a MOT record would hold give the same class and
verdicts as the record itself; the YAML download reads back to the same release; a hostile licence
string is shown as text; a form without a name or without its token is refused."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from openness import service
from openness.domain.components import COMPONENTS
from openness.reports import json_report
from openness.reports.html import STATUS_CLASS
from openness.sources.mot_yaml import parse
from openness.store import database
from tests.registry.conftest import EXAMPLES, Client, Server, form_token

NAMES = [c.name for c in COMPONENTS]


def tone(verdict: str) -> str:
    return STATUS_CLASS.get(verdict, "neutral")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    eng: Engine = database.make_engine(f"sqlite:///{tmp_path_factory.mktemp('ev') / 'r.sqlite3'}")
    database.migrate(eng)
    with Server(eng) as running:
        yield running
    eng.dispose()


def form_of_record(path: Path) -> dict[str, str]:
    """The form fields that say what a MOT record says (a person filling the form from the record)."""
    release = yaml.safe_load(path.read_text())["release"]
    fields = {k: str(release.get(k) or "") for k in ("name", "version", "producer", "type", "architecture")}
    for scope, value in (release.get("license") or {}).items():
        fields[f"licence-{scope}"] = str((value or {}).get("name") or "")
    for c in release.get("components") or []:
        i = NAMES.index(c["name"])
        fields[f"c{i}-state"] = "included"
        if c.get("license"):
            fields[f"c{i}-licence"] = str(c["license"])
        if c.get("component_path"):
            fields[f"c{i}-location"] = str(c["component_path"])
    return fields


def _post(client: Client, fields: dict[str, str], action: str = "evaluate") -> Any:
    token = form_token(client.get("/evaluate").text)
    return client.post("/evaluate", {**fields, "csrf_token": token, "action": action})


@pytest.mark.parametrize("record", ["open-model.yml", "open-science.yml", "restricted.yml"])
def test_the_form_gives_the_records_class_and_verdicts(server: Server, record: str) -> None:
    expected = json_report.to_dict(service.assess(str(EXAMPLES / record)))
    page = _post(Client(server.base), form_of_record(EXAMPLES / record))
    assert page.status == 200
    text = page.text
    mof = expected["mof"]
    assert f'MOF: <span class="tag {"good" if mof["class"] else "bad"}">{mof["label"]}</span>' in text
    osaid = expected["osaid"]["verdict"]
    assert f'OSAID: <span class="tag {tone(osaid)}">{osaid}</span>' in text
    for key in ("eu_ai_act", "open_weight", "osai_index"):
        assert f'id="evaluated-{key}"' in text
        assert f">{expected[key]['verdict']}</span>" in text
    if expected["guidance"]["plans"]:
        assert "<h3>Next steps</h3>" in text
    assert 'value="included" checked' in text  # the form comes back filled in


def test_the_yaml_download_reads_back_to_the_same_class(server: Server, tmp_path: Path) -> None:
    fields = form_of_record(EXAMPLES / "open-science.yml")
    reply = _post(Client(server.base), fields, action="yaml")
    assert reply.status == 200 and reply.headers["content-type"].startswith("application/yaml")
    assert reply.headers["content-disposition"] == 'attachment; filename="Heron-1B.yml"'
    record = tmp_path / "downloaded.yml"
    record.write_bytes(reply.body)
    back = service.assess(str(record))
    original = service.assess(str(EXAMPLES / "open-science.yml"))
    assert back.results["mof"].mof_class == original.results["mof"].mof_class
    assert str(back.results["osaid"].verdict) == str(original.results["osaid"].verdict)
    listed = {c.name for c in parse(reply.body.decode(), "downloaded").components}
    assert listed == {n for n in NAMES if f"c{NAMES.index(n)}-state" in fields}


def test_a_referenced_component_keeps_its_link(server: Server) -> None:
    i = NAMES.index("Datasets")
    fields = {"name": "Linked", f"c{i}-state": "referenced", f"c{i}-location": "https://data.example/set"}
    text = _post(Client(server.base), fields).text
    assert '<span class="tag fair">referenced</span>' in text
    assert '<a href="https://data.example/set" rel="noopener noreferrer">' in text
    record = yaml.safe_load(_post(Client(server.base), fields, action="yaml").body)
    assert record["release"]["components"][0]["component_path"] == "https://data.example/set"


def test_a_hostile_name_and_licence_are_shown_as_text(server: Server) -> None:
    payload = "<img src=x onerror=alert(1)>"
    i = NAMES.index("Model card")
    page = _post(
        Client(server.base), {"name": payload, f"c{i}-state": "included", f"c{i}-licence": payload}
    ).text
    assert payload not in page and "<img src=x" not in page
    assert html.escape(payload) in page or "&lt;img src=x onerror=alert(1)&gt;" in page
    download = _post(Client(server.base), {"name": payload}, action="yaml")
    assert download.headers["content-disposition"] == 'attachment; filename="img-src-x-onerror-alert-1.yml"'


def test_a_form_without_a_name_or_token_is_refused(server: Server) -> None:
    client = Client(server.base)
    missing = _post(client, {"name": "  "})
    assert missing.status == 400 and "Give the model&#39;s name" in missing.text
    assert client.post("/evaluate", {"name": "x"}).status == 403
    page = client.get("/evaluate").text
    assert page.count('<fieldset class="component">') == len(COMPONENTS)
    for n in range(len(COMPONENTS)):
        assert f'<label for="c{n}-licence">' in page
