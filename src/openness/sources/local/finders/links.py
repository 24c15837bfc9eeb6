"""Links to where components are hosted: Hugging Face, cloud buckets, torrents, arXiv and other paper
venues, dataset hubs, download scripts and git submodules. Each makes a component "referenced", with
the URL kept."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from openness.domain.release import Presence
from openness.sources.local.finders import evaluated, heldout, link_context, papers
from openness.sources.local.finders.common import P_CONFIG, P_DOC, hit, in_eval_dirs
from openness.sources.local.finders.downloads import fetched_metadata, fetched_weights
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import (
    DATA_CARD,
    DATASETS,
    EVAL_CODE,
    EVAL_DATA,
    EVAL_RESULTS,
    FINAL,
    INTERMEDIATE,
    MODEL_CARD,
    PAPER,
    SUPPORTING,
    TECH_REPORT,
    Hit,
)
from openness.sources.local.text import URL_RE

LINK_READ = 64 * 1024
MAX_LINKS_PER_FILE = 200
DOWNLOAD_RE = re.compile(r"^(?:download|fetch|get)[_-]?\w*\.(?:sh|py|bash)$")
PAPER_HOSTS = (
    "arxiv.org",
    "aclanthology.org",
    "openreview.net",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "proceedings.mlr.press",
    "doi.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "biorxiv.org",
)
BUCKET_HOSTS = (
    "storage.googleapis.com",
    "amazonaws.com",
    "blob.core.windows.net",
    "azureedge.net",
    "r2.dev",
    "r2.cloudflarestorage.com",
    "drive.google.com",
    "docs.google.com",
    "dropbox.com",
    "dropboxusercontent.com",
    "zenodo.org",
    "figshare.com",
    "osf.io",
    "pan.baidu.com",
    "dl.fbaipublicfiles.com",
    "olmo-checkpoints.org",
    "the-eye.eu",
)
"""Hosts that serve files for download: what they serve is told by the link's path and context."""
DATA_HOSTS = ("kaggle.com/datasets", "zenodo.org", "figshare.com", "commoncrawl.org", "data.commoncrawl.org")
HF_HOSTS = ("huggingface.co", "hf.co")
RUN_REPORT_HOSTS = ("wandb.ai",)
"""Experiment trackers whose report pages show a run's training and evaluation metrics."""
HF_NOT_MODELS = frozenset(
    {
        "spaces",
        "docs",
        "blog",
        "papers",
        "learn",
        "join",
        "login",
        "settings",
        "pricing",
        "organizations",
        "chat",
        "tasks",
        "api",
        "new",
        "posts",
    }
)
MODEL_HUBS = {
    "modelscope.cn": ("models", "datasets"),
    "www.modelscope.cn": ("models", "datasets"),
    "kaggle.com": ("models", "datasets"),
    "www.kaggle.com": ("models", "datasets"),
    "ollama.com": ("library", ""),
}
"""Model hubs other than Hugging Face: (the path segment of a model page, of a dataset page)."""
WEIGHT_FILE = re.compile(
    r"\.(?:safetensors|pth|pt|ckpt|gguf|ggml|onnx|h5|pdparams|tflite|msgpack|npz|bin)(?:\.(?:tar|zip|gz))?$"
    r"|(?:weights|checkpoints?|ckpts?|models?)[^/]*\.(?:tar(?:\.gz)?|tgz|zip)$",
    re.IGNORECASE,
)
DATA_FILE = re.compile(
    r"\.(?:jsonl|parquet|arrow|tfrecords?|csv|tsv)(?:\.(?:gz|zst|bz2|xz))?$", re.IGNORECASE
)
_STEP_RE = re.compile(
    r"(?:step|iter|ckpt|epoch)[-_]?\d+|checkpoint[-_]\d+|\bintermediate\b|\btraining checkpoints\b|"
    r"\ball checkpoints\b|revision=step",
    re.IGNORECASE,
)
_DATA_WORDS = re.compile(
    r"\b(?:data|dataset|datasets|datastet|corpus|tokens|training set|pretraining data)\b", re.IGNORECASE
)
_WEIGHT_WORDS = re.compile(
    r"\b(?:weights?|checkpoints?|ckpts?|parameters|params|pretrained models?|model files?)\b"
    r"|\bdownload\w*\b.{0,40}\bmodels?\b|\bmodels?\b.{0,40}\bdownload",
    re.IGNORECASE,
)
"""Words that make a download link the weights (a bare "model" is said of videos and forms too)."""
_EVAL_WORDS = re.compile(
    r"\b(?:eval|evals|evaluation|evaluations|benchmark|benchmarks|test sets?)\b", re.IGNORECASE
)
_NOT_WEIGHTS = re.compile(
    r"\b(?:video|videos|slides?|deck|form|explainer|tutorial|recording|talk|webinar|poster|blog|colab|notebook)\b",
    re.IGNORECASE,
)
_REPORT_WORDS = re.compile(r"\b(?:technical report|tech report|model report)\b", re.IGNORECASE)
_MEDIA = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|wav|mp3|mp4)$", re.IGNORECASE)
_EXAMPLE_DATA = re.compile(
    r"\b(?:example|examples|your own|custom|toy|tutorial|sample|format)\b", re.IGNORECASE
)
"""A dataset under these words is an example to fine-tune on, not the data the model was trained on."""


