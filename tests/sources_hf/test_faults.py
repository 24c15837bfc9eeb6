"""Each Hub fault gives its stated behaviour: unknown (never absent), a listed failed request, a hint."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from openness.domain.release import Presence
from openness.errors import InputError
from openness.service import Assessment, Failure, assess_concurrently
from openness.sources import hf

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay, Reply, error_reply, json_reply

PYTHIA = "hf:EleutherAI/pythia-160m"


def _info_path(repo: str, rev: str = "main") -> str:
    return f"/api/models/{repo}/revision/{quote(rev, safe='')}"


def test_no_such_model_is_an_input_error(hub: HubReplay) -> None:
    with pytest.raises(InputError) as err:
        hf.collect("hf:nobody/nothing", fetch_for(hub))
    assert "no such repository" in str(err.value) and "hf:nobody/nothing" in str(err.value)
    assert hub.count() == 1  # a 404 is not retried


def test_no_such_revision(pythia_hub: HubReplay) -> None:
    pythia_hub.route(
        _info_path("EleutherAI/pythia-160m", "nope"),
        error_reply(404, "RevisionNotFound", "Invalid rev id: nope"),
    )
    with pytest.raises(InputError) as err:
        hf.collect(PYTHIA + "@nope", fetch_for(pythia_hub))
    assert "no such revision" in str(err.value)


def test_private_model_says_how_to_get_access(hub: HubReplay) -> None:
    hub.route(_info_path("acme/secret"), error_reply(401, "RepoNotFound", "Repository not found"))
    with pytest.raises(InputError) as err:
        hf.collect("hf:acme/secret", fetch_for(hub))
    assert "private" in str(err.value) and "HF_TOKEN" in str(err.value)


def test_forbidden_model_info_gives_an_all_unknown_partial_release(hub: HubReplay) -> None:
    hub.route(
        _info_path("acme/locked"), error_reply(403, "GatedRepo", "Access to model acme/locked is restricted")
    )
    r = hf.collect("hf:acme/locked", fetch_for(hub))
    assert {c.presence for c in r.components} == {Presence.UNKNOWN}
    assert len(r.components) == 17
    assert r.extra["hf"]["failed_requests"][0]["kind"] == "gated"
    assert "partial" in r.notes[0]


def test_429_then_success_is_retried(pythia_hub: HubReplay) -> None:
    model, _ = hubdata.pythia()
    path = _info_path(model.repo_id)
    pythia_hub.route(path, Reply(429, b"", {"Retry-After": "0"}), json_reply(model.info()))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub))
    assert r.version == model.sha
    assert pythia_hub.count(path) == 2
    assert r.extra["hf"]["failed_requests"] == []


def test_persistent_5xx_is_retried_a_bounded_number_of_times(pythia_hub: HubReplay) -> None:
    path = "/api/datasets/EleutherAI/pile/revision/main"
    pythia_hub.route(path, Reply(503, b"busy"))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, retries=2))
    assert pythia_hub.count(path) == 3  # one attempt and two retries
    datasets = r.component("Datasets")
    assert datasets is not None and datasets.presence is Presence.UNKNOWN
    failed = r.extra["hf"]["failed_requests"]
    assert [(f["kind"], f["status"]) for f in failed] == [("server", 503)]
    assert "after 3 attempts" in failed[0]["error"]


def test_5xx_on_model_info_fails_that_target_only(pythia_hub: HubReplay) -> None:
    pythia_hub.route(_info_path("acme/flaky"), Reply(500, b"oops"))
    results = list(
        assess_concurrently(
            ["hf:acme/flaky", PYTHIA], collect_options=fetch_for(pythia_hub, retries=1), jobs=2
        )
    )
    assert isinstance(results[0], Failure) and "HTTP 500" in str(results[0].error)
    assert isinstance(results[1], Assessment) and results[1].release.version


def test_timeout_makes_the_card_unknown(pythia_hub: HubReplay) -> None:
    model, _ = hubdata.pythia()
    path = f"/{model.repo_id}/resolve/{model.sha}/README.md"
    body = pythia_hub.routes[path][0].body
    pythia_hub.route(path, Reply(200, body, delay=1.0))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, timeout=0.2, retries=1))
    assert pythia_hub.count(path) == 2
    card = r.component("Model card")
    assert card is not None and card.presence is Presence.INCLUDED  # listed; its content unknown
    # the card's links were not read: unknown; its fields come from the Hub's own parse (cardData)
    code = r.component("Training code")
    assert code is not None and code.presence is Presence.UNKNOWN
    datasets = r.component("Datasets")
    assert datasets is not None and datasets.presence is Presence.REFERENCED
    assert any(e.locator.endswith(":cardData#datasets") for e in datasets.evidence)
    assert r.extra["hf"]["failed_requests"][0]["kind"] == "timeout"


def test_truncated_refs_json_makes_checkpoints_unknown(pythia_hub: HubReplay) -> None:
    pythia_hub.route("/api/models/EleutherAI/pythia-160m/refs", Reply(200, b'{"branches": [{"name": "st'))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub))
    inter = r.component("Model parameters (Intermediate)")
    assert inter is not None and inter.presence is Presence.UNKNOWN
    assert r.extra["hf"]["failed_requests"][0]["kind"] == "malformed"


def test_dropped_connection_mid_body_is_retried_then_unknown(pythia_hub: HubReplay) -> None:
    path = "/api/datasets/EleutherAI/pile-dedup/revision/main"
    body = pythia_hub.routes[path][0].body
    pythia_hub.route(path, Reply(200, body, cut=10))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, retries=1))
    assert pythia_hub.count(path) == 2
    assert r.extra["hf"]["failed_requests"][0]["kind"] == "network"
    datasets = r.component("Datasets")
    assert datasets is not None and datasets.presence is Presence.UNKNOWN


def test_malformed_model_info_is_an_input_error(hub: HubReplay) -> None:
    hub.route(_info_path("acme/garbled"), Reply(200, b"<html>not json</html>"))
    with pytest.raises(InputError) as err:
        hf.collect("hf:acme/garbled", fetch_for(hub))
    assert "malformed JSON" in str(err.value)


def test_oversized_card_is_read_only_up_to_the_bound(pythia_hub: HubReplay) -> None:
    from openness.sources.hf import fetch

    model, _ = hubdata.pythia()
    path = f"/{model.repo_id}/resolve/{model.sha}/README.md"
    big = pythia_hub.routes[path][0].body + b"x" * (fetch.MAX_CARD_BYTES + 10_000)
    pythia_hub.route(path, Reply(200, big))
    r = hf.collect(PYTHIA, fetch_for(pythia_hub))
    assert r.component("Datasets") is not None
    assert r.extra["hf"]["card"] == "ok"


def test_hf_hub_offline_is_reported_not_hidden(
    pythia_hub: HubReplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(InputError) as err:
        hf.collect(PYTHIA, fetch_for(pythia_hub))
    assert "HF_HUB_OFFLINE" in str(err.value) and "--offline" in str(err.value)
    assert pythia_hub.count() == 0


def test_unnamed_dataset_is_referenced_without_a_request(hub: HubReplay) -> None:
    model = hubdata.Model(
        "acme/free-text-data",
        files={
            "README.md": hubdata.card("license: mit\ndatasets:\n- The Pile (2020)\n"),
            "model.safetensors": 10,
        },
        card_data={"license": "mit", "datasets": ["The Pile (2020)"]},
    )
    hub.add_model(model)
    r = hf.collect("hf:acme/free-text-data", fetch_for(hub))
    ds = r.component("Datasets")
    assert ds is not None and ds.presence is Presence.REFERENCED and ds.licence is None
    assert hub.count("/api/datasets/") == 0


def test_a_batch_keeps_a_bounded_number_of_requests_in_flight(hub: HubReplay) -> None:
    ids = []
    for i in range(6):
        model = hubdata.Model(
            f"acme/m{i}", files={"README.md": hubdata.card("license: mit\n"), "model.bin": 5}
        )
        hub.add_model(model)
        path = f"/api/models/{model.repo_id}/revision/main"
        hub.route(path, Reply(200, hub.routes[path][0].body, delay=0.1))
        ids.append(f"hf:{model.repo_id}")
    results = list(assess_concurrently(ids, collect_options=fetch_for(hub), jobs=3))
    assert [r.target for r in results] == ids  # input order kept
    assert all(isinstance(r, Assessment) for r in results)
    assert 1 < hub.max_in_flight <= 3


def test_a_body_that_trickles_in_is_cut_off(pythia_hub: HubReplay) -> None:
    path = "/api/models/EleutherAI/pythia-160m/refs"
    body = pythia_hub.routes[path][0].body[:60]
    pythia_hub.route(path, Reply(200, body, trickle=0.02))  # each byte in time, the whole far too late
    r = hf.collect(PYTHIA, fetch_for(pythia_hub, timeout=0.1, retries=0))
    failed = r.extra["hf"]["failed_requests"]
    assert [(f["kind"], f["error"]) for f in failed] == [
        ("timeout", "timed out (body too slow) after 1 attempt")
    ]
    inter = r.component("Model parameters (Intermediate)")
    assert inter is not None and inter.presence is Presence.UNKNOWN
