"""Model parameters (final and intermediate) and model metadata (configs, tokenizer, optimiser states).

Weights are recognised by name and size; only Git LFS pointers, safetensors headers and GGUF headers are
read, each bounded. Pickle-based files (.bin, .pt, .pth, .ckpt, .pkl) are never opened beyond an
LFS-pointer check of files under 1 KiB.
"""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local import weights
from openness.sources.local.finders.common import (
    CHECKPOINT_FILE,
    DATA_DIRS,
    P_CONFIG,
    P_WEIGHTS,
    hit,
    in_checkpoint_dir,
    in_dirs,
    in_eval_dirs,
    in_tests,
)
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import ARCH, FINAL, INTERMEDIATE, METADATA, Hit

WEIGHT_EXT = frozenset(
    {
        ".safetensors",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".gguf",
        ".onnx",
        ".h5",
        ".msgpack",
        ".npz",
        ".pkl",
        ".tflite",
        ".keras",
        ".pdparams",
        ".distcp",
        ".mlmodel",
        ".ggml",
    }
)
PICKLE_EXT = frozenset({".bin", ".pt", ".pth", ".ckpt", ".pkl"})
OPTIMISER_STATE = ("optimizer", "optim_states", "optim-states", "scheduler", "rng_state", "scaler")
METADATA_NAMES = frozenset(
    {
        "config.json",
        "generation_config.json",
        "tokenizer_config.json",
        "tokenizer.json",
        "special_tokens_map.json",
        "vocab.json",
        "merges.txt",
        "vocab.txt",
        "added_tokens.json",
        "preprocessor_config.json",
        "params.json",
        "hparams.yaml",
        "hparams.json",
        "trainer_state.json",
        "training_args.bin",
        "training_args.json",
        "adapter_config.json",
        "model_args.json",
        "args.json",
    }
)
SMALL_PICKLE = 32 * 1024
"""A pickle-based file (.pt, .bin, .pkl …) this small that is not a Git LFS pointer holds statistics, a
vocabulary or a few constants, not a model's weights: the smallest released models are far larger."""
NOT_THE_MODEL = re.compile(
    r"(?:^|[_\-.])(?:probe|probes|linear[_-]?head|classifier|cls[_-]head|head|heads|stats|statistics|"
    r"mean[_-]?std|norm[_-]?stats|mel[_-]?filters|filters)(?:[_\-.]|$)"
)
"""A probe, a classification head or a table of statistics is trained or computed beside the model;
it is not the model's parameters (dinov2's ``*_linear_head.pth``, whisper's ``mel_filters.npz``)."""
SHARD_INDEX_SUFFIX = (".safetensors.index.json", ".bin.index.json", ".pth.index.json")
DATA_LIKE_BIN = ("train.bin", "val.bin", "valid.bin", "test.bin")


def _is_data_bin(f: FileInfo) -> bool:
    return (
        f.lower in DATA_LIKE_BIN or in_dirs(f, DATA_DIRS) or f.lower.endswith(("_document.bin", ".idx.bin"))
    )


def by_name(f: FileInfo) -> list[Hit]:
    out: list[Hit] = []
    name = f.lower
    if (name in METADATA_NAMES and not in_eval_dirs(f)) or (
        name.endswith(("_config.json", ".tokenizer.json")) and "tokenizer" in name
    ):
        out.append(hit(METADATA, f, "local.metadata.known-file", 0.9, f"model metadata file {f.name}"))
    if name.endswith(SHARD_INDEX_SUFFIX):
        out.append(hit(FINAL, f, "local.params.shard-index", 0.9, "index of sharded weights"))
        return out
    if f.ext not in WEIGHT_EXT or in_tests(f):
        return out
    if f.ext in (".bin", ".npz", ".pkl") and _is_data_bin(f):
        return out  # data, not weights (data finder)
    if name == "training_args.bin":
        return out
    if name.startswith(OPTIMISER_STATE) or "optim" in name:
        out.append(
            hit(
                METADATA,
                f,
                "local.metadata.optimiser-state",
                0.8,
                f"optimiser or scheduler state {f.name} ({f.size:,} bytes), not opened",
            )
        )
        ck = in_checkpoint_dir(f)
        if ck:
            out.append(
                hit(INTERMEDIATE, f, "local.params.checkpoint-folder", 0.9, f"in checkpoint folder {ck}/")
            )
        return out
    stem = name[: -len(f.ext)]
    if stem.startswith(("tokenizer", "tokeniser", "vocab", "merges", "spm", "sentencepiece")):
        return out  # llama2.c's tokenizer.bin is a vocabulary used at inference: not weights, not metadata
    if NOT_THE_MODEL.search(stem):
        return out  # by the name rule local.params.not-the-model (see NOT_THE_MODEL)
    if f.ext in PICKLE_EXT | {".npz", ".h5"} and f.size < SMALL_PICKLE:
        return out  # too small for weights (SMALL_PICKLE); a Git LFS pointer is found by its content
    return out + _weights(f)