def classify(url: str, context: str) -> tuple[str, str, float] | None:
    """(component, rule, confidence) for a link and its context (the heading above and the line), or None
    when it says nothing."""
    if url.startswith("magnet:") or url.lower().endswith(".torrent"):
        return FINAL, "local.link.torrent", 0.6
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    if parts.scheme in ("s3", "gs"):
        return _bucket(url, context)
    if host in HF_HOSTS or host.endswith(".huggingface.co"):
        return _huggingface(url, path, parts.query, context)
    if host in MODEL_HUBS:
        return _hub(host, path, context)
    if host.endswith(RUN_REPORT_HOSTS) and ("/reports/" in path or path.startswith("/links/")):
        return EVAL_RESULTS, "local.link.run-report", 0.5
    if host.endswith(PAPER_HOSTS) or any(host == h for h in PAPER_HOSTS):
        if _REPORT_WORDS.search(context):
            return TECH_REPORT, "local.link.report", 0.7
        return PAPER, "local.link.paper", 0.8
    full = host + path
    if any(full.startswith(d) or host.endswith(d) for d in DATA_HOSTS) and _DATA_WORDS.search(context + url):
        return _data(context, "local.link.data-host", 0.6)
    if host.endswith(BUCKET_HOSTS):
        return _bucket(url, context)
    if WEIGHT_FILE.search(path) and not host.endswith(("github.com", "githubusercontent.com")):
        return _weights(url, context, "local.link.weights-file", 0.8)
    if "/releases/download/" in path and WEIGHT_FILE.search(path):
        return _weights(url, context, "local.link.weights-file", 0.8)
    return None


def _weights(url: str, context: str, rule: str, conf: float) -> tuple[str, str, float]:
    if _STEP_RE.search(url) or _STEP_RE.search(context):
        return INTERMEDIATE, rule, conf
    return FINAL, rule, conf


def _data(context: str, rule: str, conf: float) -> tuple[str, str, float] | None:
    heading = context.partition("\n")[0] if "\n" in context else ""
    if _EVAL_WORDS.search(context):
        return EVAL_DATA, rule, conf
    if _EXAMPLE_DATA.search(heading or context):
        return None
    return DATASETS, rule, conf


def _bucket(url: str, context: str) -> tuple[str, str, float] | None:
    path = urlsplit(url).path
    if WEIGHT_FILE.search(path):
        return _weights(url, context, "local.link.weights-file", 0.8)
    if DATA_FILE.search(path):
        return _data(context, "local.link.bucket-data", 0.7)
    if _STEP_RE.search(url) or _STEP_RE.search(context):
        return INTERMEDIATE, "local.link.bucket-checkpoints", 0.6
    if _DATA_WORDS.search(url) or _DATA_WORDS.search(context):
        return _data(context, "local.link.bucket-data", 0.6)
    if _WEIGHT_WORDS.search(url) or _WEIGHT_WORDS.search(context):
        return FINAL, "local.link.bucket-weights", 0.6
    return None


