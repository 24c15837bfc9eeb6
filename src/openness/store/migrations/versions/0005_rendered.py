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

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from openness.store import sections

    op.add_column("assessments", sa.Column("report_html", sa.Text, nullable=True))
    op.add_column("assessments", sa.Column("rendered_by", sa.String(64), nullable=True))
    sections.refresh(op.get_bind())


def downgrade() -> None:
    op.drop_column("assessments", "rendered_by")  # ALTER TABLE DROP COLUMN: SQLite 3.35 and later
    op.drop_column("assessments", "report_html")
