"""What the list's new filters read: each assessment's licence families and whether its weights are under
OSI-approved terms while the OSAID is not met (``openness.store.facets``), computed for the assessments
already stored from their JSON results.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    from openness.store import facets

    # Plain ALTER TABLE ADD COLUMN (SQLite does it in place; a batch copy of the table would trip the
    # foreign keys that point at it). The server defaults stay: they only fill the rows already there.
    op.add_column("assessments", sa.Column("licence_families", sa.Text, nullable=False, server_default=""))
    op.add_column(
        "assessments", sa.Column("claims_open", sa.Boolean, nullable=False, server_default=sa.false())
    )
    table = sa.table(
        "assessments",
        sa.column("id", sa.Integer),
        sa.column("result", sa.JSON().with_variant(JSONB(), "postgresql")),
        sa.column("licence_families", sa.Text),
        sa.column("claims_open", sa.Boolean),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, table.c.result).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        for row_id, result in rows:
            connection.execute(
                table.update()
                .where(table.c.id == row_id)
                .values(
                    licence_families=facets.encode(facets.licence_families(result or {})),
                    claims_open=facets.claims_open(result or {}),
                )
            )
        last = rows[-1][0]
    op.create_index("ix_assessments_claims_open", "assessments", ["claims_open"])


def downgrade() -> None:
    op.drop_index("ix_assessments_claims_open", "assessments")
    op.drop_column("assessments", "claims_open")  # ALTER TABLE DROP COLUMN: SQLite 3.35 and later
    op.drop_column("assessments", "licence_families")
