"""Builders for verdict tests: releases from component tuples, and fake licence facts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.frameworks.licence_facts import Clause, LicenceFact, spdx_fact

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OSI_REVIEWED = EXAMPLES / "osi-reviewed"
TESTDATA = ROOT / ".." / "shared" / "testdata"

ALL_OSAID = (
    "Datasets",
    "Data card",
    "Research paper",
    "Technical report",
    "Data preprocessing code",
    "Training code",
    "Supporting libraries and tools",
    "Inference code",
    "Model architecture",
    "Model parameters (Final)",
)


def comp(
    name: str,
    licence: str | None = "Apache-2.0",
    presence: Presence = Presence.INCLUDED,
    locations: tuple[str, ...] = (),
) -> Component:
    ev = Evidence("test", f"test:{name}", "test.listed", 1.0, f"{name} listed")
    return Component(name, presence, licence, licence is not None, locations=locations, evidence=(ev,))


def release(components: Iterable[Component], distribution: str | None = None, name: str = "r") -> Release:
    licences = {"distribution": GlobalLicence(distribution)} if distribution else {}
    return Release(
        name,
        components=tuple(components),
        licences=licences,
        evidence=(Evidence("test", "test:release", "test.record"),),
    )


def full_release(**overrides: str | None) -> Release:
    """Every OSAID component present; documents CC-BY-4.0, code Apache-2.0, data CDLA; overrides by name."""
    default = {
        "Datasets": "CDLA-Permissive-2.0",
        "Data card": "CC-BY-4.0",
        "Research paper": "CC-BY-4.0",
        "Technical report": "CC-BY-4.0",
        "Model parameters (Final)": "Apache-2.0",
        "Model card": "CC-BY-4.0",
    }
    names = [*ALL_OSAID, "Model card"]
    out = []
    for n in names:
        key = n
        lic = overrides.get(key, default.get(n, "Apache-2.0"))
        if lic == "ABSENT":
            continue
        out.append(comp(n, lic))
    return release(out)


class FakeFacts:
    """LicenceFacts from a dict; unknown ids fall back to the SPDX facts (so Apache-2.0 still works)."""

    def __init__(self, table: Mapping[str, LicenceFact]) -> None:
        self.table = dict(table)

    def lookup(self, licence: str) -> LicenceFact | None:
        return self.table.get(licence) or spdx_fact(licence)


def custom(
    lid: str, *flags: str, osi: bool | None = False, osd: bool | None = False, eu: bool | None = False
) -> LicenceFact:
    clauses = tuple(Clause(f, f"{f} clause of {lid}", "test catalogue") for f in flags)
    return LicenceFact(lid, lid, osi, False, osd, "test", eu, "test reason", clauses, "test")


AUP = custom("Test-AUP-1.0", "acceptable-use-policy", "user-cap")
FACTS = FakeFacts(
    {
        "Test-AUP-1.0": AUP,
        "Test-Attribution-1.0": custom("Test-Attribution-1.0", "attribution", osd=True, eu=True),
        "Test-Naming-1.0": custom("Test-Naming-1.0", "naming-requirement", osd=True, eu=True),
        "Test-NC-1.0": custom("Test-NC-1.0", "non-commercial"),
        "Test-NoImprove-1.0": custom("Test-NoImprove-1.0", "no-improving-other-models"),
        "Test-Remote-1.0": custom("Test-Remote-1.0", "remote-restriction"),
        "Test-Unknown-1.0": custom("Test-Unknown-1.0", osi=None, osd=None, eu=None),
    }
)