def _hub(host: str, path: str, context: str) -> tuple[str, str, float] | None:
    segments = [s for s in path.split("/") if s]
    models, datasets = MODEL_HUBS[host]
    if len(segments) >= 2 and segments[0] == datasets:
        return _data(context, "local.link.hub-dataset", 0.8)
    if len(segments) >= 2 and segments[0] == models:
        return _weights("/".join(segments), context, "local.link.hub-model", 0.7)
    return None


def _huggingface(url: str, path: str, query: str, context: str) -> tuple[str, str, float] | None:
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    if segments[0] == "datasets" and len(segments) >= 2:
        if len(segments) > 4 and segments[3] in ("resolve", "raw", "blob") and _MEDIA.search(path):
            return None  # one picture kept in a dataset repository (an example input, a badge)
        return _data(context, "local.link.hf-dataset", 0.8)
    if segments[0] == "papers":
        return PAPER, "local.link.paper", 0.7
    if segments[0] == "collections" and len(segments) >= 3:
        return _weights(url, context, "local.link.hf-collection", 0.6)
    if segments[0] == "models" and len(segments) == 1 and query:
        # a listing (models?other=pythia_v0, models?search=…): the models carrying that tag or name
        return _weights(url, context, "local.link.hf-model-listing", 0.5)
    if (
        segments[0] in HF_NOT_MODELS
        or segments[0] in ("models", "collections", "datasets")
        or len(segments) < 2
        or (len(segments) > 2 and segments[2] not in link_context.HF_REPO_ROUTES)  # rule hub-route
    ):
        return None
    if "resolve" in segments[2:3] and DATA_FILE.search(path):
        return None
    if _STEP_RE.search("/".join(segments[2:])) or "revision=step" in url:
        return INTERMEDIATE, "local.link.hf-revision", 0.7
    if _STEP_RE.search(context):
        return INTERMEDIATE, "local.link.hf-model-under-checkpoints", 0.6
    return FINAL, "local.link.hf-model", 0.7


def by_name(f: FileInfo) -> list[Hit]:
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.lower == ".gitmodules" or f.lower == "citation.cff":
        return P_CONFIG, LINK_READ
    if DOWNLOAD_RE.match(f.lower) and len(f.dirs) <= 3:
        return P_DOC, LINK_READ
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    text = data.decode("utf-8", "replace")
    if f.lower == ".gitmodules":
        return _submodules(f, text)
    script = f.ext in (".sh", ".py", ".bash")
    if script:
        if not DOWNLOAD_RE.match(f.lower):
            return _weights_in_code(f, text) + heldout.split_urls(f, text) if f.ext == ".py" else []
    elif f.ext not in (".md", ".markdown", ".rst", ".txt", ".cff", ""):
        return []
    cff = f.lower == "citation.cff"
    out: list[Hit] = []
    seen: set[str] = set()
    evaluation = not script and heldout.evaluation_document(text)
    for place in link_context.places(text):
        if place.url in seen or (not script and place.example_only()):
            continue
        # a download script's name tells what it fetches (download_weights.sh, download_data.py)
        context = f"{f.name}\n{place.text}" if script else place.context
        found = classify(place.url, context)
        if found is None:
            found = (
                _from_script(f, place.url)
                if script
                else (
                    _labelled(place)
                    or evaluated.evaluated_with(place)
                    or _under_heading(place)
                    or papers.listed_report(place)
                    or heldout.held_out_link(place)
                    or heldout.eval_download(f, place)
                )
            )
        if found is None:
            continue
        component, rule, conf = found
        if component == DATASETS and _EXAMPLE_DATA.search(place.label):
            continue  # "[Sample Dataset Format](…)": an example to copy, not the training data
        if component == DATASETS and (in_eval_dirs(f) or "eval" in f.lower or evaluation):
            component = EVAL_DATA  # a dataset an evaluation document links is evaluation data
        if component in (FINAL, INTERMEDIATE) and _NOT_WEIGHTS.search(place.label):
            continue  # "[Model Upload explainer video](drive.google.com/…)": the label says what it is
        if component in (PAPER, TECH_REPORT) and not (_speaks_for_release(f) or cff):
            continue  # data/openwebtext/readme.md cites GPT-2: a part's README cites its sources
        if component in (PAPER, TECH_REPORT) and not (
            cff or script or rule == "local.link.report-list" or place.presents_paper()
        ):
            continue  # related work: a paper this document cites, not the paper of this model
        if place.derived:
            rule, conf = "local.link.paper-citation", 0.8
        if component == PAPER and (
            _REPORT_WORDS.search(f"{place.label}\n{place.paragraph}") or papers.is_bare_report(place.label)
        ):
            component = TECH_REPORT  # "[tech report](…)", a BibTeX title "… Technical Report"
        seen.add(place.url)
        if rule in HUB_MODEL_PAGES:
            out.append(_card_page(f, place, MODEL_CARD))
        elif rule in HUB_DATASET_PAGES and component == DATASETS:
            out.append(_card_page(f, place, DATA_CARD))
        out.append(
            hit(
                component,
                f,
                rule,
                conf,
                f"links to {place.url}" + (f" (under '{place.heading[:60]}')" if place.heading else ""),
                Presence.REFERENCED,
                line=place.line,
                url=place.url,
            )
        )
        if component == TECH_REPORT:
            out.append(papers.also_paper(out[-1]))
        if len(out) >= MAX_LINKS_PER_FILE:
            break
    if not script and f.ext in (".md", ".markdown", ".rst"):
        out.extend(_loaded(f, text, seen)[:MAX_LINKS_PER_FILE])
    if script and not any(h.component in (FINAL, INTERMEDIATE) for h in out):
        out.extend(fetched_weights(f, text))
    if script and any(h.component in (FINAL, INTERMEDIATE) for h in out):
        out.extend(fetched_metadata(f, text))
    return out


