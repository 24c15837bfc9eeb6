"""The CPU one uncached model page costs in the page's own code: the route function called in this process
(no server, no wrk), on random models of a seeded database, timed with ``time.process_time``.

    .venv/bin/python benchmarks/registry/profile_page.py --database URL [--pages 300] [--seed 1]

It prints the mean CPU per page of the whole route, of reading the page's stored parts, of the rest
(the templates around them), and what rendering the parts on the request costs instead. On a shared
machine this is the steadier figure: it does not wait for a core, it counts the CPU it used (on
PostgreSQL, not the database server's).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from starlette.requests import Request

from openness.store import database, queries
from openness.store.models import Model
from openness.web import fragments, pages


def request(model_id: int) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/models/{model_id}",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8000")],
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "root_path": "",
        "session": {},
    }
    return Request(scope)


def timed(ids: list[int], run: Callable[[int], Any]) -> float:
    """Mean CPU milliseconds of ``run`` over the ids."""
    start = time.process_time()
    for i in ids:
        run(i)
    return (time.process_time() - start) * 1000 / len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", required=True)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    engine = database.make_engine(args.database, must_exist=True)
    make = database.sessions(engine)
    with make() as db:
        top = db.scalar(select(func.max(Model.id))) or 0
    ids = random.Random(args.seed).choices(range(1, top + 1), k=args.pages)
    warm = ids[:20]

    def page(i: int) -> Any:
        with make() as db:
            return pages.model_view(request(i), db, i)

    def stored(i: int) -> Any:
        with make() as db:
            return fragments.stored(db, i)

    def rendered(i: int) -> Any:
        with make() as db:
            current = queries.model(db, i, with_section=True)
            assert current is not None
            return fragments.render(db, current)

    parts = {"the stored parts (one query)": stored}
    for run in (page, *parts.values()):
        timed(warm, run)
    whole = timed(ids, page)
    measured = {name: timed(ids, run) for name, run in parts.items()}
    again = timed(ids, rendered)
    print(f"{args.pages} random models of {top} ({engine.dialect.name})")
    print(f"  whole route: {whole:.2f} ms CPU a page")
    for name, ms in measured.items():
        print(f"  {name}: {ms:.2f} ms")
    print(f"  templates and the rest: {whole - sum(measured.values()):.2f} ms")
    print(f"  (the parts rendered now instead, as when they do not hold: {again:.2f} ms)")
    engine.dispose()


if __name__ == "__main__":
    main()
