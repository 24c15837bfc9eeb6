"""Rule ``data-terms``: a README notice led by a bold label that names a licence ("**Usage and License
Notices**: …") and speaks of the release's data states the data's terms apart from the repository's
licence file. When the licence reader names one licence for that notice, it is the data's; when it names
none (the notice mixes a licence with further restrictions, or words no licence text holds), the data's
licence is unknown — the licence file, written for the code, does not reach the data then."""

from __future__ import annotations

import re

from openness.licences.identification import identify_text
from openness.licences.statements import covered, plain

NOTICE = re.compile(
    r"^[ \t>]*(?:\*\*|__)([^*_\n]{0,60}(?<![a-z])licen[cs]e[^*_\n]{0,40})(?:\*\*|__)"
    r"[ \t]*:?[ \t]*(\S[^\n]{0,2000})$",
    re.IGNORECASE | re.MULTILINE,
)
"""A paragraph opening with a bold label naming a licence; the paragraph is the rest of its line."""


def data_terms(text: str) -> tuple[int, str | None, float] | None:
    """(line, licence id or None when not recognised, confidence) the README's notice states for its
    data, or None when no such notice speaks of data."""
    for m in NOTICE.finditer(text):
        body = plain(m.group(2))
        kinds, _ = covered(plain(m.group(0)))  # the label says the paragraph is about licences
        if "data" not in kinds:
            continue
        line = text.count("\n", 0, m.start()) + 1
        ident = identify_text(body, "README")
        if ident.id is None or ident.kind == "policy":
            return line, None, 0.6
        return line, str(ident.id), min(ident.confidence, 0.8)
    return None
