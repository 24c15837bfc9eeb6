"""The parts of a model page that are the same for every visitor, rendered once when an assessment of the
model is stored and kept with the model (migration 0006): the head (name, record, the report's section
for the release) and the history (every assessment with what changed). A page view reads them in one
query and renders only what depends on the request around them (the badges' snippets name the site's
address; the header names who is signed in).

Stored parts hold while two things hold: ``page_by`` is this ``renderer()`` (this version of openness, a
digest of the two templates, and the section's renderer and the comparer they embed), and ``page_of`` is
``key()`` of the model as it is now (its latest assessment, its newest assessment and how many it has: an
assessment added, or another made the latest, changes it). Either failing, the page renders them on the
request, as it did before. The store renders them for the model it stores an assessment of;
``openness registry migrate`` renders them for the models whose parts do not hold (``refresh``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from openness.store import queries
from openness.store.models import AssessmentRow, Model

TEMPLATES = ("model_head.html.j2", "model_history.html.j2")
BATCH = 200


@cache
def environment() -> Any:
    """The HTML report's Jinja2 environment (autoescaping, strict undefined, its filters and tests) with
    the registry's templates first: a page can include the report's ``release.html.j2`` as it is."""
    from jinja2 import ChoiceLoader, PackageLoader

    from openness.reports import html

    base = html._environment()
    return base.overlay(loader=ChoiceLoader([PackageLoader("openness.web", "templates"), base.loader]))


@cache
def renderer() -> str:
    """What stored parts were rendered by (a part another one rendered is rendered again)."""
    import hashlib

    from openness import __version__
    from openness.reports.html import section_renderer
    from openness.store.changes import comparer

    env = environment()
    sources = "".join(env.loader.get_source(env, name)[0] for name in TEMPLATES)
    digest = hashlib.sha256((sources + section_renderer() + comparer()).encode()).hexdigest()[:12]
    return f"{__version__}+{digest}"


def key(latest: int | None, newest: int | None, count: int) -> str:
    """The model's state the parts were rendered from."""
    return f"{latest}:{newest}:{count}"


def section(a: AssessmentRow) -> Markup:
    """The report's section for an assessment: the one rendered when it was stored, if this renderer
    made it; else rendered now from the stored result (rows from before migration 0005)."""
    from openness.reports.html import registry_section, section_renderer

    # Markup: both are the output of the report's autoescaping template, never text from a release.
    if a.report_html is not None and a.rendered_by == section_renderer():
        return Markup(a.report_html)
    return Markup(registry_section(a.result))


def changes(history: list[tuple[AssessmentRow, Any]]) -> list[dict[str, Any]]:
    """Each assessment of a model, newest first, with what changed since the one before it
    (``openness.reports.diff``): the class and progress, verdicts, components and licences. Stored with
    each assessment when it was stored (``openness.store.changes``); compared now from the two full
    results when the stored changes do not hold (another comparer, or another assessment before it)."""
    from openness.reports.diff import compare
    from openness.store.changes import comparer

    by = comparer()
    out: list[dict[str, Any]] = []
    previous: AssessmentRow | None = None
    for a, r in history:
        stored = a.compared_by == by and a.previous_id == (previous.id if previous is not None else None)
        if stored:
            found: Any = a.changes
        else:
            found = compare(previous.result, a.result).changes if previous is not None else None
        out.append({"a": a, "r": r, "changes": found})
        previous = a
    return out[::-1]


def render(session: Session, current: queries.Current) -> tuple[Markup, Markup]:
    """The head and the history of a model's page, rendered now."""
    env = environment()
    head = env.get_template(TEMPLATES[0]).render(current=current, section=section(current.assessment))
    rows = changes(queries.history(session, current.model.id))
    history = env.get_template(TEMPLATES[1]).render(current=current, history=rows)
    # Markup: the output of autoescaping templates.
    return Markup(head), Markup(history)


def _state(model_id: Any) -> Any:
    """Each model's newest assessment's id and how many it has, one aggregate over the index of each
    model's assessments (``max`` alone, PostgreSQL answers by walking the primary key backwards until
    it meets one of the model's: milliseconds for an old model)."""
    return (
        select(
            AssessmentRow.model_id,
            func.max(AssessmentRow.id).label("newest"),
            func.count().label("assessments"),
        )
        .where(model_id)
        .group_by(AssessmentRow.model_id)
        .subquery()
    )


_ONE = _state(AssessmentRow.model_id == bindparam("model_id"))
_STORED = (
    select(
        AssessmentRow.name,
        AssessmentRow.badges,
        Model.page_head,
        Model.page_history,
        Model.page_by,
        Model.page_of,
        Model.latest_assessment_id,
        _ONE.c.newest,
        _ONE.c.assessments,
    )
    .join(AssessmentRow, Model.latest_assessment_id == AssessmentRow.id)
    .join(_ONE, _ONE.c.model_id == Model.id)
    .where(Model.id == bindparam("model_id"))
)


@dataclass(frozen=True, slots=True)
class Stored:
    """What a page view reads: the latest assessment's name and badges, and the page's stored parts
    (None when they do not hold)."""

    name: str
    badges: dict[str, Any]
    head: Markup | None
    history: Markup | None


def stored(session: Session, model_id: int) -> Stored | None:
    """The model's page as stored; None when there is no such model."""
    row = session.execute(_STORED, {"model_id": model_id}).first()
    if row is None:
        return None
    of = key(row.latest_assessment_id, row.newest, row.assessments)
    if row.page_by != renderer() or row.page_of != of or row.page_head is None or row.page_history is None:
        return Stored(row.name, row.badges, None, None)
    # Markup: rendered by the autoescaping templates when the assessment was stored.
    return Stored(row.name, row.badges, Markup(row.page_head), Markup(row.page_history))


def store(session: Session, model_id: int) -> None:
    """Render and keep the parts of a model's page, from the rows as the database gives them back (read
    on a session of their own: a time just stored reads back as a page view will read it)."""
    with Session(bind=session.connection()) as fresh:
        current = queries.model(fresh, model_id, with_section=True)
        if current is None:
            return
        state = _state(AssessmentRow.model_id == model_id)
        newest, count = fresh.execute(select(state.c.newest, state.c.assessments)).one()
        head, history = render(fresh, current)
        values = {"page_head": str(head), "page_history": str(history), "page_by": renderer()}
        of = key(current.model.latest_assessment_id, newest, count)
        fresh.execute(update(Model).where(Model.id == model_id).values(**values, page_of=of))


def refresh(session: Session) -> int:
    """Render the parts of every model whose stored ones do not hold; how many models were rendered."""
    by = renderer()
    last, done = 0, 0
    while True:
        batch = session.scalars(select(Model.id).where(Model.id > last).order_by(Model.id).limit(BATCH)).all()
        if not batch:
            return done
        state = _state(AssessmentRow.model_id.in_(batch))
        rows = session.execute(
            select(
                Model.id,
                Model.page_by,
                Model.page_of,
                Model.latest_assessment_id,
                state.c.newest,
                state.c.assessments,
            )
            .join(state, state.c.model_id == Model.id)
            .order_by(Model.id)
        ).all()
        for model_id, page_by, page_of, latest, newest, count in rows:
            if page_by != by or page_of != key(latest, newest, count):
                store(session, model_id)
                done += 1
        last = batch[-1]
