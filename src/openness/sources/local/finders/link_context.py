"""Where a link stands in a document decides what it is: the heading it is under ("Intermediate
checkpoints", "Evaluation", "Fine-tuning data"), whether it sits in a code example or a citation block,
and whether the document presents it as the model's own paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from openness.sources.local.text import URL_RE

CITATION_HEADING = re.compile(
    r"\b(?:citation|citing|cite|bibtex|reference this|how to cite)\b", re.IGNORECASE
)
RELATED_HEADING = re.compile(
    r"\b(?:related|acknowledg\w*|references|papers? using|research using|other work|see also|community|"
    r"credits|inspired|further reading|news|updates?)\b",
    re.IGNORECASE,
)
NEWS_HEADING = re.compile(r"\b(?:news|updates?|changelog|release notes)\b", re.IGNORECASE)
"""A news list announces the producer's own releases, each with its paper or report."""
GENERIC_PAPER_LABEL = re.compile(
    r"^\W*(?:the\s+|our\s+)?(?:research\s+|arxiv\s+)?"
    r"(?:paper|technical report|tech report|report|preprint)\W*$",
    re.IGNORECASE,
)
"""A label that names no title, only "the paper": "[Research Paper](…)" among the references is this
work's paper (another work's paper is shown by its title)."""
PAPER_LINE = re.compile(
    r"\b(?:our|the|this)\s+(?:\w+\s+){0,3}(?:paper|technical report|tech report|preprint|report)\b"
    r"|^\W*(?:paper|arxiv|report|technical report|preprint)\b\W*:"
    r"|\[\W*(?:paper|arxiv|technical report|tech report|report|preprint)\W*\]",
    re.IGNORECASE,
)
"""A line that presents a link as this work's paper: "our paper", "Paper: …", "[Paper](…)", a badge."""
PAPER_LABEL = re.compile(r"\b(?:paper|arxiv|technical report|tech report|report|preprint)\b", re.IGNORECASE)
"""Shown text of a link to this work's paper: ``[Paper]``, ``Yi Tech Report``, ``arXiv`` badge."""
DOWNLOAD_COMMAND = re.compile(
    r"\b(?:wget|curl|aria2c|axel|git\s+clone|git\s+lfs|gsutil|gcloud\s+storage|aws\s+s3|azcopy|rclone|"
    r"huggingface-cli\s+download|hf\s+download|snapshot_download|hf_hub_download|load_dataset|"
    r"torch\.hub\.load|urlretrieve|download_url|requests\.get|from_pretrained)\b"
)
"""A command or call in a code example that fetches what the link points to."""
PLACEHOLDER = re.compile(
    r"^/?(?:<[^/>]+>|\{[^/}]+\}|\$\w+|org|organi[sz]ation|owner|user|username|your[-_]\w+|name|"
    r"model|repo|namespace|my[-_]\w+|xxx+|\.\.\.)/(?:<[^/>]+>|\{[^/}]+\}|\$\w+|name|model|repo|"
    r"model[-_]name|repo[-_]name|my[-_]\w+|your[-_]\w+|xxx+|\.\.\.)(?:/|$)",
    re.IGNORECASE,
)
"""``org/name``, ``<user>/<model>``, ``your-org/your-model``: a link in a usage example, not a release."""
ARXIV_EPRINT = re.compile(r"\beprint\s*=\s*[{\"]\s*(\d{4}\.\d{4,5})(?:v\d+)?\s*[}\"]", re.IGNORECASE)
ARXIV_JOURNAL = re.compile(r"\barXiv(?:\s+preprint)?\s*:?\s*(?:abs/)?(\d{4}\.\d{4,5})", re.IGNORECASE)


HF_REPO_ROUTES = frozenset(
    {"tree", "blob", "resolve", "raw", "commit", "commits", "discussions", "edit", "upload", "blame"}
)
"""What follows ``/<owner>/<name>/`` in the URL of a Hub repository's pages (rule ``hub-route``, applied by
``links``): a third path segment that is none of these (``/transformers/model_doc/gpt2.html``, the
library's old documentation) is no repository page."""


