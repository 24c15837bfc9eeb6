"""JSON of the verdict frameworks (OSAID, EU AI Act, open weight, OSAI index) and of the guidance.

Shape of each framework object: ``framework``, ``key``, ``version``, ``source``, ``verdict``, ``summary``,
``findings`` (``requirement``, ``title``, ``status``, ``reason``, ``would_change``, ``components``,
``evidence``, ``clauses``, ``judgement``, and ``group`` / ``grade`` where the framework has them),
``notes``, then the framework's own figures (``notice``, ``compute``, ``readings``, ``score`` …)."""

from __future__ import annotations

from typing import Any

from openness.domain.serialize import evidence_to_dict, plain
from openness.frameworks.guidance import Guidance
from openness.frameworks.verdicts import Finding, Verdict


def finding_to_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "requirement": f.requirement,
        "title": f.title,
        "status": f.status.value,
        "reason": f.reason,
        "would_change": f.would_change,
        "components": list(f.components),
        "evidence": [evidence_to_dict(e) for e in f.evidence],
        "clauses": list(f.clauses),
        "relicense": list(f.relicense),
        "judgement": f.judgement,
    }
    if f.group:
        out["group"] = f.group
    if f.grade:
        out["grade"] = f.grade
    return out


def verdict_to_dict(v: Verdict) -> dict[str, Any]:
    out: dict[str, Any] = {
        "framework": v.name,
        "key": v.key,
        "version": v.version,
        "source": v.source,
        "verdict": v.verdict,
        "summary": v.summary,
        "findings": [finding_to_dict(f) for f in v.findings],
        "notes": list(v.notes),
    }
    for key, value in v.details.items():
        if key in out:
            raise ValueError(f"detail '{key}' of {v.key} would overwrite a fixed field")
        out[key] = plain(value)
    return out


def guidance_to_dict(g: Guidance) -> dict[str, Any]:
    return {
        "verdict": g.verdict,
        "plans": [
            {
                "goal": p.goal,
                "title": p.title,
                "status": p.status,
                "note": p.note,
                "changes": [
                    {
                        "requirement": c.requirement,
                        "action": c.action,
                        "detail": c.detail,
                        "component": c.component,
                        "licence": c.licence,
                    }
                    for c in p.changes
                ],
            }
            for p in g.plans
        ],
    }
