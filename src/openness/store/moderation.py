"""The write side the pages use: problem reports filed from a model page, and what maintainers decide
on submissions (``moderation``: pending → approved or rejected) and on problem reports (closed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.store.models import MODERATION_STATES, Model, ProblemReport, Submission, now

MAX_MESSAGE = 5000
MAX_CONTACT = 256
SHOWN = 100
"""Rows of each kind the moderation page shows (the oldest waiting ones first)."""


@dataclass(frozen=True, slots=True)
class Queue:
    pending: list[Submission]
    decided: list[Submission]
    """The most recently decided submissions, newest first."""
    reports: list[tuple[ProblemReport, Model | None]]
    """Open problem reports, oldest first, with the model each is about."""


def file_report(session: Session, model: Model, message: str, contact: str) -> ProblemReport:
    """A problem report about a model's latest assessment (message and contact cut to their bounds)."""
    report = ProblemReport(
        model_id=model.id,
        assessment_id=model.latest_assessment_id,
        message=message[:MAX_MESSAGE],
        contact=contact[:MAX_CONTACT],
        state="open",
    )
    session.add(report)
    session.flush()
    return report


def queue(session: Session) -> Queue:
    pending = session.scalars(
        select(Submission)
        .where(Submission.moderation == "pending")
        .order_by(Submission.created_at, Submission.id)
        .limit(SHOWN)
    ).all()
    decided = session.scalars(
        select(Submission)
        .where(Submission.moderation != "pending")
        .order_by(Submission.updated_at.desc(), Submission.id.desc())
        .limit(20)
    ).all()
    reports = session.execute(
        select(ProblemReport, Model)
        .outerjoin(Model, ProblemReport.model_id == Model.id)
        .where(ProblemReport.state == "open")
        .order_by(ProblemReport.created_at, ProblemReport.id)
        .limit(SHOWN)
    ).all()
    return Queue(list(pending), list(decided), [(r, m) for r, m in reports])


def decide(session: Session, submission_id: int, decision: str) -> Submission | None:
    """Approve or reject a submission; None when there is no such submission."""
    if decision not in MODERATION_STATES or decision == "pending":
        raise ValueError(f"not a decision: {decision!r}")
    row = session.get(Submission, submission_id)
    if row is None:
        return None
    row.moderation = decision
    row.updated_at = now()
    return row


def close_report(session: Session, report_id: int) -> ProblemReport | None:
    row = session.get(ProblemReport, report_id)
    if row is None:
        return None
    row.state = "closed"
    return row
