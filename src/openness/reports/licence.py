"""Renderers for ``openness licence``: the JSON record of an identification and a terminal table.

Pure: they turn :class:`~openness.licences.identification.Identification` records into text.
"""

from __future__ import annotations

from typing import Any

from openness.licences.identification import Identification


def to_dict(ident: Identification) -> dict[str, Any]:
    """The JSON record of one identification (field names are part of the CLI's contract); text that came
    from the input is escaped as a release's text is (a lone surrogate never makes it unwritable)."""
    from openness.domain.text import clean_value

    record: dict[str, Any] = {
        "input": ident.input,
        "kind": ident.kind,
        "id": ident.id,
        "scancode_key": ident.scancode_key,
        "name": ident.name,
        "family": ident.family,
        "spdx_listed": ident.spdx_listed,
        "osi_approved": ident.osi_approved,
        "fsf_libre": ident.fsf_libre,
        "deprecated": ident.deprecated,
        "open_for": dict(ident.open_for),
        "osd_compliant": ident.osd_compliant,
        "osd_reason": ident.osd_reason,
        "eu_foss": ident.eu_foss,
        "eu_reason": ident.eu_reason,
        "restrictions": [
            {"flag": r.flag, "detail": r.detail, "source": r.source} for r in ident.restrictions
        ],
        "confidence": round(ident.confidence, 4),
        "matched_by": ident.matched_by,
        "method": ident.method,
        "similarity": ident.similarity,
        "differences": list(ident.differences),
        "candidates": [{"id": c, "similarity": s} for c, s in ident.candidates],
        "notes": list(ident.notes),
        "aup_of": ident.policy_of,
        "sections": [
            {"lines": [x.start, x.end], "kind": x.kind, "id": x.id, "scope": x.scope, "detail": x.detail}
            for x in ident.sections
        ],
    }
    cleaned: dict[str, Any] = clean_value(record)
    return cleaned


def _verdict(value: bool | None) -> str:
    return {True: "[green]yes[/green]", False: "[red]no[/red]", None: "[magenta]unknown[/magenta]"}[value]


def render(idents: list[Identification], console: Any) -> None:
    """Print identifications to a ``rich.console.Console``, one block each. Every text that comes
    from the input or the data is escaped: square brackets are text, not Rich markup."""
    from rich.markup import escape

    for ident in idents:
        title = ident.id or f"unknown ({ident.kind})"
        console.print(
            f"[bold]{escape(ident.input)}[/bold] → [bold]{escape(title)}[/bold]"
            + (f"  [dim]{escape(ident.name)}[/dim]" if ident.name else "")
        )
        how = ident.matched_by or "no match"
        sim = f", similarity {ident.similarity:.1%}" if ident.similarity is not None else ""
        console.print(f"  matched by {escape(how)} ({ident.method}), confidence {ident.confidence:.2f}{sim}")
        facts = [
            f"family {ident.family}" if ident.family else None,
            f"ScanCode {ident.scancode_key}" if ident.scancode_key else None,
            "SPDX-listed" if ident.spdx_listed else None,
            "OSI-approved" if ident.osi_approved else None,
            "FSF-libre" if ident.fsf_libre else None,
        ]
        shown = [f for f in facts if f]
        if shown:
            console.print("  " + " · ".join(shown))
        fits = ", ".join(t for t, ok in ident.open_for.items() if ok) or "nothing"
        console.print(f"  open for (MOF): {fits}")
        osd_reason = escape(ident.osd_reason)
        console.print(f"  OSD / OSAID: {_verdict(ident.osd_compliant)}  [dim]{osd_reason}[/dim]")
        console.print(f"  EU AI Act FOSS: {_verdict(ident.eu_foss)}  [dim]{escape(ident.eu_reason)}[/dim]")
        for r in ident.restrictions:
            console.print(
                f"  • [yellow]{escape(r.flag)}[/yellow]: {escape(r.detail)} [dim]({escape(r.source)})[/dim]"
            )
        for d in ident.differences:
            console.print(f"  [red]≠[/red] {escape(d)}")
        if ident.id is None and ident.candidates:
            console.print("  closest: " + ", ".join(f"{c} ({s:.1%})" for c, s in ident.candidates[:3]))
        for note in ident.notes:
            console.print(f"  [dim]note: {escape(note)}[/dim]")
        console.print()


def render_sources(rows: list[dict[str, str]], console: Any) -> None:
    """Print where the licence data and reference texts come from."""
    from rich.table import Table

    table = Table(title="Licence data and reference texts", title_justify="left", show_lines=True)
    for col in ("Data", "Version", "Source", "Terms"):
        table.add_column(col)
    for row in rows:
        table.add_row(row["name"], row["version"], row["source"], row["licence"])
    console.print(table)
