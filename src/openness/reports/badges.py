"""README badges for an assessment: an SVG in the flat style README badges use, and the JSON a
shields.io endpoint badge reads (https://shields.io/badges/endpoint-badge: schemaVersion, label,
message, color).

Pure: an assessment in, text out. Text widths are estimated from per-character advance widths of an
11 px sans-serif (the badge font), so a badge fits its words without measuring fonts at run time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openness.domain.assessment import Assessment

# Colours (shields.io's named colours, as hex so the SVG needs no lookup).
COLOURS = {
    "brightgreen": "#4c1",
    "green": "#97ca00",
    "yellowgreen": "#a4a61d",
    "yellow": "#dfb317",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "lightgrey": "#9f9f9f",
}
MOF_COLOURS = {1: "brightgreen", 2: "green", 3: "yellowgreen", 0: "red"}
VERDICT_COLOURS = {
    "meets": "brightgreen",
    "open": "brightgreen",
    "meets-with-caveats": "yellowgreen",
    "partial": "yellowgreen",
    "cannot-tell": "lightgrey",
    "does-not-meet": "red",
    "closed": "red",
}

_NARROW = set("fijlrtI.,:;!|'` ()[]")
_WIDE = set("mwMW@%")


def text_width(text: str) -> int:
    """Estimated width in pixels of ``text`` at 11 px."""
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 3.6
        elif ch in _WIDE:
            total += 10.0
        elif ch.isupper() or ch.isdigit():
            total += 7.2
        else:
            total += 6.4
    return round(total)


@dataclass(frozen=True, slots=True)
class Badge:
    label: str
    message: str
    colour: str
    """A key of ``COLOURS``."""


def subjects() -> tuple[str, ...]:
    """What a badge can show: the MOF class, or the verdict of any framework in the registry."""
    from openness.frameworks.registry import KEYS

    return KEYS


def badge_for(a: Assessment, key: str) -> Badge:
    """The badge of one framework's result: the MOF class, or another framework's verdict."""
    result: Any = a.results.get(key)
    label = key.replace("_", " ").upper() if key != "mof" else "MOF"
    version = a.versions.get(key, "")
    if key != "mof" and version and " " not in version:
        label += f" {version}"
    if result is None:
        return Badge(label, "not assessed", "lightgrey")
    if key == "mof":
        klass = result.mof_class
        message = {1: "Class I", 2: "Class II", 3: "Class III"}.get(klass, "unclassified")
        return Badge(label, message, MOF_COLOURS.get(klass, "red"))
    verdict = str(result.verdict)
    return Badge(label, verdict.replace("-", " "), VERDICT_COLOURS.get(verdict, "lightgrey"))


def endpoint_json(badge: Badge) -> str:
    """The shields.io endpoint JSON for a badge."""
    doc = {"schemaVersion": 1, "label": badge.label, "message": badge.message, "color": badge.colour}
    return json.dumps(doc, sort_keys=True) + "\n"


def svg(badge: Badge) -> str:
    """A flat badge: grey label, coloured message, with a title for screen readers."""
    pad = 6
    lw = text_width(badge.label) + 2 * pad
    mw = text_width(badge.message) + 2 * pad
    width = lw + mw
    colour = COLOURS[badge.colour]
    label, message = escape(badge.label), escape(badge.message)
    title = f"{label}: {message}"
    # ids unique to the badge, so two badges inlined in one page never share a clip path
    uid = hashlib.sha256(f"{badge.label}|{badge.message}|{badge.colour}".encode()).hexdigest()[:8]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{title}">'
        f"<title>{title}</title>"
        f'<linearGradient id="s{uid}" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r{uid}"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r{uid})"><rect width="{lw}" height="20" fill="#555"/>'
        f'<rect x="{lw}" width="{mw}" height="20" fill="{colour}"/>'
        f'<rect width="{width}" height="20" fill="url(#s{uid})"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'font-size="11">'
        f'<text x="{lw / 2:g}" y="15" fill="#010101" fill-opacity=".3">{label}</text>'
        f'<text x="{lw / 2:g}" y="14">{label}</text>'
        f'<text x="{lw + mw / 2:g}" y="15" fill="#010101" fill-opacity=".3">{message}</text>'
        f'<text x="{lw + mw / 2:g}" y="14">{message}</text></g></svg>\n'
    )
