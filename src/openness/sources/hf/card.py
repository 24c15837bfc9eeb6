"""The model card: its YAML front matter and the links in its text (read as data, never run)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openness.sources.bounded import front_matter

_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.IGNORECASE)
_GITHUB = re.compile(r"https?://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)", re.IGNORECASE)
# Library and tooling repos every card links; they say nothing about this model's own code.
_GENERIC_GITHUB = {"huggingface", "ggerganov", "ggml-org", "mlc-ai", "vllm-project", "oobabooga"}
MAX_LINKS = 10


@dataclass(frozen=True, slots=True)
class Card:
    status: str
    """``ok`` (front matter read), ``none`` (no front matter), ``broken`` (YAML did not parse)."""
    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    error: str = ""


def parse(text: str) -> Card:
    """The card read through the project's one front-matter reader (bounded, core schema only)."""
    fm = front_matter(text)
    if fm.status == "none":
        return Card("none", {}, text)
    return Card(fm.status, fm.data, fm.body, fm.error)


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    return []


@dataclass(frozen=True, slots=True)
class LicenceStatement:
    """The licence as the Hub states it: the ``license`` tag, or ``license_name`` for ``other``."""

    licence: str | None
    field: str
    """The card field it came from (``license`` or ``license_name``), or '' when none."""
    tag: str | None = None
    link: str | None = None


def licence_statement(data: dict[str, Any]) -> LicenceStatement:
    tags = as_list(data.get("license"))
    name = data.get("license_name")
    link = data.get("license_link")
    link = link if isinstance(link, str) and link.strip() else None
    if not tags:
        if isinstance(name, str) and name.strip():
            return LicenceStatement(name.strip(), "license_name", None, link)
        return LicenceStatement(None, "", None, link)
    if len(tags) > 1:
        return LicenceStatement(" AND ".join(tags), "license", " AND ".join(tags), link)
    tag = tags[0].strip()
    if tag == "other" and isinstance(name, str) and name.strip():
        return LicenceStatement(name.strip(), "license_name", tag, link)
    return LicenceStatement(tag, "license", tag, link)


def arxiv_ids(tags: list[str], text: str) -> list[str]:
    """arXiv ids from ``arxiv:`` tags (the Hub adds them for links in the card) and arXiv URLs."""
    found = [t.split(":", 1)[1] for t in tags if t.startswith("arxiv:")]
    found += _ARXIV_URL.findall(text)
    return list(dict.fromkeys(found))[:MAX_LINKS]


def github_repos(text: str) -> list[str]:
    """``https://github.com/ORG/REPO`` links in the card text, generic library repos left out."""
    out: list[str] = []
    for org, repo in _GITHUB.findall(text):
        repo = repo.removesuffix(".git").rstrip(".")
        if org.lower() in _GENERIC_GITHUB or not repo:
            continue
        url = f"https://github.com/{org}/{repo}"
        if url not in out:
            out.append(url)
    return out[:MAX_LINKS]


_URL = re.compile(r"(?:https?|file)://[^\s()<>\[\]\"'`]+", re.IGNORECASE)
# Forges whose repository URLs are HOST/OWNER/NAME (GitLab allows subgroups: up to the '/-/' part).
_FORGES = {"github.com": 2, "gitlab.com": 4, "codeberg.org": 2, "bitbucket.org": 2}
_NOT_A_REPO_PART = {"-", "tree", "blob", "raw", "commit", "commits", "issues", "pulls", "wiki", "releases"}


def _forge_repo(host: str, path: str) -> str | None:
    parts = [p for p in path.split("/") if p]
    depth = _FORGES[host]
    keep: list[str] = []
    for part in parts:
        if part.lower() in _NOT_A_REPO_PART or len(keep) == depth:
            break
        keep.append(part)
    if len(keep) < 2 or keep[0].lower() in _GENERIC_GITHUB:
        return None
    keep[-1] = keep[-1].removesuffix(".git").rstrip(".")
    return f"https://{host}/{'/'.join(keep)}" if keep[-1] else None


def code_repos(text: str, allow_file: bool = False) -> list[str]:
    """Code repositories the card text links: GitHub, GitLab, Codeberg and Bitbucket repositories, other
    https URLs ending ``.git``, and (only when ``allow_file``, for a Hub on this machine) ``file://`` URLs.
    Generic library repos are left out; at most ``MAX_LINKS``, in the order first linked."""
    from urllib.parse import urlsplit

    out: list[str] = []
    for raw in _URL.findall(text):
        url = raw.rstrip(".,;:!?")
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().removeprefix("www.")
        found: str | None = None
        if scheme == "file":
            found = url if allow_file and parts.path not in ("", "/") else None
        elif host in _FORGES:
            found = _forge_repo(host, parts.path)
        elif parts.path.endswith(".git") and host and not parts.query:
            found = f"https://{parts.netloc}{parts.path}"
        if found and found not in out:
            out.append(found)
    return out[:MAX_LINKS]


RELATIONS = ("adapter", "merge", "quantized", "finetune")


def base_models(data: dict[str, Any], tags: list[str]) -> tuple[list[str], str | None]:
    """The base model ids and the relation, from the card or the Hub's ``base_model:`` tags."""
    bases = as_list(data.get("base_model"))
    relation = data.get("base_model_relation")
    relation = relation if relation in RELATIONS else None
    for tag in tags:
        parts = tag.split(":")
        if parts[0] != "base_model" or len(parts) < 2:
            continue
        if len(parts) == 3 and parts[1] in RELATIONS:
            relation = relation or parts[1]
            if parts[2] not in bases:
                bases.append(parts[2])
        elif len(parts) == 2 and parts[1] not in bases:
            bases.append(parts[1])
    return bases, relation
