"""What a file in a Hub repo is, judged by its path alone (nothing is opened or executed here)."""

from __future__ import annotations

import re
from enum import StrEnum

from openness.sources.local.licence_files import is_licence_path


class FileKind(StrEnum):
    WEIGHTS = "weights"
    WEIGHTS_INDEX = "weights-index"
    ADAPTER_WEIGHTS = "adapter-weights"
    CONFIG = "config"
    ADAPTER_CONFIG = "adapter-config"
    TOKENIZER = "tokenizer"
    CODE = "code"
    LICENCE = "licence"
    CARD = "card"
    EVAL_RESULTS = "eval-results"
    DATA = "data"
    OTHER = "other"


# Weight formats the Hub hosts (safetensors, PyTorch, TensorFlow, Flax, ONNX, GGUF, TFLite, Core ML,
# OpenVINO, MLX/NumPy). Matched on the file name, not opened.
_WEIGHTS = re.compile(
    r"\.(safetensors|bin|pt|pth|ckpt|h5|msgpack|onnx|onnx_data|gguf|ggml|tflite|mlmodel|npz|pdparams|nemo)$"
    r"|(^|/)(openvino_model|model)\.xml$",
    re.IGNORECASE,
)
_NOT_WEIGHTS = re.compile(r"(^|/)(training_args|optimizer|scheduler|rng_state[^/]*)\.(bin|pt|pth)$", re.I)
_INDEX = re.compile(r"\.(safetensors|bin)\.index\.json$", re.IGNORECASE)
_ADAPTER = re.compile(r"(^|/)adapter_model\.(safetensors|bin)$", re.IGNORECASE)
_TOKENIZER = re.compile(
    r"(^|/)(tokenizer(_config)?\.json|tokenizer\.model|spiece\.model|sentencepiece\.bpe\.model|vocab\.(json|txt)"
    r"|merges\.txt|special_tokens_map\.json|added_tokens\.json|tekken\.json|.*\.tiktoken)$",
    re.IGNORECASE,
)
_CONFIG = re.compile(
    r"(^|/)(config|generation_config|preprocessor_config|params|model_index|quantize_config|quant_config)\.json$"
    r"|(^|/)[^/]*_config\.(json|yaml|yml)$",
    re.IGNORECASE,
)
_DATA = re.compile(r"\.(parquet|arrow|jsonl|csv|tsv)(\.gz|\.zst)?$", re.IGNORECASE)


def classify(path: str) -> FileKind:
    name = path.rsplit("/", 1)[-1]
    if path.startswith(".eval_results/") and name.endswith((".yaml", ".yml", ".json")):
        return FileKind.EVAL_RESULTS
    if path.lower() == "readme.md":
        return FileKind.CARD
    if is_licence_path(path):  # the one rule for licence file names, the folder scan's
        return FileKind.LICENCE
    if _ADAPTER.search(path):
        return FileKind.ADAPTER_WEIGHTS
    if name == "adapter_config.json":
        return FileKind.ADAPTER_CONFIG
    if _INDEX.search(path):
        return FileKind.WEIGHTS_INDEX
    if _NOT_WEIGHTS.search(path):
        return FileKind.OTHER
    if _WEIGHTS.search(path):
        return FileKind.WEIGHTS
    if _TOKENIZER.search(path):
        return FileKind.TOKENIZER
    if _CONFIG.search(path):
        return FileKind.CONFIG
    if name.endswith(".py"):
        return FileKind.CODE
    if _DATA.search(path):
        return FileKind.DATA
    return FileKind.OTHER


# Branch names of training checkpoints: step1000, step-1000, global_step1000, checkpoint-500, ckpt_3,
# iter_0001000, epoch-2, stage1-step5000-tokens10B (OLMo), ... (the names producers use on the Hub).
STEP_BRANCH = re.compile(
    r"^(?:.*[-_])?(?:step|global[-_]?step|checkpoint|ckpt|iter|iteration|epoch)[-_]?\d+(?:[-_].*)?$",
    re.IGNORECASE,
)


def is_step_branch(name: str) -> bool:
    return bool(STEP_BRANCH.match(name))
