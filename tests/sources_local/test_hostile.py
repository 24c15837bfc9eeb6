"""Hostile trees: each completes within its budget, with a clear report, and nothing found is run."""

from __future__ import annotations

import builtins
import json
import os
import pickle
from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.sources.local import collect
from openness.sources.options import CollectOptions

from . import builders as b


def names_and_states(release):  # type: ignore[no-untyped-def]
    return {c.name: c.presence for c in release.components}


class _CreatesFile:
    """Unpickling this calls open(path, 'w'): a stand-in for code a malicious checkpoint would run."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (builtins.open, (self.path, "w"))


def test_pickle_payload_is_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path.parent / f"{tmp_path.name}-pwned"
    payload = pickle.dumps(_CreatesFile(str(marker)))
    proof = tmp_path.parent / f"{tmp_path.name}-proof"
    pickle.loads(pickle.dumps(_CreatesFile(str(proof)))).close()  # the payload kind really runs when loaded
    assert proof.exists()
    tree = tmp_path / "release"
    for rel in (
        "pytorch_model.bin",
        "model.pkl",
        "checkpoint-10/optimizer.pt",
        "weights.ckpt",
        "training_args.bin",
    ):
        b.write(tree, rel, payload + b"\0" * 600_000)  # pickle reads stop at the payload's end
    release = collect(str(tree))
    assert not marker.exists()
    final = release.component("Model parameters (Final)")
    assert final is not None and final.presence is Presence.INCLUDED
    assert "pytorch_model.bin" in final.locations
    assert any("recognised by name and size only" in e.detail for e in final.evidence)


def test_symlink_loop_and_links_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    b.write(outside, "train.py", "optimizer.step()\n")
    b.write(outside, "secret.safetensors", b.safetensors({"w": [1]}))
    tree = tmp_path / "tree"
    b.write(tree, "README.md", "# hello\n")
    (tree / "loop").symlink_to(tree)  # a folder linking to its parent
    (tree / "self").symlink_to(tree / "self")  # a link to itself
    (tree / "escape").symlink_to(outside)
    (tree / "model.safetensors").symlink_to(outside / "secret.safetensors")
    (tree / "inside.md").symlink_to(tree / "README.md")
    release = collect(str(tree))
    everywhere = {loc for c in release.components for loc in c.locations}
    assert not any("escape" in loc or "secret" in loc or loc == "model.safetensors" for loc in everywhere)
    states = names_and_states(release)
    assert states["Training code"] is Presence.ABSENT
    assert states["Model parameters (Final)"] is Presence.ABSENT
    assert any("symlinks pointing out of the tree" in n and "escape" in n for n in release.notes)


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "README.md")  # a reader would block forever on this
    os.mkfifo(tmp_path / "config.json")
    b.write(tmp_path, "train.py", "loss.backward()\n")
    release = collect(str(tmp_path))
    assert release.component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]
    assert any("special files" in n and "README.md" in n for n in release.notes)


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: permissions do not make files unreadable")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    b.write(tmp_path, "LICENSE", b.MIT).chmod(0)
    b.write(tmp_path, "locked/train.py", "x\n")
    (tmp_path / "locked").chmod(0)
    try:
        release = collect(str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert any("could not be read" in n for n in release.notes)
    assert release.component("Training code").presence is Presence.UNKNOWN  # type: ignore[union-attr]


def test_sparse_multi_gigabyte_files_are_not_read_through(tmp_path: Path) -> None:
    size = 8 * 1024**3
    for rel in ("model.safetensors", "README.md", "data/huge.jsonl", "pytorch_model.bin"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            if rel == "model.safetensors":
                fh.write((2**40).to_bytes(8, "little"))  # a header length no reader should believe
            fh.truncate(size)
    release = collect(str(tmp_path))
    assert release.extra["scan"]["bytes_read"] < 1024 * 1024
    final = release.component("Model parameters (Final)")
    assert final is not None and final.presence is Presence.INCLUDED
    assert any("8,589,934,592 bytes" in e.detail for e in final.evidence)
    assert release.component("Datasets").presence is Presence.INCLUDED  # type: ignore[union-attr]


def test_deep_nesting_stops_at_the_depth_limit_and_says_so(tmp_path: Path) -> None:
    path = tmp_path
    for _ in range(100):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "train.py").write_text("loss.backward()\n")
    b.write(tmp_path, "model.py", "class M(nn.Module):\n    pass\n")
    release = collect(str(tmp_path))
    assert any("nested too deep" in n for n in release.notes)
    states = names_and_states(release)
    assert states["Model architecture"] is Presence.INCLUDED
    assert states["Training code"] is Presence.UNKNOWN  # not looked at: never "absent"


def test_many_files_scan_completes_and_file_budget_makes_the_rest_unknown(tmp_path: Path) -> None:
    for i in range(3000):
        b.write(tmp_path, f"src/pkg{i % 30}/mod{i}.py", "x = 1\n")
    b.write(tmp_path, "zz_last/train.py", "loss.backward()\n")
    full = collect(str(tmp_path))
    assert full.extra["scan"]["files"] == 3001
    assert full.component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]
    small = collect(str(tmp_path), CollectOptions(max_files=500))
    assert small.extra["scan"]["budget_hit"] == "max-files"
    assert small.component("Training code").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    assert small.component("Model card").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    assert any("max-files" in n and "unknown, not absent" in n for n in small.notes)


def test_byte_and_time_budgets(tmp_path: Path) -> None:
    b.training_repo(tmp_path)
    by_bytes = collect(str(tmp_path), CollectOptions(max_bytes=64))
    assert by_bytes.extra["scan"]["budget_hit"] == "max-bytes"
    assert by_bytes.extra["scan"]["bytes_read"] <= 64
    assert any("files were not read" in n for n in by_bytes.notes)
    # name rules still decide what names alone show; the rest is unknown
    assert by_bytes.component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]
    assert by_bytes.component("Model card").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    by_time = collect(str(tmp_path), CollectOptions(max_seconds=0))
    assert by_time.extra["scan"]["budget_hit"] == "max-seconds"
    assert Presence.ABSENT not in set(names_and_states(by_time).values())


def test_non_utf8_names(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path)
    with open(os.path.join(root, b"caf\xe9_train.py"), "wb") as fh:
        fh.write(b"loss.backward()\n")
    os.mkdir(os.path.join(root, b"d\xff"))
    with open(os.path.join(root, b"d\xff", b"model.safetensors"), "wb") as fh:
        fh.write(b.safetensors({"w": [3]}))
    release = collect(str(tmp_path))
    training = release.component("Training code")
    assert training is not None and training.locations == ("caf\ufffd_train.py",)
    assert "caf\ufffd_train.py:1" in {e.locator for e in training.evidence}
    final = release.component("Model parameters (Final)")
    assert final is not None and final.locations == ("d\ufffd/model.safetensors",)
    json.dumps([c.locations for c in release.components], ensure_ascii=False).encode("utf-8")


def test_unreadable_entries_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above for any user: the file system refuses a folder and a file."""
    b.write(tmp_path, "LICENSE", b.MIT)
    b.write(tmp_path, "locked/train.py", "x\n")
    b.write(tmp_path, "model.py", "x\n")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def refuse(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("LICENSE"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", refuse)
    release = collect(str(tmp_path))
    assert any("could not be read" in n and "locked/" in n and "LICENSE" in n for n in release.notes)
    assert release.component("Training code").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    assert release.component("Model architecture").presence is Presence.INCLUDED  # type: ignore[union-attr]
    assert release.global_licence("distribution") is None


def test_device_file_is_never_opened(tmp_path: Path) -> None:
    import stat

    try:
        os.mknod(tmp_path / "pytorch_model.bin", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    release = collect(str(tmp_path))
    assert any("special files" in n and "pytorch_model.bin" in n for n in release.notes)
    assert release.extra["scan"]["bytes_read"] == 0
    assert release.component("Model parameters (Final)").presence is Presence.ABSENT  # type: ignore[union-attr]


def test_read_caps_make_content_only_components_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openness.sources.local import scanner
    from openness.sources.local.finders.common import P_CODE

    for i in range(20):
        b.write(tmp_path, f"pkg/m{i:02}.py", "x = 1\n")
    b.write(tmp_path, "pkg/zz.py", "loss.backward()\n")  # training code only its content shows
    b.write(tmp_path, "model.py", "x\n")
    assert collect(str(tmp_path)).component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]
    monkeypatch.setitem(scanner.READ_CAPS, P_CODE, 5)
    release = collect(str(tmp_path))
    assert release.component("Training code").presence is Presence.UNKNOWN  # type: ignore[union-attr]
    assert release.component("Model architecture").presence is Presence.INCLUDED  # type: ignore[union-attr]
    assert release.component("Model card").presence is Presence.ABSENT  # type: ignore[union-attr]
    assert any("read caps" in n for n in release.notes)


@pytest.mark.parametrize("max_bytes", [0, 64])
def test_a_licence_file_the_budget_leaves_unread_makes_the_licence_unknown(
    tmp_path: Path, max_bytes: int
) -> None:
    """The byte budget runs out before LICENSE is read (0) or in the middle of it (64): the components it
    covers have an unread licence (unknown), never 'no licence' nor an unrecognised one."""
    from openness.frameworks.mof import Mode, Status, evaluate

    b.training_repo(tmp_path)
    release = collect(str(tmp_path), CollectOptions(max_bytes=max_bytes))
    training = release.component("Training code")
    assert training is not None and training.presence is Presence.INCLUDED
    assert training.licence is None and training.licence_unread
    assert "local.licence.file-unread" in {e.rule for e in training.evidence}
    assert "distribution" not in release.licences
    assert any(n.startswith("licence files not read whole: LICENSE (") for n in release.notes)
    finding = evaluate(release, Mode.DEFAULT).finding("Training code")
    assert finding is not None and finding.status is Status.UNKNOWN
    # read whole, the same file gives the licence
    full = collect(str(tmp_path)).component("Training code")
    assert full is not None and full.licence == "MIT" and not full.licence_unread


def test_a_licence_file_past_the_read_cap_makes_what_it_covers_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A per-folder licence file not read (the licence read cap is spent on the root's) leaves the
    licence of the files below it unknown; the root licence still covers the rest."""
    from openness.sources.local import scanner
    from openness.sources.local.finders.common import P_LICENCE

    b.training_repo(tmp_path)
    b.write(tmp_path, "data/LICENSE", b.CC_BY)
    monkeypatch.setitem(scanner.READ_CAPS, P_LICENCE, 1)
    release = collect(str(tmp_path))
    prep = release.component("Data preprocessing code")  # data/shakespeare/prepare.py lies below data/
    assert prep is not None and prep.licence is None and prep.licence_unread
    training = release.component("Training code")  # train.py: the root LICENSE, read
    assert training is not None and training.licence == "MIT" and not training.licence_unread
    assert any("data/LICENSE (not read: over the read cap" in n for n in release.notes)
