"""Two Hub collector rules met on the OSI-reviewed releases: a checkpoint kept as a folder of extensionless
LFS shards (``hf.files.checkpoint-folder``), and a card saying ``license: unknown`` beside a licence file
(``hf.licence.card-unknown``). Layouts modelled on public Hub repositories; contents written here."""

from __future__ import annotations

from openness.domain.release import Presence
from openness.sources import hf
from openness.sources.hf.checkpoint_folder import MIN_BYTES, checkpoint_folders

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay

CARD = "license: apache-2.0\nlibrary_name: jax\n"
DOWNLOAD = "# Model\n\nDownload the checkpoint: `huggingface-cli download org/m --include ckpt-0/*`\n"


def shards(folder: str, n: int, size: int) -> dict[str, bytes | int]:
    return {f"{folder}/tensor{i:05d}_000": size for i in range(n)}


def weights_of(hub: HubReplay, files: dict[str, bytes | int], body: str = DOWNLOAD):  # type: ignore[no-untyped-def]
    model = hubdata.Model(
        "org/m",
        files={"README.md": hubdata.card(CARD, body), **files},
        card_data={"license": "apache-2.0"},
        library_name="jax",
    )
    hub.add_model(model)
    release = hf.collect("hf:org/m", fetch_for(hub))
    final = release.component("Model parameters (Final)")
    assert final is not None
    return final


def test_a_folder_of_extensionless_lfs_shards_named_by_the_card_is_the_weights(hub: HubReplay) -> None:
    final = weights_of(hub, shards("ckpt-0", 40, 400_000_000))
    assert (final.presence, final.licence) == (Presence.INCLUDED, "apache-2.0")
    assert final.extra["files"] == 40 and final.extra["bytes"] == 40 * 400_000_000
    assert final.extra["formats"] == ["checkpoint shards"]
    ev = next(e for e in final.evidence if e.rule == "hf.files.checkpoint-folder")
    assert ev.confidence == 0.8 and ev.locator.endswith(":ckpt-0/")
    assert "the folder is named as a checkpoint and the card names the folder" in ev.detail


def test_small_shards_kept_in_git_beside_the_lfs_ones_belong_to_the_checkpoint(hub: HubReplay) -> None:
    """The large tensors in LFS, a norm's few-KB scales as plain git files: one checkpoint."""
    small: dict[str, bytes | int] = {f"ckpt-0/tensor{i:05d}_000": b"\x00" * 64 for i in range(40, 44)}
    final = weights_of(hub, shards("ckpt-0", 40, 400_000_000) | small)
    assert final.presence is Presence.INCLUDED and final.extra["files"] == 44


def test_the_folder_name_alone_gives_a_lower_confidence(hub: HubReplay) -> None:
    final = weights_of(hub, shards("checkpoints", 4, 300_000_000), body="# Model\n")
    ev = next(e for e in final.evidence if e.rule == "hf.files.checkpoint-folder")
    assert final.presence is Presence.INCLUDED and ev.confidence == 0.7


def test_small_plain_or_unnamed_folders_are_not_weights(hub: HubReplay) -> None:
    # small LFS files (fixtures), text files in git (not LFS), an LFS folder neither named nor mentioned
    files: dict[str, bytes | int] = {
        **shards("ckpt-0", 3, 1_000),
        "checkpoints/NOTES": b"where to put the checkpoint\n",
        "checkpoints/LAYOUT": b"one file per tensor\n",
        **shards("assets", 4, 300_000_000),
    }
    final = weights_of(hub, files, body="# Model\n")
    assert final.presence is Presence.ABSENT


def test_a_folder_mixing_shards_and_other_files_is_not_read_as_shards() -> None:
    sibs = [
        {"rfilename": f"ckpt-0/tensor{i}", "size": MIN_BYTES, "lfs": {"sha256": "0" * 64}} for i in range(3)
    ] + [{"rfilename": "ckpt-0/run.py", "size": 100}]
    assert checkpoint_folders(sibs, "") == []
    assert [f.folder for f in checkpoint_folders(sibs[:3], "")] == ["ckpt-0"]


def test_license_unknown_reads_the_licence_file(hub: HubReplay) -> None:
    """The card says ``license: unknown``: the licence file beside the weights names the terms."""
    files: dict[str, bytes | int] = {
        "README.md": hubdata.card("license: unknown\n", "# Model\n"),
        "LICENSE.txt": builders_apache(),
        "model.safetensors": 5_000_000,
    }
    hub.add_model(hubdata.Model("org/u", files=files, card_data={"license": "unknown"}))
    release = hf.collect("hf:org/u", fetch_for(hub))
    final = release.component("Model parameters (Final)")
    assert final is not None and final.licence == "Apache-2.0"
    rules = {e.rule for e in final.evidence}
    assert "hf.licence.card-unknown" in rules and "hf.licence.card" not in rules
    assert any("the card says license: unknown; LICENSE.txt read as Apache-2.0" in n for n in release.notes)


def test_license_unknown_with_an_unrecognised_file_stays_unknown(hub: HubReplay) -> None:
    files: dict[str, bytes | int] = {
        "README.md": hubdata.card("license: unknown\n", "# Model\n"),
        "LICENSE.txt": b"Ask us before you use this.\n",
        "model.safetensors": 5_000_000,
    }
    hub.add_model(hubdata.Model("org/v", files=files, card_data={"license": "unknown"}))
    final = hf.collect("hf:org/v", fetch_for(hub)).component("Model parameters (Final)")
    assert final is not None and final.licence == "unknown"
    assert "hf.licence.card-unknown" not in {e.rule for e in final.evidence}


def builders_apache() -> bytes:
    from ..sources_local.builders import APACHE

    return APACHE.encode()
