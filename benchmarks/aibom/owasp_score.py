"""Our scorer for the OWASP AIBOM Generator's documented completeness score.

The field list, paths and weights are data in ``owasp_fields.toml`` (restated from the generator's
registry, source and commit named there); this module is our own reading of that data:

- ``at_path``: is a field present at the JSON path the registry (or the documentation) names? The paths
  are of two shapes only: ``$.a[0].b`` and a filter over a list, ``$.a.properties[?(@.name=='X')].value``.
  A value counts when it is not null, not ``""`` and not ``[]``.
- ``by_name``: the generator's second look when the path finds nothing: the field's name searched as a
  key at the top level, in ``metadata``, among ``metadata.properties`` names (bare or ``spdx:``-prefixed),
  in the first component (its keys, its property names, its ``modelCard``, ``modelParameters`` and
  ``considerations``, with three considerations mapped to CycloneDX section names), and, for
  ``downloadLocation``, a BOM-level ``distribution`` external reference with a URL.
- ``score``: each category scores (present / fields) × its weight, rounded to 0.1; the sum is multiplied
  by the penalty factors for missing critical and important fields and rounded to 0.1; a profile is met
  when its required fields are present (the generator looks for them by name alone) and the score reaches
  its minimum.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("owasp_fields.toml")
# a filter over a list: $.a[0].b[?(@.name=='X')].value (the leaf is optional)
_FILTER = re.compile(
    r"^\$\.(?P<base>[\w.\[\]]+)\[\?\(@\.(?P<key>\w+)=='(?P<value>[^']+)'\)\](?:\.(?P<leaf>\w+))?$"
)
_STEP = re.compile(r"^(?P<key>\w+)(?:\[(?P<index>\d+)\])?$")
# CycloneDX considerations sections the generator also accepts for three of its fields
_CONSIDERATIONS = {
    "limitation": ("technicalLimitations", "limitations"),
    "safetyRiskAssessment": ("ethicalConsiderations", "safetyRiskAssessment"),
    "energyConsumption": ("environmentalConsiderations", "energyConsumption"),
}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    category: str
    tier: str
    weight: float
    path: str
    doc_path: str
    openness: str
    where: str


@dataclass(frozen=True, slots=True)
class Table:
    fields: tuple[Field, ...]
    category_weights: dict[str, float]
    critical_penalty: dict[str, float]
    important_penalty: dict[str, float]
    profiles: dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    subtotal: float
    categories: dict[str, float]
    present: dict[str, bool]
    penalty: float
    profile: str


def load(path: Path = TABLE) -> Table:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    s = data["score"]
    return Table(
        fields=tuple(Field(**f) for f in data["field"]),
        category_weights=dict(s["category_weights"]),
        critical_penalty=dict(s["critical_penalty"]),
        important_penalty=dict(s["important_penalty"]),
        profiles={k: dict(v) for k, v in s["profiles"].items()},
    )


def _meaningful(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _walk(doc: Any, dotted: str) -> Any:
    """The value at ``a.b[0].c`` inside doc, or None."""
    current = doc
    for step in dotted.split("."):
        m = _STEP.match(step)
        if m is None or not isinstance(current, dict) or m["key"] not in current:
            return None
        current = current[m["key"]]
        if m["index"] is not None:
            i = int(m["index"])
            if not isinstance(current, list) or i >= len(current):
                return None
            current = current[i]
    return current


def at_path(doc: dict[str, Any], path: str) -> bool:
    """Whether doc holds a meaningful value at a path of the shapes the registry and documentation use."""
    m = _FILTER.match(path)
    if m is not None:
        items = _walk(doc, m["base"])
        if not isinstance(items, list):
            return False
        chosen = [i for i in items if isinstance(i, dict) and i.get(m["key"]) == m["value"]]
        return any(_meaningful(i.get(m["leaf"]) if m["leaf"] else i) for i in chosen)
    if not path.startswith("$."):
        raise ValueError(f"not a path of the registry's shapes: {path}")
    return _meaningful(_walk(doc, path[2:]))


def _names(props: Any) -> set[str]:
    return {p.get("name") for p in props if isinstance(p, dict)} if isinstance(props, list) else set()


def by_name(doc: dict[str, Any], field: str) -> bool:
    """The generator's second look: the field's name searched as a key in the usual places."""
    wanted = {field, f"spdx:{field}"}
    meta = doc.get("metadata") or {}
    if field in doc or field in meta or wanted & _names(meta.get("properties")):
        return True
    components = doc.get("components") or []
    if components and isinstance(components[0], dict):
        first = components[0]
        card = first.get("modelCard") or {}
        if field in first or wanted & _names(first.get("properties")) or field in card:
            return True
        if field in (card.get("modelParameters") or {}):
            return True
        considerations = card.get("considerations") or {}
        if field in considerations or any(considerations.get(s) for s in _CONSIDERATIONS.get(field, ())):
            return True
    if field == "downloadLocation":
        refs = doc.get("externalReferences") or []
        return any(r.get("type") == "distribution" and r.get("url") for r in refs if isinstance(r, dict))
    return False


def score(doc: dict[str, Any], table: Table, fallback: bool = True, documented: bool = False) -> Score:
    """The completeness score of one CycloneDX document as the generator computes it: the registry's path,
    then the name search. ``fallback=False``: the paths alone; ``documented=True``: the documentation's
    paths instead of the registry's."""

    def path(f: Field) -> str:
        return f.doc_path if documented else f.path

    present = {f.name: at_path(doc, path(f)) or (fallback and by_name(doc, f.name)) for f in table.fields}
    total, subtotal, categories, factor = tally(present, table)
    # a profile's required fields are looked for by name alone (with fallback) or by path alone
    look = (lambda name: by_name(doc, name)) if fallback else (lambda name: present.get(name, False))
    met = "incomplete"
    for name, profile in table.profiles.items():  # basic, standard, advanced: the last one met wins
        if total >= profile["minimum"] and all(look(f) for f in profile["required"]):
            met = name
    return Score(total, subtotal, categories, present, factor, met)


def tally(present: dict[str, bool], table: Table) -> tuple[float, float, dict[str, float], float]:
    """(total, subtotal, score per category, penalty factor) of a set of present fields."""
    categories: dict[str, float] = {}
    for category, weight in table.category_weights.items():
        mine = [f for f in table.fields if f.category == category]
        found = sum(present[f.name] for f in mine)
        categories[category] = round(found / len(mine) * weight, 1) if mine else 0.0
    subtotal = sum(categories.values())
    missing = {
        t: sum(1 for f in table.fields if f.tier == t and not present[f.name])
        for t in ("critical", "important")
    }
    factor = 1.0
    cp, ip = table.critical_penalty, table.important_penalty
    if missing["critical"] > cp["many"]:
        factor *= cp["many_factor"]
    elif missing["critical"] >= cp["some"]:
        factor *= cp["some_factor"]
    if missing["important"] >= ip["count"]:
        factor *= ip["factor"]
    return max(0.0, min(round(subtotal * factor, 1), 100.0)), subtotal, categories, factor


def subject_first(doc: dict[str, Any]) -> dict[str, Any]:
    """The same document with the BOM's subject (``metadata.component``) put first among ``components``:
    what the generator's ``components[0]`` paths would read if it looked at the subject."""
    subject = (doc.get("metadata") or {}).get("component")
    if not isinstance(subject, dict):
        return doc
    return {**doc, "components": [subject, *(doc.get("components") or [])]}
