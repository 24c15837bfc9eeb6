"""The model page on a real server (SQLite and PostgreSQL): badges with copy-paste snippets shown as
text, and the history over revisions with what changed between each assessment and the one before."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sqlalchemy import Engine

from openness import service
from openness.reports import diff, json_report
from tests.registry.conftest import EXAMPLES, Server, import_folder


def test_history_says_what_changed_between_revisions(engine: Engine, tmp_path: Path) -> None:
    record = tmp_path / "wren.yml"
    shutil.copy(EXAMPLES / "open-model.yml", record)
    first = json_report.to_dict(service.assess(str(record)))
    assert import_folder(engine, tmp_path).assessed == 1
    text = record.read_text()
    assert "    - name: 'Model card'\n      license: 'CC BY 4.0'" in text
    record.write_text(
        text.replace(
            "    - name: 'Model card'\n      license: 'CC BY 4.0'",
            "    - name: 'Model card'\n      license: 'CC BY-NC 4.0'",
        )
    )
    second = json_report.to_dict(service.assess(str(record)))
    assert import_folder(engine, tmp_path).assessed == 1
    expected = diff.compare(first, second).changes
    assert any(c.subject == "Model card" and c.direction == "down" for c in expected)
    with Server(engine) as server:
        model_id = server.get("/api/v2/models").json()["models"][0]["id"]
        page = server.get(f"/models/{model_id}").text
    history = page[page.index('<h2 id="history">') :]
    rows = re.findall(r"<tr>\n<th scope=\"row\">.*?</tr>", history, re.S)
    assert len(rows) == 2
    assert "first assessment" in rows[1]  # newest first
    for c in expected:
        arrow = {"up": "▲ more open", "down": "▼ less open"}.get(c.direction, "≠ changed")
        assert (
            f"{arrow}</span> {html.escape(c.subject)}: {html.escape(c.old)} → {html.escape(c.new)}" in rows[0]
        )


def test_badges_come_with_snippets_shown_as_text(engine: Engine, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "restricted.yml", tmp_path / "restricted.yml")
    import_folder(engine, tmp_path)
    with Server(engine) as server:
        model_id = server.get("/api/v2/models").json()["models"][0]["id"]
        page = server.get(f"/models/{model_id}").text
        image = f"{server.base}/badge/{model_id}/mof.svg"
        assert f"[![MOF unclassified]({image})]({server.base}/models/{model_id})" in page
        assert (
            f"&lt;a href=&#34;{server.base}/models/{model_id}&#34;&gt;&lt;img src=&#34;{image}&#34;" in page
        )
        assert f".. image:: {image}\n   :alt: MOF unclassified" in page
        assert "https://img.shields.io/endpoint?url=http%3A%2F%2F127.0.0.1" in page
        assert server.get(f"/badge/{model_id}/mof.svg").status == 200
