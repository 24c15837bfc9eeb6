"""Reading the registry: a page of models with their latest assessment (filters, text search), one
model, its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session, defer, undefer

from openness.store import facets
from openness.store.models import AssessmentRow, Model, ModerationEvent, ReleaseRow


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
    family: str | None = None
    """A licence family (``openness.store.facets``) one of the release's licences belongs to."""
    producer: str | None = None
    """The release's producer, exactly as recorded."""
    claims_open: bool = False
    """Only releases whose weights are under OSI-approved terms and which do not meet the OSAID."""


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
    if filters.family:
        needle = facets.encode([filters.family])
        stmt = stmt.where(AssessmentRow.licence_families.contains(needle, autoescape=True))
    if filters.producer:
        stmt = stmt.where(ReleaseRow.record["producer"].as_string() == filters.producer)
    if filters.claims_open:
        stmt = stmt.where(AssessmentRow.claims_open.is_(True))
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


_MODEL = _current().options(defer(AssessmentRow.result)).where(Model.id == bindparam("model_id"))
_MODEL_PAGE = _MODEL.options(undefer(AssessmentRow.report_html), defer(ReleaseRow.record))
"""Built once (a statement's construction costs about as much as running it on SQLite)."""


def model(session: Session, model_id: int, *, with_section: bool = False) -> Current | None:
    """One model with its latest assessment; the full result (tens of kB of JSON) is read only when a
    view touches it (the MOT answer and the badges do not), the stored report section with the rest
    only when asked (the model page, which reads the release's record only if touched)."""
    stmt = _MODEL_PAGE if with_section else _MODEL
    row = session.execute(stmt, {"model_id": model_id}).first()
    return Current(*row) if row else None


def model_by_key(session: Session, key: str) -> Current | None:
    row = session.execute(_current().where(Model.key == key)).first()
    return Current(*row) if row else None


_HISTORY = (
    select(AssessmentRow, ReleaseRow)
    .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
    .options(defer(AssessmentRow.result), undefer(AssessmentRow.changes), defer(ReleaseRow.record))
    .where(AssessmentRow.model_id == bindparam("model_id"), ReleaseRow.withdrawn_at.is_(None))
    .order_by(AssessmentRow.created_at, AssessmentRow.id)
)


def history(session: Session, model_id: int) -> list[tuple[AssessmentRow, ReleaseRow]]:
    """Every assessment of a model, oldest first (but those of withdrawn releases: ``moderation``), with
    what changed since the one before as stored
    (``openness.store.changes``); each full result, and each release's record, read only if touched."""
    return [(a, r) for a, r in session.execute(_HISTORY, {"model_id": model_id}).all()]


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


def families(session: Session) -> list[str]:
    """The licence families of the models' latest assessments (the filter's choices)."""
    stmt = select(AssessmentRow.licence_families).join(Model, Model.latest_assessment_id == AssessmentRow.id)
    return sorted({f for text in session.scalars(stmt.distinct()) for f in facets.decode(text or "")})


def producers(session: Session) -> list[str]:
    """The producers of the models' current releases (the filter's choices)."""
    value = ReleaseRow.record["producer"].as_string()
    stmt = (
        select(value)
        .join(AssessmentRow, AssessmentRow.release_id == ReleaseRow.id)
        .join(Model, Model.latest_assessment_id == AssessmentRow.id)
        .distinct()
    )
    return sorted({p for p in session.scalars(stmt) if p}, key=str.casefold)


def stamp(session: Session) -> tuple[int | None, int | None]:
    """Changes whenever an assessment is added or a maintainer decides on a submission (the newest of
    each's id): what caches of lists key on."""
    row = session.execute(select(func.max(AssessmentRow.id)).add_columns(_newest_decision())).one()
    return row[0], row[1]


def _newest_decision() -> Any:
    return select(func.max(ModerationEvent.id)).scalar_subquery()
