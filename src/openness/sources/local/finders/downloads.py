"""Download scripts: what a script that fetches the release's files says it fetches (rules
``local.link.download-script`` and ``local.link.download-script-metadata``), judged by the file names it
names beside a download command."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.finders.common import hit
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import FINAL, METADATA, Hit

_FETCHES_WEIGHTS = re.compile(
    r"[\w.{}$-]+\.(?:safetensors|pth|ckpt|gguf|pt)\b|consolidated\.|\bcheckpoints?\b", re.IGNORECASE
)


_FETCHES_METADATA = re.compile(
    r"\b(?:params|hparams|config|bert_config|generation_config)\.json\b"
    r"|\b[\w-]*(?:_config|-config|hparams|params)\.ya?ml\b"
)
"""Configuration files a download script fetches beside the weights: ``params.json``, ``config.json``,
``text_cond_config.yaml`` (rule ``download-script-metadata``)."""


def fetched_metadata(f: FileInfo, text: str) -> list[Hit]:
    """A download script that fetches the model's configuration beside its weights (params.json)."""
    m = _FETCHES_METADATA.search(text)
    if m is None:
        return []
    number = text.count("\n", 0, m.start()) + 1
    detail = f"download script fetching the model's configuration ({m.group(0)})"
    return [
        hit(METADATA, f, "local.link.download-script-metadata", 0.6, detail, Presence.REFERENCED, line=number)
    ]


def fetched_weights(f: FileInfo, text: str) -> list[Hit]:
    """A download script that names weight files it fetches from a URL it builds (llama's download.sh)."""
    m = _FETCHES_WEIGHTS.search(text)
    if m is None or not re.search(r"\b(?:wget|curl|urlretrieve|requests\.get|download)", text):
        return []
    number = text.count("\n", 0, m.start()) + 1
    detail = f"download script fetching weights ('{m.group(0)[:40]}')"
    return [hit(FINAL, f, "local.link.download-script", 0.6, detail, Presence.REFERENCED, line=number)]
