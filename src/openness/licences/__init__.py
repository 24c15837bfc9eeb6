"""Licence knowledge: SPDX facts, the AI licence catalogue, the MOT's licence table, the normaliser of
licence strings and the detector of licence texts.

Pure: reads only the data shipped in this package and its pinned data dependencies (and keeps the
word lists prepared from the reference texts in the user's cache folder: ``prepared.py``).

    >>> from openness.licences import identify
    >>> identify("Apache 2.0").id
    'Apache-2.0'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openness.licences.identification import Identification, identify, identify_text

__all__ = ["Identification", "identify", "identify_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from openness.licences import identification

        return getattr(identification, name)
    raise AttributeError(f"module 'openness.licences' has no attribute {name!r}")
