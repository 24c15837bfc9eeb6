"""The report's section each assessment's model page shows (``openness.reports.html.registry_section``),
stored with the assessment (migration 0005). ``refresh`` renders it for the rows without one or with one
another renderer made: migration 0005 runs it for the rows stored before it, ``openness registry
migrate`` for the rows a newer openness (another template) finds."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

BATCH = 200


def refresh(connection: sa.Connection) -> int:
    """Render the section of every assessment without a current one; how many were rendered."""
    from openness.reports.html import registry_section, section_renderer

    renderer = section_renderer()
    # The table as this module needs it (not the ORM model, which later migrations may change).
    table = sa.table(
        "assessments",
        sa.column("id", sa.Integer),
        sa.column("result", sa.JSON().with_variant(JSONB(), "postgresql")),
        sa.column("report_html", sa.Text),
        sa.column("rendered_by", sa.String(64)),
    )
    stale = sa.or_(table.c.rendered_by.is_(None), table.c.rendered_by != renderer)
    last, count = 0, 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, table.c.result)
            .where(table.c.id > last, stale)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return count
        for row_id, result in rows:
            connection.execute(
                table.update()
                .where(table.c.id == row_id)
                .values(report_html=registry_section(result), rendered_by=renderer)
            )
        count += len(rows)
        last = rows[-1][0]
