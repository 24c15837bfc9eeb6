"""Which collector reads a target. Each source says whether it claims a target string and, if so,
collects a Release from it. The first source that claims a target reads it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openness.domain.release import Release
from openness.errors import InputError
from openness.sources.options import CollectOptions


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    claims: Callable[[str], bool]
    collect: Callable[[str], Release]
    describe: str
    collect_with: Callable[[str, CollectOptions], Release] | None = None
    """Collect honouring budgets and verbosity; sources without it ignore the options."""


def _is_mot_yaml(target: str) -> bool:
    return target.lower().endswith((".yml", ".yaml"))


def _collect_mot_yaml(target: str) -> Release:
    from openness.sources import mot_yaml

    return mot_yaml.load(target)


def _is_git(target: str) -> bool:
    from openness.sources import git

    return git.claims(target)


def _collect_git(target: str, options: CollectOptions | None = None) -> Release:
    from openness.sources import git

    return git.collect(target, options)


def _is_folder(target: str) -> bool:
    return Path(target).is_dir()


def _collect_folder(target: str, options: CollectOptions | None = None) -> Release:
    from openness.sources import local

    return local.collect(target, options)


SOURCES: list[Source] = [
    Source("mot-yaml", _is_mot_yaml, _collect_mot_yaml, "a Model Openness Tool YAML record (*.yml, *.yaml)"),
    Source("git", _is_git, _collect_git,
           "a git repository URL[@REV] (https://, file://, or a path ending .git)", _collect_git),
    Source("local", _is_folder, _collect_folder, "a folder", _collect_folder),
]


def collect(target: str, options: CollectOptions | None = None) -> Release:
    """The release a target describes, read by the first source that claims it."""
    for source in SOURCES:
        if source.claims(target):
            if options is not None and source.collect_with is not None:
                return source.collect_with(target, options)
            return source.collect(target)
    path = Path(target)
    kinds = "; ".join(s.describe for s in SOURCES)
    if path.is_dir():
        raise InputError("is a directory; openness cannot assess folders yet", where=target,
                         hint=f"give {kinds}")
    if not path.exists():
        raise InputError("no such file, and not a target openness recognises", where=target,
                         hint=f"give {kinds}")
    raise InputError("not a target openness recognises", where=target, hint=f"give {kinds}")
