"""Is a resolved licence (an SPDX id, a catalogue LicenseRef or an expression) open, and does it suit a
content type?

OR is open when one branch is open for the content type at hand (the chosen branch is named); AND only
when every part is; a WITH exception is judged by its licence. A catalogue LicenseRef is open only when
the catalogue says its terms meet the Open Source Definition (OpenMDW-1.0 does; Llama, Gemma, RAIL … do
not); any other LicenseRef is not open. Rules: MOF v1.0 licence expectations (code: OSI-approved; data
and documents: open data / open content licences), see ``openness.licences.mof``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openness.licences import mof


@dataclass(frozen=True, slots=True)
class Judgement:
    open: bool
    type_appropriate: bool
    reason: str
    branch: str | None = None
    """For an OR: the branch the verdict rests on."""


def _judge_id(licence_id: str, content_type: str) -> Judgement:
    is_open, reason = mof.is_open_id(licence_id)
    types = mof.content_types(licence_id)
    fits = content_type in types
    if is_open and not fits:
        suits = ", ".join(sorted(types)) or "no MOF content type"
        reason += f"; suits {suits}, not {content_type}"
    return Judgement(is_open, is_open and fits, reason, licence_id)


def _rank(j: Judgement) -> int:
    return 2 if j.type_appropriate else 1 if j.open else 0


def _walk(node: Any, content_type: str) -> Judgement:
    from license_expression import AND, OR, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        inner = _judge_id(node.license_symbol.key, content_type)
        return Judgement(inner.open, inner.type_appropriate, inner.reason, str(node.render("{symbol.key}")))
    if isinstance(node, OR):
        parts = [_walk(arg, content_type) for arg in node.args]
        best = max(parts, key=_rank)
        branch = best.branch or "?"
        if best.open:
            reason = f"OR: open through the branch {branch}: {best.reason}"
        else:
            reason = "OR: no branch is open: " + "; ".join(p.reason for p in parts)
        return Judgement(best.open, best.type_appropriate, reason, branch)
    if isinstance(node, AND):
        parts = [_walk(arg, content_type) for arg in node.args]
        closed = [p for p in parts if not p.open]
        head = "AND: every part is open" if not closed else f"AND: not open because of {closed[0].branch}"
        return Judgement(
            all(p.open for p in parts),
            all(p.type_appropriate for p in parts),
            head + ": " + "; ".join(p.reason for p in parts),
            str(node.render("{symbol.key}")),
        )
    return _judge_id(node.key, content_type)


@lru_cache(maxsize=8192)
def judge(expression: str, content_type: str) -> Judgement:
    """Judge a normalised licence id or SPDX expression for one MOF content type."""
    if " " not in expression and "(" not in expression:
        return _judge_id(expression, content_type)
    from license_expression import get_spdx_licensing

    parsed = get_spdx_licensing().parse(expression, validate=False, strict=False)
    return _walk(parsed, content_type)
