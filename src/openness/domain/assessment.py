"""An assessment: one release, the verdict of each framework on it, and the versions that made it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openness.domain.release import Release, frozen_mapping
from openness.domain.text import LONG_LIMIT, clean, redact_target


@dataclass(frozen=True, slots=True)
class Assessment:
    target: str
    """What the user named: a path, URL or id."""
    release: Release
    results: Mapping[str, Any] = field(default_factory=dict)
    """Framework results keyed by framework key (``mof``, and later ``osaid``, ``eu_ai_act`` …)."""
    notes: tuple[str, ...] = ()
    versions: Mapping[str, str] = field(default_factory=dict)
    """Tool, framework and data versions, so the result can be reproduced."""

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "target", redact_target(self.target)
        )  # no credentials, nothing a terminal runs
        object.__setattr__(self, "notes", tuple(clean(n, LONG_LIMIT) for n in self.notes))
        object.__setattr__(self, "results", frozen_mapping(self.results))
        object.__setattr__(self, "versions", frozen_mapping(self.versions))
