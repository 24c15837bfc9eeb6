"""Which collector reads a target. Each source says whether it claims a target string and, if so,
collects a Release from it. The first source that claims a target reads it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openness.domain.release import Release
from openness.errors import InputError


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    claims: Callable[[str], bool]
    collect: Callable[[str], Release]
    describe: str


def _is_mot_yaml(target: str) -> bool:
    return target.lower().endswith((".yml", ".yaml"))


def _collect_mot_yaml(target: str) -> Release:
    from openness.sources import mot_yaml

    return mot_yaml.load(target)


SOURCES: list[Source] = [
    Source("mot-yaml", _is_mot_yaml, _collect_mot_yaml, "a Model Openness Tool YAML record (*.yml, *.yaml)"),
]


def collect(target: str) -> Release:
    """The release a target describes, read by the first source that claims it."""
    for source in SOURCES:
        if source.claims(target):
            return source.collect(target)
    path = Path(target)
    kinds = "; ".join(s.describe for s in SOURCES)
    if path.is_dir():
        raise InputError(
            "is a directory; openness cannot assess folders yet", where=target, hint=f"give {kinds}"
        )
    if not path.exists():
        raise InputError(
            "no such file, and not a target openness recognises", where=target, hint=f"give {kinds}"
        )
    raise InputError("not a target openness recognises", where=target, hint=f"give {kinds}")
