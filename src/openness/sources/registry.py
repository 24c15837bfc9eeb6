"""Which collector reads a target. Each source says whether it claims a target string and, if so,
collects a Release from it. The first source that claims a target reads it, so the order matters:
a Hugging Face URL is claimed before the git collector sees an https URL."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openness.domain.release import Release
from openness.domain.text import clean
from openness.errors import InputError
from openness.sources.options import CollectOptions

SHOWN_TARGET = 300
"""Characters of a target repeated in an error line."""


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


def _os_error(target: str, exc: OSError) -> InputError:
    """A target the file system refuses even to look up, as one line."""
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(
            f"the name is longer than the file system allows ({len(target):,} characters)",
            where=shown(target),
            hint="check the target; a path part is at most 255 bytes",
        )
    return InputError(f"cannot read: {exc.strerror or exc}", where=shown(target))


def shown(target: str) -> str:
    """A target as an error line repeats it: escaped, without credentials, cut."""
    return clean(target, SHOWN_TARGET)


def _exists(target: str, folder: bool) -> bool:
    try:
        return Path(target).is_dir() if folder else Path(target).exists()
    except OSError as exc:
        raise _os_error(target, exc) from None


def _is_folder(target: str) -> bool:
    return _exists(target, folder=True)


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


def _claims(source: Source, target: str) -> bool:
    """Whether ``source`` reads ``target``; a URL too malformed to tell (a broken IPv6 host) is a bad
    target, said in one line."""
    try:
        return source.claims(target)
    except ValueError as exc:
        from openness.sources.git import BAD_URL_HINT

        raise InputError(f"not a valid URL: {exc}", where=shown(target), hint=BAD_URL_HINT) from None


def collect(target: str, options: CollectOptions | None = None) -> Release:
    """The release a target describes, read by the first source that claims it."""
    if "\0" in target:
        raise InputError("the target contains a NUL character", where=shown(target), hint="check the target")
    try:
        target.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate no file name can hold (argv only carries escaped bytes)
        raise InputError(
            "the target holds characters no file name can", where=shown(target), hint="check the target"
        ) from None
    for source in SOURCES:
        if _claims(source, target):
            if options is not None and source.collect_with is not None:
                return source.collect_with(target, options)
            return source.collect(target)
    kinds = "; ".join(s.describe for s in SOURCES)
    if not _exists(target, folder=False):
        hub_id = _looks_like_hub_id(target)
        raise InputError(
            "no such file, and not a target openness recognises",
            where=shown(target),
            hint=f"check the path; for a Hugging Face model, give hf:{hub_id}" if hub_id else f"give {kinds}",
        )
    raise InputError("not a target openness recognises", where=shown(target), hint=f"give {kinds}")
