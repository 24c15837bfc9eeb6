"""Code components: model architecture, training, inference, evaluation, data preprocessing, and the
supporting libraries and tools (the project's own packages, requirements and lock files)."""

from __future__ import annotations

import re

from openness.sources.local.finders.common import DATA_DIRS, EVAL_DIRS, P_CODE, hit, in_dirs, in_tests
from openness.sources.local.finders.tokenising import prepares_data
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import (
    ARCH,
    EVAL_CODE,
    INFERENCE,
    METADATA,
    PREPROCESSING,
    SUPPORTING,
    TRAINING,
    Hit,
)
from openness.sources.local.text import line_of

CODE_EXT = frozenset(
    {
        ".py",
        ".sh",
        ".bash",
        ".ipynb",
        ".cpp",
        ".cc",
        ".cu",
        ".c",
        ".rs",
        ".go",
        ".jl",
        ".lua",
        ".js",
        ".ts",
        ".java",
        ".scala",
        ".r",
        ".slurm",
        ".sbatch",
    }
)
CONFIG_EXT = frozenset({".yaml", ".yml", ".json", ".toml", ".cfg", ".ini"})
CODE_READ = 32 * 1024

# (component, rule, confidence, stem prefixes, stem suffixes)
_STEM_RULES: tuple[tuple[str, str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ARCH,
        "local.arch.modeling-file",
        0.8,
        ("modeling_", "modelling_", "modeling", "modelling", "model", "models", "architecture", "network"),
        ("_model", "_arch", "_network", "_modeling"),
    ),
    (
        TRAINING,
        "local.train.script-name",
        0.8,
        (
            "train",
            "training",
            "pretrain",
            "finetune",
            "fine_tune",
            "fine-tune",
            "sft",
            "dpo",
            "rlhf",
            "trainer",
            "run_clm",
            "run_mlm",
        ),
        ("_train", "_training", "_trainer", "_finetune", "_pretrain", "_pretraining", "-train"),
    ),
    (
        INFERENCE,
        "local.infer.script-name",
        0.8,
        (
            "generate",
            "generation",
            "inference",
            "infer",
            "predict",
            "serve",
            "server",
            "serving",
            "chat",
            "sample",
            "sampling",
            "demo",
            "app",
            "gradio_app",
            "streamlit_app",
            "webui",
            "web_demo",
            "cli_demo",
            "transcribe",
            "completion",
            "interactive",
            "run_model",
            "text_generation",
        ),
        (
            "_inference",
            "_generate",
            "_generation",
            "_server",
            "_predict",
            "_chat",
            "-inference",
            "_demo",
            "_app",
        ),
    ),
    (
        EVAL_CODE,
        "local.eval.script-name",
        0.8,
        (
            "eval",
            "evaluate",
            "evaluation",
            "benchmark",
            "run_eval",
            "lm_eval",
            "score",
            "harness",
            "val",
            "validate",
            "zero_shot",
        ),
        ("_eval", "_evaluate", "_evaluation", "_benchmark", "-eval"),
    ),
    (
        PREPROCESSING,
        "local.prep.script-name",
        0.8,
        (
            "prepare",
            "preprocess",
            "preprocessing",
            "preprocessor",
            "preprocessors",
            "prep_",
            "tokenize_",
            "tokenise_",
            "dedup",
            "filter",
            "clean",
            "shard",
            "mix_",
            "build_dataset",
            "make_data",
            "process_data",
            "convert_data",
            "data_prep",
            "augment",
            "augmentations",
            "input_pipeline",
            "dataloader",
            "dataloaders",
            "pretokeni",
            "create_pretraining_data",
        ),
        (
            "_augment",
            "augmentations",
            "_dataloader",
            "_dataloaders",
            "_prepare",
            "_preprocess",
            "_preprocessing",
            "_dedup",
            "_filter",
            "_clean",
            "_shard",
            "_tokenize",
            "_tokenise",
            "_prep",
        ),
    ),
)
_NOT_RUNS = frozenset(
    {
        "config",
        "configs",
        "task",
        "tasks",
        "tree",
        "trees",
        "docs",
        "readme",
        "schema",
        "fixtures",
        "report",
        "table",
        "tables",
        "yaml",
        "json",
        "splits",
        "manifest",
    }
)
"""``generate_configs.py``, ``generate_tree.py``: a script that builds files of the project, not one that runs
a model (the object of the verb says which)."""
ENTRY_POINTS = frozenset({"run", "runners"})
"""``run.py`` at the top of a model release runs the model (grok-1); deeper it is a helper of a package."""
CONVERTERS = ("convert", "export", "conversion")
"""``convert_llama_weights_to_hf.py``, ``export_onnx_model.py``: tools that change a checkpoint's format,
not the model's architecture."""
_DIR_RULES: tuple[tuple[str, str, frozenset[str]], ...] = (
    (
        ARCH,
        "local.arch.model-folder",
        frozenset({"model", "models", "modeling", "modelling", "architectures"}),
    ),
    (TRAINING, "local.train.folder", frozenset({"train", "training", "trainer", "finetune", "pretrain"})),
    (INFERENCE, "local.infer.folder", frozenset({"inference", "serving", "serve", "generation"})),
    (EVAL_CODE, "local.eval.folder", EVAL_DIRS),
    (
        PREPROCESSING,
        "local.prep.folder",
        # not data/: a data package loads datasets for training, it does not prepare them
        frozenset(
            {"preprocessing", "preprocess", "data_prep", "dataprep", "data_processing", "data_preparation"}
        ),
    ),
)
SUPPORT_FILES = frozenset(
    {
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "pipfile",
        "pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
        "environment.yml",
        "environment.yaml",
        "package.json",
        "package-lock.json",
        "yarn.lock",
        "cargo.toml",
        "cargo.lock",
        "go.mod",
        "go.sum",
        "dockerfile",
        "requirements.txt",
        "conda.yaml",
        "conda.yml",
        "cmakelists.txt",
    }
)
_LAUNCH_RE = re.compile(r"^(?:ds_config|deepspeed|zero[123]?|accelerate|fsdp|launch|slurm|torchrun)[^/]*$")

