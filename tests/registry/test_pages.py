"""The registry's pages, served for real on SQLite and PostgreSQL: the list with search and filters, the
model page (the HTML report's section), what a hostile record shows (text, never markup), no inline
script or style (the CSP allows neither)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from openness import service
from openness.reports import json_report
from openness.reports.html import verdicts_of
from openness.store import database
from tests.registry.conftest import EXAMPLES, Server, Site, import_folder

HOSTILE = ('<script>alert("name")</script>', '"><img src=x onerror=alert(1)>')


def _names(page: str) -> set[str]:
    """The model names a list page links to."""
    found = re.findall(r'<th scope="row"><a href="/models/\d+">(.*?)</a></th>', page)
    return {html.unescape(n) for n in found}


def _expected_names(site: Site, keep: object = None) -> set[str]:
    out = set()
    for path in site.records.values():
        a = service.assess(str(path))
        if keep is None or keep(a):  # type: ignore[operator]
            out.add(a.release.name)
    return out


def test_the_list_shows_every_model_and_filters_them(site: Site) -> None:
    page = site.get("/")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert _names(page.text) == _expected_names(site)
    class_three = site.get("/models?mof=3").text
    assert _names(class_three) == _expected_names(site, lambda a: a.results["mof"].mof_class == 3)
    assert 'value="3" selected' in class_three
    verdict = "does-not-meet"
    filtered = site.get(f"/models?verdict=osaid:{verdict}").text
    assert _names(filtered) == _expected_names(site, lambda a: str(a.results["osaid"].verdict) == verdict)
    assert _names(site.get("/models?q=wren").text) == {"Wren-7B"}
    assert "No model matches." in site.get("/models?q=no-such-model-anywhere").text


def test_unknown_filters_are_ignored_not_errors(site: Site) -> None:
    for query in ("mof=9", "verdict=nothing:here", "verdict=osaid:nonsense", "mof=x"):
        reply = site.get(f"/models?{query}")
        assert reply.status == 200
        assert _names(reply.text) == _expected_names(site)


def test_the_model_page_embeds_the_report_section(site: Site) -> None:
    model_id = site.ids["mot:restricted"]
    page = site.get(f"/models/{model_id}").text
    d = json_report.to_dict(service.assess(str(site.records["mot:restricted"])))
    assert f"<h1>{html.escape(d['release']['name'], quote=False)}</h1>" in page
    assert '<section class="release" id="release"' in page
    assert f'<span class="tag {"good" if d["mof"]["class"] else "bad"}">{d["mof"]["label"]}</span>' in page
    verdicts = verdicts_of(d)
    assert len(verdicts) >= 3
    for v in verdicts:
        assert f'id="release-{v["key"]}"' in page
        assert f"{v['framework']} {v['version']} <span class" in page
    assert f'src="/badge/{model_id}/mof.svg"' in page and '<h2 id="history">History</h2>' in page


def test_a_hostile_record_is_shown_as_text(site: Site) -> None:
    model_id = site.ids["mot:xss"]
    for path in ("/", f"/models/{model_id}", f"/models?q={quote('<script>')}"):
        page = site.get(path).text
        for payload in HOSTILE:
            assert payload not in page
        assert "<script" not in page and "<img src=x" not in page and "<b onmouseover" not in page
        assert "&lt;script&gt;alert(" in page
    model_page = site.get(f"/models/{model_id}").text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in model_page  # the producer, escaped
    assert "&lt;b onmouseover=alert(2)&gt;MIT&lt;/b&gt;" in model_page  # a component's licence


def test_pages_have_no_inline_script_or_style(site: Site) -> None:
    for path in ("/", "/models?mof=3", f"/models/{site.ids['mot:open-science']}", "/models/99999"):
        page = site.get(path).text
        assert "<script" not in page and "<style" not in page and " style=" not in page
        assert '<link rel="stylesheet" href="/static/registry.css">' in page
    css = site.get("/static/registry.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".tag" in css.text and "nav.site" in css.text  # the report's rules, then the registry's


def test_the_favicon_a_browser_asks_for_is_no_content(site: Site) -> None:
    reply = site.get("/favicon.ico")
    assert (reply.status, reply.body) == (204, b"")


def test_a_missing_model_is_an_html_404(site: Site) -> None:
    reply = site.get("/models/99999")
    assert reply.status == 404 and reply.headers["content-type"].startswith("text/html")
    assert "model 99999 not found" in reply.text


def test_the_pager_links_keep_the_filters(site: Site) -> None:
    page = site.get("/models?q=e&page=1").text
    assert "Previous page" not in page
    total = len(_names(page))
    assert total > 0
    beyond = site.get("/models?q=e&page=2")
    assert beyond.status == 200 and "Previous page" in beyond.text
    assert 'href="/models?q=e&amp;page=1"' in beyond.text


def test_the_verdict_choices_follow_new_assessments(tmp_path: Path) -> None:
    eng = database.make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    database.migrate(eng)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(EXAMPLES / "open-model.yml", first / "open-model.yml")
    shutil.copy(EXAMPLES / "open-science.yml", second / "open-science.yml")
    verdicts = {str(service.assess(str(p)).results["osaid"].verdict) for p in (first / "open-model.yml",)}
    added = str(service.assess(str(second / "open-science.yml")).results["osaid"].verdict)
    assert added not in verdicts  # the second record brings a verdict the first does not have
    import_folder(eng, first)
    with Server(eng) as server:
        page = server.get("/").text
        assert f'value="osaid:{added}"' not in page and f'value="osaid:{verdicts.pop()}"' in page
        import_folder(eng, second)
        assert f'value="osaid:{added}"' in server.get("/").text
    eng.dispose()
