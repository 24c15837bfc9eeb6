"""The registry's job queue: how many jobs a second it hands out and closes, with 1 and 4 claimers,
on SQLite (a file, WAL) and on the machine's PostgreSQL; and whether any job was handed out twice.

Each claimer loops: claim (one UPDATE … FOR UPDATE SKIP LOCKED … RETURNING), then the finishing
transaction the worker runs (the guarded state change), until the queue is empty. The peer is the same
run with one claimer: the ratio says what concurrency buys, or costs, on each database. An assessment
itself takes from milliseconds (a MOT record) to seconds (a Hub model): the queue's own cost is what
this measures.

    .venv/bin/python benchmarks/jobs/queue.py [--jobs 2000]
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import threading
import time
from collections import Counter

from sqlalchemy import text

from openness.store import database, jobs

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def fill(engine: object, n: int) -> None:
    from openness.store.models import Submission

    make = database.sessions(engine)  # type: ignore[arg-type]
    with make.begin() as session:
        now = jobs.utcnow()
        session.add_all(
            Submission(
                kind="assess",
                target=f"hf:org/m{i}",
                idempotency_key=jobs.idempotency_key("assess", f"hf:org/m{i}", None, "bench"),
                state="queued",
                created_at=now,
                updated_at=now,
            )
            for i in range(n)
        )


def drain(engine: object, claimers: int) -> tuple[float, Counter[int]]:
    seen: Counter[int] = Counter()
    lock = threading.Lock()
    make = database.sessions(engine)  # type: ignore[arg-type]

    def loop(name: str) -> None:
        while (job := jobs.claim(engine, name)) is not None:  # type: ignore[arg-type]
            with make.begin() as session:
                assert jobs.mark_done(session, job)
            with lock:
                seen[job.id] += 1

    threads = [threading.Thread(target=loop, args=(f"w{i}",)) for i in range(claimers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, seen


def run(kind: str, url: str, n: int) -> None:
    base = None
    for claimers in (1, 4):
        engine = database.make_engine(url)
        database.migrate(engine)
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM submissions"))
        fill(engine, n)
        seconds, seen = drain(engine, claimers)
        twice = sum(1 for c in seen.values() if c > 1)
        rate = n / seconds
        base = base or rate
        print(
            f"{kind:10} claimers={claimers}  {n} jobs in {seconds:6.2f} s  {rate:7,.0f} jobs/s  "
            f"ratio to 1 claimer {rate / base:4.2f}x  handed out twice: {twice}  closed: {len(seen)}"
        )
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{tmp}/queue.sqlite3", args.jobs)
    schema = f"bench_{secrets.token_hex(4)}"
    admin = database.make_engine(PG)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        run("postgresql", f"{PG}?options=-csearch_path%3D{schema}", args.jobs)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