_CONTENT_RULES: tuple[tuple[str, str, float, re.Pattern[str]], ...] = (
    (
        ARCH,
        "local.arch.module-class",
        0.8,
        re.compile(
            r"^class\s+\w+\s*\(\s*(?:torch\.)?(?:nn|linen|eqx|hk|keras|tf\.keras|layers)\.(?:Module|Layer|Model)\b"
            r"|^class\s+\w+\s*\([^)]*PreTrainedModel\b",
            re.MULTILINE,
        ),
    ),
    (
        TRAINING,
        "local.train.optimiser-loop",
        0.7,
        re.compile(
            r"\b(?:optimizer|optimiser|optim|opt)\.step\(|\bloss\.backward\(|\baccelerator\.backward\("
            r"|\bTrainer\(|\bSFTTrainer\(|\boptax\.apply_updates\(|\bestimator\.train\(|\.minimize\(loss"
        ),
    ),
    (
        INFERENCE,
        "local.infer.generate-call",
        0.6,
        re.compile(
            r"\.generate\(|pipeline\(\s*['\"]text-generation|torch\.multinomial\(|\bLLM\(\s*model="
            r"|\bestimator\.predict\("
        ),
    ),
    (
        EVAL_CODE,
        "local.eval.harness-use",
        0.7,
        re.compile(
            r"^\s*(?:import|from)\s+lm_eval\b|\bsimple_evaluate\(|\bevaluate\.load\(|^\s*from\s+evaluate\s+import"
            r"|\bestimator\.evaluate\(",
            re.MULTILINE,
        ),
    ),
    (
        PREPROCESSING,
        "local.prep.tokenise-or-dedup",
        0.5,
        re.compile(
            r"encode_ordinary|\.map\([^)\n]*tokeni[sz]|\b(?:enc|encoder|tokenizer|tokeniser)\.encode(?:_batch)?\("
            r"|MinHash|minhash|\bdedup(?:licate)?\w*\("
        ),
    ),
)


LIBRARY_MODULES = frozenset({"app", "server", "serve", "serving"})
"""Inference words that are also ordinary module names of a package (its web app, its server)."""


def _stem(f: FileInfo) -> str:
    return f.lower[: -len(f.ext)] if f.ext else f.lower