@dataclass(frozen=True, slots=True)
class Place:
    """One link and where it stands."""

    line: int
    url: str
    text: str
    """The line's text."""
    heading: str
    """The nearest heading above, "" before the first one."""
    in_code: bool
    """Inside a fenced code example."""
    in_citation: bool
    """Inside a citation section or a BibTeX block."""
    in_intro: bool
    """Before the second heading: the title and what the document says first."""
    paragraph: str = ""
    """The paragraph up to and including the line ("Our paper describes BERT … :" then the link)."""
    derived: bool = False
    """Built from a BibTeX ``eprint`` or an ``arXiv:NNNN.NNNNN`` mention, not written as a link."""
    title: str = ""
    """The document's first two headings: the name of the work it presents (a notice may come first)."""

    @property
    def label(self) -> str:
        """The text a Markdown or HTML link shows (``[Paper](…)``, ``<a href="…">Models Download</a>``)."""
        at = self.text.find(self.url)
        if at < 0:
            return ""
        before = self.text[:at]
        if before.endswith("]("):
            start = before.rfind("[", 0, len(before) - 2)
            # nested brackets ([![badge](img)](url)): take from the outermost opening on the line
            end = len(before) - 2
            while start > 0 and before.count("[", start + 1, end) > before.count("]", start, end):
                start = before.rfind("[", 0, start)
            return _TAGS.sub(" ", before[start + 1 : len(before) - 2]).strip() if start >= 0 else ""
        if before.rstrip("\"'").endswith("href="):
            close = self.text.find(">", at)
            end = self.text.lower().find("</a>", close)
            if close >= 0 and end > close:
                return _TAGS.sub(" ", self.text[close + 1 : end]).strip()
        return ""

    @property
    def context(self) -> str:
        return f"{self.heading}\n{self.text}"

    def presents_paper(self) -> bool:
        """The document presents this link as the paper of its own work (not related work)."""
        if self.in_citation:
            return True
        if GENERIC_PAPER_LABEL.match(self.label):
            return True
        if _names_other_work(self.label, self.title):
            return False  # "[Chinchilla paper](…)" in a README titled otherwise: a work it cites
        if NEWS_HEADING.search(self.heading) and PAPER_LABEL.search(self.label):
            return True  # "[tech report](…)" in a news item announcing a model
        if RELATED_HEADING.search(self.heading):
            return False
        return bool(PAPER_LINE.search(self.paragraph)) or bool(PAPER_LABEL.search(self.label))

    def example_only(self) -> bool:
        """A link in a code example that nothing fetches (``openness assess https://…``), or a placeholder."""
        path = self.url.split("://", 1)[-1].partition("/")[2]
        if PLACEHOLDER.match(path) or PLACEHOLDER.match(path.removeprefix("datasets/")):
            return True
        return self.in_code and not self.in_citation and not DOWNLOAD_COMMAND.search(self.text)


QUALIFIED_LABEL = re.compile(
    r"^\W*(.+?)\s+(?:paper|technical report|tech report|report|preprint)\W*$", re.IGNORECASE
)
_NOT_NAMES = frozenset({"the", "our", "this", "arxiv", "research", "full", "original", "latest", "new", "a"})


def _names_other_work(label: str, title: str) -> bool:
    """A label "<Name> paper" whose name is not in the document's title."""
    m = QUALIFIED_LABEL.match(label)
    if m is None or not title:
        return False
    words = {w for w in re.findall(r"[a-z0-9][a-z0-9.\-]*", m.group(1).lower()) if w not in _NOT_NAMES}
    named = {w for w in re.findall(r"[a-z0-9][a-z0-9.\-]*", title.lower()) if len(w) >= 2}
    if not words:
        return False
    return not any(w in t or t in w for w in words for t in named if len(t) >= 3 or t == w)


_TAGS = re.compile(r"<[^>]*>|!\[[^\]]*\]\([^)]*\)|[*_`\[\]]")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$|^\s*<h([1-6])[^>]*>(.*?)</h\d>", re.IGNORECASE)


def places(text: str) -> Iterator[Place]:
    """Every link in a Markdown, reStructuredText or plain-text document, with where it stands."""
    heading = ""
    title = ""
    headings = 0
    paragraph: list[str] = []
    fence: str | None = None
    fence_lang = ""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence, fence_lang = stripped[:3], stripped[3:].strip().lower()
            continue
        if fence is not None and stripped.startswith(fence):
            fence = None
            continue
        m = _HEADING.match(line) if fence is None else None
        if m is None and fence is None and number < len(lines) and stripped and not stripped.startswith("|"):
            under = lines[number].strip()  # Setext / reStructuredText underline
            if len(under) >= 3 and len(set(under)) == 1 and under[0] in "=-~^*":
                heading, headings = stripped, headings + 1
                title = title if headings > 2 else f"{title} {heading}"
                continue
        paragraph = [] if not stripped or m is not None else [*paragraph[-5:], stripped]
        if m is not None:
            heading = re.sub(r"<[^>]+>|[*_`]", "", m.group(2) or m.group(4) or "").strip()
            headings += 1
            title = title if headings > 2 else f"{title} {heading}"
            continue
        bib = fence is not None and (fence_lang in ("bibtex", "bib", "tex", "latex") or "@" in fence_lang)
        citation = bool(CITATION_HEADING.search(heading)) or bib
        intro = headings <= 1
        in_code = fence is not None  # indented blocks are not taken as code: READMEs indent HTML
        if "://" in line or "magnet:" in line:
            for u in URL_RE.finditer(line):
                url = u.group(0).rstrip(".,;:!?*_")
                yield Place(
                    number, url, line, heading, in_code, citation, intro, " ".join(paragraph), title=title
                )
        if citation or (fence is None and "arxiv" in line.lower()):
            for ref in (ARXIV_EPRINT, ARXIV_JOURNAL):
                for e in ref.finditer(line):
                    if f"arxiv.org/abs/{e.group(1)}" in line or f"arxiv.org/pdf/{e.group(1)}" in line:
                        continue
                    url = f"https://arxiv.org/abs/{e.group(1)}"
                    yield Place(
                        number, url, line, heading, in_code, citation, intro, " ".join(paragraph), True, title
                    )
