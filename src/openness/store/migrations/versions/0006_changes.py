"""What changed since the model's previous assessment, stored with each assessment when it is stored
(``openness.store.changes``) instead of compared from every full result on every uncached model page;
stored here for the assessments already there. And the model page's parts that are the same for every
visitor, kept with each model (``openness.web.fragments``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from openness.store import changes

    op.add_column("assessments", sa.Column("changes", sa.JSON().with_variant(JSONB(), "postgresql")))
    op.add_column("assessments", sa.Column("previous_id", sa.Integer, nullable=True))
    op.add_column("assessments", sa.Column("compared_by", sa.String(64), nullable=True))
    changes.refresh(op.get_bind())
    # The model page's parts the same for every visitor (``openness.web.fragments``): rendered by
    # ``openness registry migrate`` (with the ORM, at the newest schema); until then pages render them.
    op.add_column("models", sa.Column("page_head", sa.Text, nullable=True))
    op.add_column("models", sa.Column("page_history", sa.Text, nullable=True))
    op.add_column("models", sa.Column("page_by", sa.String(64), nullable=True))
    op.add_column("models", sa.Column("page_of", sa.String(64), nullable=True))


def downgrade() -> None:
    for column in ("page_of", "page_by", "page_history", "page_head"):
        op.drop_column("models", column)
    op.drop_column("assessments", "compared_by")  # ALTER TABLE DROP COLUMN: SQLite 3.35 and later
    op.drop_column("assessments", "previous_id")
    op.drop_column("assessments", "changes")
