"""Invariants of the scan over random trees built from real-looking names."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from openness.domain.release import Presence
from openness.sources.local import collect
from openness.sources.options import CollectOptions

from . import builders as b

FOLDERS = ["", "data/", "eval/", "src/pkg/", "checkpoint-100/", "configs/", "docs/", "tests/", "weights/"]
NAMES = [
    "train.py",
    "model.py",
    "README.md",
    "LICENSE",
    "config.json",
    "x.safetensors",
    "part.parquet",
    "pytorch_model.bin",
    "generate.py",
    "notes.txt",
    "requirements.txt",
    "paper.pdf",
    "MODEL_CARD.md",
]
CONTENTS = [
    "",
    "loss.backward()\n",
    b.MIT,
    b.APACHE,
    "---\nlicense: mit\n---\n",
    "https://arxiv.org/abs/1\n",
    b.lfs_pointer(10),
    "\x80\x04K\x01.",
    "SPDX-License-Identifier: MIT\n",
]
files = st.lists(
    st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES), st.sampled_from(CONTENTS)), max_size=25
)


@settings(max_examples=60, deadline=None)
@given(files, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=400))
def test_scan_invariants(tree: list[tuple[str, str, str]], max_files: int, max_bytes: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder, name, content in tree:
            b.write(root, folder + name, content)
        full = collect(tmp)
        bounded = collect(tmp, CollectOptions(max_files=max_files, max_bytes=max_bytes))
    for release in (full, bounded):
        assert [c.name for c in release.components] == [c.name for c in full.components]
        assert len(release.components) == 17
        for c in release.components:
            if c.presence in (Presence.ABSENT, Presence.UNKNOWN):
                assert c.locations == () and c.licence is None
            else:
                assert c.locations and c.evidence
            if c.presence is Presence.INCLUDED:
                assert any(
                    os.path.normpath(loc) == os.path.normpath(folder + name)
                    for loc in c.locations
                    for folder, name, _ in tree
                )
    # a budget never turns what it did not look at into "absent"
    if bounded.extra["scan"]["budget_hit"]:
        assert all(c.presence is not Presence.ABSENT for c in bounded.components)
    else:
        assert [c.presence for c in bounded.components] == [c.presence for c in full.components]
    # what a bounded scan saw included is included in the full scan
    for small, big in zip(bounded.components, full.components, strict=True):
        if small.presence is Presence.INCLUDED:
            assert big.presence is Presence.INCLUDED