_SECTION_WEIGHTS = re.compile(
    r"\b(?:checkpoints?|weights|model zoo|pretrained models?|download)\b", re.IGNORECASE
)
_SECTION_DATA = re.compile(r"\b(?:datasets?|data|corpus)\b", re.IGNORECASE)
_DOWNLOAD_WORDS = re.compile(r"\b(?:download\w*|here|link)\b", re.IGNORECASE)
_CODE_HOSTS = ("github.com", "gitlab.com", "pytorch.org", "python.org", "readthedocs.io", "shields.io")


def _under_heading(place: link_context.Place) -> tuple[str, str, float] | None:
    """A link on a host of no known kind, under a heading that says what it downloads."""
    host = (urlsplit(place.url).hostname or "").lower()
    if not host or host.endswith(_CODE_HOSTS) or not _DOWNLOAD_WORDS.search(place.text):
        return None
    if _SECTION_WEIGHTS.search(place.heading) and _WEIGHT_WORDS.search(place.text):
        return _weights(place.url, place.context, "local.link.download-section", 0.5)
    if _SECTION_DATA.search(place.heading) and _DATA_WORDS.search(place.text):
        return _data(place.context, "local.link.data-section", 0.5)
    return None


_SCRIPT_WEIGHTS = re.compile(r"models?|weights?|checkpoints?|ckpts?")
_SCRIPT_DATA = re.compile(r"data|dataset|corpus")


def _from_script(f: FileInfo, url: str) -> tuple[str, str, float] | None:
    """A file fetched by a download script whose name says what it fetches (``download_models.sh``)."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or host.endswith(_CODE_HOSTS) or not urlsplit(url).path.strip("/"):
        return None
    if _SCRIPT_WEIGHTS.search(f.lower):
        return _weights(url, f.lower, "local.link.download-script", 0.6)
    if _SCRIPT_DATA.search(f.lower):
        return DATASETS, "local.link.download-script", 0.6
    return None


_WEIGHTS_LABEL = re.compile(
    r"\b(?:models?|weights|checkpoints?)\b.*\bdownload|\bdownload\b.*\b(?:models?|weights|checkpoints?)\b"
    r"|^\W*(?:model weights|weights|checkpoints?)\W*$",
    re.IGNORECASE,
)


HUB_MODEL_PAGES = frozenset(
    {"local.link.hf-model", "local.link.hf-collection", "local.link.hf-model-listing", "local.link.hub-model"}
)
"""Links to model pages of a hub: the page shows the model's card as well as its files."""
HUB_DATASET_PAGES = frozenset({"local.link.hf-dataset", "local.link.hub-dataset"})
"""Links to dataset pages of a hub: the page shows the dataset's card."""


