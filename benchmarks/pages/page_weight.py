"""How heavy each registry page is for a phone: bytes of HTML (raw and gzip-compressed, as a server or a
proxy would send it), plus the one stylesheet every page shares (cached after the first page), measured
on a real server seeded with the bundled examples. The peer is the project's own HTML report of one
release (the same section the model page embeds, with its inline style), so the ratio says what the
registry's page adds around it.

    .venv/bin/python benchmarks/pages/page_weight.py
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.registry.conftest import EXAMPLES, Client, Server, form_token, import_folder

    from openness import service
    from openness.reports.html import Html
    from openness.store import database

    with tempfile.TemporaryDirectory() as tmp:
        eng = database.make_engine(f"sqlite:///{Path(tmp) / 'r.sqlite3'}")
        database.migrate(eng)
        import_folder(eng, EXAMPLES)
        with Server(eng) as server:
            client = Client(server.base)
            ids = {m["key"]: m["id"] for m in client.get("/api/v2/models?limit=100").json()["models"]}
            token = form_token(client.get("/evaluate").text)
            pages = {
                "list (16 models)": client.get("/").body,
                "model page (olmo-7b)": client.get(f"/models/{ids['mot:olmo-7b']}").body,
                "compare (2 models)": client.get("/compare?m=mot:olmo-7b&m=mot:llama-2-7b").body,
                "evaluate form (empty)": client.get("/evaluate").body,
                "evaluate result": client.post(
                    "/evaluate", {"csrf_token": token, "name": "x", "c0-state": "included"}
                ).body,
                "stylesheet (shared, cached)": client.get("/static/registry.css").body,
            }
        eng.dispose()
    report = Html(explain=True)
    a = service.assess(str(EXAMPLES / "osi-reviewed" / "olmo-7b.yml"))
    peer = (report.begin(1) + report.assessment(a) + report.end()).encode()
    print(f"{'page':32} {'HTML bytes':>11} {'gzip bytes':>11}")
    for name, body in pages.items():
        print(f"{name:32} {len(body):>11,} {len(gzip.compress(body, 6)):>11,}")
    model = pages["model page (olmo-7b)"]
    print(f"{'peer: HTML report of olmo-7b':32} {len(peer):>11,} {len(gzip.compress(peer, 6)):>11,}")
    ratio = len(gzip.compress(model, 6)) / len(gzip.compress(peer, 6))
    print(f"model page / HTML report (gzip): {ratio:.2f}")


if __name__ == "__main__":
    main()
