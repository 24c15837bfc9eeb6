"""What the two AI bill-of-materials formats share: the release's pieces as the BOMs describe them.

An assessment becomes a list of ``BomPart``: the model (final parameters) and every other MOF component
openness found (included, referenced or unknown; an absent one is simply not listed), each with the
licence as it applies (for consumers), the licence as the release declares it (for an exact round trip),
where it is, and the evidence behind it. ``reports/cyclonedx.py`` and ``reports/spdx3.py`` write these
parts in their standard's shape; ``sources/aibom.py`` reads them back.

Properties the standards have no field for carry the ``openness:`` prefix; their names are listed here
once, for the writers and the reader.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from openness.domain.assessment import Assessment
from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Presence

MODEL = "Model parameters (Final)"
P_COMPONENT = "openness:mof-component"
P_PRESENCE = "openness:presence"
P_DECLARED = "openness:licence-declared"
P_DECLARED_AS = "openness:licence-as-declared"
P_LICENCE_PATH = "openness:licence-path"
P_LICENCE_UNREAD = "openness:licence-unread"
P_EVIDENCE = "openness:evidence"
P_RELEASE_LICENCE = "openness:release-licence:"
P_RELEASE_FIELD = "openness:release:"
P_RESULT = "openness:result:"
RELEASE_FIELDS = ("version", "date", "type", "architecture", "treatment", "origin", "producer", "contact")
CONTENT_TYPES = {c.name: c.content_type for c in COMPONENTS}


@dataclass(frozen=True, slots=True)
class BomPart:
    name: str
    """The MOF component name."""
    component: Component | None
    """As the release lists it (None: the model itself when the release has no final parameters)."""
    licence: str | None
    """The licence that applies (the component's own, else the release's), as openness resolved it."""
    ref: str
    """A stable identifier inside the document."""

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.name, "code")

    @property
    def presence(self) -> str:
        return self.component.presence.value if self.component is not None else Presence.ABSENT.value

    @property
    def urls(self) -> tuple[str, ...]:
        locs = self.component.locations if self.component is not None else ()
        return tuple(loc for loc in locs if loc.startswith(("https://", "http://")))

    def properties(self) -> list[tuple[str, str]]:
        """The ``openness:`` properties of this part, in a stable order."""
        out = [(P_COMPONENT, self.name), (P_PRESENCE, self.presence)]
        c = self.component
        if c is None:
            return out
        out.append((P_DECLARED, "true" if c.licence_declared else "false"))
        if c.licence is not None:
            out.append((P_DECLARED_AS, c.licence))
        if c.licence_path:
            out.append((P_LICENCE_PATH, c.licence_path))
        if c.licence_unread:
            out.append((P_LICENCE_UNREAD, "true"))
        for loc in c.locations:
            if not loc.startswith(("https://", "http://")):
                out.append(("openness:location", loc))
        for e in c.evidence:
            out.append((P_EVIDENCE, f"{e.source} | {e.rule} | {e.locator} | {e.confidence:g} | {e.detail}"))
        return out


def _ref(name: str) -> str:
    return "openness-" + name.lower().replace(" ", "-").replace("(", "").replace(")", "")


def parts(a: Assessment) -> list[BomPart]:
    """The model first, then every other component the release lists, in MOF order."""
    mof: Any = a.results.get("mof")
    effective: dict[str, str | None] = {}
    if mof is not None:
        for f in mof.components:
            effective[f.name] = f.licence or f.licence_as_written
    listed = {c.name: c for c in a.release.components}
    out = [BomPart(MODEL, listed.get(MODEL), effective.get(MODEL), _ref(MODEL))]
    for spec in COMPONENTS:
        c = listed.get(spec.name)
        if spec.name == MODEL or c is None or c.presence is Presence.ABSENT:
            continue
        out.append(BomPart(spec.name, c, effective.get(spec.name, c.licence), _ref(spec.name)))
    return out


def release_properties(a: Assessment) -> list[tuple[str, str]]:
    """Release-wide facts and the assessment's headline results, as ``openness:`` properties."""
    r = a.release
    out = [(P_RELEASE_FIELD + k, getattr(r, k)) for k in RELEASE_FIELDS if getattr(r, k)]
    out += [(P_RELEASE_FIELD + "link:" + k, v) for k, v in sorted(r.links.items())]
    for scope, lic in sorted(r.licences.items()):
        if lic.name:
            out.append((P_RELEASE_LICENCE + scope, lic.name))
    out += [("openness:note", n) for n in r.notes]
    mof: Any = a.results.get("mof")
    if mof is not None:
        out += [(P_RESULT + "mof:class", str(mof.mof_class)), (P_RESULT + "mof:label", mof.label)]
    for key, result in a.results.items():
        verdict = getattr(result, "verdict", None)
        if key != "mof" and isinstance(verdict, str):
            out.append((P_RESULT + f"{key}:verdict", verdict))
    out += [("openness:version:" + k, v) for k, v in sorted(a.versions.items())]
    return out


def document_id(a: Assessment, fmt: str) -> uuid.UUID:
    """A stable identifier: the same assessment gives the same document, byte for byte."""
    from openness.reports import json_report

    digest = hashlib.sha256(json_report.dumps(json_report.to_dict(a)).encode("utf-8")).hexdigest()
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:openness:{fmt}:{digest}")
