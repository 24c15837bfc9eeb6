"""The registry served for real (uvicorn on a loopback port) on SQLite and PostgreSQL: the MOT-compatible
v1 API field by field, the v2 API and its filters, history, badges, health, OpenAPI, error bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openness import service
from openness.reports import badges, json_report
from openness.store import database
from tests.registry.conftest import EXAMPLES, Server, Site, import_folder


def _assessed(path: Path) -> dict[str, Any]:
    """The result of assessing the record file, named as the registry names an imported record: by its
    path in the imported folder (the examples, or a folder of its own), not by this machine's path."""
    folder = EXAMPLES if path.is_relative_to(EXAMPLES) else path.parent
    source = f"{folder.name}/{path.relative_to(folder).as_posix()}"
    text = json_report.dumps(json_report.to_dict(service.assess(str(path))))
    result: dict[str, Any] = json.loads(text.replace(str(path), source))
    return result


def test_v1_model_is_the_mot_shape_field_by_field(site: Site) -> None:
    import yaml

    for key, path in site.records.items():
        reply = site.get(f"/api/v1/model/{site.ids[key]}")
        assert reply.status == 200 and reply.headers["content-type"] == "application/json"
        body = reply.json()
        assert set(body) == {"id", "framework", "release", "classification"}
        assert body["id"] == str(site.ids[key])  # the MOT's ids are strings
        record = yaml.safe_load(path.read_text())
        assert body["framework"] == record["framework"]
        assert body["release"]["name"] == record["release"]["name"]
        assert body["release"]["producer"] == record["release"]["producer"]
        assert [c["name"] for c in body["release"]["components"]] == [
            c["name"] for c in record["release"]["components"]
        ]
        mof = _assessed(path)["mof"]
        assert body["classification"] == {
            "class": mof["class"],
            "label": mof["label"],
            "progress": {"1": mof["progress"]["1"], "2": mof["progress"]["2"], "3": mof["progress"]["3"]},
        }


def test_v1_models_pages_like_the_mot(site: Site) -> None:
    total = len(site.records)
    everything = site.get("/api/v1/models").json()  # 100 a page by default
    assert everything["pager"] == {"total_items": total, "total_pages": 1, "current_page": 1}
    assert len(everything["models"]) == total
    seen: list[str] = []
    pages = -(-total // 5)
    for page in range(1, pages + 1):
        body = site.get(f"/api/v1/models?page={page}&limit=5").json()
        assert body["pager"] == {"total_items": total, "total_pages": pages, "current_page": page}
        assert len(body["models"]) == (5 if page < pages else total - 5 * (pages - 1))
        seen += [m["id"] for m in body["models"]]
        assert body["models"][0] == site.get(f"/api/v1/model/{body['models'][0]['id']}").json()
    assert sorted(seen, key=int) == seen and len(set(seen)) == total
    beyond = site.get(f"/api/v1/models?page={pages + 1}&limit=5").json()
    assert beyond["models"] == [] and beyond["pager"]["current_page"] == pages + 1


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/model/99999", 404),
        ("/api/v1/model/abc", 400),
        ("/api/v1/model/0", 400),
        ("/api/v1/models?page=0", 400),
        ("/api/v1/models?limit=abc", 400),
        ("/api/v1/models?limit=100000", 400),
        ("/api/v2/models/99999", 404),
        ("/api/v2/models/99999/history", 404),
        ("/api/v2/models?verdict=nope:meets", 400),
        ("/api/v2/models?mof_class=7", 400),
        ("/badge/99999/mof.svg", 404),
        ("/api/v3/nothing", 404),
    ],
)
def test_errors_have_the_mot_body(site: Site, path: str, code: int) -> None:
    reply = site.get(path)
    assert reply.status == code
    body = reply.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_v2_model_is_the_full_openness_result(site: Site) -> None:
    for key in ("mot:open-model", "mot:restricted", "mot:xss"):
        assert site.get(f"/api/v2/models/{site.ids[key]}").json() == _assessed(site.records[key])


def test_v2_filters_by_mof_class_verdict_and_text(site: Site) -> None:
    assessed = {key: _assessed(path) for key, path in site.records.items()}
    for klass in (0, 1, 2, 3):
        body = site.get(f"/api/v2/models?mof_class={klass}&limit=1000").json()
        expected = {k for k, d in assessed.items() if d["mof"]["class"] == klass}
        assert {m["key"] for m in body["models"]} == expected
        assert body["pager"]["total_items"] == len(expected)
    verdicts = {d["osaid"]["verdict"] for d in assessed.values()}
    assert len(verdicts) >= 2  # the examples cover more than one verdict: the filter can be wrong
    for verdict in verdicts:
        body = site.get(f"/api/v2/models?verdict=osaid:{verdict}&limit=1000").json()
        assert {m["key"] for m in body["models"]} == {
            k for k, d in assessed.items() if d["osaid"]["verdict"] == verdict
        }
        assert all(m["verdicts"]["osaid"] == verdict for m in body["models"])
    both = site.get("/api/v2/models?mof_class=3&verdict=osaid:does-not-meet&limit=1000").json()
    assert {m["key"] for m in both["models"]} == {
        k for k, d in assessed.items() if d["mof"]["class"] == 3 and d["osaid"]["verdict"] == "does-not-meet"
    }
    found = site.get("/api/v2/models?q=WREN").json()["models"]
    assert {m["name"] for m in found} == {"Wren-7B"}
    assert site.get("/api/v2/models?q=%25").json()["models"] == []  # LIKE wildcards are literal
    assert site.get("/api/v2/models?q=_").json()["pager"]["total_items"] == sum("_" in k for k in assessed)


