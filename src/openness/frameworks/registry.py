"""The frameworks openness applies, each a pure function of a release, with its version and source.

Later frameworks (OSAID, EU AI Act, open weight …) register here under their JSON key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openness.domain.release import Release


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked of an assessment."""

    mot_compatible: bool = False
    frameworks: tuple[str, ...] = ()
    """Keys of the frameworks to apply; empty means all."""
    declarations: Mapping[str, str] = field(default_factory=dict)
    """Facts only the user knows (``monetised=no`` …), for frameworks that need them."""


@dataclass(frozen=True, slots=True)
class Framework:
    key: str
    name: str
    version: str
    source: str
    evaluate: Callable[[Release, Options], Any]


def _mof(release: Release, options: Options) -> Any:
    from openness.frameworks.mof.engine import evaluate
    from openness.frameworks.mof.result import Mode

    return evaluate(release, Mode.MOT_COMPATIBLE if options.mot_compatible else Mode.DEFAULT)


def _frameworks() -> dict[str, Framework]:
    from openness.frameworks.mof.result import FRAMEWORK_NAME, FRAMEWORK_SOURCE, FRAMEWORK_VERSION

    return {"mof": Framework("mof", FRAMEWORK_NAME, FRAMEWORK_VERSION, FRAMEWORK_SOURCE, _mof)}


FRAMEWORKS: dict[str, Framework] = _frameworks()


def selected(options: Options) -> list[Framework]:
    """The frameworks an assessment applies, in registry order."""
    if not options.frameworks:
        return list(FRAMEWORKS.values())
    return [FRAMEWORKS[k] for k in FRAMEWORKS if k in options.frameworks]
