from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# A real headless Chromium (Debian's package) driven by Playwright, for the HTML report and the registry's
# pages: one per test session, shared (a second sync Playwright cannot start in the same thread).
ARTIFACTS = Path(os.environ.get("OPENNESS_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium; skipped on a machine without one, except in CI, where .ci/run installs it."""
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        exe = None
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium and Playwright (.ci/run installs them)")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
