"""One release's shared reading, built once per assessment and handed to every framework.

``service.assess_release`` builds one ``Context`` per release and asks it for each selected framework's
result (``Context.result``). Everything a framework shares with another is computed here once, lazily,
and lives as long as the context (no module-level caches, so threads assessing different releases
share nothing):

- ``mof``: the MOF result in the mode the user chose (``--mot-compatible`` or default);
- ``default_mof``: the default-mode MOF result (licence strings normalised), which the verdict
  frameworks read presence and licences from — the same object as ``mof`` in default mode;
- ``parts``: each MOF component's presence, licence (read through ``facts``) and evidence;
- ``facts``: the licence facts; ``declarations``: the facts only the user knows;
- ``result(key)``: another framework's result, computed once (guidance reads OSAID and the EU AI Act
  this way, and the MOF result of the chosen mode).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from openness.domain.release import Release

if TYPE_CHECKING:
    from openness.frameworks.licence_facts import LicenceFacts
    from openness.frameworks.mof.result import MofResult
    from openness.frameworks.parts import Parts


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked of an assessment."""

    mot_compatible: bool = False
    frameworks: tuple[str, ...] = ()
    """Keys of the frameworks to apply; empty means all."""
    declarations: Mapping[str, str] = field(default_factory=dict)
    """Facts only the user knows (``monetised=no`` …), for frameworks that need them."""


DEFAULT_OPTIONS = Options()


class Context:
    """The shared reading of one release for one assessment. Not shared between threads."""

    def __init__(
        self, release: Release, options: Options = DEFAULT_OPTIONS, facts: LicenceFacts | None = None
    ) -> None:
        if facts is None:
            from openness.frameworks.licence_facts import default_facts

            facts = default_facts()
        self.release = release
        self.options = options
        self.facts: LicenceFacts = facts
        self._results: dict[str, Any] = {}
        self._running: list[str] = []

    @property
    def declarations(self) -> Mapping[str, str]:
        return self.options.declarations

    @cached_property
    def default_mof(self) -> MofResult:
        """The default-mode MOF result (licence strings normalised first)."""
        from openness.frameworks.mof.engine import evaluate
        from openness.frameworks.mof.result import Mode

        return evaluate(self.release, Mode.DEFAULT)

    @cached_property
    def mof(self) -> MofResult:
        """The MOF result in the mode the user chose: what the report shows and guidance plans from."""
        if not self.options.mot_compatible:
            return self.default_mof
        from openness.frameworks.mof.engine import evaluate
        from openness.frameworks.mof.result import Mode

        return evaluate(self.release, Mode.MOT_COMPATIBLE)

    @cached_property
    def parts(self) -> Parts:
        """Every MOF component as the verdict frameworks read it (from the default-mode result)."""
        from openness.frameworks.parts import build_parts

        return build_parts(self.release, self.facts, self.default_mof)

    def result(self, key: str) -> Any:
        """The result of the framework registered under ``key`` for this release, computed once."""
        if key not in self._results:
            from openness.frameworks.registry import FRAMEWORKS

            if key in self._running:
                raise RuntimeError(f"frameworks depend on each other in a cycle: {' → '.join(self._running)}")
            self._running.append(key)
            try:
                self._results[key] = FRAMEWORKS[key].evaluate(self)
            finally:
                self._running.pop()
        return self._results[key]
