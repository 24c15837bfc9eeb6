"""Which collector reads a target. Each source says whether it claims a target string and, if so,
collects a Release from it. The first source that claims a target reads it, so the order matters:
a Hugging Face URL is claimed before the git collector sees an https URL."""

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
    """Collect honouring the options (budgets, verbosity, token, cache); sources without it ignore them."""


def _is_mot_yaml(target: str) -> bool:
    return target.lower().endswith((".yml", ".yaml"))


def _collect_mot_yaml(target: str) -> Release:
    from openness.sources import mot_yaml

    return mot_yaml.load(target)


def _is_aibom(target: str) -> bool:
    from openness.sources import aibom

    return aibom.claims(target)


def _collect_aibom(target: str) -> Release:
    from openness.sources import aibom

    return aibom.collect(target)


def _is_hf(target: str) -> bool:
    from openness.sources.hf.target import claims

    return claims(target)


def _collect_hf(target: str, options: CollectOptions | None = None) -> Release:
    from openness.sources import hf

    return hf.collect(target, options)


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
    Source(
        "aibom",
        _is_aibom,
        _collect_aibom,
        "an AI bill of materials (CycloneDX ML-BOM or SPDX 3 JSON, *.json)",
    ),
    Source(
        "hf",
        _is_hf,
        _collect_hf,
        "a Hugging Face model (hf:ORG/NAME[@REV] or https://huggingface.co/ORG/NAME)",
        _collect_hf,
    ),
    Source(
        "git",
        _is_git,
        _collect_git,
        "a git repository URL[@REV] (https://, file://, or a path ending .git)",
        _collect_git,
    ),
    Source("local", _is_folder, _collect_folder, "a folder", _collect_folder),
]


def _looks_like_hub_id(target: str) -> str | None:
    """``ORG/NAME[@REV]`` (or ``HF:ORG/NAME``), the way people write a Hub id without ``hf:``."""
    import re

    bare = target[3:] if target[:3].lower() == "hf:" else target
    return bare if re.fullmatch(r"[\w.-]+/[\w.-]+(@[^\s@]+)?", bare) else None


def collect(target: str, options: CollectOptions | None = None) -> Release:
    """The release a target describes, read by the first source that claims it."""
    for source in SOURCES:
        if source.claims(target):
            if options is not None and source.collect_with is not None:
                return source.collect_with(target, options)
            return source.collect(target)
    kinds = "; ".join(s.describe for s in SOURCES)
    if not Path(target).exists():
        hub_id = _looks_like_hub_id(target)
        raise InputError(
            "no such file, and not a target openness recognises",
            where=target,
            hint=f"check the path; for a Hugging Face model, give hf:{hub_id}" if hub_id else f"give {kinds}",
        )
    raise InputError("not a target openness recognises", where=target, hint=f"give {kinds}")
