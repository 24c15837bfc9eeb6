"""What changed between two assessments of a release: the MOF class and progress, each framework's
verdict, each component's status and licence, with the evidence of the newer side.

Pure: two JSON results in (``json_report.to_dict``, or the same read back from a file written by
``openness assess -f json``), a ``Diff`` out, rendered as text, Markdown or JSON. Comparing JSON results
means an assessment saved last month compares with one made now, whatever changed in between.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from openness.frameworks.bar import VERDICT_RANK as _RANK  # best to worst, across the frameworks

_STATUS_RANK = {"included": 0, "referenced": 1, "unknown": 2, "absent": 3}
_MOF_RANK = {"counted": 0, "optional": 0, "unknown": 1, "invalid": 2, "unlicensed": 2, "missing": 3}


@dataclass(frozen=True, slots=True)
class Change:
    what: str
    """``mof``, ``mof-progress``, a framework key, or ``component``."""
    subject: str
    """The framework name, the class, or the component name."""
    old: str
    new: str
    direction: str
    """``up`` (more open), ``down`` (less open) or ``same-rank`` (different, neither better nor worse)."""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Diff:
    old_target: str
    new_target: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def went_down(self) -> bool:
        return any(c.direction == "down" for c in self.changes)

    @property
    def went_up(self) -> bool:
        return any(c.direction == "up" for c in self.changes)


def _direction(old_rank: int | None, new_rank: int | None) -> str:
    if old_rank is None or new_rank is None or old_rank == new_rank:
        return "same-rank"
    return "up" if new_rank < old_rank else "down"


def _mof_rank(klass: Any) -> int:
    return int(klass) if klass else 4


def compare(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """Every difference between two JSON results, in a stable order."""
    changes: list[Change] = []
    om, nm = old.get("mof") or {}, new.get("mof") or {}
    if om and nm:
        if om.get("class") != nm.get("class"):
            changes.append(
                Change(
                    "mof",
                    "MOF class",
                    str(om.get("label")),
                    str(nm.get("label")),
                    _direction(_mof_rank(om.get("class")), _mof_rank(nm.get("class"))),
                )
            )
        for klass in ("3", "2", "1"):
            a, b = (om.get("progress") or {}).get(klass), (nm.get("progress") or {}).get(klass)
            if a is not None and b is not None and abs(float(a) - float(b)) > 1e-9:
                label = {"3": "Class III", "2": "Class II", "1": "Class I"}[klass]
                changes.append(
                    Change("mof-progress", label, f"{a:.0f}%", f"{b:.0f}%", "up" if b > a else "down")
                )
    for key in sorted(set(old) & set(new)):
        a, b = old[key], new[key]
        if not (isinstance(a, dict) and isinstance(b, dict) and "findings" in a and "findings" in b):
            continue
        if a.get("verdict") != b.get("verdict"):
            changes.append(
                Change(
                    key,
                    str(b.get("framework", key)),
                    str(a.get("verdict")),
                    str(b.get("verdict")),
                    _direction(_RANK.get(str(a.get("verdict"))), _RANK.get(str(b.get("verdict")))),
                )
            )
    changes += _components(old, new)
    return Diff(str(old.get("target", "")), str(new.get("target", "")), tuple(changes))


def _components(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    oc = {c["name"]: c for c in old.get("components") or []}
    nc = {c["name"]: c for c in new.get("components") or []}
    om = {c["name"]: c for c in (old.get("mof") or {}).get("components") or []}
    nm = {c["name"]: c for c in (new.get("mof") or {}).get("components") or []}
    out = []
    for name, b in nc.items():
        a = oc.get(name)
        if a is None:
            continue
        ev = tuple(f"{e.get('locator')}: {e.get('detail')}" for e in b.get("evidence") or [])
        if a.get("status") != b.get("status"):
            out.append(
                Change(
                    "component",
                    name,
                    str(a.get("status")),
                    str(b.get("status")),
                    _direction(
                        _STATUS_RANK.get(str(a.get("status"))), _STATUS_RANK.get(str(b.get("status")))
                    ),
                    ev,
                )
            )
        la = (om.get(name) or {}).get("licence") or a.get("licence")
        lb = (nm.get(name) or {}).get("licence") or b.get("licence")
        both_there = "absent" not in (a.get("status"), b.get("status"))
        if la != lb and both_there:  # a component that came or went: its status change says it
            sa, sb = (om.get(name) or {}).get("status"), (nm.get(name) or {}).get("status")
            out.append(
                Change(
                    "licence",
                    name,
                    str(la or "none"),
                    str(lb or "none"),
                    _direction(_MOF_RANK.get(str(sa)), _MOF_RANK.get(str(sb))),
                    ev,
                )
            )
    return out


_ARROW = {"up": "▲ more open", "down": "▼ less open", "same-rank": "≠ changed"}


def to_text(d: Diff) -> str:
    lines = [f"openness diff: {d.old_target} → {d.new_target}"]
    if not d.changes:
        return lines[0] + "\nno change in class, verdicts, components or licences\n"
    for c in d.changes:
        lines.append(f"  {_ARROW[c.direction]:12}  {c.subject}: {c.old} → {c.new}")
        lines += [f"      {e}" for e in c.evidence[:3]]
    up = sum(c.direction == "up" for c in d.changes)
    down = sum(c.direction == "down" for c in d.changes)
    if up and down:
        verdict = f"mixed: {up} more open, {down} less open"
    else:
        verdict = "less open" if down else "more open" if up else "changed, neither more nor less open"
    lines.append(f"overall: {verdict}")
    return "\n".join(lines) + "\n"


def to_markdown(d: Diff) -> str:
    head = f"### openness diff: `{d.old_target}` → `{d.new_target}`\n\n"
    if not d.changes:
        return head + "No change in class, verdicts, components or licences.\n"
    rows = ["| | What | Before | After |", "|---|---|---|---|"]
    for c in d.changes:
        cells = [_ARROW[c.direction], c.subject, c.old, c.new]
        rows.append("| " + " | ".join(x.replace("|", "\\|").replace("\n", " ") for x in cells) + " |")
    return head + "\n".join(rows) + "\n"


def to_json(d: Diff) -> str:
    doc = {
        "old": d.old_target,
        "new": d.new_target,
        "went_down": d.went_down,
        "went_up": d.went_up,
        "changes": [change_to_dict(c) for c in d.changes],
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def change_to_dict(c: Change) -> dict[str, Any]:
    """One change as JSON holds it (the diff's output, the registry's stored changes)."""
    return {
        "what": c.what,
        "subject": c.subject,
        "old": c.old,
        "new": c.new,
        "direction": c.direction,
        "evidence": list(c.evidence),
    }
