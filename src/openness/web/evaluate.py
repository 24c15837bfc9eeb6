"""The evaluate form, like the Model Openness Tool's: say for each of the 17 components whether it is
in the release, linked from it or absent, under which licence, and get at once the MOF class, every
framework's verdict (the OSAID's among them) and the next steps, or download the MOT YAML record of what
was said. Nothing is stored. Works without script: a plain POST, the result rendered by the server.

``release_from_form`` reads the fields into a ``Release`` (what a MOT record would say, with evidence
naming the form); ``openness.service.assess_release`` assesses it like any other release.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.reports.mot_yaml import MOT_ARCHITECTURES, MOT_TYPES
from openness.web import forms
from openness.web.pages import render

router = APIRouter(include_in_schema=False)
SOURCE = "evaluate-form"
STATES = ("included", "referenced", "absent")
RELEASE_FIELDS = ("name", "version", "producer", "type", "architecture")
SCOPES = ("distribution", "code", "data", "document")
MAX_TEXT = 200
MAX_LOCATION = 500


@dataclass(frozen=True, slots=True)
class Row:
    """One component of the form, as filled (what the page shows back)."""

    index: int
    name: str
    description: str
    state: str
    licence: str
    location: str


def _text(form: Mapping[str, Any], key: str, limit: int = MAX_TEXT) -> str:
    value = form.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def rows(form: Mapping[str, Any]) -> list[Row]:
    """The 17 components, in the MOF's order, with what the form says of each (absent unless said)."""
    out = []
    for i, spec in enumerate(COMPONENTS):
        state = _text(form, f"c{i}-state")
        out.append(
            Row(
                index=i,
                name=spec.name,
                description=spec.description,
                state=state if state in STATES else "absent",
                licence=_text(form, f"c{i}-licence"),
                location=_text(form, f"c{i}-location", MAX_LOCATION),
            )
        )
    return out


def release_from_form(form: Mapping[str, Any]) -> Release:
    """The release the form describes. Absent components are not listed (as in a MOT record); a
    component with no licence of its own takes the release-wide licence of its content type."""
    components = []
    for row in rows(form):
        if row.state == "absent":
            continue
        said = f"stated {row.state}" + (f", licence '{row.licence}'" if row.licence else ", no licence given")
        components.append(
            Component(
                name=row.name,
                presence=Presence.INCLUDED if row.state == "included" else Presence.REFERENCED,
                licence=row.licence or None,
                licence_declared=bool(row.licence),
                locations=(row.location,) if row.location else (),
                evidence=(
                    Evidence(SOURCE, f"evaluate form: {row.name}", "form.component-stated", 1.0, said),
                ),
            )
        )
    licences = {s: GlobalLicence(_text(form, f"licence-{s}")) for s in SCOPES if _text(form, f"licence-{s}")}
    kind = _text(form, "type")
    architecture = _text(form, "architecture")
    return Release(
        name=_text(form, "name"),
        version=_text(form, "version"),
        producer=_text(form, "producer"),
        type=kind if kind in MOT_TYPES else "",
        architecture=architecture if architecture in MOT_ARCHITECTURES else "",
        licences=licences,
        components=tuple(components),
        evidence=(
            Evidence(SOURCE, "evaluate form", "form.release-stated", 1.0, "stated in the evaluate form"),
        ),
    )


def file_name(name: str) -> str:
    """A safe download name for a release name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80]
    return (stem or "release") + ".yml"


def _page(request: Request, form: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    context = {
        "csrf_token": forms.csrf_token(request),
        "rows": rows(form),
        "fields": {f: _text(form, f) for f in RELEASE_FIELDS},
        "licences": {s: _text(form, f"licence-{s}") for s in SCOPES},
        "types": MOT_TYPES,
        "architectures": MOT_ARCHITECTURES,
        "states": STATES,
        "problem": "",
        "d": None,
        "verdicts": [],
    }
    context.update(extra)
    return context


@router.get("/evaluate", response_class=HTMLResponse)
def evaluate_form(request: Request) -> HTMLResponse:
    return render(request, "evaluate.html.j2", _page(request, {}))


@router.post("/evaluate", response_class=HTMLResponse)
async def evaluate(request: Request) -> Response:
    from openness import service
    from openness.reports import json_report, mot_yaml
    from openness.reports.html import verdicts_of

    form = await forms.checked_form(request)
    if not _text(form, "name"):
        context = _page(request, form, problem="Give the model's name: the record needs one.")
        return render(request, "evaluate.html.j2", context, status_code=400)
    release = release_from_form(form)
    if form.get("action") == "yaml":
        return Response(
            mot_yaml.render(release),
            media_type="application/yaml; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{file_name(release.name)}"',
                "Cache-Control": "no-store",
            },
        )
    d = json_report.to_dict(service.assess_release(release, f"evaluate:{release.name}"))
    return render(request, "evaluate.html.j2", _page(request, form, d=d, verdicts=verdicts_of(d)))
