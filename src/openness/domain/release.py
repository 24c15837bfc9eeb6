"""A model release as evidence describes it: its metadata, licences and components.

Values are immutable (frozen dataclasses, tuples, read-only mappings) and round-trip through JSON
(see ``openness.domain.serialize``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from openness.domain.text import LONG_LIMIT, clean, clean_optional, clean_value

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    return _EMPTY


def frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of ``value`` (nested values are kept as they are)."""
    if not value:
        return _EMPTY
    return MappingProxyType(dict(value))


class Presence(StrEnum):
    """Whether a component is part of the release. Never collapse one state into another."""

    INCLUDED = "included"
    """In the release itself (a file in the tree, or listed as included in a record)."""
    REFERENCED = "referenced"
    """Released elsewhere and linked from the release (the URL is kept in ``locations``)."""
    ABSENT = "absent"
    """Looked for and not there."""
    UNKNOWN = "unknown"
    """Could not look (network error, gated repository, scan budget)."""


class ReleaseKind(StrEnum):
    """What a scanned tree is. Only a model release gets the component-by-component to-do list."""

    MODEL = "model"
    """A model release: weights, a model card or a model's architecture, included or linked."""
    LIBRARY = "library"
    """A software library or tool with no model of its own."""
    BENCHMARK = "benchmark"
    """An evaluation harness or benchmark: it evaluates models, it releases none."""
    LICENCE_TEXTS = "licence-texts"
    """A repository of licence texts."""


class LicenceScope(StrEnum):
    """The release-wide licence slots of a MOT record: one per content type, plus distribution."""

    DISTRIBUTION = "distribution"
    CODE = "code"
    DATA = "data"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact and where it came from."""

    source: str
    """The collector that found it: ``mot-yaml``, ``local``, ``git``, ``hf`` …"""
    locator: str
    """Where: ``path/to/file:line``, a URL with revision, or a card field."""
    rule: str
    """How it was found: the name of the rule that produced it."""
    confidence: float = 1.0
    """0–1: how sure the rule is."""
    detail: str = ""
    """A short human-readable statement of the fact."""

    def __post_init__(self) -> None:
        # Text from a release is made safe where it enters the domain (see ``openness.domain.text``).
        object.__setattr__(self, "source", clean(self.source))
        object.__setattr__(self, "locator", clean(self.locator))
        object.__setattr__(self, "rule", clean(self.rule))
        object.__setattr__(self, "detail", clean(self.detail, LONG_LIMIT))


@dataclass(frozen=True, slots=True)
class GlobalLicence:
    """A release-wide licence declaration for one scope."""

    name: str | None
    path: str | None = None
    extra: Mapping[str, Any] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_optional(self.name))
        object.__setattr__(self, "path", clean_optional(self.path))
        object.__setattr__(self, "extra", frozen_mapping(clean_value(self.extra)))


@dataclass(frozen=True, slots=True)
class Component:
    """One MOF component of a release, as the evidence shows it."""

    name: str
    presence: Presence = Presence.INCLUDED
    licence: str | None = None
    """The licence declared for this component alone, as written (an id, a name or an expression)."""
    licence_declared: bool = False
    """True when the component declares its own licence field, even an empty one: then no
    release-wide licence applies to it (the MOT's rule)."""
    licence_path: str | None = None
    licence_unread: bool = False
    """True when the place that would state this component's licence could not be read (a card whose
    YAML does not parse …): finding no licence then says nothing about whether it has one."""
    description: str = ""
    locations: tuple[str, ...] = ()
    """Paths or URLs where the component is."""
    evidence: tuple[Evidence, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=_empty)
    """Fields of the source record this type does not model, kept for a faithful round trip."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean(self.name))
        object.__setattr__(self, "licence", clean_optional(self.licence))
        object.__setattr__(self, "licence_path", clean_optional(self.licence_path))
        object.__setattr__(self, "description", clean(self.description, LONG_LIMIT, multiline=True))
        object.__setattr__(self, "locations", tuple(clean(loc) for loc in self.locations))
        object.__setattr__(self, "extra", frozen_mapping(clean_value(self.extra)))


# The release's one-line text fields (the MOT record's release fields, in its order).
RELEASE_TEXT_FIELDS = (
    "name",
    "version",
    "date",
    "type",
    "architecture",
    "treatment",
    "origin",
    "producer",
    "contact",
)


@dataclass(frozen=True, slots=True)
class Release:
    """A model release: metadata, release-wide licences and components."""

    name: str
    version: str = ""
    date: str = ""
    type: str = ""
    architecture: str = ""
    treatment: str = ""
    origin: str = ""
    producer: str = ""
    contact: str = ""
    links: Mapping[str, str] = field(default_factory=_empty)
    """Named links: ``repository``, ``huggingface``, ``paper`` …"""
    licences: Mapping[str, GlobalLicence] = field(default_factory=_empty)
    """Release-wide licences keyed by ``LicenceScope`` value."""
    components: tuple[Component, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    """Evidence about the release as a whole (the record or tree it was read from)."""
    framework: Mapping[str, Any] = field(default_factory=_empty)
    """The framework block of a MOT record (name, version, date), kept as read."""
    extra: Mapping[str, Any] = field(default_factory=_empty)
    """Fields of the source record this type does not model, kept for a faithful round trip, and a
    collector's own metadata (scan statistics, request logs)."""
    notes: tuple[str, ...] = ()
    """What the collector wants a reader to know: what it could not look at, what it assumed."""
    kind: str = ""
    """A ``ReleaseKind`` value when the collector judged what the source is; empty when it did not
    (a MOT record or a Hub model is a model release by construction)."""
    kind_evidence: tuple[Evidence, ...] = ()
    """Why the collector judged the kind it did."""

    def __post_init__(self) -> None:
        for name in RELEASE_TEXT_FIELDS:
            object.__setattr__(self, name, clean(getattr(self, name)))
        object.__setattr__(self, "links", frozen_mapping({clean(k): clean(v) for k, v in self.links.items()}))
        object.__setattr__(self, "licences", frozen_mapping(self.licences))
        object.__setattr__(self, "framework", frozen_mapping(clean_value(self.framework)))
        object.__setattr__(self, "extra", frozen_mapping(clean_value(self.extra)))
        object.__setattr__(self, "notes", tuple(clean(n, LONG_LIMIT) for n in self.notes))

    @property
    def not_a_model_release(self) -> bool:
        """True when the collector found the source is something other than a model release."""
        return bool(self.kind) and self.kind != ReleaseKind.MODEL

    def component(self, name: str) -> Component | None:
        """The component with this MOF name, if the release lists it."""
        for comp in self.components:
            if comp.name == name:
                return comp
        return None

    def global_licence(self, scope: str) -> str | None:
        """The non-empty release-wide licence name for a scope, or None."""
        lic = self.licences.get(scope)
        if lic is None or not lic.name:
            return None
        return lic.name
