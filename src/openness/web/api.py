"""The JSON API and the badges.

- ``/api/v1/models`` and ``/api/v1/model/{id}``: the Model Openness Tool's API (its API.md): the same
  pager and fields (``id``, ``framework``, ``release``, ``classification``), pages 1-indexed, 100 a page
  by default, errors as ``{"error": {"code", "message"}}``, so MOT clients work unchanged.
- ``/api/v2/models`` (filters: MOF class, any framework's verdict such as the OSAID's, text),
  ``/api/v2/models/{id}`` (the full openness JSON result, ``openness.reports.json_report``),
  ``/api/v2/models/{id}/history``.
- ``/badge/{id}/mof.svg``, one for each framework's verdict (``openness.reports.badges``), and the
  shields.io endpoint JSON of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import StringConstraints
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from openness.frameworks.registry import KEYS
from openness.reports.badges import subjects
from openness.store import queries
from openness.web import schemas

router = APIRouter()
F = TypeVar("F", bound=Callable[..., Any])
MAX_LIMIT = 1000
MAX_PAGE = 1_000_000
"""Far past any page that holds a model, and small enough that the offset fits a database integer."""
MOF_CLASSES = (0, 1, 2, 3)


def session(request: Request) -> Iterator[Session]:
    """A session for one request. Closing it never fails the request: when the database went away
    mid-request the rollback on close fails too, and the connection is dropped from the pool instead
    (the request's own error, a 503, is what the client sees)."""
    yield from _session(request.app.state.sessions)


def read_session(request: Request) -> Iterator[Session]:
    """A session for a request that only reads, in autocommit: each statement is its own transaction,
    so no BEGIN and no ROLLBACK travel to PostgreSQL around it (two round trips of four on a page)."""
    yield from _session(request.app.state.read_sessions)


def _session(make: Any) -> Iterator[Session]:
    s = make()
    try:
        yield s
    finally:
        try:
            s.close()
        except SQLAlchemyError:
            with suppress(SQLAlchemyError):
                s.invalidate()


Db = Annotated[Session, Depends(session)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, 1-indexed.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Models per page.")]
ModelId = Annotated[int, Path(ge=1, le=2**31 - 1, description="A model's id, as the list gives it.")]


def _get(path: str, tag: str, summary: str, shape: Any = None) -> Callable[[F], F]:
    """A GET route of the API: its tag, summary, response shape, and the MOT error body documented."""
    return router.get(path, tags=[tag], summary=summary, response_model=shape, responses=schemas.ERRORS)


V1 = "v1 (MOT-compatible)"
VerdictFilter = Annotated[str, StringConstraints(pattern=f"^({'|'.join(KEYS)}):.+$", max_length=200)]
"""``FRAMEWORK:VERDICT``, as the schema says it (so a client knows the framework keys)."""


def found(db: Session, model_id: int, *, with_section: bool = False) -> queries.Current:
    current = queries.model(db, model_id, with_section=with_section)
    if current is None:
        raise HTTPException(404, f"model {model_id} not found")
    return current


def mot_model(c: queries.Current) -> dict[str, Any]:
    """One model in the MOT API's shape, its release written back as a MOT record."""
    from openness.domain.serialize import release_from_dict
    from openness.reports.mot_yaml import to_record

    record = to_record(release_from_dict(c.release.record))
    a = c.assessment
    return {
        "id": str(c.model.id),
        "framework": record["framework"],
        "release": record["release"],
        "classification": {"class": a.mof_class, "label": a.mof_label, "progress": dict(a.mof_progress)},
    }


def iso(when: datetime) -> str:
    """A stored time in ISO 8601, in UTC (SQLite gives it back without its zone)."""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def _pager(page: queries.Page) -> dict[str, int]:
    return {
        "total_items": page.total_items,
        "total_pages": page.total_pages,
        "current_page": page.current_page,
    }


@_get("/api/v1/models", V1, "Every model, a page at a time", schemas.V1Page)
def v1_models(db: Db, page: PageNo = 1, limit: Limit = 100) -> dict[str, Any]:
    result = queries.models_page(db, page, limit)
    return {"pager": _pager(result), "models": [mot_model(c) for c in result.items]}


@_get("/api/v1/model/{model_id}", V1, "One model", schemas.V1Model)
def v1_model(db: Db, model_id: ModelId) -> dict[str, Any]:
    return mot_model(found(db, model_id))


def summary(c: queries.Current) -> dict[str, Any]:
    """A model in the v2 list: its latest assessment's headline."""
    a = c.assessment
    return {
        "id": c.model.id,
        "key": c.model.key,
        "name": a.name,
        "mof": {"class": a.mof_class, "label": a.mof_label},
        "verdicts": a.verdicts,
        "assessed_at": iso(a.created_at),
        "openness_version": a.openness_version,
        "revision": c.release.revision,
        "links": {
            "self": f"/api/v2/models/{c.model.id}",
            "history": f"/api/v2/models/{c.model.id}/history",
            "page": f"/models/{c.model.id}",
            "badges": {k: f"/badge/{c.model.id}/{k}.svg" for k in subjects()},
        },
    }


def verdict_filters(given: list[str]) -> tuple[tuple[str, str], ...]:
    """``KEY:VERDICT`` strings as pairs; an unknown framework key is a 400."""
    from openness.frameworks.registry import KEYS

    pairs = []
    for item in given[:10]:
        key, sep, verdict = item.partition(":")
        if not sep or key not in KEYS or not verdict:
            raise HTTPException(400, f"verdict: {item!r} is not FRAMEWORK:VERDICT, FRAMEWORK one of {KEYS}")
        pairs.append((key, verdict))
    return tuple(pairs)


@_get("/api/v2/models", "v2", "Models with their latest assessment, filtered", schemas.V2Page)
def v2_models(
    db: Db,
    page: PageNo = 1,
    limit: Limit = 100,
    mof_class: Annotated[int | None, Query(ge=0, le=3, description="MOF class (0: unclassified).")] = None,
    verdict: Annotated[
        list[VerdictFilter] | None,
        Query(
            max_length=100,
            description="FRAMEWORK:VERDICT, e.g. osaid:meets (repeat it: every one must hold).",
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the model's name or key.")] = None,
) -> dict[str, Any]:
    filters = queries.Filters(mof_class=mof_class, verdicts=verdict_filters(verdict or []), q=q or None)
    result = queries.models_page(db, page, limit, filters)
    return {"pager": _pager(result), "models": [summary(c) for c in result.items]}


@_get("/api/v2/models/{model_id}", "v2", "The full openness result of a model (assessment.schema.json)")
def v2_model(db: Db, model_id: ModelId) -> dict[str, Any]:
    result: dict[str, Any] = found(db, model_id).assessment.result
    return result


@_get("/api/v2/models/{model_id}/history", "v2", "Every assessment of a model", schemas.History)
def v2_history(db: Db, model_id: ModelId) -> dict[str, Any]:
    current = found(db, model_id)
    return {
        "id": current.model.id,
        "key": current.model.key,
        "history": [
            {
                "assessment_id": a.id,
                "assessed_at": iso(a.created_at),
                "revision": r.revision,
                "source": r.source,
                "openness_version": a.openness_version,
                "data_version": a.data_version,
                "mof": {"class": a.mof_class, "label": a.mof_label},
                "verdicts": a.verdicts,
            }
            for a, r in queries.history(db, model_id)
        ],
    }


def _badge(db: Session, model_id: int, key: str) -> Any:
    from openness.reports.badges import Badge

    label, message, colour = found(db, model_id).assessment.badges[key]
    return Badge(label, message, colour)


BADGE_FORMATS = (
    ("svg", "image/svg+xml", "svg", "(SVG)"),
    ("json", "application/json", "endpoint_json", "as shields.io endpoint JSON"),
)
"""(suffix, media type, renderer in ``openness.reports.badges``, what the summary says)."""


def _add_badge_route(key: str, suffix: str, media_type: str, renderer: str, said: str) -> None:
    def badge(db: Db, model_id: ModelId) -> Response:
        from openness.reports import badges

        text = getattr(badges, renderer)(_badge(db, model_id, key))
        return Response(text, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

    router.add_api_route(
        f"/badge/{{model_id}}/{key}.{suffix}",
        badge,
        methods=["GET"],
        tags=["badges"],
        summary=f"The {key.upper()} badge {said}",
        response_class=Response,
        responses={200: {"content": {media_type: {}}}, **schemas.ERRORS},
    )


for _key in subjects():
    for _format in BADGE_FORMATS:
        _add_badge_route(_key, *_format)
