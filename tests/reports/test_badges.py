"""README badges: SVG and shields.io endpoint JSON, from real assessments of the bundled examples."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from openness import service
from openness.cli.main import cli
from openness.reports import badges

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {p.stem: str(p) for p in (ROOT / "examples").glob("*.yml")}
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("example", "subject", "message", "colour"),
    [
        ("open-science", "mof", "Class I", "brightgreen"),
        ("open-model", "mof", "Class III", "yellowgreen"),
        ("restricted", "mof", "unclassified", "red"),
        ("open-model", "osaid", "does not meet", "red"),
    ],
)
def test_badge_follows_the_assessment(example: str, subject: str, message: str, colour: str) -> None:
    b = badges.badge_for(service.assess(EXAMPLES[example]), subject)
    assert (b.message, b.colour) == (message, colour)
    doc = json.loads(badges.endpoint_json(b))
    assert doc == {"schemaVersion": 1, "label": b.label, "message": message, "color": colour}
    root = ET.fromstring(badges.svg(b))
    assert root.tag == f"{SVG_NS}svg" and root.get("aria-label") == f"{b.label}: {message}"
    assert root.find(f"{SVG_NS}title") is not None


def test_longer_words_make_a_wider_badge() -> None:
    narrow = ET.fromstring(badges.svg(badges.Badge("MOF", "Class I", "green")))
    wide = ET.fromstring(badges.svg(badges.Badge("MOF", "unclassified", "red")))
    assert int(wide.get("width", "0")) > int(narrow.get("width", "0"))


def test_text_is_escaped() -> None:
    svg = badges.svg(badges.Badge("<x>", "a & b", "red"))
    ET.fromstring(svg)  # still well-formed XML
    assert "<x>" not in svg and "&amp;" in svg


def test_badge_command_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "mof.svg"
    result = CliRunner().invoke(cli, ["badge", EXAMPLES["open-science"], "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Class I" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["badge", EXAMPLES["open-model"], "--for", "osai_index", "-f", "shields"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["label"] == "OSAI INDEX 2025"
    result = CliRunner().invoke(cli, ["badge", str(tmp_path / "missing.yml")])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.slow
def test_words_fit_their_box_in_a_browser(browser: Any) -> None:
    page = browser.new_page()
    for words in [("MOF", "Class III"), ("OSAID 1.0", "meets with caveats"), ("MOF", "unclassified")]:
        page.set_content(badges.svg(badges.Badge(*words, "green")))
        rects = page.eval_on_selector_all("g[clip-path] rect", "rs => rs.map(r => r.width.baseVal.value)")
        texts = page.eval_on_selector_all(
            "text:not([fill-opacity])", "ts => ts.map(t => t.getComputedTextLength())"
        )
        assert texts[0] <= rects[0] and texts[1] <= rects[1], (words, texts, rects)
