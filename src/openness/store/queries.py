"""Reading the registry: a page of models with their latest assessment (filters, text search), one
model, its history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, defer

from openness.store.models import AssessmentRow, Model, ReleaseRow


@dataclass(frozen=True, slots=True)
class Current:
    """A model with its latest assessment and the release that assessment read."""

    model: Model
    assessment: AssessmentRow
    release: ReleaseRow


@dataclass(frozen=True, slots=True)
class Filters:
    mof_class: int | None = None
    verdicts: tuple[tuple[str, str], ...] = ()
    """(framework key, verdict) pairs, all of which a model's latest assessment must have."""
    q: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    total_items: int
    total_pages: int
    current_page: int
    items: list[Current]


def _current() -> Select[Model, AssessmentRow, ReleaseRow]:
    return (
        select(Model, AssessmentRow, ReleaseRow)
        .join(AssessmentRow, Model.latest_assessment_id == AssessmentRow.id)
        .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
    )


def models_page(session: Session, page: int, limit: int, filters: Filters = Filters()) -> Page:
    """Page ``page`` (1-indexed) of ``limit`` models in id order, with their latest assessment (without
    its full result, which only one model's views read: reading it raises)."""
    stmt = _current().options(defer(AssessmentRow.result, raiseload=True))
    if filters.mof_class is not None:
        stmt = stmt.where(AssessmentRow.mof_class == filters.mof_class)
    for key, verdict in filters.verdicts:
        stmt = stmt.where(AssessmentRow.verdicts[key].as_string() == verdict)
    if filters.q:
        needle = filters.q.lower()
        stmt = stmt.where(
            or_(
                func.lower(Model.name).contains(needle, autoescape=True),
                func.lower(Model.key).contains(needle, autoescape=True),
            )
        )
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.execute(stmt.order_by(Model.id).offset((page - 1) * limit).limit(limit)).all()
    return Page(
        total_items=total,
        total_pages=(total + limit - 1) // limit,
        current_page=page,
        items=[Current(m, a, r) for m, a, r in rows],
    )


def model(session: Session, model_id: int) -> Current | None:
    """One model with its latest assessment; the full result (tens of kB of JSON) is read only when a
    view touches it (the MOT answer and the badges do not)."""
    row = session.execute(_current().options(defer(AssessmentRow.result)).where(Model.id == model_id)).first()
    return Current(*row) if row else None


def history(session: Session, model_id: int) -> list[tuple[AssessmentRow, ReleaseRow]]:
    """Every assessment of a model, oldest first."""
    stmt = (
        select(AssessmentRow, ReleaseRow)
        .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
        .where(AssessmentRow.model_id == model_id)
        .order_by(AssessmentRow.created_at, AssessmentRow.id)
    )
    return [(a, r) for a, r in session.execute(stmt).all()]


def verdicts(session: Session) -> dict[str, list[str]]:
    """Framework key → the verdicts the models' latest assessments have (the filters' choices), in
    registry order."""
    from openness.frameworks.registry import KEYS

    out: dict[str, list[str]] = {}
    for key in KEYS:
        value = AssessmentRow.verdicts[key].as_string()
        stmt = select(value).join(Model, Model.latest_assessment_id == AssessmentRow.id).distinct()
        found = sorted(v for v in session.scalars(stmt) if v)
        if found:
            out[key] = found
    return out


def stamp(session: Session) -> int | None:
    """Changes whenever an assessment is added (the newest assessment's id): what caches of lists key on."""
    return session.scalar(select(func.max(AssessmentRow.id)))
