"""Links to where components are hosted: Hugging Face, cloud buckets, torrents, arXiv and other paper
venues, dataset hubs, download scripts and git submodules. Each makes a component "referenced", with
the URL kept."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from openness.domain.release import Presence
from openness.sources.local.finders.common import P_CONFIG, P_DOC, hit
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import (
    DATASETS,
    EVAL_CODE,
    EVAL_DATA,
    FINAL,
    INTERMEDIATE,
    PAPER,
    SUPPORTING,
    TECH_REPORT,
    Hit,
)
from openness.sources.local.text import urls

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
    "r2.dev",
    "r2.cloudflarestorage.com",
    "drive.google.com",
    "dropbox.com",
    "zenodo.org",
    "figshare.com",
    "olmo-checkpoints.org",
    "the-eye.eu",
)
DATA_HOSTS = ("kaggle.com/datasets", "zenodo.org", "figshare.com", "commoncrawl.org", "data.commoncrawl.org")
HF_HOSTS = ("huggingface.co", "hf.co")
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
        "models",
        "organizations",
        "collections",
        "chat",
        "tasks",
        "api",
        "new",
        "posts",
    }
)
_STEP_RE = re.compile(r"(?:step|iter|checkpoint|ckpt|epoch)[-_]?\d+|intermediate|checkpoints", re.IGNORECASE)
_DATA_WORDS = re.compile(
    r"\b(?:data|dataset|datasets|corpus|tokens|training set|pretraining data)\b", re.IGNORECASE
)
_WEIGHT_WORDS = re.compile(r"\b(?:weights?|model|checkpoint|parameters|params)\b", re.IGNORECASE)
_EVAL_WORDS = re.compile(r"\b(?:eval|evaluation|benchmark)\b", re.IGNORECASE)
_REPORT_WORDS = re.compile(r"technical report|tech report|model report", re.IGNORECASE)


def classify(url: str, context: str) -> tuple[str, str, float] | None:
    """(component, rule, confidence) for a link and the line around it, or None when it says nothing."""
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
        return _huggingface(url, path, context)
    if host.endswith(PAPER_HOSTS) or any(host == h for h in PAPER_HOSTS):
        if _REPORT_WORDS.search(context):
            return TECH_REPORT, "local.link.report", 0.7
        return PAPER, "local.link.paper", 0.8
    full = host + path
    if any(full.startswith(d) or host.endswith(d) for d in DATA_HOSTS) and _DATA_WORDS.search(context + url):
        return (EVAL_DATA if _EVAL_WORDS.search(context) else DATASETS), "local.link.data-host", 0.6
    if any(host.endswith(b) for b in BUCKET_HOSTS):
        return _bucket(url, context)
    return None


def _bucket(url: str, context: str) -> tuple[str, str, float] | None:
    if _STEP_RE.search(url) or _STEP_RE.search(context):
        return INTERMEDIATE, "local.link.bucket-checkpoints", 0.6
    if _DATA_WORDS.search(url) or _DATA_WORDS.search(context):
        return DATASETS, "local.link.bucket-data", 0.6
    if _WEIGHT_WORDS.search(url) or _WEIGHT_WORDS.search(context):
        return FINAL, "local.link.bucket-weights", 0.6
    return None


def _huggingface(url: str, path: str, context: str) -> tuple[str, str, float] | None:
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    if segments[0] == "datasets" and len(segments) >= 3:
        return (EVAL_DATA if _EVAL_WORDS.search(context) else DATASETS), "local.link.hf-dataset", 0.8
    if segments[0] == "papers":
        return PAPER, "local.link.paper", 0.7
    if segments[0] in HF_NOT_MODELS or len(segments) < 2:
        return None
    if _STEP_RE.search("/".join(segments[2:])) or "revision=step" in url:
        return INTERMEDIATE, "local.link.hf-revision", 0.7
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
    if f.ext in (".sh", ".py", ".bash"):
        if not DOWNLOAD_RE.match(f.lower):
            return []
    elif f.ext not in (".md", ".markdown", ".rst", ".txt", ".cff", ""):
        return []
    out: list[Hit] = []
    seen: set[str] = set()
    for number, url, line in urls(text):
        if url in seen:
            continue
        seen.add(url)
        found = classify(url, line)
        if found is None:
            continue
        component, rule, conf = found
        out.append(
            hit(component, f, rule, conf, f"links to {url}", Presence.REFERENCED, line=number, url=url)
        )
        if len(out) >= MAX_LINKS_PER_FILE:
            break
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
