"""Moderation that shows: a release whose submission a maintainer rejects is withdrawn from the public
registry (``releases.withdrawn_at``) until a maintainer approves it; every decision is kept
(``moderation_events``: who, what, when), and the read cache keys on the newest one too.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("releases", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "moderation_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "submission_id",
            sa.Integer,
            sa.ForeignKey("submissions.id", name="fk_moderation_events_submission", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("release_id", sa.Integer, nullable=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("maintainer", sa.String(64), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision IN ('approved', 'rejected')", name="ck_moderation_events_decision"),
    )


def downgrade() -> None:
    op.drop_table("moderation_events")
    op.drop_column("releases", "withdrawn_at")  # ALTER TABLE DROP COLUMN: SQLite 3.35 and later
