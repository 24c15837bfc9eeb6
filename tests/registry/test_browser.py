"""The registry's pages in a real headless Chromium (Debian's, driven by Playwright) against a real
uvicorn server on loopback, its database seeded from the bundled examples: the list and its filters, a
model page, compare, the evaluate form (fill, submit, see the class, download the YAML), report a
problem, sign in as a maintainer and moderate. Once on SQLite and once on PostgreSQL. No page may log an
error (a CSP violation is one), every form control has a label, no page scrolls sideways on a phone.

Screenshots are kept as artefacts in ``$OPENNESS_TEST_ARTIFACTS/registry`` (``build/test-artifacts``
by default; git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from openness import service
from openness.store import database, users
from openness.store.database import sessions
from openness.store.models import Submission
from tests.conftest import ARTIFACTS
from tests.registry.conftest import EXAMPLES, XSS_RECORD, Server, _database, import_folder

pytestmark = pytest.mark.slow
PASSWORD = "browser test password"
PHONE = {"width": 390, "height": 844}
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id)"""


@dataclass
class Site:
    base: str
    kind: str
    shots: Path
    names: dict[str, str] = field(default_factory=dict)
    """record key → release name"""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    for url in _database(request.param, tmp_path_factory):
        eng = database.make_engine(url)
        database.migrate(eng)
        extra = tmp_path_factory.mktemp("records")
        (extra / "xss.yml").write_text(XSS_RECORD)
        for folder in (EXAMPLES, extra):
            assert import_folder(eng, folder).failed == []
        with sessions(eng).begin() as s:
            users.add(s, "maria", PASSWORD, maintainer=True)
            s.add(Submission(target="hf:example-org/pending-model", state="done"))
        names = {f"mot:{p.stem}": service.assess(str(p)).release.name for p in EXAMPLES.rglob("*.yml")}
        shots = ARTIFACTS / "registry"
        shots.mkdir(parents=True, exist_ok=True)
        with Server(eng) as server:
            yield Site(server.base, request.param, shots, names)
        eng.dispose()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda d: errors.append(f"a dialog opened: {d.message}"))
    yield tab
    context.close()
    assert errors == [], errors


def _checked(tab: Any, site: Site, shot: str | None = None) -> None:
    """What every page must be: in English, labelled, titled, one h1; a screenshot when named."""
    assert tab.get_attribute("html", "lang") == "en"
    assert tab.evaluate(UNLABELLED) == []
    assert tab.locator("h1").count() == 1 and tab.title()
    if shot:
        tab.screenshot(path=str(site.shots / f"{shot}-{site.kind}.png"), full_page=True)


def _listed(tab: Any) -> set[str]:
    return set(tab.locator("tbody th[scope=row] a").all_inner_texts())


