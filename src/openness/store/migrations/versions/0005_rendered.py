"""The report's section each assessment's model page shows, rendered once when the assessment is stored
(``openness.reports.html.registry_section``) instead of on every uncached page view; rendered here for
the assessments already stored.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 200


def upgrade() -> None:
    op.add_column("assessments", sa.Column("report_html", sa.Text, nullable=True))
    op.add_column("assessments", sa.Column("rendered_by", sa.String(64), nullable=True))
    backfill(op.get_bind())


def backfill(connection: sa.Connection) -> int:
    """Render the section of every assessment without one (or with one another renderer made); how many."""
    from openness.reports.html import registry_section, section_renderer

    renderer = section_renderer()
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


def downgrade() -> None:
    op.drop_column("assessments", "rendered_by")  # ALTER TABLE DROP COLUMN: SQLite 3.35 and later
    op.drop_column("assessments", "report_html")
