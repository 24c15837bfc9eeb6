"""The model's own report and paper among a document's links: a link listed under a lead-in that names
technical reports, a link shown only as "Report", and the rule that a technical report of the model is
also its paper (MOF v1.0 lets the report stand in for the paper; the judged corpus reads it so)."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from openness.sources.local.finders import link_context
from openness.sources.local.hits import PAPER, TECH_REPORT, Hit

REPORT_LEAD_IN = re.compile(
    r"\b(?:technical|tech|model)\s+reports?\b[^:]{0,80}:\s*(?:[*+-]|\d+\.)?\s*(?:\[[^\]]*\]\([^)]*\)\s*[*+-]?\s*)*$",
    re.IGNORECASE,
)
"""A list's lead-in naming reports, the list following: "Technical reports for each version:" then
one link per item."""
BARE_REPORT = re.compile(r"^\W*(?:the\s+|our\s+)?report\W*$", re.IGNORECASE)
"""A link shown as "Report" alone, as in a header row of links (HF Repo • Twitter • Report)."""
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+\.)\s")
_NOT_DOCUMENT_HOSTS = ("github.com", "youtube.com", "youtu.be", "twitter.com", "x.com", "discord.gg")


def listed_report(place: link_context.Place) -> tuple[str, str, float] | None:
    """A link in a list item whose lead-in names technical reports."""
    host = (urlsplit(place.url).hostname or "").lower()
    if not _LIST_ITEM.match(place.text) or host.endswith(_NOT_DOCUMENT_HOSTS):
        return None
    before = place.paragraph[: max(0, len(place.paragraph) - len(place.text.strip()))]
    if REPORT_LEAD_IN.search(before.rstrip()):
        return TECH_REPORT, "local.link.report-list", 0.6
    return None


def is_bare_report(label: str) -> bool:
    return bool(BARE_REPORT.match(label))


def also_paper(report: Hit) -> Hit:
    """The model's technical report is its paper too."""
    detail = f"the model's technical report stands as its paper: {report.url or report.path}"
    return replace(report, component=PAPER, rule="local.paper.model-report", confidence=0.6, detail=detail)
