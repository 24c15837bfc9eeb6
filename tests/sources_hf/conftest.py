from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from openness.sources.options import CollectOptions

from . import hubdata
from .replay import HubReplay, block_network, running


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No token, no offline switch, a fresh cache: each test sees only its replayed Hub."""
    from huggingface_hub import constants

    monkeypatch.setenv("OPENNESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", True)
    block_network(monkeypatch)


@pytest.fixture
def hub() -> Iterator[HubReplay]:
    with running() as replay:
        yield replay


@pytest.fixture
def pythia_hub(hub: HubReplay) -> HubReplay:
    model, datasets = hubdata.pythia()
    hub.add_model(model)
    for d in datasets:
        hub.add_dataset(d)
    return hub


def fetch_for(hub: HubReplay, **kw: object) -> CollectOptions:
    """Fast retries for tests: no real waiting between attempts."""
    base: dict[str, object] = {"endpoint": hub.endpoint, "backoff": 0.0, "timeout": 5.0}
    base.update(kw)
    return CollectOptions(**base)  # type: ignore[arg-type]
