"""The one composition point: target → evidence → assessment. The CLI and other shells call this."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openness import __version__
from openness.domain.assessment import Assessment
from openness.domain.release import Release
from openness.errors import OpennessError
from openness.frameworks.registry import Options, selected
from openness.sources.registry import collect

DEFAULT_OPTIONS = Options()


@dataclass(frozen=True, slots=True)
class Failure:
    """A target that could not be assessed, and why (one line)."""

    target: str
    error: OpennessError


def versions(options: Options) -> dict[str, str]:
    from openness.licences.data import data_versions

    out = {"openness": __version__}
    for fw in selected(options):
        out[fw.key] = fw.version
    out.update({f"data:{k}": v for k, v in data_versions().items()})
    return out


def assess_release(release: Release, target: str, options: Options = DEFAULT_OPTIONS) -> Assessment:
    """Apply the selected frameworks to a release that is already collected."""
    results = {fw.key: fw.evaluate(release, options) for fw in selected(options)}
    return Assessment(target, release, results, (), versions(options))


def assess(target: str, options: Options = DEFAULT_OPTIONS) -> Assessment:
    """Collect the release a target describes and assess it."""
    return assess_release(collect(target), target, options)


def assess_many(targets: Iterable[str], options: Options = DEFAULT_OPTIONS) -> Iterator[Assessment | Failure]:
    """Assess targets in order; a bad target yields a Failure and the rest go on."""
    for target in targets:
        try:
            yield assess(target, options)
        except OpennessError as exc:
            yield Failure(target, exc)
