"""The release as the verdict frameworks see it: each MOF component's presence, licence and evidence.

Built on the MOF engine's findings (default mode: licence strings normalised, the component's own
licence, else the release's licence for its content type, else the distribution licence), so every
framework reads presence and licences the same way MOF does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openness.domain.components import COMPONENTS
from openness.domain.release import Evidence, Release
from openness.frameworks.licence_facts import NOT_RELEASED, LicenceFacts, LicenceView, read_licence
from openness.frameworks.mof import engine as mof_engine
from openness.frameworks.mof.result import ComponentFinding, MofResult, Status

_PRESENT = (Status.COUNTED, Status.UNLICENSED, Status.INVALID)

PartState = Literal["present", "absent", "unknown"]
"""In the release (included or referenced); looked for and not there; could not be looked at."""


@dataclass(frozen=True, slots=True)
class Part:
    """One MOF component of a release, for the verdict frameworks."""

    name: str
    state: PartState
    finding: ComponentFinding
    licence: LicenceView
    evidence: tuple[Evidence, ...]
    locations: tuple[str, ...] = ()
    """Paths or URLs where the component is."""

    @property
    def present(self) -> bool:
        return self.state == "present"

    @property
    def shared(self) -> bool:
        """In the release (or linked from it) and not marked undisclosed, proprietary or not included."""
        # the markers of licence_facts.NOT_RELEASED; 'unlicensed' is a release without a licence, which
        # each licence rule fails
        return self.present and self.licence.kind not in NOT_RELEASED

    @property
    def unknown(self) -> bool:
        return self.state == "unknown"

    @property
    def counted(self) -> bool:
        """Present under a licence the MOF counts as open."""
        return self.finding.status is Status.COUNTED


@dataclass(frozen=True, slots=True)
class Parts:
    release: Release
    mof: MofResult
    by_name: dict[str, Part]

    def __getitem__(self, name: str) -> Part:
        return self.by_name[name]


def _state(f: ComponentFinding) -> PartState:
    if f.status in _PRESENT:
        return "present"
    if f.status is Status.UNKNOWN:
        # in the release, but its licence could not be read: present, with an unknown licence
        return "present" if f.presence in ("included", "referenced") else "unknown"
    return "absent"


def build_parts(release: Release, facts: LicenceFacts, mof: MofResult | None = None) -> Parts:
    """Every MOF component of the release, with its licence read through ``facts``, from the default-mode
    MOF result ``mof`` (evaluated here when not given). An assessment builds this once, in its
    ``Context``."""
    result = mof if mof is not None else mof_engine.evaluate(release)
    comps = {c.name: c for c in release.components}
    out: dict[str, Part] = {}
    for spec in COMPONENTS:
        f = result.finding(spec.name)
        assert f is not None
        comp = comps.get(spec.name)
        state = _state(f)
        # Absent: the release-level evidence is where openness looked and found nothing.
        evidence = comp.evidence if comp is not None and comp.evidence else release.evidence
        if state == "present" and f.status is Status.UNKNOWN:
            licence = LicenceView(None, "unknown", None)
        elif state == "present":
            licence = read_licence(f.licence_as_written, facts)
        else:
            licence = read_licence(None, facts)
        out[spec.name] = Part(
            spec.name, state, f, licence, evidence, comp.locations if comp is not None else ()
        )
    return Parts(release, result, out)


def evidence_of(*ps: Part) -> tuple[Evidence, ...]:
    """The evidence of several parts, each (source, locator) once, in order."""
    seen: dict[tuple[str, str], Evidence] = {}
    for p in ps:
        for e in p.evidence:
            seen.setdefault((e.source, e.locator), e)
    return tuple(seen.values())
