"""Server-rendered pages (Jinja2, autoescaped, no script): the model list with search and filters, and
a model page that embeds the HTML report's own section for the release (``openness.reports.html``),
its parts that are the same for every visitor rendered once when an assessment of the model was stored
(``openness.web.fragments``)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from openness import __version__
from openness.reports.badges import subjects
from openness.store import queries
from openness.web.api import MOF_CLASSES, Db, ModelId, found, read_session

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
MOF_NAMES = {
    1: "Class I – Open Science",
    2: "Class II – Open Tooling",
    3: "Class III – Open Model",
    0: "Unclassified",
}


def _environment() -> Any:
    """The registry's templates over the HTML report's (``fragments.environment``)."""
    from openness.web.fragments import environment

    return environment()


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page. The header names who is signed in (from the session: no database read) with a sign-out
    button; a page that shows a form or a person's name is not stored by caches."""
    from openness.web.forms import csrf_token

    session = request.scope.get("session") or {}
    viewer = session.get("name") if isinstance(session.get("user"), int) else None
    extra: dict[str, Any] = {"viewer": viewer}
    if viewer and "csrf_token" not in context:
        extra["csrf_token"] = csrf_token(request)
    body = _environment().get_template(template).render(version=__version__, **extra, **context)
    private = viewer or "csrf_token" in context
    headers = {"Cache-Control": "no-store"} if private else None
    return HTMLResponse(body, status_code=status_code, headers=headers)


def _mof_filter(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) in MOF_CLASSES else None


def _verdict_filter(value: str, choices: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """``KEY:VERDICT`` from the form, when it is one of the choices offered (else no filter)."""
    key, _, verdict = value.partition(":")
    return ((key, verdict),) if verdict in choices.get(key, ()) else ()


@dataclass(frozen=True, slots=True)
class Choices:
    """What the list's filters offer: the values the models' latest assessments have."""

    verdicts: dict[str, list[str]]
    families: list[str]
    producers: list[str]


def _choices(request: Request, db: Db) -> Choices:
    """The filters' choices, computed again only when an assessment was added (scans of the latest
    assessments otherwise on every list page). Per process; a race computes them twice, harmlessly."""
    now = queries.stamp(db)
    cached = getattr(request.app.state, "list_choices", None)
    if cached is not None and cached[0] == now:
        return cached[1]  # type: ignore[no-any-return]
    value = Choices(queries.verdicts(db), queries.families(db), queries.producers(db))
    request.app.state.list_choices = (now, value)
    return value


def framework_names(keys: Any) -> list[tuple[str, str]]:
    """(key, name) of the given frameworks, in registry order."""
    from openness.frameworks.registry import FRAMEWORKS, KEYS

    return [(k, FRAMEWORKS[k].name) for k in KEYS if k in keys]


@router.get("/", response_class=HTMLResponse)
@router.get("/models", response_class=HTMLResponse)
def model_list(
    request: Request,
    db: Db,
    q: Annotated[str, Query(max_length=200)] = "",
    mof: Annotated[str, Query(max_length=2)] = "",
    verdict: Annotated[str, Query(max_length=100)] = "",
    family: Annotated[str, Query(max_length=100)] = "",
    producer: Annotated[str, Query(max_length=500)] = "",
    claims: Annotated[str, Query(max_length=3)] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    choices = _choices(request, db)
    filters = queries.Filters(
        mof_class=_mof_filter(mof),
        verdicts=_verdict_filter(verdict, choices.verdicts),
        q=q.strip() or None,
        family=family if family in choices.families else None,
        producer=producer if producer in choices.producers else None,
        claims_open=claims == "1",
    )
    result = queries.models_page(db, page, PAGE_SIZE, filters)
    given = (("q", q), ("mof", mof), ("verdict", verdict), ("family", family), ("producer", producer))
    kept = {k: v for k, v in (*given, ("claims", claims)) if v}

    def page_link(n: int) -> str:
        return "/models?" + urlencode({**kept, "page": n})

    return render(
        request,
        "list.html.j2",
        {
            "page": result,
            **dict(given),
            "claims": claims == "1",
            "mof_names": MOF_NAMES,
            "choices": choices.verdicts,
            "families": choices.families,
            "producers": choices.producers,
            "frameworks": framework_names(choices.verdicts),
            "previous": page_link(page - 1) if page > 1 else None,
            "next": page_link(page + 1) if page < result.total_pages else None,
        },
    )


def badge_snippets(base: str, model_id: int, alt: str, key: str) -> dict[str, str]:
    """Copy-paste snippets of a model's badge: Markdown, HTML, reStructuredText and the shields.io
    endpoint URL (for a badge in shields.io's own styles)."""
    from urllib.parse import quote

    image, page = f"{base}/badge/{model_id}/{key}.svg", f"{base}/models/{model_id}"
    endpoint = f"{base}/badge/{model_id}/{key}.json"
    return {
        "Markdown": f"[![{alt}]({image})]({page})",
        "HTML": f'<a href="{page}"><img src="{image}" alt="{alt}"></a>',
        "reStructuredText": f".. image:: {image}\n   :alt: {alt}\n   :target: {page}",
        "shields.io": f"https://img.shields.io/endpoint?url={quote(endpoint, safe='')}",
    }


@router.get("/models/{model_id}", response_class=HTMLResponse)
async def model_page(request: Request, model_id: ModelId) -> HTMLResponse:
    """A model's page, made in one hop to a worker thread (a session dependency and a sync route take
    three, a fifth of an uncached page's CPU once its parts are stored)."""
    return await run_in_threadpool(_model_page, request, model_id)


def _model_page(request: Request, model_id: int) -> HTMLResponse:
    with contextmanager(read_session)(request) as db:
        return model_view(request, db, model_id)


def model_view(request: Request, db: Db, model_id: int) -> HTMLResponse:
    """A model's page: its parts that are the same for every visitor as stored (``fragments``), or
    rendered now when they do not hold; the badges' snippets name the address the page was asked at."""
    from openness.web import fragments

    row = fragments.stored(db, model_id)
    if row is None:
        raise HTTPException(404, f"model {model_id} not found")
    if row.head is not None and row.history is not None:
        head, history = row.head, row.history
    else:
        head, history = fragments.render(db, found(db, model_id, with_section=True))
    base = str(request.base_url).rstrip("/")
    badges = []
    for k in subjects():
        alt = " ".join(row.badges[k][:2])
        snippets = badge_snippets(base, model_id, alt, k)
        badges.append({"key": k, "src": f"/badge/{model_id}/{k}.svg", "alt": alt, "snippets": snippets})
    context = {"name": row.name, "head": head, "badges": badges, "history": history}
    return render(request, "model.html.j2", context)
