"""The list's new filters (licence family, producer, "claims open but does not meet the OSAID") and the
compare page, served for real on SQLite and PostgreSQL; the facets migration fills in what was stored
before it."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import yaml
from sqlalchemy import Engine, select, update

from openness import service
from openness.licences import spdx
from openness.store import database
from openness.store.models import AssessmentRow
from tests.registry.conftest import EXAMPLES, Site, import_folder
from tests.registry.test_pages import _names


def _record(site: Site, key: str) -> dict[str, object]:
    release: dict[str, object] = yaml.safe_load(site.records[key].read_text())["release"]
    return release


def test_the_producer_filter_lists_that_producers_models(site: Site) -> None:
    producer = str(_record(site, "mot:restricted")["producer"])
    expected = {
        str(_record(site, k)["name"]) for k in site.records if _record(site, k).get("producer") == producer
    }
    page = site.get(f"/models?producer={quote(producer)}").text
    assert _names(page) == expected and len(expected) >= 1
    assert f'<option value="{html.escape(producer)}" selected>' in page
    everything = _names(site.get("/").text)
    assert _names(site.get("/models?producer=nobody-at-all").text) == everything  # not a choice: ignored


def test_the_licence_family_filter(site: Site) -> None:
    llama = _names(site.get("/models?family=llama").text)
    assert llama == {str(_record(site, "mot:llama-2-7b")["name"])}
    cdla = _names(site.get("/models?family=cdla").text)
    assert cdla == {str(_record(site, "mot:open-science")["name"])}
    apache = _names(site.get("/models?family=apache").text)
    assert str(_record(site, "mot:grok-1")["name"]) in apache and not apache & llama
    assert '<option value="apache">apache</option>' in site.get("/").text


def _weights_osi_approved(path: Path) -> bool:
    mof = service.assess(str(path)).results["mof"]
    for c in mof.components:  # type: ignore[attr-defined]
        if c.name == "Model parameters (Final)" and c.licence:
            entry = spdx.LICENSES.get(c.licence)
            return bool(entry and entry.osi_approved)
    return False


def test_claims_open_is_weights_under_osi_terms_without_the_osaid(site: Site) -> None:
    expected = {
        service.assess(str(p)).release.name
        for p in site.records.values()
        if str(service.assess(str(p)).results["osaid"].verdict) == "does-not-meet"
        and _weights_osi_approved(p)
    }
    shown = _names(site.get("/models?claims=1").text)
    assert shown == expected and str(_record(site, "mot:grok-1")["name"]) in shown
    assert str(_record(site, "mot:llama-2-7b")["name"]) not in shown  # its weights' licence is not open
    assert 'name="claims" type="checkbox" value="1" checked' in site.get("/models?claims=1").text
    both = _names(site.get("/models?claims=1&mof=0&q=a").text)
    assert both <= shown


def test_the_compare_page_sets_models_side_by_side(site: Site) -> None:
    a, b = "mot:open-model", "mot:restricted"
    page = site.get(f"/compare?m={a}&m={site.ids[b]}")
    assert page.status == 200
    text = page.text
    ra, rb = service.assess(str(site.records[a])), service.assess(str(site.records[b]))
    for r in (ra, rb):
        assert f">{html.escape(r.release.name)}</a>" in text
        assert r.results["mof"].label in text
    row = re.search(r'<tr( class="differs")?>\n<th scope="row">MOF class', text)
    assert row and bool(row.group(1)) == (ra.results["mof"].label != rb.results["mof"].label)
    assert text.count('<th scope="row">') == 4 + 5 + 17  # classes and progress, verdicts, components
    assert "Open Source AI Definition" in text


def test_compare_refuses_too_few_too_many_and_unknown(site: Site) -> None:
    keys = list(site.ids)
    assert "<h1>Compare models</h1>" in site.get("/compare").text  # the picker
    assert site.get(f"/compare?m={keys[0]}").status == 400
    assert site.get("/compare?" + "&".join(f"m={k}" for k in keys[:5])).status == 400
    assert site.get(f"/compare?m={keys[0]}&m={keys[0]}").status == 400
    missing = site.get(f"/compare?m={keys[0]}&m=mot:no-such-model")
    assert missing.status == 404 and "mot:no-such-model not found" in missing.text


def test_compare_shows_a_hostile_record_as_text(site: Site) -> None:
    text = site.get(f"/compare?m=mot:xss&m={quote('mot:open-model')}").text
    assert "<script" not in text and "<img src=x" not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;alert(" in text and "&lt;b onmouseover=alert(2)&gt;MIT&lt;/b&gt;" in text


def test_the_list_ticks_models_to_compare(site: Site) -> None:
    page = site.get("/").text
    assert '<form method="get" action="/compare">' in page
    assert f'name="m" value="mot:open-model" id="m-{site.ids["mot:open-model"]}"' in page


def test_the_facets_migration_fills_in_stored_assessments(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    assert import_folder(engine, EXAMPLES).failed == []
    with engine.begin() as connection:
        before = dict(connection.execute(select(AssessmentRow.id, AssessmentRow.licence_families)).all())
        connection.execute(update(AssessmentRow).values(licence_families="", claims_open=False))
    config = Config()
    config.set_main_option("script_location", "openness.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    assert database.revision(engine) == "0003"
    database.migrate(engine)
    with engine.connect() as connection:
        after = dict(connection.execute(select(AssessmentRow.id, AssessmentRow.licence_families)).all())
        claims = connection.execute(select(AssessmentRow.claims_open)).scalars().all()
    assert after == before and any(v for v in after.values()) and any(claims)


def test_the_new_pages_have_no_inline_script_or_style(site: Site) -> None:
    model_id = site.ids["mot:open-model"]
    paths = (
        "/compare",
        "/compare?m=mot:open-model&m=mot:restricted",
        "/evaluate",
        "/signin",
        f"/models/{model_id}/report",
        "/models?claims=1&family=apache",
    )
    for path in paths:
        reply = site.get(path)
        assert reply.status == 200, path
        page = reply.text
        assert "<script" not in page and "<style" not in page and " style=" not in page, path
        assert reply.headers["content-security-policy"].startswith("default-src 'none'"), path
