"""The job queue in the submissions table: what kind of job, its idempotency key, attempts, the lease a
worker holds (who, until when), when it started and finished, the revision it resolved to, the model it
was stored under, an uploaded MOT record's text, and what changed against the model's previous
assessment. The same migration runs on SQLite and PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="assess"))
        batch.add_column(sa.Column("idempotency_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("model_key", sa.String(512), nullable=True))
        batch.add_column(sa.Column("payload", sa.Text, nullable=True))
        batch.add_column(
            sa.Column(
                "release_id",
                sa.Integer,
                sa.ForeignKey("releases.id", name="fk_submissions_release", ondelete="CASCADE"),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("worker_id", sa.String(128), nullable=True))
        batch.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("resolved_revision", sa.String(128), nullable=True))
        batch.add_column(sa.Column("changes", JSON, nullable=True))
        batch.create_unique_constraint("uq_submissions_idempotency_key", ["idempotency_key"])
        batch.create_check_constraint("ck_submissions_kind", "kind IN ('assess', 'reassess')")
    op.create_index("ix_submissions_state_lease", "submissions", ["state", "lease_expires_at"])


def downgrade() -> None:
    op.drop_index("ix_submissions_state_lease", table_name="submissions")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_constraint("ck_submissions_kind", type_="check")
        batch.drop_constraint("uq_submissions_idempotency_key", type_="unique")
        for column in (
            "changes",
            "resolved_revision",
            "finished_at",
            "started_at",
            "lease_expires_at",
            "worker_id",
            "attempts",
            "release_id",
            "payload",
            "model_key",
            "idempotency_key",
            "kind",
        ):
            batch.drop_column(column)
