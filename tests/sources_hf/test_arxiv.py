"""Paper licences from arXiv's OAI-PMH metadata: replayed, never the network."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest

from openness.domain.release import Component, Presence, Release
from openness.sources import arxiv, hf
from openness.sources.options import CollectOptions

from . import hubdata
from .conftest import fetch_for
from .replay import HubReplay, Reply, arxiv_route

CC_BY = "http://creativecommons.org/licenses/by/4.0/"
ARXIV = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


def mock(records: dict[str, bytes], seen: list[str] | None = None, status: int = 200) -> httpx2.MockTransport:
    def answer(request: httpx2.Request) -> httpx2.Response:
        ident = request.url.params.get("identifier", "")
        assert request.url.params.get("metadataPrefix") == "arXiv"
        assert request.url.params.get("verb") == "GetRecord"
        if seen is not None:
            seen.append(ident)
        body = records.get(ident.removeprefix("oai:arXiv.org:"))
        return httpx2.Response(status, content=body or hubdata.arxiv_missing(ident))

    return httpx2.MockTransport(answer)


def paper_release(*ids: str) -> Release:
    paper = Component(
        "Research paper",
        Presence.REFERENCED,
        licence_declared=True,
        locations=tuple(f"https://arxiv.org/abs/{i}" for i in ids),
    )
    return Release(name="m", components=(paper,))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (CC_BY, "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by-nc-sa/4.0/", "CC-BY-NC-SA-4.0"),
        ("http://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        (ARXIV, "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0"),
        (
            "http://arxiv.org/licenses/assumed-1991-2003/",
            "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0",
        ),
        ("http://creativecommons.org/licenses/by/4.0/legalcode", "CC-BY-4.0"),
        ("http://example.org/licenses/by/4.0/", None),  # a known path on another host is not that licence
        ("http://creativecommons.org/licenses/by/4.0/extra", None),
    ],
)
def test_licence_urls_arxiv_records(url: str, expected: str | None) -> None:
    assert arxiv.licence_of_url(url) == expected


def test_the_papers_licence_comes_from_arxivs_metadata_and_is_cached(tmp_path: Path) -> None:
    opts = CollectOptions(cache_dir=str(tmp_path))
    seen: list[str] = []
    records = {"2304.01373": hubdata.arxiv_record("2304.01373", "A suite", CC_BY)}
    out = arxiv.with_paper_licences(paper_release("2304.01373"), opts, mock(records, seen))
    paper = out.component("Research paper")
    assert paper is not None and paper.licence == "CC-BY-4.0" and not paper.licence_unread
    assert paper.extra["papers"] == [{"arxiv": "2304.01373", "licence": "CC-BY-4.0", "licence_url": CC_BY}]
    assert any(e.rule == "arxiv.oai.license" and CC_BY in e.detail for e in paper.evidence)
    again = arxiv.with_paper_licences(paper_release("2304.01373"), opts, mock({}, seen))
    assert seen == ["oai:arXiv.org:2304.01373"]  # the second read came from the cache
    assert again.component("Research paper").licence == "CC-BY-4.0"  # type: ignore[union-attr]


def test_the_first_linked_paper_gives_the_licence_and_each_is_recorded(tmp_path: Path) -> None:
    records = {
        "2402.00838": hubdata.arxiv_record("2402.00838", "The model's paper", ARXIV),
        "2402.00159": hubdata.arxiv_record("2402.00159", "A dataset paper", CC_BY),
    }
    out = arxiv.with_paper_licences(
        paper_release("2402.00838", "2402.00159"), CollectOptions(cache_dir=str(tmp_path)), mock(records)
    )
    paper = out.component("Research paper")
    assert paper is not None and paper.licence == "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0"
    assert [p["licence"] for p in paper.extra["papers"]] == [paper.licence, "CC-BY-4.0"]


@pytest.mark.parametrize(
    ("transport", "note"),
    [
        (httpx2.MockTransport(lambda r: httpx2.Response(503)), "not read: HTTP 503"),
        (
            httpx2.MockTransport(lambda r: (_ for _ in ()).throw(httpx2.ConnectError("refused"))),
            "not read: connection failed (ConnectError)",
        ),
        (
            httpx2.MockTransport(lambda r: (_ for _ in ()).throw(httpx2.ReadTimeout("slow"))),
            "not read: timed out",
        ),
        (httpx2.MockTransport(lambda r: httpx2.Response(200, content=b"<html>oops")), "is not XML"),
        (
            httpx2.MockTransport(
                lambda r: httpx2.Response(200, content=b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
            ),
            "declares a DTD or entities",
        ),
        (
            httpx2.MockTransport(lambda r: httpx2.Response(200, content=b"<x>" + b"a" * 300_000 + b"</x>")),
            "larger than",
        ),
        (mock({}), "idDoesNotExist"),
    ],
)
def test_a_failure_leaves_the_licence_unknown_with_a_note_never_absent(
    tmp_path: Path, transport: httpx2.MockTransport, note: str
) -> None:
    out = arxiv.with_paper_licences(
        paper_release("2304.01373"), CollectOptions(cache_dir=str(tmp_path)), transport
    )
    paper = out.component("Research paper")
    assert paper is not None and paper.presence is Presence.REFERENCED
    assert paper.licence is None and paper.licence_unread
    said = [n for n in out.notes if n.startswith("arXiv metadata of 2304.01373")]
    assert len(said) == 1 and note in said[0] and "\n" not in said[0]


def test_a_record_with_no_licence_is_read_and_says_so(tmp_path: Path) -> None:
    records = {"0704.0001": hubdata.arxiv_record("0704.0001", "An old paper", None)}
    out = arxiv.with_paper_licences(
        paper_release("0704.0001"), CollectOptions(cache_dir=str(tmp_path)), mock(records)
    )
    paper = out.component("Research paper")
    assert paper is not None and paper.licence is None and not paper.licence_unread
    assert "arXiv's metadata of 0704.0001 records no licence" in out.notes


def test_offline_reads_only_the_cache(tmp_path: Path) -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise AssertionError("no request when offline")

    opts = CollectOptions(cache_dir=str(tmp_path), offline=True)
    out = arxiv.with_paper_licences(paper_release("2304.01373"), opts, httpx2.MockTransport(refuse))
    assert "arXiv metadata of 2304.01373 not read: not in the cache (--offline)" in out.notes


def test_a_hub_model_gets_its_papers_licence_through_the_replayed_arxiv(
    pythia_hub: HubReplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(arxiv.ENDPOINT_ENV, pythia_hub.endpoint + "/oai")
    pythia_hub.route(
        arxiv_route("2304.01373"), Reply(200, hubdata.arxiv_record("2304.01373", "Pythia", CC_BY))
    )
    r = hf.collect("hf:EleutherAI/pythia-160m", fetch_for(pythia_hub))
    paper = r.component("Research paper")
    assert paper is not None and paper.licence == "CC-BY-4.0" and paper.licence_declared
    # the second paper the card links (the Pile's) is not served: recorded as unread, the first decides
    assert [p["licence"] for p in paper.extra["papers"]] == ["CC-BY-4.0", None]
    assert pythia_hub.count("/oai") == 2


def test_arxivs_flow_control_is_honoured_once(tmp_path: Path) -> None:
    answers = [
        httpx2.Response(503, headers={"Retry-After": "0"}),
        httpx2.Response(200, content=hubdata.arxiv_record("2304.01373", "A suite", CC_BY)),
    ]
    out = arxiv.with_paper_licences(
        paper_release("2304.01373"),
        CollectOptions(cache_dir=str(tmp_path)),
        httpx2.MockTransport(lambda r: answers.pop(0)),
    )
    assert out.component("Research paper").licence == "CC-BY-4.0"  # type: ignore[union-attr]
    busy = httpx2.MockTransport(lambda r: httpx2.Response(503, headers={"Retry-After": "0"}))
    out = arxiv.with_paper_licences(
        paper_release("2304.01373"), CollectOptions(cache_dir=str(tmp_path / "b")), busy
    )
    assert (
        "arXiv metadata of 2304.01373 not read: HTTP 503 after one retry (arXiv's flow control)" in out.notes
    )
    slow = httpx2.MockTransport(lambda r: httpx2.Response(503, headers={"Retry-After": "3600"}))
    out = arxiv.with_paper_licences(
        paper_release("2304.01373"), CollectOptions(cache_dir=str(tmp_path / "c")), slow
    )
    assert "arXiv metadata of 2304.01373 not read: HTTP 503" in out.notes  # an hour is not waited for


def test_once_arxiv_cannot_be_reached_the_other_papers_are_not_tried(tmp_path: Path) -> None:
    tried: list[str] = []

    def refuse(request: httpx2.Request) -> httpx2.Response:
        tried.append(str(request.url.params.get("identifier")))
        raise httpx2.ConnectError("refused")

    out = arxiv.with_paper_licences(
        paper_release("2304.01373", "2101.00027"),
        CollectOptions(cache_dir=str(tmp_path)),
        httpx2.MockTransport(refuse),
    )
    assert tried == ["oai:arXiv.org:2304.01373"]
    said = "arXiv metadata of 2101.00027 not read: arXiv unreachable (connection failed (ConnectError))"
    assert f"{said}; not tried again" in out.notes
    paper = out.component("Research paper")
    assert paper is not None and paper.licence is None and paper.licence_unread


def test_arxiv_reads_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise AssertionError("no request when off")

    monkeypatch.setenv(arxiv.ENDPOINT_ENV, "off")
    out = arxiv.with_paper_licences(
        paper_release("2304.01373"), CollectOptions(cache_dir=str(tmp_path)), httpx2.MockTransport(refuse)
    )
    assert "arXiv metadata of 2304.01373 not read: OPENNESS_ARXIV_ENDPOINT=off" in out.notes
