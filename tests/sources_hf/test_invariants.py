"""Invariants: a failed request never turns into absence, and parsers never crash on any input."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openness.domain.release import Presence
from openness.errors import InputError
from openness.sources import hf
from openness.sources.hf import card, files, target

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay, Reply

MODEL, DATASETS = hubdata.pythia()
SECONDARY = [
    f"/{MODEL.repo_id}/resolve/{MODEL.sha}/README.md",
    f"/api/models/{MODEL.repo_id}/refs",
    f"/{MODEL.repo_id}/resolve/{MODEL.sha}/LICENSE",
    *(f"/api/datasets/{d.repo_id}/revision/main" for d in DATASETS),
]


def _presence(hub: HubReplay, failing: set[str], failure: Reply) -> dict[str, Presence]:
    hub.add_model(MODEL)
    for d in DATASETS:
        hub.add_dataset(d)
    for path in failing:
        if failure.status == 200 and path.endswith("README.md"):
            continue  # a 200 card is a card, whatever it says: only JSON can be malformed
        hub.route(path, failure)
    r = hf.collect(f"hf:{MODEL.repo_id}", fetch_for(hub, retries=0, refresh=True))
    return {c.name: c.presence for c in r.components}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    failing=st.sets(st.sampled_from(SECONDARY)),
    failure=st.sampled_from(
        [Reply(503), Reply(200, b'{"trunc'), Reply(401, b"{}", {"X-Error-Code": "GatedRepo"})]
    ),
)
def test_failures_never_create_absence(hub: HubReplay, failing: set[str], failure: Reply) -> None:
    clean = _presence(hub, set(), failure)
    broken = _presence(hub, failing, failure)
    for name, presence in broken.items():
        if presence is Presence.ABSENT:
            assert clean.get(name) is Presence.ABSENT, f"{name} became absent when {failing} failed"
    for name in clean:
        assert name in broken  # nothing that was seen disappears: it is at worst unknown


@given(st.text(max_size=200))
def test_target_parse_only_raises_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        target.parse(text)


@given(st.text(max_size=400))
def test_card_parse_is_total(text: str) -> None:
    parsed = card.parse("---\n" + text + "\n---\nbody")
    assert parsed.status in ("ok", "none", "broken")
    assert isinstance(parsed.data, dict)
    card.licence_statement(parsed.data)
    card.base_models(parsed.data, [])


@given(st.text(max_size=120))
def test_every_path_has_one_kind(path: str) -> None:
    assert isinstance(files.classify(path), files.FileKind)
