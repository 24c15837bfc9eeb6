"""Evidence from the Hugging Face Hub: a model by its Hub id (``hf:ORG/NAME[@REV]`` or its URL).

``collect(target, options)`` reads model info, the card, the refs, licence files, linked datasets and
the base model through ``HubClient`` (bounded, retried, cached by commit sha), and builds a Release
whose every component cites the card field, file@sha or URL it rests on. huggingface_hub is imported
only when a Hub target is assessed.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from openness.domain.release import Release
from openness.errors import InputError
from openness.sources.hf.target import HubTarget, claims, parse
from openness.sources.options import CollectOptions

if TYPE_CHECKING:
    from openness.sources.hf.fetch import Snapshot

__all__ = ["HubTarget", "claims", "collect", "parse"]


diagnostics = logging.getLogger("openness.diagnostics")
"""How facts were fetched (requests, cache answers): shown with --debug, never part of a result."""


def collect(target: str, options: CollectOptions | None = None) -> Release:
    """The release a Hub target describes. Raises InputError only when the model cannot be named at all
    (no such model or revision, or not in the cache with --offline); anything else unreadable is unknown."""
    from openness.sources.hf.client import HubClient, RequestLog
    from openness.sources.hf.fetch import gather
    from openness.sources.hf.inherit import merge
    from openness.sources.hf.interpret import build, unknown_release

    ref = parse(target)
    log = RequestLog()
    client = HubClient(options or CollectOptions(), log)
    snap = gather(client, ref)
    failure = snap.info_fetch.failure
    if snap.info is None:
        assert failure is not None
        if failure.kind in ("not-found", "no-revision", "not-cached", "offline"):
            raise InputError(failure.error, where=target, hint=failure.hint or None)
        if failure.kind in ("gated", "denied"):
            release = unknown_release(snap, f"{failure.error} ({failure.hint})")
        else:
            raise InputError(
                f"model info could not be read: {failure.error}", where=target, hint=failure.hint or None
            )
    else:
        release = build(snap)
        if snap.base is not None:
            if snap.base.info is not None:
                release = merge(release, build(snap.base), snap.relation or "finetune")
            else:
                bf = snap.base.info_fetch.failure
                notes = [
                    *release.notes,
                    f"base model {snap.base.repo_id} could not be read ({bf.error if bf else 'unknown'}); "
                    "what it would give is not counted",
                ]
                release = replace(release, notes=tuple(notes))
        elif snap.base_ids:
            why = "a merge of several models" if snap.relation == "merge" else "derived"
            notes = [
                *release.notes,
                f"{why} from {', '.join(snap.base_ids)}: the base models are not assessed with it",
            ]
            release = _with_extra(
                replace(release, notes=tuple(notes)),
                hf={
                    **dict(release.extra.get("hf", {})),
                    "base_models": snap.base_ids,
                    "relation": snap.relation,
                },
            )
    opts = options or CollectOptions()
    if snap.info is not None:
        release = _papers(release, opts)  # the card's own papers, before a repository adds its links
        release = _follow(release, snap, opts)
    hf = dict(release.extra.get("hf", {}))
    hf.update(failed_requests=[f.as_dict() for f in log.failures])
    # how the facts were fetched is a diagnostic, never part of the result: the same release gives the
    # same bytes whether it came from the network or the cache (shown with --debug)
    diagnostics.info(
        "%s: %d request(s) to the Hub, %d answer(s) from the openness cache",
        target,
        log.network,
        log.cache_hits,
    )
    notes = list(release.notes)
    if log.failures:
        notes.append(
            f"{len(log.failures)} request(s) failed; what they would give is unknown: "
            + "; ".join(f"{f.what}: {f.error}" for f in log.failures)
        )
    return _with_extra(replace(release, notes=tuple(notes)), hf=hf)


def _follow(release: Release, snap: Snapshot, options: CollectOptions) -> Release:
    """Merge the code repositories the card links (the default; ``--no-follow`` only marks them unread)."""
    from openness.sources.follow import follow_code, not_followed
    from openness.sources.hf.card import code_repos
    from openness.sources.hf.from_card import local_hub

    unread = snap.card_fetch is not None and snap.card_fetch.failure is not None
    if snap.card is None or unread:
        why = "the card text could not be read" if unread else "the model has no card"
        if options.follow_code:
            release = replace(
                release, notes=(*release.notes, f"following code: {why}; no repository followed")
            )
        if unread:  # the code it may link is not known: what the repo lacks is unknown, not absent
            return not_followed(
                release, [], f"{why}: the code repositories it may link are not known", snap.repo_url
            )
        return release
    urls = code_repos(snap.card.text, allow_file=local_hub(snap))
    if not options.follow_code:
        if not urls:
            return release
        note = "--no-follow: the linked code repositories were not read; what they hold is not counted"
        return not_followed(replace(release, notes=(*release.notes, note)), urls, "--no-follow")
    return follow_code(release, urls, options)


def _papers(release: Release, options: CollectOptions) -> Release:
    """The licences of the arXiv papers the card links, from arXiv's metadata."""
    from openness.sources.arxiv import with_paper_licences

    return with_paper_licences(release, options)


def _with_extra(release: Release, **changes: object) -> Release:
    return replace(release, extra={**dict(release.extra), **changes})
