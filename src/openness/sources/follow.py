"""``--follow-code``: read the code repositories a model card links and merge what they show.

Each link is cloned and scanned by the git collector (its safety settings, clone timeout and the scan
budgets of the options); at most ``MAX_FOLLOW`` repositories per model. A repository that cannot be
read becomes a note, and the model's assessment goes on with the link still referenced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from openness.domain.release import Release
from openness.errors import InputError
from openness.sources.merge import Followed, merge_code
from openness.sources.options import CollectOptions

MAX_FOLLOW = 2
"""Repositories followed per model: the first ones the card links (a card links its own code first)."""

Collect = Callable[[str, CollectOptions], Release]


def _key(url: str) -> str:
    return url.rstrip("/").removesuffix(".git").casefold()


def distinct(urls: Sequence[str]) -> list[str]:
    """The URLs without repeats (case, a trailing slash or ``.git`` do not make a new repository)."""
    seen: set[str] = set()
    out: list[str] = []
    for url in urls:
        if _key(url) not in seen:
            seen.add(_key(url))
            out.append(url)
    return out


def _default_collect(target: str, options: CollectOptions) -> Release:
    from openness.sources import git

    return git.collect(target, options)


def _note(release: Release, *notes: str, followed: list[dict[str, object]] | None = None) -> Release:
    extra = dict(release.extra)
    if followed:
        extra["followed_code"] = [*release.extra.get("followed_code", ()), *followed]
    return replace(release, extra=extra, notes=(*release.notes, *notes))


def follow_code(
    release: Release, urls: Sequence[str], options: CollectOptions, collect: Collect = _default_collect
) -> Release:
    """``release`` with the evidence of the first ``MAX_FOLLOW`` repositories in ``urls`` merged in."""
    from openness.domain.text import redact_url as redact

    links = distinct(urls)
    if not links:
        return _note(release, "--follow-code: the card links no code repository to follow")
    if options.offline:
        return _note(
            release,
            "--offline: the linked code repositories were not followed ("
            + ", ".join(redact(u) for u in links)
            + "); what they hold stays referenced",
        )
    for url in links[:MAX_FOLLOW]:
        shown = redact(url)
        try:
            repo = collect(url, options)
        except InputError as exc:
            release = _note(
                release,
                f"could not follow {shown}: {exc.message}; what it holds stays referenced",
                followed=[{"url": shown, "error": exc.message}],
            )
            continue
        git_facts = repo.extra.get("git") or {}
        sha = str(git_facts.get("commit") or repo.version or "unknown")
        release = merge_code(release, repo, Followed(shown, sha))
    if len(links) > MAX_FOLLOW:
        release = _note(
            release,
            f"--follow-code follows at most {MAX_FOLLOW} repositories; not followed: "
            + ", ".join(redact(u) for u in links[MAX_FOLLOW:]),
        )
    return release
