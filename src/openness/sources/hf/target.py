"""Hugging Face Hub targets: ``hf:ORG/NAME[@REV]`` and ``https://huggingface.co/ORG/NAME[/tree/REV]``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from openness.errors import InputError

# Hub repo names: letters, digits, '-', '_', '.'; at most 96 characters (Hub naming rules).
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}"
_REPO = re.compile(rf"^{_NAME}/{_NAME}$")
_HF_HOSTS = ("huggingface.co", "www.huggingface.co", "hf.co")


@dataclass(frozen=True, slots=True)
class HubTarget:
    repo_id: str
    revision: str | None = None
    """What the user asked for (a branch, tag or sha); None means the default branch."""

    @property
    def label(self) -> str:
        return f"hf:{self.repo_id}" + (f"@{self.revision}" if self.revision else "")


def claims(target: str) -> bool:
    """True for the forms this source reads (whether or not they are well formed)."""
    if target.startswith("hf:"):
        return True
    parts = urlsplit(target)
    return parts.scheme in ("http", "https") and parts.hostname in _HF_HOSTS


def parse(target: str) -> HubTarget:
    """The repo and revision a target names, or an InputError saying what form is expected."""
    hint = "give hf:ORG/NAME, hf:ORG/NAME@REVISION or https://huggingface.co/ORG/NAME[/tree/REVISION]"
    if target.startswith("hf:"):
        body = target[3:]
        repo, _, rev = body.partition("@")
        revision: str | None = rev or None
        if "@" in body and not rev:
            raise InputError("empty revision after '@'", where=target, hint=hint)
    else:
        path = [unquote(p) for p in urlsplit(target).path.split("/") if p]
        if path[:1] in (["datasets"], ["spaces"]):
            raise InputError("openness assesses models; this is a dataset or Space", where=target, hint=hint)
        if len(path) < 2:
            raise InputError("no ORG/NAME in the URL", where=target, hint=hint)
        repo = "/".join(path[:2])
        revision = None
        if len(path) >= 4 and path[2] in ("tree", "blob", "resolve", "commit"):
            revision = path[3]
    if not _REPO.match(repo) or ".." in repo or "--" in repo:
        # the part is not echoed: the target (shown without credentials) says where, and a malformed
        # part may be user info ('user:token@…') that cleaning cannot tell from an id
        raise InputError(
            "not a Hub model id (ORG/NAME: letters, digits, '-', '_', '.')", where=target, hint=hint
        )
    return HubTarget(repo, revision)
