from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.components import BY_NAME
from openness.domain.release import Component, GlobalLicence, Presence, Release

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "testdata"


def shared(*parts: str) -> Path:
    """A path under ../shared/testdata, skipping the test when that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared test data lives beside the project in CI)")
    return path


def comp(
    name: str,
    licence: str | None = None,
    *,
    declared: bool | None = None,
    presence: Presence = Presence.INCLUDED,
) -> Component:
    assert name in BY_NAME, name
    return Component(
        name=name,
        presence=presence,
        licence=licence,
        licence_declared=(licence is not None) if declared is None else declared,
    )


def release(*components: Component, **licences: str) -> Release:
    return Release(
        name="test",
        producer="tests",
        licences={k: GlobalLicence(v) for k, v in licences.items()},
        components=tuple(components),
    )


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep what tests cache (the licence index, Hub responses) out of the user's home folder."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    os.environ.setdefault("XDG_CACHE_HOME", str(folder))
