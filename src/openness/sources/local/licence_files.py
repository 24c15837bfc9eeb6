"""Recognise licence files and say which licence a licence file's text is.

``identify_licence_text`` is the one seam behind which licence-text detection sits. Today it reads
SPDX-License-Identifier lines, then the title and first lines of the common licences (texts as published
by the SPDX project, spdx.org/licenses, and Creative Commons); a custom licence whose title says it is a
licence ("LLAMA 2 COMMUNITY LICENSE AGREEMENT") is returned as its title text, as written, so that the
licence normaliser can report it as not recognised rather than guess. A full-text matcher can replace
the body of this function without changing its callers.
"""

from __future__ import annotations

import re

from openness.sources.local.text import spdx_ids

_NAME_RE = re.compile(r"^(?:.*[_\-.])?(?:licen[cs]e|copying|unlicense)(?:[_\-.].*)?$", re.IGNORECASE)
_CODE_EXT = frozenset(
    {".py", ".js", ".ts", ".json", ".yaml", ".yml", ".toml", ".c", ".h", ".rs", ".go", ".java"}
)
_HEAD_CHARS = 6000
_MODIFIED = 0.85
"""A text this similar to a known licence that the matcher still refuses is a modified licence."""

# (licence id, patterns that must all occur in the folded head of the text, patterns that must not).
# Order matters: the more specific first. Source of the wording: the licence texts themselves.
_TEXT_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("AGPL-3.0-only", ("gnu affero general public license", "version 3"), ()),
    ("LGPL-3.0-only", ("gnu lesser general public license", "version 3"), ()),
    ("LGPL-2.1-only", ("gnu lesser general public license", "version 2.1"), ()),
    ("LGPL-2.0-only", ("gnu library general public license", "version 2"), ()),
    ("GPL-3.0-only", ("gnu general public license", "version 3"), ("lesser", "affero", "library")),
    ("GPL-2.0-only", ("gnu general public license", "version 2"), ("lesser", "affero", "library")),
    ("MPL-2.0", ("mozilla public license", "2.0"), ()),
    ("Apache-2.0", ("apache license", "version 2.0"), ()),
    ("CC-BY-NC-SA-4.0", ("attribution-noncommercial-sharealike 4.0 international",), ()),
    ("CC-BY-NC-ND-4.0", ("attribution-noncommercial-noderivatives 4.0 international",), ()),
    ("CC-BY-NC-4.0", ("attribution-noncommercial 4.0 international",), ()),
    ("CC-BY-ND-4.0", ("attribution-noderivatives 4.0 international",), ()),
    ("CC-BY-SA-4.0", ("attribution-sharealike 4.0 international",), ()),
    ("CC-BY-4.0", ("attribution 4.0 international",), ()),
    ("CC0-1.0", ("cc0 1.0 universal",), ()),
    ("Unlicense", ("free and unencumbered software released into the public domain",), ()),
    ("BSD-3-Clause", ("redistribution and use in source and binary forms", "neither the name"), ()),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",), ("neither the name",)),
    ("MIT", ("permission is hereby granted, free of charge, to any person obtaining a copy",), ()),
    ("ISC", ("permission to use, copy, modify, and/or distribute this software for any purpose",), ()),
    ("BSL-1.0", ("boost software license - version 1.0",), ()),
)
_STANDARD_TITLES = (
    "apache license",
    "mit license",
    "bsd ",
    "gnu ",
    "mozilla public license",
    "creative commons",
    "attribution",
    "cc0",
    "the unlicense",
    "isc license",
    "boost software",
)
_TITLE_WORDS = re.compile(r"\b(licen[cs]e|agreement|terms of use)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def is_licence_file(name: str) -> bool:
    """True for LICENSE, LICENCE.md, COPYING, LICENSE-APACHE, MODEL_LICENSE … (not code or data files)."""
    lower = name.lower()
    dot = lower.rfind(".")
    if dot > 0 and lower[dot:] in _CODE_EXT:
        return False
    return bool(_NAME_RE.match(name))


def _title(text: str) -> str:
    for line in text.splitlines()[:8]:
        stripped = line.strip().strip("#=*-_ ").strip()
        if stripped:
            return _SPACES.sub(" ", stripped)[:120]
    return ""


def identify_licence_text(text: str) -> tuple[str | None, str, float]:
    """(licence id or title as written, or None; method; confidence 0–1) for the text of a licence file.

    Methods: ``spdx-header`` (an SPDX-License-Identifier line); ``text:…`` (the licence module's text
    matcher, ``openness.licences.detect``: full texts of the SPDX licences and the AI licence catalogue,
    robust to reflowing and changed notices, refusing modified texts); ``title`` (a text the matcher
    does not accept, whose title names a licence: returned as written, so the normaliser can say what it
    is or that it is not recognised); ``none``.
    """
    ids = spdx_ids(text[:_HEAD_CHARS])
    if ids:
        return ids[0][1], "spdx-header", 1.0
    from openness.licences.detect import identify_text

    match = identify_text(text)
    if match.id is not None:
        return match.id, f"text:{match.method}", match.confidence
    if match.candidates and match.candidates[0][1] >= _MODIFIED:
        # close to a known licence but not it: a modified licence is not that licence
        return None, "text:modified", 0.0
    title = _title(text)
    folded_title = title.casefold()
    custom_title = bool(_TITLE_WORDS.search(title)) and not folded_title.startswith(_STANDARD_TITLES)
    if not custom_title:
        # too little text for the matcher (a header, a notice, the first lines): the common licences'
        # title and characteristic first lines
        head = _SPACES.sub(" ", text[:_HEAD_CHARS]).casefold()
        for licence, needed, excluded in _TEXT_RULES:
            if all(n in head for n in needed) and not any(x in head for x in excluded):
                return licence, "text-phrases", 0.7
    if _TITLE_WORDS.search(title):
        return title, "title", 0.6
    return None, "none", 0.0
