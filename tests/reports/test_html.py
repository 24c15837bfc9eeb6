"""The HTML report: self-contained, escaped, deterministic, and working in a real browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from openness.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.yml"))
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _html(*targets: str) -> str:
    result = CliRunner().invoke(cli, ["assess", "-f", "html", *targets])
    assert result.exit_code in (0, 2), result.output
    return result.stdout


def test_one_file_with_no_external_asset() -> None:
    page = _html(EXAMPLES[0])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # nothing loaded from elsewhere: no src/href to another host, no external stylesheet or script
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    assert '<html lang="en">' in page and 'name="viewport"' in page


def test_the_same_input_gives_the_same_bytes() -> None:
    assert _html(*EXAMPLES) == _html(*EXAMPLES)


def test_text_from_a_release_is_escaped(tmp_path: Path) -> None:
    record = tmp_path / "x.yml"
    record.write_text(
        f"release:\n  name: '{XSS}'\n  components:\n    - name: 'Model card'\n      license: '{XSS}'\n"
        "      component_path: 'javascript:alert(1)'\n",
        encoding="utf-8",
    )
    page = _html(str(record))
    assert XSS not in page
    assert "&lt;script&gt;alert(" in page
    assert 'href="javascript:' not in page


@pytest.mark.slow
def test_the_report_renders_sorts_and_filters_in_a_browser(
    browser: Any, artifacts: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.yml")
    page_file = tmp_path / "report.html"
    page_file.write_text(_html(*EXAMPLES, missing), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    # the summary is moved to the top by the page's script and lists every target
    first = page.eval_on_selector("main", "m => m.firstElementChild.id")
    assert first == "summary"
    rows = page.locator("#summary-table tbody tr")
    assert rows.count() == len(EXAMPLES) + 1

    def classes() -> list[float]:
        cells = page.locator("#summary-table tbody tr td:nth-child(2)").all()
        return [float(c.get_attribute("data-value") or "nan") for c in cells]

    page.get_by_role("button", name="MOF class").click()
    asc = classes()
    assert asc == sorted(asc) and len(set(asc)) > 2
    page.get_by_role("button", name="MOF class").click()
    assert classes() == sorted(asc, reverse=True)
    # one column per verdict framework of the registry, named as the framework names itself
    heads = page.locator("#summary-table thead th").all_inner_texts()
    assert "Open Source AI Definition" in heads
    page.get_by_label("Filter").fill("not assessed")
    assert page.locator("#summary-table tbody tr:not([hidden])").count() == 1
    page.get_by_label("Filter").fill("")
    # every release section is linked from the table and has its component grid
    assert page.locator("section.release").count() == len(EXAMPLES) + 1
    assert page.locator("section.release table caption").first.inner_text().startswith("The 17 components")
    page.screenshot(path=str(artifacts / "html-report-batch.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(page_file.as_uri())
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(artifacts / "html-report-phone.png"))
    assert errors == []


def test_html_is_a_format_of_the_cli_help() -> None:
    out = CliRunner().invoke(cli, ["assess", "--help"]).stdout
    assert "html" in out
