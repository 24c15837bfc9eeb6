"""What the licence text matcher answers: one record shared by the matcher (``detect``), the readers of
what a text says (``statements``), catalogue titles (``titles``) and sections (``sections``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openness.licences.sections import Section

UNRECOGNISED = "LicenseRef-openness-unrecognised"
"""The id of a licence text openness does not recognise: a licence is there, which one is unknown (never
'no licence', never open). It stands for a whole file, or for the modified part of a file whose other
licences are identified."""


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The licence found in a text. ``id`` is None when none is found with enough certainty."""

    id: str | None
    """SPDX id, catalogue LicenseRef or expression (two licences: ``A AND B``)."""
    similarity: float | None
    """Similarity to the reference text (``text``); None for headers and titles."""
    method: str
    """``header``, ``text``, ``title`` or ``none``."""
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()
    """The closest reference texts, best first, with their similarity."""
    differences: tuple[str, ...] = ()
    """What differs from the best reference: added and missing runs of words."""
    notes: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    """For a file read in parts (``openness.licences.sections``): each part with its lines."""


def replace_match(match: TextMatch, **changes: object) -> TextMatch:
    """``match`` with some fields changed."""
    return replace(match, **changes)  # type: ignore[arg-type]
