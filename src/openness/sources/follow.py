"""Follow the code repositories a model card links (the default for ``hf:`` targets; ``--no-follow``).

Each link is cloned and scanned by the git collector (its safety settings and clone timeout), with
scan budgets no larger than ``FOLLOW_BUDGET``; at most ``MAX_FOLLOW`` repositories per model and
``FOLLOW_SECONDS`` for all of them. What a repository shows is cached by its commit: the default
branch's commit is read with ``git ls-remote`` and a repository already read at that commit is not
cloned again (``--refresh`` re-reads it; ``--offline`` uses the commit read last time).

A repository that is not read (following turned off, offline with nothing cached, a failure, past the
bounds) never makes anything absent: the code components the model's release lacks become unknown, and
a component that stays referenced to it has ``licence_unread`` set, so a framework can tell "referenced
and not read" from "absent".
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from openness.cachefile import read_entry, write_entry
from openness.domain.release import Component, Evidence, Presence, Release
from openness.errors import InputError
from openness.sources.merge import CODE_FROM_LINKS, Followed, merge_code
from openness.sources.options import CollectOptions

MAX_FOLLOW = 2
"""Repositories followed per model: the first ones the card links (a card links its own code first)."""
FOLLOW_SECONDS = 300.0
"""Wall-clock seconds for following all of a model's repositories; later links are not started."""
RESOLVE_TIMEOUT = 30.0
"""Seconds for ``git ls-remote`` to name the commit of a repository's default branch."""
FOLLOW_BUDGET = CollectOptions(max_files=50_000, max_bytes=32 * 1024 * 1024, max_seconds=60.0)
"""The largest scan of one followed repository (the user's budgets apply when smaller)."""
RULE_UNREAD = "follow-code.not-read"

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


def head_commit(url: str) -> str:
    """The commit of the repository's default branch (``git ls-remote URL HEAD``), bounded in time."""
    from openness.domain.text import redact_url
    from openness.sources import git

    out = git._git(["ls-remote", "--", url, "HEAD"], None, RESOLVE_TIMEOUT, redact_url(url))
    sha = out.split("\t", 1)[0].strip()
    if len(sha) != 40:
        raise InputError("the repository names no default branch", where=redact_url(url))
    return sha


@dataclass(frozen=True, slots=True)
class FollowCache:
    """Releases of followed repositories, one JSON file per URL and commit, plus the commit last read."""

    root: Path

    @classmethod
    def of(cls, options: CollectOptions) -> FollowCache:
        from openness.paths import user_cache_dir

        base = Path(options.cache_dir) if options.cache_dir else user_cache_dir()
        return cls(base / "follow")

    def _dir(self, url: str) -> Path:
        return self.root / hashlib.sha256(_key(url).encode()).hexdigest()[:32]

    def get(self, url: str, sha: str) -> Release | None:
        from openness.domain.serialize import release_from_dict

        if len(sha) != 40 or not sha.isalnum():
            return None
        body = read_entry(self._dir(url) / f"{sha}.json")
        if body is None:
            return None
        try:
            return release_from_dict(json.loads(body))
        except (ValueError, KeyError, TypeError):
            return None

    def last(self, url: str) -> str | None:
        body = read_entry(self._dir(url) / "head")
        sha = body.decode("ascii", "replace").strip() if body is not None else ""
        return sha if len(sha) == 40 and sha.isalnum() else None

    def put(self, url: str, sha: str, release: Release) -> None:
        from openness.domain.serialize import release_to_dict

        if len(sha) != 40 or not sha.isalnum():
            return
        body = json.dumps(release_to_dict(release), sort_keys=True).encode()
        write_entry(self._dir(url) / f"{sha}.json", body)
        write_entry(self._dir(url) / "head", sha.encode("ascii"))


def _budget(options: CollectOptions) -> CollectOptions:
    return replace(
        options,
        max_files=min(options.max_files, FOLLOW_BUDGET.max_files),
        max_bytes=min(options.max_bytes, FOLLOW_BUDGET.max_bytes),
        max_seconds=min(options.max_seconds, FOLLOW_BUDGET.max_seconds),
    )


def _note(release: Release, *notes: str, followed: list[dict[str, object]] | None = None) -> Release:
    extra = dict(release.extra)
    if followed:
        extra["followed_code"] = [*release.extra.get("followed_code", ()), *followed]
    return replace(release, extra=extra, notes=(*release.notes, *notes))


