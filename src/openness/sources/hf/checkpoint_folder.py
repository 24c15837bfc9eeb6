"""Weights kept as a folder of checkpoint shards whose names carry no weights extension.

Some producers publish a checkpoint as the raw shards their training framework wrote: a folder such as
``ckpt-0/`` holding hundreds of LFS files named ``tensor00000_000`` …, with no ``.safetensors``/``.bin``
suffix the file-name rule knows. Rule ``hf.files.checkpoint-folder``: a top-level folder whose files are
all stored in LFS, none with a file extension, at least ``MIN_FILES`` of them and ``MIN_BYTES`` in all,
is the model's weights when the folder is named as a checkpoint (``ckpt``, ``checkpoint(s)``,
``weights``, ``params``, optionally numbered) or the card names the folder. Judged from the file list
and the card; nothing is downloaded. Confidence 0.7 on the folder name alone, 0.8 when the card also
names the folder (a download instruction such as ``--include ckpt-0/*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

RULE = "hf.files.checkpoint-folder"
MIN_FILES = 2
MIN_BYTES = 100 * 2**20
"""A folder of small LFS files (a few test fixtures, sample images) is not a model's checkpoint."""
CHECKPOINT_NAME = re.compile(r"^(?:ckpt|checkpoints?|weights|params|parameters)(?:[-_]?\d+)?$", re.I)


@dataclass(frozen=True, slots=True)
class CheckpointFolder:
    folder: str
    files: list[dict[str, Any]]
    size: int
    named_by_card: bool

    @property
    def confidence(self) -> float:
        return 0.8 if self.named_by_card else 0.7

    def detail(self) -> str:
        why = "the folder is named as a checkpoint" if CHECKPOINT_NAME.match(self.folder) else ""
        if self.named_by_card:
            why = (why + " and " if why else "") + "the card names the folder"
        return (
            f"{len(self.files)} LFS files without a weights extension in {self.folder}/, {self.size} bytes; "
            f"{why}: read as checkpoint shards"
        )


def _is_shard(sibling: dict[str, Any]) -> bool:
    name = str(sibling["rfilename"]).rsplit("/", 1)[-1]
    return isinstance(sibling.get("lfs"), dict) and "." not in name


def checkpoint_folders(siblings: list[dict[str, Any]], card_text: str) -> list[CheckpointFolder]:
    """The folders of ``siblings`` (the Hub's file list) that hold a checkpoint as extensionless shards."""
    by_folder: dict[str, list[dict[str, Any]]] = {}
    for s in siblings:
        path = str(s["rfilename"])
        if "/" in path:
            by_folder.setdefault(path.split("/", 1)[0], []).append(s)
    found = []
    for folder, files in sorted(by_folder.items()):
        if len(files) < MIN_FILES or not all(_is_shard(s) for s in files):
            continue
        size = sum(int(s.get("size") or 0) for s in files)
        named = f"{folder}/" in card_text
        if size >= MIN_BYTES and (CHECKPOINT_NAME.match(folder) or named):
            found.append(CheckpointFolder(folder, files, size, named))
    return found
