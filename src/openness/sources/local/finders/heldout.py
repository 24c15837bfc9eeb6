"""Evaluation data told apart from training data: a document whose opening says its data serves
evaluation (``data/README.md`` "how we prepared the data for evaluation", "used to evaluate the
model's …"), the files of the folder it describes, a link to a held-out split file (``dev-v1.1.json``),
and a download link in an evaluation folder's guide, in English or Chinese."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from openness.domain.release import Presence
from openness.sources.local.finders import link_context
from openness.sources.local.finders.common import DATA_DIRS, hit, in_dirs, in_eval_dirs, in_tests
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import DATASETS, EVAL_DATA, Hit

OPENING = 1200
"""Characters of a document's opening that say what its data is for."""
EVALUATION_PURPOSE = re.compile(
    r"\b(?:to evaluate|for evaluation|evaluation (?:data|sets?|datasets?|benchmarks?)"
    r"|evaluate (?:the|our) model)"
    r"|\bdata for (?:the )?evaluation\b",
    re.IGNORECASE,
)
EVAL_FOLDER = "local.data.evaluation-folder"
"""A marker the scan turns into a relabelling of the folder's data files (see ``relabel``)."""
SPLIT_FILE = re.compile(
    r"(?:^|[/_\-.])(?:dev|val|valid|validation|test)(?:[_\-.]v?\d[\w.]*)?"
    r"\.(?:jsonl?|csv|tsv|parquet|zip|tar\.gz|tgz)$",
    re.IGNORECASE,
)
"""``dev-v1.1.json``, ``test.jsonl``, ``val.csv``: a held-out split."""
DOWNLOAD = re.compile(r"\b(?:download\w*)\b|下载", re.IGNORECASE)
DATA_WORD = re.compile(r"\b(?:data|dataset|datasets|benchmark)\b|数据", re.IGNORECASE)
_CODE_HOSTS = ("github.com", "githubusercontent.com", "pypi.org", "python.org")


def evaluation_document(text: str) -> bool:
    """The document's opening says its data serves evaluation."""
    return bool(EVALUATION_PURPOSE.search(text[:OPENING]))


def folder_marker(f: FileInfo, text: str) -> list[Hit]:
    """A README or note in a data folder whose opening says the data serves evaluation."""
    if f.ext not in (".md", ".markdown", ".rst", ".txt") or not in_dirs(f, DATA_DIRS):
        return []
    if not evaluation_document(text):
        return []
    detail = f"{f.name} says the data of {'/'.join(f.dirs)}/ serves evaluation"
    return [hit(EVAL_DATA, f, EVAL_FOLDER, 0.6, detail, Presence.ABSENT)]


def relabel(hits: list[Hit]) -> list[Hit]:
    """Data files in a folder its document calls evaluation data are evaluation data; the markers go."""
    folders = {(h.rel or "").rpartition("/")[0] for h in hits if h.rule == EVAL_FOLDER}
    if not folders:
        return hits
    out: list[Hit] = []
    for h in hits:
        if h.rule == EVAL_FOLDER:
            continue
        folder = (h.rel or "").rpartition("/")[0]
        if h.component == DATASETS and h.presence == Presence.INCLUDED and folder in folders:
            h = Hit(EVAL_DATA, h.presence, h.rule, h.confidence, h.path, h.line, h.url, h.detail, h.rel)
        out.append(h)
    return out


def held_out_link(place: link_context.Place) -> tuple[str, str, float] | None:
    """A link to a file that is a held-out split."""
    parts = urlsplit(place.url)
    host = (parts.hostname or "").lower()
    if host.endswith(_CODE_HOSTS) or not SPLIT_FILE.search(parts.path):
        return None
    return EVAL_DATA, "local.link.held-out-split", 0.6


def eval_download(f: FileInfo, place: link_context.Place) -> tuple[str, str, float] | None:
    """In an evaluation folder's guide, a link on a line that says to download the data."""
    host = (urlsplit(place.url).hostname or "").lower()
    if not in_eval_dirs(f) or not host or host.endswith(_CODE_HOSTS):
        return None
    if DOWNLOAD.search(place.text) and DATA_WORD.search(place.text):
        return EVAL_DATA, "local.link.eval-data-download", 0.6
    return None


_CODE_URL = re.compile(r"https?://[^\s\"'<>()]+")


def split_urls(f: FileInfo, text: str) -> list[Hit]:
    """Rule ``held-out-split-in-code``: code that fetches a held-out split file from a URL it writes out
    (``lambada_src_uri = 'http://…/lambada_test.jsonl'`` in an evaluation task) references evaluation
    data; test and fixture code excepted."""
    if in_tests(f):
        return []
    out: list[Hit] = []
    for m in _CODE_URL.finditer(text):
        url = m.group(0).rstrip(".,;:")
        parts = urlsplit(url)
        if not SPLIT_FILE.search(parts.path) or (parts.hostname or "").endswith(_CODE_HOSTS):
            continue
        line = text.count("\n", 0, m.start()) + 1
        detail = f"{f.name} fetches a held-out split from {url}"
        out.append(
            hit(
                EVAL_DATA, f, "local.link.held-out-split-in-code", 0.6, detail, Presence.REFERENCED, line, url
            )
        )
        if len(out) >= 20:
            break
    return out
