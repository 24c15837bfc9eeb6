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


def _osaid(release: Release, options: Options) -> Any:
    from openness.frameworks import osaid

    return osaid.evaluate(release)


def _eu_ai_act(release: Release, options: Options) -> Any:
    from openness.frameworks import eu_ai_act

    return eu_ai_act.evaluate(release, options.declarations)


def _open_weight(release: Release, options: Options) -> Any:
    from openness.frameworks import open_weight

    return open_weight.evaluate(release)


def _osai_index(release: Release, options: Options) -> Any:
    from openness.frameworks import osai_index

    return osai_index.evaluate(release, options.declarations)


def _guidance(release: Release, options: Options) -> Any:
    from openness.frameworks import guidance

    return guidance.evaluate(release, options.declarations)


def _verdict_frameworks() -> dict[str, Framework]:
    from openness.frameworks import eu_ai_act, guidance, open_weight, osai_index, osaid

    return {
        "osaid": Framework("osaid", osaid.NAME, osaid.VERSION, osaid.SOURCE, _osaid),
        "eu_ai_act": Framework("eu_ai_act", eu_ai_act.NAME, eu_ai_act.VERSION, eu_ai_act.SOURCE, _eu_ai_act),
        "open_weight": Framework(
            "open_weight", open_weight.NAME, open_weight.VERSION, open_weight.SOURCE, _open_weight
        ),
        "osai_index": Framework(
            "osai_index", osai_index.NAME, osai_index.VERSION, osai_index.SOURCE, _osai_index
        ),
        "guidance": Framework("guidance", guidance.NAME, guidance.VERSION, guidance.SOURCE, _guidance),
    }


def _frameworks() -> dict[str, Framework]:
    from openness.frameworks.mof.result import FRAMEWORK_NAME, FRAMEWORK_SOURCE, FRAMEWORK_VERSION

    return {
        "mof": Framework("mof", FRAMEWORK_NAME, FRAMEWORK_VERSION, FRAMEWORK_SOURCE, _mof),
        **_verdict_frameworks(),
    }


FRAMEWORKS: dict[str, Framework] = _frameworks()


def selected(options: Options) -> list[Framework]:
    """The frameworks an assessment applies, in registry order."""
    if not options.frameworks:
        return list(FRAMEWORKS.values())
    return [FRAMEWORKS[k] for k in FRAMEWORKS if k in options.frameworks]
