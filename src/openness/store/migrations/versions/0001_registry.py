"""The registry's first schema: models, releases, assessments (history), submissions, API tokens,
problem reports. The same migration runs on SQLite and PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def _when() -> sa.Column[object]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "models",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(512), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("latest_assessment_id", sa.Integer, nullable=True),
        _when(),
    )
    op.create_table(
        "releases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model_id", sa.Integer, sa.ForeignKey("models.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("revision", sa.String(128), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("record", JSON, nullable=False),
        _when(),
        sa.UniqueConstraint("model_id", "revision", name="uq_releases_model_revision"),
    )
    op.create_index("ix_releases_model_id", "releases", ["model_id"])
    op.create_index("ix_releases_revision", "releases", ["revision"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model_id", sa.Integer, sa.ForeignKey("models.id", ondelete="CASCADE"), nullable=False),
        sa.Column("release_id", sa.Integer, sa.ForeignKey("releases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("openness_version", sa.String(64), nullable=False),
        sa.Column("data_version", sa.Text, nullable=False),
        sa.Column("versions_key", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("mof_class", sa.Integer, nullable=True),
        sa.Column("mof_label", sa.String(128), nullable=False),
        sa.Column("mof_progress", JSON, nullable=False),
        sa.Column("verdicts", JSON, nullable=False),
        sa.Column("badges", JSON, nullable=False),
        _when(),
        sa.UniqueConstraint("release_id", "versions_key", name="uq_assessments_release_versions"),
    )
    op.create_index("ix_assessments_model_created", "assessments", ["model_id", "created_at"])
    with op.batch_alter_table("models") as batch:  # SQLite cannot add a foreign key in place
        batch.create_foreign_key(
            "fk_models_latest_assessment", "assessments", ["latest_assessment_id"], ["id"]
        )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        _when(),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("revision", sa.String(128), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("moderation", sa.String(16), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=True),
        sa.Column("token_id", sa.Integer, sa.ForeignKey("api_tokens.id"), nullable=True),
        _when(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_submissions_state"),
        sa.CheckConstraint(
            "moderation IN ('pending', 'approved', 'rejected')", name="ck_submissions_moderation"
        ),
    )
    op.create_index("ix_submissions_state_created", "submissions", ["state", "created_at"])
    op.create_table(
        "problem_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model_id", sa.Integer, sa.ForeignKey("models.id", ondelete="SET NULL"), nullable=True),
        sa.Column(
            "assessment_id", sa.Integer, sa.ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("contact", sa.String(256), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _when(),
        sa.CheckConstraint("state IN ('open', 'closed')", name="ck_problem_reports_state"),
    )


def downgrade() -> None:
    op.drop_table("problem_reports")
    op.drop_table("submissions")
    op.drop_table("api_tokens")
    with op.batch_alter_table("models") as batch:
        batch.drop_constraint("fk_models_latest_assessment", type_="foreignkey")
    op.drop_table("assessments")
    op.drop_table("releases")
    op.drop_table("models")
