"""Evaluation code published elsewhere (rule ``evaluated-with``): a code repository linked in a sentence
that says the model is, or can be, evaluated with it ('evaluations are performed with the
lm-evaluation-harness', 'to evaluate the model, use the X-Evaluation-Harness'), the repository being an
evaluation tool by its name or its label. The repository's licence is not read: the component carries
none (``attribution.for_library``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from openness.domain.release import Presence
from openness.sources.local.finders import link_context
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import EVAL_CODE, Hit

EVALUATED_WITH_RULE = "local.link.evaluated-with"
_EVALUATED_WITH = re.compile(
    r"\bevaluat\w*\b[^.]{0,120}\b(?:with|using|via|by|in)\b|\b(?:with|using|use|via)\b[^.]{0,60}\bevaluat\w*",
    re.IGNORECASE,
)
_EVAL_TOOL = re.compile(r"eval|harness|bench", re.IGNORECASE)


def evaluated_with(place: link_context.Place) -> tuple[str, str, float] | None:
    """Rule ``evaluated-with``: a code repository linked in a sentence that says the model is (or can be)
    evaluated with it ('evaluations are performed with the lm-evaluation-harness', 'to evaluate the model,
    use the X-Evaluation-Harness'), the repository being an evaluation tool by its name: the evaluation
    code, published elsewhere."""
    parts = urlsplit(place.url)
    host = (parts.hostname or "").lower()
    if host not in ("github.com", "gitlab.com") or len([p for p in parts.path.split("/") if p]) < 2:
        return None
    sentence = next((s for s in re.split(r"(?<=[.!?])\s+", place.text) if place.url in s), place.text)
    if not _EVALUATED_WITH.search(link_context_plain(sentence)):
        return None
    if not _EVAL_TOOL.search(f"{place.label} {parts.path}"):
        return None
    at = sentence.find(f"]({place.url}")
    opening = sentence.rfind("[", 0, at) if at > 0 else -1
    if opening < 0 or not _TOOL_USED.search(sentence[max(0, opening - 40) : opening]):
        return None  # 'adapted from [X]', 'thanks to [X]': the tool is not what evaluates the model
    return EVAL_CODE, EVALUATED_WITH_RULE, 0.5


_TOOL_USED = re.compile(r"\b(?:with|using|via|use|uses)\s+(?:the\s+|our\s+|this\s+|[\w-]+'s\s+)?`?$", re.I)
"""The words right before the link's label: the tool is used ('with the [harness]', 'use the [X]')."""


def link_context_plain(text: str) -> str:
    """Link targets left out, so that words in a URL are not read as the sentence's."""
    return re.sub(r"\]\([^)\s]*\)|https?://\S+", " ", text)


SECTION_SCRIPT_RULE = "local.eval.readme-section-script"
_EVAL_HEADING = re.compile(
    r"^#{1,4}\s+(?:\d+[.)]?\s*)?(?:model\s+)?evaluat\w*\b", re.IGNORECASE | re.MULTILINE
)
_ANY_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_SCRIPT_LINK = re.compile(r"\]\(\s*(?:\./)?([\w./-]+\.(?:py|sh|ipynb))\s*\)")
SECTION_READ = 3000
"""Characters of an evaluation section read for the scripts it links."""


def section_scripts(f: FileInfo, text: str) -> list[Hit]:
    """Rule ``readme-section-script``: a script of the tree that the README's evaluation section links
    ('## Evaluation (FID, Inception Score, etc.)' … 'we include a [`sample_ddp.py`](sample_ddp.py)
    script …') is evaluation code. Only relative links; the scan keeps the hit only when the file is in
    the tree (``in_tree``)."""
    out: list[Hit] = []
    for m in _EVAL_HEADING.finditer(text):
        following = _ANY_HEADING.search(text, m.end())
        section = text[m.end() : min(following.start() if following else len(text), m.end() + SECTION_READ)]
        for link in _SCRIPT_LINK.finditer(section):
            target = link.group(1)
            if target.startswith(("http", "/", "..")):
                continue
            rel = "/".join([*f.dirs, target]) if f.dirs else target
            line = text.count("\n", 0, m.end() + link.start()) + 1
            detail = f"the evaluation section of {f.name} (line {line}) links the script {target}"
            out.append(
                Hit(EVAL_CODE, Presence.INCLUDED, SECTION_SCRIPT_RULE, 0.6, rel, None, None, detail, rel)
            )
    return out


def in_tree(hits: list[Hit], rels: set[str]) -> list[Hit]:
    """The hits without ``readme-section-script`` hits on files the tree does not hold."""
    return [h for h in hits if h.rule != SECTION_SCRIPT_RULE or h.rel in rels]
