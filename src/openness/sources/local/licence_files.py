"""Which files are licence files, and the licence a licence file holds.

A licence file is found by its name in any case, with ``_ - .`` or spaces around the word: LICENSE,
LICENCE.md, COPYING, UNLICENSE, NOTICE, "Tongyi Qianwen LICENSE AGREEMENT", LICENSE-MODEL, MODEL_LICENSE,
WEIGHTS_LICENSE, DATA_LICENSE …; and any text file kept in a folder of licences (``model_licenses/``,
``licenses/``, ``LICENCES/``). Acceptable-use policies (USE_POLICY.md) are read the same way. What a
file holds is said by ``openness.licences.reader`` alone (the reader ``openness licence --file`` uses):
no word or phrase here names a licence.
"""

from __future__ import annotations

import re

from openness.licences.identification import Identification
from openness.licences.reader import read_licence_file

_NAME_RE = re.compile(
    r"^(?:.*[_\-. ])?(?:licen[cs]e|copying|unlicense|notices?)(?:[_\-. ].*)?$", re.IGNORECASE
)
_FOLDER_RE = re.compile(r"^(?:.*[_\-. ])?licen[cs]es$", re.IGNORECASE)
"""A folder of licence files: ``licenses``, ``model_licenses``, ``LICENCES`` …"""
_NOT_TEXT = frozenset(
    {
        # code and structured data: a file named for licences that is not a licence text
        ".py", ".js", ".ts", ".json", ".yaml", ".yml", ".toml", ".c", ".h", ".rs", ".go", ".java",
        ".ipynb", ".sh", ".cfg", ".csv", ".jsonl",
        # documents read by no text reader here
        ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".docx", ".doc", ".odt", ".zip", ".gz",
    }
)  # fmt: skip


def _ext(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_licence_file(name: str) -> bool:
    """True for LICENSE, LICENCE.md, COPYING, NOTICE, LICENSE-APACHE, MODEL_LICENSE, "… LICENSE AGREEMENT"
    … (not code or data files)."""
    if _ext(name) in _NOT_TEXT:
        return False
    return bool(_NAME_RE.match(name))


_POLICY_RE = re.compile(
    r"^(?:.*[_\-. ])?(?:acceptable[_\-. ]?|prohibited[_\-. ]?)?use[_\-. ]?policy(?:[_\-. ].*)?$",
    re.IGNORECASE,
)


def is_policy_file(name: str) -> bool:
    """USE_POLICY.md, ACCEPTABLE_USE_POLICY, prohibited_use_policy.txt …: terms that accompany a licence."""
    return _ext(name) not in _NOT_TEXT and bool(_POLICY_RE.match(name))


_FOLDER_GUIDE_RE = re.compile(r"^(?:readme|index)(?:\.[a-z0-9]+)?$", re.IGNORECASE)
"""A folder's guide (README.md, index.html): it describes what the folder holds."""


def in_licence_folder(rel: str) -> bool:
    """A file directly inside a folder of licences (``model_licenses/``, ``LICENSES/``), other than the
    folder's own guide (rule ``folder-guide``: a README or index in a folder of licences says what the
    licences there are, it is not one of them)."""
    folder, _, name = rel.rpartition("/")
    parent = folder.rpartition("/")[2]
    return bool(parent) and bool(_FOLDER_RE.match(parent)) and not _FOLDER_GUIDE_RE.match(name)


def is_licence_path(rel: str) -> bool:
    """A licence file by its name, or any text file directly inside a folder of licences
    (``model_licenses/LICENSE-SDXL1.0``, ``licenses/llama3.txt``)."""
    name = rel.rpartition("/")[2]
    if is_licence_file(name) or is_policy_file(name):
        return True
    return in_licence_folder(rel) and _ext(name) not in _NOT_TEXT


def identify_licence_text(text: str) -> tuple[str | None, str, float]:
    """(licence id or expression, or None; method; confidence 0–1) for a licence file's text: the answer
    of ``openness licence --file``, in short. Methods are the text matcher's (``text``, ``header``,
    ``title``, ``sentence``, ``sections`` …) or ``none``."""
    ident = read_licence_file(text.encode("utf-8"), "<text>")
    return _short(ident)


def _short(ident: Identification) -> tuple[str | None, str, float]:
    if ident.id is None or ident.kind == "policy":  # an acceptable-use policy is not a licence
        return None, "none", 0.0
    return ident.id, ident.method, ident.confidence
