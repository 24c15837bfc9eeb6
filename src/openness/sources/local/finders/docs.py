"""Document components: model card, data card, technical report, research paper, evaluation results and
sample outputs; also inference examples in a README and the card's own structured fields."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.finders import evaluated, finetuning, papers, results
from openness.sources.local.finders.common import DATA_DIRS, P_CARD, P_DOC, TEST_DIRS, hit, in_dirs
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import (
    DATA_CARD,
    DATASETS,
    EVAL_RESULTS,
    INFERENCE,
    METADATA,
    MODEL_CARD,
    PAPER,
    SAMPLES,
    TECH_REPORT,
    Hit,
)
from openness.sources.local.licence_files import is_licence_file
from openness.sources.local.text import front_matter, line_of

DOC_EXT = frozenset({".md", ".markdown", ".rst", ".txt", ".adoc", ".org", ""})
CARD_READ = 256 * 1024
DOC_READ = 64 * 1024
MODEL_CARD_NAMES = frozenset({"model_card.md", "modelcard.md", "model-card.md", "model_card.txt"})
MODEL_CARD_RE = re.compile(r"model[_\-\s]?cards?\b|model[_\-\s]?cards?[_\-.]", re.IGNORECASE)
"""``Stable_Diffusion_v1_Model_Card.md``, ``MODEL_CARD.md``, ``llama-2-model-card.md``."""
CARD_FOLDERS = frozenset({"model_cards", "model-cards", "modelcards", "model_card", "cards"})
PLOT_DIRS = frozenset(
    {"plots", "plot", "figures", "figs", "fig", "images", "imgs", "img", "assets", "charts"}
)
NOT_PAPERS = re.compile(
    r"guide|policy|slides?|poster|manual|handbook|brochure|licen[cs]e|terms|agreement|cheat"
)
"""PDFs a release ships that are not its paper: a responsible-use guide, slides, a licence."""
PAPER_PDF_MIN = 100 * 1024
"""A PDF smaller than this with no paper word in its name is a figure or a slide, not a paper."""
CHART_EXT = frozenset({".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".pdf"})
CHART_STEMS = re.compile(
    r"^(?:eval|evals|evaluation|benchmark|benchmarks|results?|leaderboard|performance|scores?|metrics|"
    r"comparison|compare)(?:[_\-.\d]|$)"
)
SAMPLE_DIR_WORDS = re.compile(r"samples|showcase|generated|generations")
"""``assets/stable-samples/``, ``assets/showcase/``: folders of what the model made."""
SAMPLE_MEDIA = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".wav", ".mp3", ".flac", ".mp4", ".webm"})
DATA_CARD_RE = re.compile(r"^(?:data(?:set)?[_-]?card|datasheet|data[_-]?sheet)[^/]*\.(?:md|txt|pdf|rst)$")
RESULT_PREFIX = (
    "results",
    "eval_results",
    "evaluation_results",
    "all_results",
    "metrics",
    "scores",
    "leaderboard",
    "benchmark_results",
)
RESULT_EXT = frozenset({".json", ".csv", ".tsv", ".md", ".yaml", ".yml", ".txt", ".jsonl"})
SAMPLE_DIRS = frozenset({"samples", "sample_outputs", "generations", "example_outputs", "outputs"})
SAMPLE_PREFIX = ("sample_output", "samples", "generations", "example_output", "model_outputs")
CARD_TITLES = re.compile(
    r"^#+\s*(?:\d+\.\s*)?(?:model card|model details|model summary|model description)\b",
    re.IGNORECASE | re.MULTILINE,
)
"""A heading that by itself says a card follows."""
CARD_SECTIONS = re.compile(
    r"^#+\s*(intended use|limitations|bias|risks|training data|uses|out-of-scope|evaluation|"
    r"ethical considerations|model architecture|training procedure)\b",
    re.IGNORECASE | re.MULTILINE,
)
"""Sections a model card has; a README holding two or more kinds of them is a card ("Evaluation" alone
is a section of any README)."""
BENCHMARKS = re.compile(
    r"\b(?:MMLU|HellaSwag|ARC|GSM8K|TruthfulQA|WinoGrande|PIQA|LAMBADA|HumanEval|BoolQ|"
    r"perplexity|accuracy|BLEU|ROUGE|MBPP|SQuAD|GLUE|SuperGLUE|ImageNet|COCO|CoLA|SST-2|MNLI|FID|WER|"
    r"mIoU|top-1|zero-shot|k-NN|val loss|MMMU|C-Eval|CMMLU|AGIEval|BBH|MATH|DROP|LibriSpeech|(?-i:mAP))\b",
    re.IGNORECASE,
)
EXAMPLE_CODE = re.compile(r"from_pretrained\(|\.generate\(|pipeline\(|llama\.cpp|ollama run|vllm serve")
MODEL_CARD_KEYS = (
    "license",
    "base_model",
    "model-index",
    "pipeline_tag",
    "library_name",
    "tags",
    "language",
    "datasets",
    "model_name",
    "license_name",
)
"""Card metadata keys of the Hugging Face Hub (hub-docs, model cards)."""
DATA_DOC_DEPTH = 2
"""A data folder's README up to this deep documents the release's data (``data/openwebtext/readme.md``);
deeper, it documents the example data of a sub-project (``pkg/sub/adapter/data/README.md``)."""
DATASET_TITLE = re.compile(
    r"^#\s.*\b(?:dataset|data set|subset|corpus|datasheet)\b", re.IGNORECASE | re.MULTILINE
)
"""A note in a data folder titled for a dataset: "# The X Dataset", "# The Y Subset"."""
DATA_NAMED_FOLDER = re.compile(r"[_-](?:data|dataset|datasets|corpus)$", re.IGNORECASE)
"""A folder named for a dataset (``sav_dataset``, ``laion-data``): its README, titled for a dataset,
documents the data (rule ``data-named-folder``); plain data folders are matched by name alone."""
DATA_CARD_KEYS = ("task_categories", "dataset_info", "configs", "size_categories", "source_datasets")


def _is_readme(f: FileInfo) -> bool:
    """README, README_zh.md, HUGGINGFACE_README.md (a copy of the Hub card)."""
    return "readme" in f.lower and f.ext in DOC_EXT


def by_name(f: FileInfo) -> list[Hit]:
    name = f.lower
    if in_dirs(f, TEST_DIRS):
        return []
    if name in MODEL_CARD_NAMES:
        return [hit(MODEL_CARD, f, "local.card.model-card-file", 0.9, f"model card {f.name}")]
    if f.ext in (".md", ".markdown", ".txt", ".pdf", ".rst") and not is_licence_file(f.name):
        if MODEL_CARD_RE.search(name):
            return [hit(MODEL_CARD, f, "local.card.model-card-name", 0.8, f"model card {f.name}")]
        if in_dirs(f, CARD_FOLDERS):
            return [hit(MODEL_CARD, f, "local.card.card-folder", 0.7, f"card in {'/'.join(f.dirs)}/")]
    if DATA_CARD_RE.match(name):
        return [hit(DATA_CARD, f, "local.datacard.data-card-file", 0.9, f"data card {f.name}")]
    if _is_readme(f) and in_dirs(f, DATA_DIRS) and len(f.dirs) <= DATA_DOC_DEPTH:
        return [
            hit(
                DATA_CARD,
                f,
                "local.datacard.data-readme",
                0.6,
                f"README of a data folder {'/'.join(f.dirs)}/",
            )
        ]
    if f.ext in CHART_EXT and CHART_STEMS.match(name):
        return [hit(EVAL_RESULTS, f, "local.results.chart", 0.5, f"evaluation chart {f.name}")]
    if f.ext in SAMPLE_MEDIA and (
        in_dirs(f, SAMPLE_DIRS)
        or name.startswith(SAMPLE_PREFIX)
        or any(SAMPLE_DIR_WORDS.search(d) for d in f.dirs)
    ):
        return [hit(SAMPLES, f, "local.samples.media", 0.5, f"sample output {f.name}")]
    if f.ext == ".pdf":
        if "report" in name or "technical" in name:
            report = hit(TECH_REPORT, f, "local.report.pdf-name", 0.8, f"report {f.name}")
            return [report, papers.also_paper(report)]
        if "paper" in name or "arxiv" in name or in_dirs(f, frozenset({"paper", "papers"})):
            return [hit(PAPER, f, "local.paper.pdf", 0.8, f"PDF {f.name}")]
        if (
            f.size >= PAPER_PDF_MIN
            and not in_dirs(f, PLOT_DIRS)
            and not any("plot" in d for d in f.dirs)
            and not NOT_PAPERS.search(name)
        ):
            return [hit(PAPER, f, "local.paper.pdf", 0.5, f"PDF {f.name}, {f.size:,} bytes")]
        return []
    if f.ext in (".md", ".tex") and (
        "technical_report" in name or "tech_report" in name or "tech-report" in name
    ):
        return [hit(TECH_REPORT, f, "local.report.document-name", 0.7, f"report {f.name}")]
    if f.ext == ".tex" and in_dirs(f, frozenset({"paper", "papers"})):
        return [hit(PAPER, f, "local.paper.latex-source", 0.6, f"paper source {f.name}")]
    if f.ext in RESULT_EXT and not is_licence_file(f.name):
        if (
            name.startswith(RESULT_PREFIX)
            or "_results" in name
            or in_dirs(f, frozenset({"results", ".eval_results", "eval_results"}))
        ):
            return [hit(EVAL_RESULTS, f, "local.results.results-file", 0.7, f"results file {f.name}")]
        if name.startswith(SAMPLE_PREFIX) or in_dirs(f, SAMPLE_DIRS):
            return [hit(SAMPLES, f, "local.samples.outputs-file", 0.6, f"sample outputs {f.name}")]
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.ext not in DOC_EXT or is_licence_file(f.name) or len(f.dirs) > 2:
        return None
    if _is_readme(f) or f.lower in MODEL_CARD_NAMES or MODEL_CARD_RE.search(f.lower):
        return P_CARD, CARD_READ if not f.dirs else DOC_READ
    if f.ext in (".md", ".markdown", ".rst"):
        return P_DOC, DOC_READ
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.ext not in DOC_EXT:
        return []
    text = data.decode("utf-8", "replace")
    out: list[Hit] = []
    card_file = f.lower in MODEL_CARD_NAMES or (_is_readme(f) and not in_dirs(f, DATA_DIRS))
    fm, key_lines = front_matter(text) if _is_readme(f) or f.lower in MODEL_CARD_NAMES else (None, {})
    if fm is not None:
        if any(k in fm for k in DATA_CARD_KEYS) and "model-index" not in fm and "base_model" not in fm:
            out.append(hit(DATA_CARD, f, "local.datacard.hub-front-matter", 0.9, "dataset card front matter"))
        elif card_file and any(k in fm for k in MODEL_CARD_KEYS):
            keys = ", ".join(k for k in MODEL_CARD_KEYS if k in fm)
            out.append(
                hit(MODEL_CARD, f, "local.card.readme-front-matter", 0.9, f"card front matter ({keys})")
            )
        if "model-index" in fm:
            out.append(
                hit(
                    EVAL_RESULTS,
                    f,
                    "local.results.model-index",
                    0.9,
                    "model-index in the card front matter",
                    line=key_lines.get("model-index", 1),
                )
            )
        datasets = fm.get("datasets")
        if isinstance(datasets, str):
            datasets = [datasets]
        if isinstance(datasets, list):
            for ds in datasets[:50]:
                if isinstance(ds, str) and ds:
                    out.append(
                        hit(
                            DATASETS,
                            f,
                            "local.data.card-datasets-field",
                            0.8,
                            f"card lists dataset {ds}",
                            Presence.REFERENCED,
                            line=key_lines.get("datasets", 1),
                            url=f"https://huggingface.co/datasets/{ds}",
                        )
                    )
    elif card_file and not f.dirs:
        out.extend(_card_sections(f, text))
    if (
        _is_readme(f)
        and len(f.dirs) <= DATA_DOC_DEPTH
        and any(DATA_NAMED_FOLDER.search(d) for d in f.dirs)
        and DATASET_TITLE.search(text[:2000])
    ):  # rule data-named-folder: sav_dataset/README.md titled "# … (SA-V) Dataset"
        detail = f"README of {'/'.join(f.dirs)}/, titled for a dataset"
        out.append(hit(DATA_CARD, f, "local.datacard.data-named-folder", 0.6, detail))
    if (
        not _is_readme(f)
        and in_dirs(f, DATA_DIRS)
        and len(f.dirs) <= DATA_DOC_DEPTH
        and DATASET_TITLE.search(text[:2000])
    ):
        detail = f"{f.name} documents a dataset of {'/'.join(f.dirs)}/"
        out.append(hit(DATA_CARD, f, "local.datacard.dataset-note", 0.6, detail))
    out.extend(_tables_and_examples(f, text))
    out.extend(_hyperparameters(f, text))
    if (_is_readme(f) or card_file or MODEL_CARD_RE.search(f.lower)) and len(f.dirs) <= 1:
        if not any(h.component == EVAL_RESULTS for h in out):
            out.extend(results.introduced_table(f, text))
        out.extend(results.pointed(f, text))
        out.extend(evaluated.section_scripts(f, text))
        out.extend(finetuning.said_trained_with(f.dirs, text))
    return out


HYPER_HEADING = re.compile(
    r"^#+\s*(?:\d+\.\s*)?(?:hyper-?parameters|training (?:hyper-?parameters|configuration|details|setup))\b",
    re.IGNORECASE | re.MULTILINE,
)
"""A README section giving the training settings, as MOF model metadata asks (its training configuration)."""


def _hyperparameters(f: FileInfo, text: str) -> list[Hit]:
    m = HYPER_HEADING.search(text)
    if m is None:
        return []
    section = text[m.end() : m.end() + 4000].split("\n#", 1)[0]
    if not any(line.lstrip().startswith(("|", "<table", "<tr")) for line in section.splitlines()):
        return []
    detail = f"a table under '{m.group(0).strip('# ')}'"
    return [
        hit(METADATA, f, "local.metadata.readme-hyperparameters", 0.5, detail, line=line_of(text, m.start()))
    ]


def _card_sections(f: FileInfo, text: str) -> list[Hit]:
    """A README that is a model card: a "Model Card" heading, or two kinds of card section."""
    m = CARD_TITLES.search(text)
    if m is not None:
        where, detail = m.start(), f"card heading '{m.group(0).strip()}'"
    else:
        found = {s.group(1).lower(): s for s in CARD_SECTIONS.finditer(text)}
        if len(found) < 2:
            return []
        first = min(found.values(), key=lambda s: s.start())
        where = first.start()
        detail = "card sections " + ", ".join(f"'{k}'" for k in sorted(found))
    return [hit(MODEL_CARD, f, "local.card.readme-sections", 0.6, detail, line=line_of(text, where))]


_HTML_ROW = re.compile(r"<t[dh][^>]*>", re.IGNORECASE)


def _tables_and_examples(f: FileInfo, text: str) -> list[Hit]:
    out: list[Hit] = []
    in_fence = False
    result_found = example_found = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence and not example_found and EXAMPLE_CODE.search(line):
            out.append(
                hit(
                    INFERENCE,
                    f,
                    "local.infer.readme-example",
                    0.5,
                    f"inference example: {line.strip()[:60]}",
                    line=number,
                )
            )
            example_found = True
        elif (
            not in_fence
            and not result_found
            and (stripped.startswith("|") or _HTML_ROW.search(line))
            and BENCHMARKS.search(line)
        ):
            rule = "local.results.readme-table" if stripped.startswith("|") else "local.results.html-table"
            out.append(
                hit(
                    EVAL_RESULTS,
                    f,
                    rule,
                    0.6,
                    f"results table: {line.strip()[:60]}",
                    line=number,
                )
            )
            result_found = True
        if result_found and example_found:
            break
    return out