def by_name(f: FileInfo) -> list[Hit]:
    if is_manifest(f):
        return []  # a list of third-party dependencies releases no tool of the producer's own
    if f.ext not in CODE_EXT:
        if f.ext in CONFIG_EXT and not in_tests(f):
            return _config_file(f)
        return []
    if in_tests(f):
        return []
    stem = _stem(f)
    out: list[Hit] = []
    if f.ext == ".py" and any(d in ("config", "configs") for d in f.dirs) and stem != "__init__":
        # nanoGPT's config/train_gpt2.py, vit_jax/configs/*.py: settings written as Python
        out.append(hit(METADATA, f, "local.metadata.config-code", 0.5, f"configuration {f.name}"))
    words = set(re.split(r"[_\-.]", stem)[1:])
    if stem.split("_")[0] in DATA_VERBS and words & DATA_WORDS:
        detail = f"{f.name} builds a dataset"
        return [hit(PREPROCESSING, f, "local.prep.data-builder", 0.7, detail)]
    if _starts_with_word(stem, CONVERTERS):
        return [hit(SUPPORTING, f, "local.support.converter", 0.6, f"checkpoint converter {f.name}")]
    if stem in ENTRY_POINTS and not f.dirs and f.ext == ".py":
        return [
            hit(INFERENCE, f, "local.infer.entry-point", 0.6, f"entry point {f.name} at the top of the tree")
        ]
    if "demo" in stem and f.ext in (".py", ".ipynb", ".sh"):
        return [hit(INFERENCE, f, "local.infer.demo", 0.7, f"demo {f.name}")]
    if stem in BARE_PREPROCESS and not in_dirs(f, DATA_DIRS | PREP_DIRS):
        return []  # decided by content: image transforms at inference or dataset processing (by_content)
    for component, rule, conf, prefixes, suffixes in _STEM_RULES:
        if component == INFERENCE and stem in LIBRARY_MODULES and f.dirs[:1] == ("src",) and len(f.dirs) > 1:
            continue  # src/<package>/app.py, server.py: a module of an installable package, not a script
        if _starts_with_word(stem, prefixes) or stem.endswith(suffixes):
            if component == PREPROCESSING and stem.startswith("tokenizer"):
                continue
            if component in (INFERENCE, TRAINING, EVAL_CODE) and words & _NOT_RUNS:
                continue
            out.append(hit(component, f, rule, conf, f"{f.name}"))
    if not out and f.size > 0:  # an empty file (a package marker) holds no code of any kind
        for component, rule, dirs in _DIR_RULES:
            if in_dirs(f, dirs):
                out.append(hit(component, f, rule, 0.5, f"code in {'/'.join(f.dirs)}/"))
                break
    if not out and f.ext in (".slurm", ".sbatch"):
        out.append(hit(TRAINING, f, "local.train.launch-config", 0.6, f"job script {f.name}"))
    return out


DATA_VERBS = frozenset({"create", "make", "build", "generate", "gen", "collect", "mix"})
DATA_WORDS = frozenset({"data", "dataset", "datasets", "corpus", "instruction", "instructions", "shards"})
"""``create_pretraining_data.py``, ``generate_instruction.py``: a script that builds the training data."""
BARE_PREPROCESS = frozenset(
    {"preprocess", "preprocessing", "preprocessor", "preprocessors", "processing", "transforms"}
)
"""Names shared by inference-time input processing (resize an image, compute a mel spectrogram) and data
preparation; only content that reads or writes a dataset makes them data preprocessing."""
PREP_DIRS = frozenset({"scripts", "tools", "preprocessing", "data_prep", "dataprep", "data_processing"})
DATASET_IO = re.compile(
    r"\bload_dataset\(|\.jsonl\b|\.parquet\b|\bto_parquet\(|np\.memmap\(|\bjson\.dump\(|"
    r"\bdatasets\.Dataset\b|\bcorpus\b|\bshard\w*\(|\bdedup\w*\(|\bwrite_?(?:lines|records)?\(",
)


def is_manifest(f: FileInfo) -> bool:
    """A package manifest or lock file: it lists what the project depends on (or packages it)."""
    return f.lower in SUPPORT_FILES or (f.lower.startswith("requirements") and f.ext in (".txt", ".in"))