def test_history_grows_when_a_record_changes(site: Site) -> None:
    key = "mot:grows"
    model_id = site.ids[key]
    before = site.get(f"/api/v2/models/{model_id}/history").json()
    assert before["key"] == key and len(before["history"]) >= 1
    path = site.records[key]
    path.write_text(path.read_text().replace("name: Wren-7B", f"name: Wren-7B-r{len(before['history'])}"))
    assert import_folder(site.server.engine, path.parent).assessed == 1
    after = site.get(f"/api/v2/models/{model_id}/history").json()["history"]
    assert after[: len(before["history"])] == before["history"]  # nothing overwritten
    assert len(after) == len(before["history"]) + 1
    assert after[-1]["revision"] != after[-2]["revision"]
    assert after[-1]["source"] == f"{path.parent.name}/{path.name}"  # its place in the imported folder
    current = site.get(f"/api/v2/models/{model_id}").json()
    assert current["release"]["name"] == f"Wren-7B-r{len(before['history'])}"


@pytest.mark.parametrize("subject", ["mof", "osaid"])
def test_badges_are_the_reports_badges(site: Site, subject: str) -> None:
    path = site.records["mot:restricted"]
    expected = badges.badge_for(service.assess(str(path)), subject)
    model_id = site.ids["mot:restricted"]
    reply = site.get(f"/badge/{model_id}/{subject}.svg")
    assert reply.status == 200 and reply.headers["content-type"] == "image/svg+xml"
    assert reply.text == badges.svg(expected)
    shields = site.get(f"/badge/{model_id}/{subject}.json")
    assert shields.json() == json.loads(badges.endpoint_json(expected))


def test_health_and_readiness(site: Site) -> None:
    assert site.get("/healthz").json() == {"status": "ok"}
    assert site.get("/readyz").json() == {"status": "ready", "schema": database.HEAD}


def test_readiness_fails_on_a_database_without_the_schema(tmp_path: Path) -> None:
    eng = database.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with Server(eng) as server:
        reply = server.get("/readyz")
        assert reply.status == 503 and reply.json()["error"]["code"] == 503
        assert server.get("/healthz").status == 200
    eng.dispose()


def test_openapi_is_published_and_lists_the_api(site: Site) -> None:
    reply = site.get("/openapi.json")
    assert reply.status == 200
    doc = json.loads(reply.body)
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/v1/models",
        "/api/v1/model/{model_id}",
        "/api/v2/models",
        "/api/v2/models/{model_id}",
        "/api/v2/models/{model_id}/history",
        "/badge/{model_id}/mof.svg",
        "/badge/{model_id}/osaid.svg",
        "/badge/{model_id}/osaid.json",
        "/healthz",
        "/readyz",
    ):
        assert "get" in doc["paths"][path], path
        assert doc["paths"][path]["get"]["responses"]
    assert not any(p.startswith("/models") for p in doc["paths"])  # pages are not API
    shapes = doc["components"]["schemas"]
    assert set(shapes["V1Model"]["properties"]) == {"id", "framework", "release", "classification"}
    assert set(shapes["Classification"]["properties"]) == {"class", "label", "progress"}
    assert set(shapes["Pager"]["properties"]) == {"total_items", "total_pages", "current_page"}
    one = doc["paths"]["/api/v1/model/{model_id}"]["get"]["responses"]
    assert one["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/V1Model"}
    assert one["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert "image/svg+xml" in doc["paths"]["/badge/{model_id}/mof.svg"]["get"]["responses"]["200"]["content"]


def test_every_answer_carries_the_security_headers(site: Site) -> None:
    for path in ("/", f"/models/{site.ids['mot:xss']}", "/api/v1/models", "/badge/1/mof.svg", "/nowhere"):
        headers = site.get(path).headers
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp


def test_a_broken_database_is_a_503_in_the_mot_body_and_an_html_page(tmp_path: Path) -> None:
    from sqlalchemy import text

    eng = database.make_engine(f"sqlite:///{tmp_path / 'broken.sqlite3'}")
    database.migrate(eng)
    assert import_folder(eng, EXAMPLES).failed == []
    with eng.begin() as connection:
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.execute(text("DROP TABLE releases"))
    with Server(eng) as server:
        reply = server.get("/api/v1/models")
        assert reply.status == 503
        message = "the database is unavailable; try again later"
        assert reply.json() == {"error": {"code": 503, "message": message}}
        page = server.get("/models")
        assert page.status == 503 and page.headers["content-type"].startswith("text/html")
        assert message in page.text
        assert "Traceback" not in page.text and "no such table" not in page.text  # no internals shown
    eng.dispose()
