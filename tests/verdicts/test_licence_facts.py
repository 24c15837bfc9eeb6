from __future__ import annotations

from types import SimpleNamespace

import pytest

from openness.frameworks.licence_facts import DefaultLicenceFacts, read_licence

from .helpers import FACTS


@pytest.mark.parametrize(
    ("raw", "kind", "label", "osi"),
    [
        ("Apache-2.0", "known", "Apache-2.0", True),
        ("Apache 2.0", "known", "Apache-2.0", True),
        ("MIT OR CC-BY-NC-4.0", "known", "MIT", True),
        ("GPL-2.0-only AND CC-BY-4.0", "known", "GPL-2.0-only AND CC-BY-4.0", False),
        ("CC-BY-4.0", "known", "CC-BY-4.0", False),
        # without the catalogue, an id it would know stays unresolved: named, never judged open
        ("Llama 2 Community License", "unresolved", "LicenseRef-scancode-llama-2-license-2023", None),
        ("unlicensed", "none", "no licence", None),
        ("", "none", "no licence", None),
        (None, "none", "no licence", None),
        ("Undisclosed", "undisclosed", "'Undisclosed'", None),
    ],
)
def test_read_licence_through_spdx_facts(raw: str | None, kind: str, label: str, osi: bool | None) -> None:
    v = read_licence(raw, DefaultLicenceFacts(use_catalogue=False))
    assert (v.kind, v.label, v.osi_approved) == (kind, label, osi)


def test_creative_commons_nc_and_nd_become_clauses() -> None:
    v = read_licence("CC-BY-NC-ND-4.0", DefaultLicenceFacts(use_catalogue=False))
    assert {c.flag for c in v.use_restrictions} == {"non-commercial", "no-derivatives"}
    assert v.osd_compliant is False and v.eu_foss is False


def test_open_data_licences_are_open_terms_but_not_osi() -> None:
    v = read_licence("CDLA-Permissive-2.0", DefaultLicenceFacts(use_catalogue=False))
    assert v.open_terms and v.osi_approved is False and not v.use_restrictions


def test_catalogue_entries_give_clauses_for_custom_licences() -> None:
    entry = SimpleNamespace(
        id="LicenseRef-scancode-llama-2-license-2023",
        name="Llama 2 Community License",
        spdx_listed=False,
        restrictions=(SimpleNamespace(flag="acceptable-use-policy", detail="Llama 2 AUP", source="Meta"),),
        osd_compliant=False,
        osd_reason="use restrictions",
        eu_foss=False,
        eu_reason="AUP",
        source="catalogue",
    )
    seen: list[str] = []

    def lookup(licence: str) -> object | None:
        seen.append(licence)
        return entry if licence == entry.id else None

    v = read_licence("Llama 2 Community License", DefaultLicenceFacts(catalogue=lookup))
    assert v.known and v.osi_approved is False
    assert v.cite() == ("LicenseRef-scancode-llama-2-license-2023: acceptable-use-policy: Llama 2 AUP",)
    assert entry.id in seen  # looked up by the id the string normalises to


def test_fake_facts_are_used_for_unresolved_strings() -> None:
    v = read_licence("Test-AUP-1.0", FACTS)
    assert v.known and {c.flag for c in v.use_restrictions} == {"acceptable-use-policy", "user-cap"}


def test_scancode_licence_refs_are_looked_up_by_their_key() -> None:
    asked: list[str] = []

    def lookup(licence: str) -> object | None:
        asked.append(licence)
        return None

    DefaultLicenceFacts(catalogue=lookup).lookup("LicenseRef-scancode-llama-2-license-2023")
    assert asked == ["LicenseRef-scancode-llama-2-license-2023", "llama-2-license-2023"]
