"""The registry's tables (SQLAlchemy 2 declarative models). The schema itself is made by the Alembic
migration in ``migrations/versions``; ``tests/registry`` checks the two agree.

- ``models``: one per model identity (``key``: ``mot:NAME`` for a MOT record, ``hf:ORG/NAME`` …), with
  a pointer to its latest assessment so lists need no per-model subquery.
- ``releases``: what was collected for a model at one revision (a MOT record's content hash, a commit),
  with the source it came from and the collected release as JSON.
- ``assessments``: every assessment ever made, never overwritten (the history); the full JSON result
  with the versions that made it. ``(release_id, versions_key)`` is unique: one release is assessed once
  per openness and data version.
- ``submissions``: the job queue (``openness.store.jobs``): a submitted target or a re-assessment,
  its state, lease and attempts, and the assessment it made.
- ``moderation_events``: every maintainer's decision on a submission; a rejected one withdraws the release
  it assessed (``releases.withdrawn_at``) from the public pages until it is approved.
- ``api_tokens``, ``problem_reports``: the rest of the write side.
- ``users``: people who sign in to the pages (maintainers moderate); only a salted scrypt hash of each
  password is kept (``openness.store.users``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSON_TYPE = JSON().with_variant(JSONB(), "postgresql")
SUBMISSION_STATES = ("queued", "running", "done", "failed")
JOB_KINDS = ("assess", "reassess")
MODERATION_STATES = ("pending", "approved", "rejected")
REPORT_STATES = ("open", "closed")


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Model(Base):
    __tablename__ = "models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    name: Mapped[str] = mapped_column(Text)
    """Release fields are up to 2,000 characters (``domain.text.SHORT_LIMIT``): text, not VARCHAR."""
    latest_assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", use_alter=True, name="fk_models_latest_assessment"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # The model page's parts that are the same for every visitor (``openness.web.fragments``, 0006)
    page_head: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)
    page_history: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)
    page_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """``fragments.renderer()`` of the two parts: another one means they are rendered again."""
    page_of: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """``fragments.key()`` of the model when they were rendered: another one means the same."""


class ReleaseRow(Base):
    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("model_id", "revision", name="uq_releases_model_revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("models.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(Text)
    revision: Mapped[str] = mapped_column(String(128), index=True)
    source: Mapped[str] = mapped_column(Text)
    """Where the record came from: a MOT record's path as imported, a Hub id, a git URL."""
    record: Mapped[dict[str, Any]] = mapped_column(JSON_TYPE)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """Set while a maintainer has rejected the submission that assessed this release (0007): its
    assessments are left out of every public page, list and answer (``openness.store.moderation``)."""


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("release_id", "versions_key", name="uq_assessments_release_versions"),
        Index("ix_assessments_model_created", "model_id", "created_at"),
        Index("ix_assessments_claims_open", "claims_open"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("models.id", ondelete="CASCADE"))
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    result: Mapped[dict[str, Any]] = mapped_column(JSON_TYPE)
    openness_version: Mapped[str] = mapped_column(String(64))
    data_version: Mapped[str] = mapped_column(Text)
    """The licence data and framework versions, as ``key=value`` pairs joined by ``;`` (sorted)."""
    versions_key: Mapped[str] = mapped_column(String(64))
    """sha256 of openness and data versions: the idempotency key with the release."""
    name: Mapped[str] = mapped_column(Text)
    mof_class: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mof_label: Mapped[str] = mapped_column(String(128))
    mof_progress: Mapped[dict[str, float]] = mapped_column(JSON_TYPE)
    """Percent per MOF class, keyed "1", "2", "3" (lists read these columns, never the full result)."""
    verdicts: Mapped[dict[str, str]] = mapped_column(JSON_TYPE)
    """Framework key → verdict, for every framework that gives one (what the filters read)."""
    badges: Mapped[dict[str, Any]] = mapped_column(JSON_TYPE)
    """Badge subject → [label, message, colour], from ``openness.reports.badges`` when assessed."""
    licence_families: Mapped[str] = mapped_column(Text, default="")
    """``;apache;cc;``: the families of the licences the release states (``openness.store.facets``)."""
    claims_open: Mapped[bool] = mapped_column(Boolean, default=False)
    """Weights under OSI-approved terms, yet the OSAID not met (``openness.store.facets``)."""
    report_html: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)
    """The report's section a model page shows (``reports.html.registry_section``), rendered when stored;
    read only by the model page (deferred). None for rows stored before migration 0005 back-filled it."""
    rendered_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """``reports.html.section_renderer()`` of ``report_html``: another one means it is rendered again."""
    changes: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON_TYPE, nullable=True, deferred=True)
    """What changed since ``previous_id`` (``openness.store.changes``; None: the first assessment), read
    only by the model page's history (deferred)."""
    previous_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The assessment ``changes`` was compared with (None for a model's first)."""
    compared_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """``store.changes.comparer()`` of ``changes``; None before migration 0006 stored them."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint(f"state IN {SUBMISSION_STATES!r}", name="ck_submissions_state"),
        CheckConstraint(f"moderation IN {MODERATION_STATES!r}", name="ck_submissions_moderation"),
        CheckConstraint(f"kind IN {JOB_KINDS!r}", name="ck_submissions_kind"),
        UniqueConstraint("idempotency_key", name="uq_submissions_idempotency_key"),
        Index("ix_submissions_state_created", "state", "created_at"),
        Index("ix_submissions_state_lease", "state", "lease_expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target: Mapped[str] = mapped_column(Text)
    revision: Mapped[str | None] = mapped_column(String(128), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    moderation: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), nullable=True)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # The job queue (migration 0002; ``openness.store.jobs`` reads and writes these)
    kind: Mapped[str] = mapped_column(String(16), default="assess", server_default="assess")
    """``assess`` a submitted target, or ``reassess`` a stored release with the current versions."""
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """sha256 of the kind, the normalised target, the revision asked for and the versions: one job each."""
    model_key: Mapped[str | None] = mapped_column(String(512), nullable=True)
    """The model identity the result is stored under (``hf:ORG/NAME``, ``git:HOST/PATH``, ``mot:NAME``)."""
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)
    """An uploaded MOT YAML record's text (bounded when it is received)."""
    release_id: Mapped[int | None] = mapped_column(
        ForeignKey("releases.id", name="fk_submissions_release", ondelete="CASCADE"), nullable=True
    )
    """The stored release a ``reassess`` job reads."""
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    worker_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """While running: the worker holds the job until then (its heartbeat moves it); past it, any worker
    may requeue the job."""
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_revision: Mapped[str | None] = mapped_column(String(128), nullable=True)
    """The commit (or a MOT record's content hash) the assessment read."""
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON_TYPE, nullable=True)
    """What changed against the model's previous assessment (``openness.reports.diff``), when done."""


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    """The part of a token before the dot: finds the row; the secret after it is only ever hashed."""
    name: Mapped[str] = mapped_column(String(256))
    salt: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ModerationEvent(Base):
    """A maintainer's decision on a submission (0007), kept: who decided what, when. The newest one's id
    is part of what the read cache keys on (a decision changes what the pages show)."""

    __tablename__ = "moderation_events"
    __table_args__ = (
        CheckConstraint("decision IN ('approved', 'rejected')", name="ck_moderation_events_decision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", name="fk_moderation_events_submission", ondelete="SET NULL"),
        nullable=True,
    )
    release_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The release the decision withdrew or restored (None: the submission had not been assessed yet)."""
    decision: Mapped[str] = mapped_column(String(16))
    maintainer: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ProblemReport(Base):
    __tablename__ = "problem_reports"
    __table_args__ = (CheckConstraint(f"state IN {REPORT_STATES!r}", name="ck_problem_reports_state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[int | None] = mapped_column(ForeignKey("models.id", ondelete="SET NULL"), nullable=True)
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    message: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(256), default="")
    state: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    """``scrypt$N$r$p$SALT$HASH`` (hex): the parameters travel with the hash, so they can be raised later."""
    maintainer: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
