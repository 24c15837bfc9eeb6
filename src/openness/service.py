"""The one composition point: target → evidence → assessment. The CLI and other shells call this."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openness import __version__
from openness.domain.assessment import Assessment
from openness.domain.release import Release
from openness.errors import OpennessError
from openness.frameworks.registry import Options, selected
from openness.sources.options import CollectOptions
from openness.sources.registry import collect


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


def assess_release(release: Release, target: str, options: Options = Options()) -> Assessment:
    """Apply the selected frameworks to a release that is already collected."""
    results = {fw.key: fw.evaluate(release, options) for fw in selected(options)}
    notes = tuple(str(n) for n in release.extra.get("notes", ()))  # what a collector could not look at
    return Assessment(target, release, results, notes, versions(options))


def assess(target: str, options: Options = Options(),
           collect_options: CollectOptions | None = None) -> Assessment:
    """Collect the release a target describes and assess it."""
    return assess_release(collect(target, collect_options), target, options)


def assess_many(targets: Iterable[str], options: Options = Options()) -> Iterator[Assessment | Failure]:
    """Assess targets in order; a bad target yields a Failure and the rest go on."""
    for target in targets:
        try:
            yield assess(target, options)
        except OpennessError as exc:
            yield Failure(target, exc)