TOKENISER_WRAPS = re.compile(
    r"^\s*(?:import|from)\s+(?:(?:sentencepiece|tiktoken|tokenizers|transformers)\b"
    r"|[\w.]*\b(?:third_?party|vendor(?:ed)?|3rdparty|dependencies|external)\b)",
    re.MULTILINE,
)
"""A tokeniser module importing one of these wraps a third-party tokeniser (llama's tokenizer.py), as does
one importing a tokeniser copied into a vendored folder (the vendored-library rule counts that one)."""


def _is_tokeniser(f: FileInfo) -> bool:
    stem = _stem(f)
    return stem.startswith(("tokenizer", "tokenization", "tokeniser")) or stem.endswith(
        ("_tokenizer", "_tokeniser")
    )


def _starts_with_word(stem: str, prefixes: tuple[str, ...]) -> bool:
    """``prepare_data`` starts with the word ``prepare``; ``prepared`` does not (a prefix ending in ``_``
    or a separator is a whole word already)."""
    for p in prefixes:
        if stem.startswith(p):
            rest = stem[len(p) :]
            if not rest or p[-1] in "_-" or rest[0] in "_-.0123456789":
                return True
    return False


def _config_file(f: FileInfo) -> list[Hit]:
    if _LAUNCH_RE.match(f.lower):
        return [hit(TRAINING, f, "local.train.launch-config", 0.7, f"launch config {f.name}")]
    if any("config" in d for d in f.dirs) or ("models" in f.dirs and f.ext in (".yml", ".yaml")):
        if in_dirs(f, EVAL_DIRS) or "eval" in f.lower:
            return [hit(EVAL_CODE, f, "local.eval.config", 0.5, f"evaluation config {f.name}")]
        if f.ext in (".yaml", ".yml", ".json", ".toml"):
            # the MOF (arXiv:2403.13784) lists training configuration under model metadata
            return [
                hit(METADATA, f, "local.metadata.training-config", 0.5, f"training configuration {f.name}")
            ]
    if in_dirs(f, EVAL_DIRS | {"tasks"}) and f.ext in (".yaml", ".yml"):
        return [hit(EVAL_CODE, f, "local.eval.task-config", 0.5, f"evaluation task config {f.name}")]
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.ext == ".py" and not in_tests(f):
        return P_CODE, CODE_READ
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.ext != ".py":
        return []
    text = data.decode("utf-8", "replace")
    out: list[Hit] = []
    if _stem(f) in BARE_PREPROCESS and not in_dirs(f, DATA_DIRS | PREP_DIRS):
        m = DATASET_IO.search(text)
        if m is not None and not _in_string_or_comment(text, m.start()):
            detail = f"{f.name} reads or writes a dataset ('{m.group(0)[:40]}')"
            out.append(
                hit(PREPROCESSING, f, "local.prep.dataset-io", 0.6, detail, line=line_of(text, m.start()))
            )
    if _is_tokeniser(f) and f.ext == ".py":
        m = TOKENISER_WRAPS.search(text)
        if m is None:  # the project's own tokeniser (WordPiece, BPE written out), a tool of its own
            out.append(hit(SUPPORTING, f, "local.support.tokeniser-code", 0.6, f"tokeniser code {f.name}"))
    for component, rule, conf, pattern in _CONTENT_RULES:
        for m in pattern.finditer(text):
            if _in_string_or_comment(text, m.start()):
                continue  # a pattern quoted in a string or a comment is not the code doing it
            if rule == "local.prep.tokenise-or-dedup" and not prepares_data(_stem(f), text, m.group(0)):
                break
            snippet = m.group(0).strip()[:60]
            out.append(hit(component, f, rule, conf, f"'{snippet}'", line=line_of(text, m.start())))
            break
    return out


def _in_string_or_comment(text: str, pos: int) -> bool:
    """The position is inside a quoted string or a comment on its line, or inside a triple-quoted
    block (a docstring, a file's text written by a test helper)."""
    if text.count('"""', 0, pos) % 2 or text.count("'''", 0, pos) % 2:
        return True
    start = text.rfind("\n", 0, pos) + 1
    quote: str | None = None
    i = start
    while i < pos:
        c = text[i]
        if quote is None:
            if c == "#":
                return True
            if c in "'\"":
                quote = c
        elif c == "\\":
            i += 1
        elif c == quote:
            quote = None
        i += 1
    return quote is not None
