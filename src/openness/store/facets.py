"""What the list's filters read beyond the class and the verdicts, computed from a stored JSON result
(``json_report.to_dict``) when it is stored, so a filter is one indexed comparison, never a scan of
results.

- ``licence_families``: the families (``openness.licences.catalogue``: apache, cc, gpl, llama …) of every
  licence the release states: each listed component's own, and the release-wide ones. A licence openness
  does not resolve has no family (it is not guessed).
- ``claims_open``: the release puts its final weights under OSI-approved terms (the OSAID's
  ``parameters`` requirement met) and yet does not meet the OSAID: a licence that presents the release
  as open source, without the data information and code the definition asks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CLAIMS_OPEN_RULE = "registry.open-weights-licence-without-the-definition"
SEPARATOR = ";"


def _families_of(licence: str) -> set[str]:
    from openness.licences import expression
    from openness.licences.catalogue import lookup
    from openness.licences.normalise import normalise

    resolved = normalise(licence).expression
    if not resolved:
        return set()
    try:
        leaves = expression.leaves(expression.parse(resolved))
    except ValueError:
        return set()
    return {entry.family for leaf in leaves if (entry := lookup(leaf.licence)) is not None}


def licence_families(result: dict[str, Any]) -> list[str]:
    """The families of the licences a result's release states, sorted."""
    stated: list[str] = []
    for c in result.get("components") or []:
        if c.get("status") in ("included", "referenced"):
            stated += [x for x in (c.get("licence"), c.get("licence_as_written")) if isinstance(x, str) and x]
    for g in ((result.get("release") or {}).get("licences") or {}).values():
        if isinstance(g, dict) and isinstance(g.get("name"), str) and g["name"]:
            stated.append(g["name"])
    out: set[str] = set()
    for licence in stated[:100]:
        out |= _families_of(licence[:500])
    return sorted(out)


def claims_open(result: dict[str, Any]) -> bool:
    from openness.frameworks.osaid import FRAMEWORK as OSAID

    osaid = result.get(OSAID.key) or {}
    if osaid.get("verdict") != "does-not-meet":
        return False
    return any(
        f.get("requirement") == "parameters" and f.get("status") in ("met", "met-with-caveats")
        for f in osaid.get("findings") or []
    )


def encode(families: Iterable[str]) -> str:
    """Families as one text column, ``;apache;cc;``: a family filter is a LIKE on ``;family;``."""
    listed = sorted(set(families))
    return SEPARATOR + SEPARATOR.join(listed) + SEPARATOR if listed else ""


def decode(text: str) -> list[str]:
    return [f for f in text.split(SEPARATOR) if f]
