"""The on-disk cache: a repeated assessment of the same revision makes no request; --refresh re-reads;
--offline reads only the cache and says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.domain.serialize import release_to_dict
from openness.errors import InputError
from openness.sources import hf
from openness.sources.hf.cache import Cache

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay

PYTHIA = "hf:EleutherAI/pythia-160m"


def _same_facts(a: dict, b: dict) -> None:  # type: ignore[type-arg]
    """Where the facts came from (network or cache) is no part of the release: the same bytes."""
    assert a == b


def test_second_assessment_makes_no_request(pythia_hub: HubReplay) -> None:
    first = hf.collect(PYTHIA, fetch_for(pythia_hub))
    sent = pythia_hub.count()
    assert sent == 6
    second = hf.collect(PYTHIA, fetch_for(pythia_hub))
    assert pythia_hub.count() == sent
    _same_facts(release_to_dict(first), release_to_dict(second))


def test_cache_is_keyed_by_repo_and_sha(pythia_hub: HubReplay, tmp_path: Path) -> None:
    model, _ = hubdata.pythia()
    hf.collect(PYTHIA, fetch_for(pythia_hub))
    cache = Cache(tmp_path / "cache")
    assert cache.get_ref("model", model.repo_id, "main") == model.sha
    assert cache.get("model", model.repo_id, model.sha, "info.json") is not None
    assert cache.get("model", model.repo_id, model.sha, "file-README.md") is not None
    assert (tmp_path / "cache" / "hf" / "models" / "EleutherAI" / "pythia-160m" / model.sha).is_dir()
    # the same commit named by its sha is served from the cache too
    pythia_hub.reset()
    r = hf.collect(f"{PYTHIA}@{model.sha}", fetch_for(pythia_hub))
    assert pythia_hub.count() == 0 and r.version == model.sha


def test_refresh_rereads_the_hub(pythia_hub: HubReplay) -> None:
    hf.collect(PYTHIA, fetch_for(pythia_hub))
    pythia_hub.reset()
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, refresh=True))
    assert pythia_hub.count() == 6 and r.version


def test_failures_are_not_cached(pythia_hub: HubReplay) -> None:
    from .replay import Reply

    path = "/api/datasets/EleutherAI/pile/revision/main"
    good = pythia_hub.routes[path][0]
    pythia_hub.route(path, Reply(503), good)
    first = hf.collect(PYTHIA, fetch_for(pythia_hub, retries=0))
    assert first.component("Datasets").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    before, before_path = pythia_hub.count(), pythia_hub.count(path)
    second = hf.collect(PYTHIA, fetch_for(pythia_hub, retries=0))
    assert pythia_hub.count() - before == 1 and pythia_hub.count(path) - before_path == 1
    assert second.component("Datasets").presence is Presence.REFERENCED  # type: ignore[union-attr]


def test_offline_with_an_empty_cache_says_what_is_missing(pythia_hub: HubReplay) -> None:
    with pytest.raises(InputError) as err:
        hf.collect(PYTHIA, fetch_for(pythia_hub, offline=True))
    assert "not in the cache" in str(err.value) and "without --offline" in str(err.value)
    assert pythia_hub.count() == 0


def test_offline_with_a_partial_cache_lists_what_is_missing(pythia_hub: HubReplay, tmp_path: Path) -> None:
    hf.collect(PYTHIA, fetch_for(pythia_hub))
    pile = tmp_path / "cache" / "hf" / "datasets" / "EleutherAI" / "pile"
    for f in sorted(pile.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()
    pythia_hub.reset()
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, offline=True))
    assert pythia_hub.count() == 0
    assert r.component("Datasets").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    failed = r.extra["hf"]["failed_requests"]
    assert [(f["kind"], f["what"]) for f in failed] == [("not-cached", "dataset info EleutherAI/pile@main")]
    assert r.component("Model parameters (Final)").presence is Presence.INCLUDED  # type: ignore[union-attr]


def test_unsafe_names_cannot_escape_the_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("model", "a/b", "0" * 40, "file-../../../../etc/x", b"body")
    assert all(tmp_path in p.parents for p in tmp_path.rglob("*"))
    assert cache.get("model", "a/b", "0" * 40, "file-../../../../etc/x") == b"body"
