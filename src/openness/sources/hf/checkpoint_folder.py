"""Weights kept as a folder of checkpoint shards whose names carry no weights extension.

Some producers publish a checkpoint as the raw shards their training framework wrote: a folder such as
``ckpt-0/`` holding hundreds of files named ``tensor00000_000`` …, with no ``.safetensors``/``.bin``
suffix the file-name rule knows; the large shards are stored in LFS, small ones (a norm's scales, a few
KB) may be plain git files. Rule ``hf.files.checkpoint-folder``: a top-level folder in which no file has
an extension, with at least ``MIN_FILES`` LFS files holding ``MIN_BYTES`` or more, is the model's weights
when the folder is named as a checkpoint (``ckpt``, ``checkpoint(s)``, ``weights``, ``params``,
optionally numbered) or the card names the folder. Judged from the file list and the card; nothing is
downloaded. Confidence 0.7 on the folder name alone, 0.8 when the card also names the folder (a download
instruction such as ``--include ckpt-0/*``).
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
            f"{len(self.files)} files without an extension in {self.folder}/ (the large ones in LFS), "
            f"{self.size} bytes; {why}: read as checkpoint shards"
        )


def _extensionless(sibling: dict[str, Any]) -> bool:
    return "." not in str(sibling["rfilename"]).rsplit("/", 1)[-1]


def _size(files: list[dict[str, Any]]) -> int:
    return sum(int(s.get("size") or 0) for s in files)


def checkpoint_folders(siblings: list[dict[str, Any]], card_text: str) -> list[CheckpointFolder]:
    """The folders of ``siblings`` (the Hub's file list) that hold a checkpoint as extensionless shards."""
    by_folder: dict[str, list[dict[str, Any]]] = {}
    for s in siblings:
        path = str(s["rfilename"])
        if "/" in path:
            by_folder.setdefault(path.split("/", 1)[0], []).append(s)
    found = []
    for folder, files in sorted(by_folder.items()):
        lfs = [s for s in files if isinstance(s.get("lfs"), dict)]
        if len(lfs) < MIN_FILES or _size(lfs) < MIN_BYTES or not all(map(_extensionless, files)):
            continue
        named = f"{folder}/" in card_text
        if CHECKPOINT_NAME.match(folder) or named:
            found.append(CheckpointFolder(folder, files, _size(files), named))
    return found
