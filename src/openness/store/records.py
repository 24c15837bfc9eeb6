"""Writing assessments: one release per model and revision, one assessment per release and versions
(idempotent), every assessment kept (the history), the model's latest one pointed to. What a model page
shows of an assessment is prepared here, once: the report's section and what changed since the model's
previous assessment."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.domain.assessment import Assessment
from openness.store.models import AssessmentRow, Model, ReleaseRow


def versions_key(versions: Mapping[str, str]) -> str:
    """One key for the openness, framework and data versions an assessment is made with."""
    return hashlib.sha256(json.dumps(dict(versions), sort_keys=True).encode()).hexdigest()


def data_version(versions: Mapping[str, str]) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted(versions.items()) if k != "openness")


def find_assessed(session: Session, key: str, revision: str, vkey: str) -> AssessmentRow | None:
    """The assessment of a model's release at this revision made with these versions, if there is one."""
    stmt = (
        select(AssessmentRow)
        .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
        .join(Model, ReleaseRow.model_id == Model.id)
        .where(Model.key == key, ReleaseRow.revision == revision, AssessmentRow.versions_key == vkey)
        .limit(1)
    )
    return session.scalars(stmt).first()


def record_key(path_stem: str) -> str:
    """A MOT record's model identity: ``mot:`` and its file name without the extension. The MOT's
    records are one file each, named for the model; names inside records repeat (three of the 273 public
    records share a release name with another), file names do not."""
    return f"mot:{path_stem}"


def store(
    session: Session, a: Assessment, *, key: str, source: str, revision: str
) -> tuple[AssessmentRow, bool]:
    """Record an assessment; ``(row, False)`` when this release and versions were already assessed."""
    from openness.domain.serialize import release_to_dict
    from openness.reports import badges, html, json_report
    from openness.store import changes, facets
    from openness.web import fragments as pages  # the model page's parts, rendered once here

    model = session.scalars(select(Model).where(Model.key == key)).first()
    if model is None:
        model = Model(key=key, name=a.release.name or key)
        session.add(model)
        session.flush()
    release = session.scalars(
        select(ReleaseRow).where(ReleaseRow.model_id == model.id, ReleaseRow.revision == revision)
    ).first()
    if release is None:
        release = ReleaseRow(
            model_id=model.id,
            target=a.target,
            revision=revision,
            source=source,
            record=release_to_dict(a.release),
        )
        session.add(release)
        session.flush()
    vkey = versions_key(a.versions)
    existing = session.scalars(
        select(AssessmentRow).where(
            AssessmentRow.release_id == release.id, AssessmentRow.versions_key == vkey
        )
    ).first()
    if existing is not None:
        return existing, False
    result = json_report.to_dict(a)
    previous = session.scalars(
        select(AssessmentRow)
        .join(ReleaseRow, AssessmentRow.release_id == ReleaseRow.id)
        .where(AssessmentRow.model_id == model.id, ReleaseRow.withdrawn_at.is_(None))
        .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
        .limit(1)
    ).first()
    mof = result.get("mof") or {}
    shown = {k: badges.badge_for(a, k) for k in badges.subjects()}
    row = AssessmentRow(
        model_id=model.id,
        release_id=release.id,
        result=result,
        openness_version=a.versions.get("openness", ""),
        data_version=data_version(a.versions),
        versions_key=vkey,
        name=a.release.name or key,
        mof_class=mof.get("class"),
        mof_label=mof.get("label", ""),
        mof_progress={k: (mof.get("progress") or {}).get(k) for k in ("1", "2", "3")},
        verdicts={k: str(v["verdict"]) for k, v in result.items() if isinstance(v, dict) and "verdict" in v},
        badges={k: [b.label, b.message, b.colour] for k, b in shown.items()},
        licence_families=facets.encode(facets.licence_families(result)),
        claims_open=facets.claims_open(result),
        report_html=html.registry_section(result),
        rendered_by=html.section_renderer(),
        changes=changes.between(previous.result, result) if previous is not None else None,
        previous_id=previous.id if previous is not None else None,
        compared_by=changes.comparer(),
    )
    session.add(row)
    session.flush()
    if release.withdrawn_at is None:  # a withdrawn release's new assessment stays withdrawn
        model.latest_assessment_id = row.id
        model.name = row.name
    session.flush()
    if model.latest_assessment_id is not None:
        pages.store(session, model.id)
    return row, True