def _weights(f: FileInfo) -> list[Hit]:
    """The weights hit of a weights file, by folder and name."""
    out: list[Hit] = []
    name = f.lower
    kind = "pickle-based, recognised by name and size only" if f.ext in PICKLE_EXT else f"{f.ext[1:]} file"
    detail = f"{f.name}, {f.size:,} bytes ({kind})"
    ck = in_checkpoint_dir(f)
    if ck:
        out.append(
            hit(
                INTERMEDIATE,
                f,
                "local.params.checkpoint-folder",
                0.9,
                f"in checkpoint folder {ck}/: {detail}",
            )
        )
    elif CHECKPOINT_FILE.search(name):
        out.append(hit(INTERMEDIATE, f, "local.params.checkpoint-name", 0.8, f"step-named weights: {detail}"))
    else:
        conf = 0.6 if f.ext in (".pkl", ".npz", ".h5") else 0.9
        out.append(hit(FINAL, f, "local.params.weights-extension", conf, detail))
    return out


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.lower == "config.json":
        return P_CONFIG, 256 * 1024
    if f.ext in WEIGHT_EXT and f.size <= weights.LFS_MAX:
        return P_WEIGHTS, weights.LFS_MAX
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.lower == "config.json":
        return _config(f, data)
    if f.ext in WEIGHT_EXT and len(data) <= weights.LFS_MAX:
        pointer = weights.lfs_pointer(data)
        if pointer is not None:
            return _lfs(f, pointer)
    return []


def _lfs(f: FileInfo, pointer: weights.LfsPointer) -> list[Hit]:
    """A Git LFS pointer: the weights exist, stored outside the tree; re-file the name hit as referenced."""
    url = f"git-lfs:sha256:{pointer.sha256}"
    detail = f"Git LFS pointer to {pointer.size:,} bytes, sha256 {pointer.sha256}"
    out: list[Hit] = []
    for h in _weights(f):
        if h.component in (FINAL, INTERMEDIATE):
            out.append(
                hit(h.component, f, "local.params.lfs-pointer", 0.95, detail, Presence.REFERENCED, url=url)
            )
    return out


def _config(f: FileInfo, data: bytes) -> list[Hit]:
    from openness.sources.bounded import load_json

    # bounded (depth, number length); a config that does not parse is named by the scan's notes and
    # what it would show stays unknown (the scanner's per-file boundary)
    value = load_json(data)
    if not isinstance(value, dict):
        return []
    out: list[Hit] = []
    archs = value.get("architectures")
    model_type = value.get("model_type")
    if (isinstance(archs, list) and archs) or isinstance(model_type, str):
        what = ", ".join(str(a) for a in archs) if isinstance(archs, list) and archs else str(model_type)
        # The config names the architecture; its code lives in a library unless modeling files are present.
        out.append(
            hit(
                ARCH,
                f,
                "local.arch.config-architectures",
                0.5,
                f"config.json names the architecture {what} (code in the library it names)",
            )
        )
    return out


ARRAY_SET = 20
ARRAY_SET_MAX = 1024 * 1024
"""Rule ``array-set``: a folder with at least ``ARRAY_SET`` ``.npz`` files, each under ``ARRAY_SET_MAX``
bytes, holds a collection of small arrays (voice presets, cached features, per-item embeddings), not a
model's weights: a model's parameters come in a few large files."""


def by_tree(files: list[FileInfo], hits: list[Hit]) -> list[Hit]:
    """Drop the weights hits on the files of a set of small arrays (rule ``array-set``)."""
    small: dict[str, int] = {}
    for f in files:
        if f.ext == ".npz" and f.size < ARRAY_SET_MAX:
            folder = f.rel.rpartition("/")[0]
            small[folder] = small.get(folder, 0) + 1
    sets = {folder for folder, n in small.items() if n >= ARRAY_SET}
    if not sets:
        return hits
    return [
        h
        for h in hits
        if not (
            h.component in (FINAL, INTERMEDIATE)
            and h.rel is not None
            and h.rel.endswith(".npz")
            and h.rel.rpartition("/")[0] in sets
        )
    ]
