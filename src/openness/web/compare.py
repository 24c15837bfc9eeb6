"""The compare page: two to four models side by side (``/compare?m=KEY&m=KEY``, a model's key such as
``mot:olmo-7b`` or its id): the MOF class and progress, every framework's verdict, each component's
status and licence, with the rows where they differ marked in words. The list page's check boxes open
it without script."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from openness.domain.components import COMPONENTS
from openness.store import queries
from openness.web.api import Db
from openness.web.pages import framework_names, render

router = APIRouter(include_in_schema=False)
MIN, MAX = 2, 4


def _find(db: Db, given: str) -> queries.Current:
    found = None
    if given.isdigit() and len(given) < 10:
        found = queries.model(db, int(given))
    if found is None:
        found = queries.model_by_key(db, given)
    if found is None:
        raise HTTPException(404, f"model {given} not found")
    return found


def _tone(status: str) -> str:
    from openness.reports.html import STATUS_CLASS

    return STATUS_CLASS.get(status, "neutral")


def _cell(value: Any, tone: str | None = None) -> dict[str, Any]:
    return {"text": "—" if value in (None, "") else str(value), "tone": tone, "licence": "", "mof": ""}


def _component(d: dict[str, Any], name: str) -> dict[str, Any]:
    found = {c["name"]: c for c in d.get("components") or []}.get(name) or {}
    mof = {c["name"]: c for c in (d.get("mof") or {}).get("components") or []}.get(name) or {}
    status = str(found.get("status") or "absent")
    licence = mof.get("licence") or found.get("licence") or found.get("licence_as_written")
    cell = _cell(status, _tone(status))
    cell.update(licence=licence or "", mof=str(mof.get("status") or ""))
    return cell


def rows(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The table's rows: a heading and a cell per model each, and whether the cells differ."""
    out: list[dict[str, Any]] = []

    def add(group: str, heading: str, cells: list[dict[str, Any]]) -> None:
        seen = {(c["text"], c.get("licence", "")) for c in cells}
        out.append({"group": group, "heading": heading, "cells": cells, "differs": len(seen) > 1})

    mofs = [d.get("mof") or {} for d in results]
    add("Classes", "MOF class", [_cell(m.get("label"), "good" if m.get("class") else "bad") for m in mofs])
    for klass, label in (("3", "Class III progress"), ("2", "Class II progress"), ("1", "Class I progress")):
        add("Classes", label, [_cell(f"{(m.get('progress') or {}).get(klass, 0):.0f}%") for m in mofs])
    keys = {k for d in results for k, v in d.items() if isinstance(v, dict) and "verdict" in v}
    for key, name in framework_names(keys):
        verdicts = [str((d.get(key) or {}).get("verdict") or "") for d in results]
        add("Verdicts", name, [_cell(v, _tone(v)) for v in verdicts])
    for spec in COMPONENTS:
        add("Components", spec.name, [_component(d, spec.name) for d in results])
    return out


@router.get("/compare", response_class=HTMLResponse)
def compare(
    request: Request,
    db: Db,
    m: Annotated[list[str] | None, Query(max_length=600)] = None,
) -> HTMLResponse:
    given = [x.strip() for x in (m or []) if x.strip()]
    if not given:
        return render(request, "compare.html.j2", {"models": [], "rows": [], "given": []})
    if not MIN <= len(given) <= MAX or len(set(given)) != len(given):
        raise HTTPException(400, f"compare {MIN} to {MAX} different models (m=KEY, repeated)")
    models = [_find(db, x) for x in given]
    results = [c.assessment.result for c in models]
    groups = [(g, list(items)) for g, items in groupby(rows(results), key=lambda r: r["group"])]
    context = {"models": models, "rows": groups, "given": given}
    return render(request, "compare.html.j2", context)