def _card_page(f: FileInfo, place: link_context.Place, card: str) -> Hit:
    what = "model" if card == MODEL_CARD else "dataset"
    detail = f"the {what}'s page on a hub, which shows its card: {place.url}"
    return hit(
        card, f, "local.link.hub-card-page", 0.5, detail, Presence.REFERENCED, line=place.line, url=place.url
    )


def _weights_in_code(f: FileInfo, text: str) -> list[Hit]:
    """URLs of weight files written in the code that downloads them (whisper's and CLIP's ``_MODELS``)."""
    out: list[Hit] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "://" not in line:
            continue
        for m in URL_RE.finditer(line):
            url = m.group(0).rstrip(".,;:!?*_")
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            if not WEIGHT_FILE.search(parts.path) or host.endswith(_CODE_HOSTS) or "{" in url:
                continue
            component, _, _ = _weights(url, line, "", 0.0)
            detail = f"the code downloads {url}"
            out.append(
                hit(
                    component,
                    f,
                    "local.link.weights-in-code",
                    0.7,
                    detail,
                    Presence.REFERENCED,
                    line=number,
                    url=url,
                )
            )
            if len(out) >= 50:
                return out
    return out


def _speaks_for_release(f: FileInfo) -> bool:
    """A document that presents the release: at the top, in docs/, or a card."""
    return not f.dirs or f.dirs[0] in ("docs", "doc") or "card" in f.lower


def _labelled(place: link_context.Place) -> tuple[str, str, float] | None:
    """A link whose shown text says what it is: ``[Paper](…)`` on any host, ``[🤗 Models Download]``."""
    label = place.label
    if not label:
        return None
    if link_context.PAPER_LABEL.search(label):
        if _REPORT_WORDS.search(label):
            return TECH_REPORT, "local.link.report-label", 0.6
        return PAPER, "local.link.paper-label", 0.6
    host = (urlsplit(place.url).hostname or "").lower()
    if _WEIGHTS_LABEL.search(label) and not host.endswith(_CODE_HOSTS):
        return _weights(place.url, place.context, "local.link.weights-label", 0.5)
    return None


FROM_PRETRAINED = re.compile(
    r"""(?:from_pretrained|snapshot_download|hf_hub_download)\(\s*(?:repo_id\s*=\s*)?["']"""
    r"""([A-Za-z0-9][\w.-]*/[\w.-]+)["']([^)]{0,400})\)"""
)
REVISION = re.compile(r"""\brevision\s*=\s*["']([\w./-]+)["']""")


def _loaded(f: FileInfo, text: str, seen: set[str]) -> list[Hit]:
    """``from_pretrained("org/name", revision="step3000")`` in a usage example: the weights on the Hub,
    and an intermediate checkpoint when the revision names a training step."""
    out: list[Hit] = []
    for m in FROM_PRETRAINED.finditer(text):
        repo = m.group(1)
        if link_context.PLACEHOLDER.match(repo):
            continue
        rev = REVISION.search(m.group(2))
        step = rev is not None and _STEP_RE.search(rev.group(1)) is not None
        url = f"https://huggingface.co/{repo}" + (f"/tree/{rev.group(1)}" if rev and step else "")
        if url in seen:
            continue
        seen.add(url)
        line = text.count("\n", 0, m.start()) + 1
        if step:
            component, rule, conf = INTERMEDIATE, "local.link.loaded-revision", 0.7
        else:
            component, rule, conf = FINAL, "local.link.loaded-model", 0.6
        detail = f"loads {repo}" + (f" at revision {rev.group(1)}" if rev else "") + " from the Hub"
        out.append(hit(component, f, rule, conf, detail, Presence.REFERENCED, line=line, url=url))
    return out


def _submodules(f: FileInfo, text: str) -> list[Hit]:
    out: list[Hit] = []
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[submodule"):
            current = stripped
        elif stripped.startswith("url") and "=" in stripped:
            url = stripped.split("=", 1)[1].strip()
            component = EVAL_CODE if _EVAL_WORDS.search(current + url) else SUPPORTING
            out.append(
                hit(
                    component,
                    f,
                    "local.link.git-submodule",
                    0.7,
                    f"git submodule {current} at {url}",
                    Presence.REFERENCED,
                    line=number,
                    url=url,
                )
            )
    return out
