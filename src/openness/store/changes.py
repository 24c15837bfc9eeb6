"""What changed since the model's previous assessment (``openness.reports.diff``), stored with each
assessment (migration 0006) so a model page's history reads a few small lists instead of every full
result of the model.

A stored list holds for its row while two things hold: ``compared_by`` is this ``comparer()`` (this
version of openness and this diff code), and ``previous_id`` is the assessment before it in the history's
order (``queries.history``: creation time, then id). Either failing, the page compares the two results
on the request, as it did before. ``refresh`` stores them again for the rows where they do not hold:
migration 0006 runs it for the rows stored before it, ``openness registry migrate`` after an upgrade.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

BATCH = 200
"""Models a refresh reads at a time (with every assessment of each)."""


@cache
def comparer() -> str:
    """What made a stored list: this version of openness and a digest of the diff's code (a stored list
    another one made is compared again)."""
    import hashlib
    import inspect

    from openness import __version__
    from openness.reports import diff

    return f"{__version__}+{hashlib.sha256(inspect.getsource(diff).encode()).hexdigest()[:12]}"


def between(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The changes from one JSON result to the next, as the stored list: each ``diff.Change`` as a dict
    with the same fields (what, subject, old, new, direction, evidence)."""
    from openness.reports.diff import change_to_dict, compare

    return [change_to_dict(c) for c in compare(old, new).changes]


def refresh(connection: sa.Connection) -> int:
    """Store the changes of every assessment whose stored ones do not hold; how many were stored."""
    by = comparer()
    # The table as this module needs it (not the ORM model, which later migrations may change).
    table = sa.table(
        "assessments",
        sa.column("id", sa.Integer),
        sa.column("model_id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("result", sa.JSON().with_variant(JSONB(), "postgresql")),
        sa.column("changes", sa.JSON().with_variant(JSONB(), "postgresql")),
        sa.column("previous_id", sa.Integer),
        sa.column("compared_by", sa.String(64)),
    )
    models = sa.table("models", sa.column("id", sa.Integer))
    last, count = 0, 0
    while True:
        batch = connection.scalars(
            sa.select(models.c.id).where(models.c.id > last).order_by(models.c.id).limit(BATCH)
        ).all()
        if not batch:
            return count
        last = batch[-1]
        order = (table.c.model_id, table.c.created_at, table.c.id)
        rows = connection.execute(
            sa.select(table.c.id, table.c.model_id, table.c.previous_id, table.c.compared_by)
            .where(table.c.model_id.in_(batch))
            .order_by(*order)
        ).all()
        stale: list[tuple[int, int | None]] = []  # (row, the one before it in the model's history)
        before: tuple[int, int] | None = None  # (model, id) of the previous row
        for row_id, model_id, previous_id, compared_by in rows:
            previous = before[1] if before is not None and before[0] == model_id else None
            if compared_by != by or previous_id != previous:
                stale.append((row_id, previous))
            before = (model_id, row_id)
        if not stale:
            continue
        needed = {i for pair in stale for i in pair if i is not None}
        results = dict(
            connection.execute(sa.select(table.c.id, table.c.result).where(table.c.id.in_(needed))).all()
        )
        for row_id, previous in stale:
            changes = between(results[previous], results[row_id]) if previous is not None else None
            connection.execute(
                table.update()
                .where(table.c.id == row_id)
                .values(changes=changes, previous_id=previous, compared_by=by)
            )
        count += len(stale)
