"""Which linked documents are the model's own report and paper: a report is the paper too; a list of
reports under a lead-in; a bare "Report" link; a news item's "[tech report]"; a "[Research Paper]"
among the references; and papers of other works named in a label ("[Chinchilla paper]"). READMEs in
our own words, laid out as real releases lay them out."""

from __future__ import annotations

from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp, rules

REPORT, PAPER = "Technical report", "Research paper"


def _both(root: Path) -> tuple[Presence, Presence]:
    release = collect(str(root))
    return comp(release, REPORT).presence, comp(release, PAPER).presence


def test_a_report_listed_under_a_lead_in_is_the_report_and_the_paper(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Kestrel\n\nA library for the Kestrel models.\n\n## Learn more\n\n"
        "* Reports on each generation, with metrics:\n"  # no report word: nothing follows from the list
        "  * [Kestrel 1](https://go.example.org/k1)\n\n"
        "* Technical reports for metrics and capabilities:\n"
        "  * [Kestrel 1](https://go.example.org/k1report)\n"
        "  * [Kestrel 2](https://cdn.example.org/kestrel/K2Report.pdf)\n",
    )
    release = collect(str(tmp_path))
    report, paper = comp(release, REPORT), comp(release, PAPER)
    assert report.presence is Presence.REFERENCED and "local.link.report-list" in rules(report)
    assert "https://go.example.org/k1" not in set(report.locations)
    assert paper.presence is Presence.REFERENCED and "local.paper.model-report" in rules(paper)


def test_a_link_shown_as_report_alone_is_the_technical_report(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README_EN.md",
        '# Heron-6B\n\n<p align="center">\n<a href="https://huggingface.co/acme/heron-6b">HF Repo</a> • '
        '<a href="https://arxiv.org/pdf/2501.01234"> Report </a>\n</p>\n',
    )
    assert _both(tmp_path) == (Presence.REFERENCED, Presence.REFERENCED)


def test_a_tech_report_in_a_news_item_is_the_models(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Orbit models\n\n## News\n\n- We release Orbit-3D. See the "
        "[project page](https://orbit.example.org) and [tech report](https://orbit.example.org/static/report.pdf).\n"
        "- Inspired by [a denoising study](https://arxiv.org/abs/2206.00001).\n",
    )
    release = collect(str(tmp_path))
    report = comp(release, REPORT)
    assert report.presence is Presence.REFERENCED
    assert set(report.locations) == {"https://orbit.example.org/static/report.pdf"}
    assert "https://arxiv.org/abs/2206.00001" not in set(comp(release, PAPER).locations)


def test_a_research_paper_among_the_references_is_the_models(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# Wren 2\n\nCode to run Wren 2.\n\n## References\n\n"
        "1. [Research Paper](https://research.example.com/publications/wren-2/)\n"
        "2. [Scaling laws for birds](https://arxiv.org/abs/2001.00001)\n",
    )
    paper = comp(collect(str(tmp_path)), PAPER)
    assert paper.presence is Presence.REFERENCED
    assert set(paper.locations) == {"https://research.example.com/publications/wren-2/"}


def test_another_works_paper_named_in_the_label_is_not_the_models(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        "# tiny.c\n\n## training\n\nSee the table at the end of the "
        "[Chinchilla paper](https://arxiv.org/abs/2203.00001) to size the model.\n",
    )
    assert _both(tmp_path) == (Presence.ABSENT, Presence.ABSENT)
    b.write(
        tmp_path,
        "README.md",
        "## This repository is archived\n\n## Tern: pre-training for images and text\n\n"
        'This is the code of the <a href="https://arxiv.org/abs/2201.00002">Tern paper</a>.\n',
    )
    assert _both(tmp_path) == (Presence.ABSENT, Presence.REFERENCED)


def test_a_report_pdf_in_the_tree_is_the_paper_too(tmp_path: Path) -> None:
    b.write(tmp_path, "ACME_TECHNICAL_REPORT.pdf", b"%PDF-1.5\n" + b"0" * 2048)
    assert _both(tmp_path) == (Presence.INCLUDED, Presence.INCLUDED)