def not_followed(release: Release, urls: Sequence[str], why: str, where: str = "") -> Release:
    """``release`` where linked repositories were not read (or, with no ``urls``, the card that would
    link them was not): code it lacks is unknown, not absent, and what stays referenced to them has its
    licence marked unread."""
    if not urls and not where:
        return release
    said = f"the card links {', '.join(urls)}; not read ({why})" if urls else why
    evidence = Evidence("hf", urls[0] if urls else where, RULE_UNREAD, 1.0, said)
    out: list[Component] = []
    names = {c.name for c in release.components}
    for comp in release.components:
        if comp.name not in CODE_FROM_LINKS:
            out.append(comp)
        elif comp.presence is Presence.ABSENT:
            out.append(replace(comp, presence=Presence.UNKNOWN, evidence=(*comp.evidence, evidence)))
        elif comp.presence is Presence.REFERENCED and comp.licence is None and _links_to(comp, urls):
            out.append(replace(comp, licence_unread=True, extra={**dict(comp.extra), "not_read": why}))
        else:
            out.append(comp)
    out += [Component(n, Presence.UNKNOWN, evidence=(evidence,)) for n in CODE_FROM_LINKS if n not in names]
    from openness.domain.components import COMPONENTS

    order = {c.name: i for i, c in enumerate(COMPONENTS)}
    out.sort(key=lambda c: order.get(c.name, len(order)))
    return replace(release, components=tuple(out))


def _links_to(comp: Component, urls: Sequence[str]) -> bool:
    keys = {_key(u) for u in urls}
    return any(_key(loc) in keys for loc in comp.locations)


def follow_code(
    release: Release, urls: Sequence[str], options: CollectOptions, collect: Collect = _default_collect
) -> Release:
    """``release`` with the evidence of the first ``MAX_FOLLOW`` repositories in ``urls`` merged in."""
    from openness.domain.text import redact_url as redact

    links = distinct(urls)
    if not links:
        return _note(release, "following code: the card links no code repository")
    cache = FollowCache.of(options)
    unread: list[str] = []
    started = time.monotonic()
    for url in links[:MAX_FOLLOW]:
        shown = redact(url)
        if time.monotonic() - started > FOLLOW_SECONDS:
            release = _note(release, f"not followed {shown}: following took over {FOLLOW_SECONDS:g} s")
            unread.append(shown)
            continue
        try:
            repo, sha, cached = _read(url, options, cache, collect)
        except InputError as exc:
            release = _note(
                release,
                f"could not follow {shown}: {exc.message}; what it holds stays referenced",
                followed=[{"url": shown, "error": exc.message}],
            )
            unread.append(shown)
            continue
        if repo is None:
            release = _note(
                release,
                f"--offline: {shown} was not followed (not in the cache); what it holds stays referenced",
            )
            unread.append(shown)
            continue
        release = merge_code(release, repo, Followed(shown, sha))
        if cached:  # a diagnostic, not a fact: the result is the same either way
            logging.getLogger("openness.diagnostics").info(
                "%s@%s: read from the openness cache (no clone)", shown, sha
            )
    if len(links) > MAX_FOLLOW:
        rest = [redact(u) for u in links[MAX_FOLLOW:]]
        release = _note(
            release, f"at most {MAX_FOLLOW} code repositories are followed; not followed: " + ", ".join(rest)
        )
        unread += rest
    return not_followed(release, unread, "not followed: see the notes")


def _read(
    url: str, options: CollectOptions, cache: FollowCache, collect: Collect
) -> tuple[Release | None, str, bool]:
    """The repository's release, the commit read, and whether the cache served it."""
    if options.url_guard is not None:
        options.url_guard(url)
    if options.offline:
        sha = cache.last(url)
        repo = cache.get(url, sha) if sha else None
        return repo, sha or "", repo is not None
    if not options.refresh:
        sha = head_commit(url)
        repo = cache.get(url, sha)
        if repo is not None:
            return repo, sha, True
    repo = collect(url, _budget(options))
    git_facts = repo.extra.get("git") or {}
    sha = str(git_facts.get("commit") or repo.version or "unknown")
    cache.put(url, sha, repo)
    return repo, sha, False
