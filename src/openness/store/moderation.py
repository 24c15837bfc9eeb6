"""The write side the pages use: problem reports filed from a model page, and what maintainers decide
on submissions (``moderation``: pending → approved or rejected) and on problem reports (closed).

Submissions come from holders of an API token or signed-in maintainers, so what they assess is shown at
once; moderation reviews it after. Rejecting a submission withdraws the release it assessed
(``releases.withdrawn_at``): its assessments leave the lists, pages, history, badges and API answers, and
its model shows its newest release still shown, or disappears when it has none. Approving shows it again.
A submission rejected before its job finished is withdrawn when the job stores its result; a
re-assessment of a withdrawn release stays withdrawn. Every decision is kept (``moderation_events``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.store.models import (
    MODERATION_STATES,
    AssessmentRow,
    Model,
    ModerationEvent,
    ProblemReport,
    ReleaseRow,
    Submission,
    now,
)

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


def decide(session: Session, submission_id: int, decision: str, maintainer: str = "") -> Submission | None:
    """Approve or reject a submission, and show it: a rejected submission's release is withdrawn from
    every public page, list and answer (its model falls back to its newest release still shown, or is
    hidden when it has none), an approved one's is shown again. The decision is kept with who made it.
    None when there is no such submission."""
    if decision not in MODERATION_STATES or decision == "pending":
        raise ValueError(f"not a decision: {decision!r}")
    row = session.get(Submission, submission_id)
    if row is None:
        return None
    row.moderation = decision
    row.updated_at = now()
    release = _release_of(session, row)
    if release is not None:
        show(session, release, decision != "rejected")
    session.add(
        ModerationEvent(
            submission_id=row.id,
            release_id=release.id if release is not None else None,
            decision=decision,
            maintainer=maintainer[:64],
        )
    )
    session.flush()
    return row


def _release_of(session: Session, submission: Submission) -> ReleaseRow | None:
    """The release a submission's assessment read (None while it is not assessed)."""
    if submission.assessment_id is None:
        return None
    assessment = session.get(AssessmentRow, submission.assessment_id)
    return session.get(ReleaseRow, assessment.release_id) if assessment is not None else None


def show(session: Session, release: ReleaseRow, shown: bool) -> None:
    """Withdraw a release from the public registry, or show it again, and point its model at the newest
    assessment of a release still shown (None: the model is hidden); its page's parts are rendered again."""
    from openness.web import fragments

    release.withdrawn_at = None if shown else (release.withdrawn_at or now())
    session.flush()
    model = session.get(Model, release.model_id)
    if model is None:
        return
    model.latest_assessment_id = session.scalar(
        select(AssessmentRow.id)
        .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
        .where(AssessmentRow.model_id == model.id, ReleaseRow.withdrawn_at.is_(None))
        .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
        .limit(1)
    )
    session.flush()
    if model.latest_assessment_id is not None:
        fragments.store(session, model.id)


def withdrawn(session: Session, release_id: int) -> bool:
    """Whether a release is withdrawn (what storing a new assessment of it must not undo)."""
    return session.scalar(select(ReleaseRow.withdrawn_at).where(ReleaseRow.id == release_id)) is not None


def close_report(session: Session, report_id: int) -> ProblemReport | None:
    row = session.get(ProblemReport, report_id)
    if row is None:
        return None
    row.state = "closed"
    return row
