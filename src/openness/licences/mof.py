"""The licence facts the MOF engine needs, in its two modes.

- ``MotTable``: the Model Openness Tool's table, matched literally (MOT-compatible mode).
- ``open_for`` and ``content_types``: the same MOF rules over SPDX facts (default mode).

Sources: ``data/mot_compat.json`` (the MOT's licence lists) and ``data/open_data.json``.
"""

from __future__ import annotations

from functools import cache

from openness.licences import spdx
from openness.licences.data import load


@cache
def open_data_ids() -> frozenset[str]:
    """Licences the MOT and MOF accept as open data or open content licences."""
    return frozenset(load("open_data.json")["open_data_ids"])


@cache
def default_open_data_ids() -> frozenset[str]:
    """The same, plus the SPDX spellings of ids the MOT writes otherwise (ODC-PDDL-1.0 is SPDX PDDL-1.0):
    the default mode's list."""
    return open_data_ids() | frozenset(load("open_data.json")["default_mode_spellings"]["ids"])


class MotTable:
    """The MOT's licence table: literal ids, its SPDX snapshot's flags, its content-type overrides
    (a later entry for an id replaces an earlier one entirely, as in the MOT)."""

    __slots__ = ("open_ids", "types")

    def __init__(self) -> None:
        data = load("mot_compat.json")
        self.open_ids: frozenset[str] = frozenset(data["open_ids"]) | open_data_ids()
        types: dict[str, frozenset[str]] = {}
        for entry in data["mof_overrides"]:
            types[entry["id"]] = frozenset(entry["types"])
        self.types = types

    def is_open(self, licence_id: str) -> bool:
        return licence_id in self.open_ids

    def content_types(self, licence_id: str) -> frozenset[str]:
        return self.types.get(licence_id, frozenset())


@cache
def mot_table() -> MotTable:
    return MotTable()


@cache
def mof_content_types() -> dict[str, frozenset[str]]:
    """Content types per licence in the MOF table, every entry for an id taken together (default
    mode: the MOT keeps only the last entry, so CC0-1.0 would suit documents but not data)."""
    types: dict[str, set[str]] = {}
    for entry in load("mot_compat.json")["mof_overrides"]:
        types.setdefault(entry["id"], set()).update(entry["types"])
    # Open data and content licences suit data and documents (MOF v1.0 spec, licence expectations).
    for licence_id in default_open_data_ids():
        types.setdefault(licence_id, set()).update({"data", "document"})
    return {k: frozenset(v) for k, v in types.items()}


def is_open_id(licence_id: str) -> tuple[bool, str]:
    """Whether an SPDX id (or the project's LicenseRef) is open under the MOF's rules, and why."""
    if licence_id in default_open_data_ids():
        return True, f"{licence_id} is an open data/content licence (MOF)"
    if spdx.is_osi_approved(licence_id):
        return True, f"{licence_id} is OSI-approved (SPDX list)"
    if spdx.is_fsf_libre(licence_id):
        return True, f"{licence_id} is FSF-libre (SPDX list)"
    from openness.licences import catalogue

    entry = catalogue.lookup(licence_id)
    if entry is not None and not entry.spdx_listed:
        if entry.osd_compliant:
            return True, f"{licence_id} ({entry.name}) is open: {entry.osd_reason} (catalogue)"
        flags = ", ".join(dict.fromkeys(r.flag for r in entry.restrictions)) or "no open-source terms"
        return False, f"{licence_id} ({entry.name}) is not open: {flags} (catalogue)"
    if licence_id in spdx.LICENSES:
        extra = ""
        if entry is not None and entry.restrictions and entry.osd_compliant is False:
            extra = " (" + ", ".join(dict.fromkeys(r.flag for r in entry.restrictions)) + ")"
        return False, f"{licence_id} is neither OSI-approved, FSF-libre nor an open data licence{extra}"
    return False, f"{licence_id} is not a licence openness knows to be open"


def content_types(licence_id: str) -> frozenset[str]:
    """The MOF content types a licence suits (default mode). OSI-approved licences suit code; a catalogue
    licence judged open that no table lists (a LicenseRef) suits every type it was written for: all."""
    types = set(mof_content_types().get(licence_id, ()))
    if spdx.is_osi_approved(licence_id):
        types.add("code")
    if not types and licence_id.startswith("LicenseRef-"):
        from openness.licences import catalogue

        entry = catalogue.lookup(licence_id)
        if entry is not None and entry.osd_compliant:
            types.update(("code", "data", "document"))
    return frozenset(types)