def test_the_list_and_its_filters(page: Any, site: Site) -> None:
    page.goto(site.base + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Models"
    assert _listed(page) >= set(site.names.values())
    _checked(page, site, "list")
    page.get_by_label("MOF class").select_option("1")
    page.get_by_role("button", name="Filter").click()
    assert "mof=1" in page.url
    expected = {
        n for k, n in site.names.items() if service.assess(str(_path(k))).results["mof"].mof_class == 1
    }
    assert _listed(page) == expected and expected
    page.get_by_label("MOF class").select_option("")
    page.get_by_label("Licence family").select_option("llama")
    page.get_by_role("button", name="Filter").click()
    assert _listed(page) == {site.names["mot:llama-2-7b"]}
    page.get_by_label("Licence family").select_option("")
    page.get_by_label("Claims open, does not meet OSAID").check()
    page.get_by_label("Search").fill("grok")
    page.get_by_role("button", name="Filter").click()
    assert _listed(page) == {site.names["mot:grok-1"]}
    _checked(page, site, "list-filtered")


def _path(key: str) -> Path:
    return next(p for p in EXAMPLES.rglob("*.yml") if f"mot:{p.stem}" == key)


def test_a_model_page(page: Any, site: Site, browser: Any) -> None:
    page.goto(site.base + "/models?q=olmo")
    name = site.names["mot:olmo-7b"]
    page.get_by_role("link", name=name).click()
    assert page.get_by_role("heading", level=1).inner_text() == name
    grid = page.locator("section.release table").first
    assert grid.locator("tbody tr").count() == 17
    osaid = page.locator("#release-osaid")
    assert osaid.is_visible() and "Open Source AI Definition" in osaid.inner_text()
    page.locator("details.badge summary").first.click()
    assert "[![MOF" in page.locator("details.badge pre").first.inner_text()
    _checked(page, site, "model")
    phone = browser.new_page(viewport=PHONE)
    phone.goto(page.url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the model page scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(site.shots / f"model-phone-{site.kind}.png"))
    phone.close()


def test_a_hostile_record_stays_text(page: Any, site: Site) -> None:
    page.goto(site.base + "/models?q=script")
    page.get_by_role("link", name='<script>alert("name")</script>').click()
    assert page.get_by_role("heading", level=1).inner_text() == '<script>alert("name")</script>'
    assert page.locator("img[src=x]").count() == 0 and page.locator("main b").count() == 0


def test_compare_two_ticked_models(page: Any, site: Site) -> None:
    page.goto(site.base + "/")
    first, second = site.names["mot:open-science"], site.names["mot:llama-2-7b"]
    page.get_by_label(f"Compare {first}").check()
    page.get_by_label(f"Compare {second}").check()
    page.get_by_role("button", name="Compare the ticked models").click()
    assert "/compare?" in page.url
    heads = page.locator("table.compare thead th").all_inner_texts()
    assert any(first in h for h in heads) and any(second in h for h in heads)
    mof_row = page.locator("table.compare tr", has=page.get_by_role("rowheader", name="MOF class"))
    assert "differs" in mof_row.inner_text()
    _checked(page, site, "compare")


def test_the_evaluate_form(page: Any, site: Site, tmp_path: Path) -> None:
    record = yaml.safe_load((EXAMPLES / "open-model.yml").read_text())["release"]
    page.goto(site.base + "/evaluate")
    _checked(page, site)
    page.get_by_label("Name (required)").fill(record["name"])
    page.get_by_label("Distribution licence").fill(record["license"]["distribution"]["name"])
    for c in record["components"]:
        box = page.locator("fieldset.component", has=page.locator("legend", has_text=c["name"]))
        box.get_by_label("included").check()
        if c.get("license"):
            box.get_by_label(f"Licence of {c['name']}").fill(c["license"])
    page.get_by_role("button", name="Evaluate").click()
    expected = service.assess(str(EXAMPLES / "open-model.yml")).results["mof"]
    assert page.locator("#result-summary").inner_text().startswith(f"MOF: {expected.label}")  # type: ignore[attr-defined]
    assert page.locator("#evaluated-osaid").is_visible()
    _checked(page, site, "evaluate-result")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the MOT YAML").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == f"{record['name']}.yml"
    assert service.assess(str(saved)).results["mof"].mof_class == expected.mof_class  # type: ignore[attr-defined]


def test_report_a_problem_then_moderate(page: Any, site: Site) -> None:
    name = site.names["mot:restricted"]
    page.goto(site.base + "/models?q=" + name.split()[0])
    page.get_by_role("link", name=name).click()
    page.get_by_role("link", name="Report a problem", exact=True).click()
    message = f"The licence of {name} is read wrongly ({site.kind})"
    page.get_by_label("What is wrong?").fill(message)
    page.get_by_role("button", name="Send the report").click()
    assert "the report is filed" in page.get_by_role("status").inner_text()
    page.goto(site.base + "/moderation")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.get_by_label("Name").fill("maria")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Moderation"
    assert message in page.locator("#reports + div table").inner_text()
    _checked(page, site, "moderation")
    page.get_by_role("button", name="Approve submission").first.click()
    assert "approved" in page.locator("#decided + div table").inner_text()
    page.locator("tr", has_text=message).get_by_role("button", name="Close report").click()
    assert message not in page.locator("main").inner_text()
    page.get_by_role("button", name="Sign out maria").click()
    page.goto(site.base + "/moderation")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
