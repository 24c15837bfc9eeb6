"""The one composition point: target → evidence → assessment. The CLI and other shells call this."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from openness import __version__
from openness.domain.assessment import Assessment
from openness.domain.release import Release
from openness.domain.text import redact_target
from openness.errors import InternalError, OpennessError
from openness.frameworks.context import Context
from openness.frameworks.registry import Options, selected
from openness.sources.options import CollectOptions
from openness.sources.registry import collect

DEFAULT_OPTIONS = Options()


@dataclass(frozen=True, slots=True)
class Failure:
    """A target that could not be assessed, and why (one line)."""

    target: str
    error: OpennessError

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", redact_target(self.target))  # as Assessment.target: shown safely


def versions(options: Options) -> dict[str, str]:
    from openness.licences.data import data_versions

    out = {"openness": __version__}
    for fw in selected(options):
        out[fw.key] = fw.version
    out.update({f"data:{k}": v for k, v in data_versions().items()})
    return out


def assess_release(release: Release, target: str, options: Options = DEFAULT_OPTIONS) -> Assessment:
    """Apply the selected frameworks to a release that is already collected: one ``Context`` for the
    release, built here, shared by every framework (each result computed once)."""
    context = Context(release, options)
    results = {fw.key: context.result(fw.key) for fw in selected(options)}
    return Assessment(target, release, results, release.notes, versions(options))


def assess(
    target: str, options: Options = DEFAULT_OPTIONS, collect_options: CollectOptions | None = None
) -> Assessment:
    """Collect the release a target describes and assess it."""
    return assess_release(collect(target, collect_options), target, options)


def assess_concurrently(
    targets: Sequence[str],
    options: Options | None = None,
    collect_options: CollectOptions | None = None,
    jobs: int = 8,
    on_done: Callable[[], None] | None = None,
    guard: Callable[[str, Exception], Failure] | None = None,
) -> Iterator[Assessment | Failure]:
    """Assess targets with at most ``jobs`` in flight; results come in input order, a failure does not
    stop the others. ``guard`` turns an unexpected exception into a Failure (the CLI's --debug is there;
    ``internal_failure`` is the usual one)."""
    from concurrent.futures import ThreadPoolExecutor

    opts = options if options is not None else Options()

    def one(target: str) -> Assessment | Failure:
        try:
            return assess(target, opts, collect_options)
        except OpennessError as exc:
            return Failure(target, exc)
        except Exception as exc:
            if guard is None:
                raise
            return guard(target, exc)
        finally:
            if on_done is not None:
                on_done()

    if len(targets) <= 1 or jobs <= 1:
        yield from (one(t) for t in targets)
        return
    with ThreadPoolExecutor(max_workers=min(jobs, len(targets)), thread_name_prefix="openness") as pool:
        yield from pool.map(one, targets)


def internal_failure(target: str, exc: Exception) -> Failure:
    """An unexpected exception as a Failure: one line that says it is a bug (exit code 3)."""
    return Failure(target, InternalError.of(exc))
