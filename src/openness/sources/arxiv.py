"""The licence of an arXiv paper, from arXiv's own metadata (OAI-PMH, ``metadataPrefix=arXiv``).

arXiv records the licence an author chose as a URL in the ``<license>`` element of its ``arXiv``
metadata format. ``with_paper_licences`` reads it for the papers a release's Research paper and Technical
report components link (``arxiv.org/abs/ID``): at most ``MAX_PAPERS``, one request each, a timeout,
a bounded body, no DTD or entities, and an on-disk cache (a paper's licence is read once; ``--refresh``
re-reads it, ``--offline`` uses only the cache). A paper whose metadata cannot be read keeps no
licence, with ``licence_unread`` set and a one-line note: unknown, never absent.

The endpoint is ``https://oaipmh.arxiv.org/oai`` (arXiv's OAI-PMH service) unless
``OPENNESS_ARXIV_ENDPOINT`` names another (a mirror, or a replay in tests), or is ``off`` (no request).
One client per assessment; once arXiv cannot be reached, the remaining papers are not tried.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openness.cachefile import read_entry, write_entry
from openness.domain.release import Component, Evidence, Release
from openness.sources.options import CollectOptions

DEFAULT_ENDPOINT = "https://oaipmh.arxiv.org/oai"
ENDPOINT_ENV = "OPENNESS_ARXIV_ENDPOINT"
MAX_PAPERS = 3
MAX_BYTES = 256 * 1024
"""An OAI-PMH record of one paper (title, authors, abstract) is a few KiB."""
MAX_TIMEOUT = 20.0
MAX_RETRY_WAIT = 5.0
"""The longest Retry-After honoured (once); a longer one leaves the licence unknown for this run."""
SOURCE = "arxiv"
PAPERS = ("Research paper", "Technical report")
_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_OAI = "{http://www.openarchives.org/OAI/2.0/}"

# The licences arXiv lets an author choose, by the URL its metadata records. Sources: arXiv's "arXiv
# License Information" (arxiv.org/help/license), its blog of 2020-11-09 adding CC BY-NC-ND 4.0, and its
# page for http://arxiv.org/licenses/assumed-1991-2003/ (submissions before 2004: "a license equivalent
# to" nonexclusive-distrib/1.0 is assumed); the 3.0 CC versions arXiv offered earlier are kept. Read
# 2026-11-30. Matched on the whole URL, never on a part of it.
LICENCE_URLS = {
    "creativecommons.org/licenses/by/4.0": "CC-BY-4.0",
    "creativecommons.org/licenses/by-sa/4.0": "CC-BY-SA-4.0",
    "creativecommons.org/licenses/by-nc-sa/4.0": "CC-BY-NC-SA-4.0",
    "creativecommons.org/licenses/by-nc-nd/4.0": "CC-BY-NC-ND-4.0",
    "creativecommons.org/publicdomain/zero/1.0": "CC0-1.0",
    "creativecommons.org/licenses/by/3.0": "CC-BY-3.0",
    "creativecommons.org/licenses/by-nc-sa/3.0": "CC-BY-NC-SA-3.0",
    "arxiv.org/licenses/nonexclusive-distrib/1.0": "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0",
    "arxiv.org/licenses/assumed-1991-2003": "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0",
}


@dataclass(frozen=True, slots=True)
class PaperLicence:
    arxiv_id: str
    licence: str | None
    """The licence id, or None when it could not be read or arXiv records none."""
    url: str | None = None
    """The licence URL arXiv's metadata gives."""
    read: bool = False
    """Whether arXiv's record was read (from the network or the cache)."""
    note: str = ""
    from_cache: bool = False
    locator: str = ""


def endpoint() -> str:
    return (os.environ.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT).rstrip("/")


def licence_of_url(url: str) -> str | None:
    """The id of a licence URL arXiv records, or None for a URL it is not known to offer."""
    key = re.sub(r"^https?://(?:www\.)?", "", url.strip().lower()).rstrip("/")
    key = key.removesuffix("/legalcode").removesuffix("/license.html")
    return LICENCE_URLS.get(key)


def _cache_path(options: CollectOptions, arxiv_id: str) -> Path:
    from openness.paths import user_cache_dir

    base = Path(options.cache_dir) if options.cache_dir else user_cache_dir()
    return base / "arxiv" / f"{arxiv_id}.xml"


class _Reader:
    """One assessment's reads: one HTTP client (made on first need), and once arXiv could not be
    reached, no further attempt in this assessment (each would wait for the same timeout)."""

    def __init__(self, options: CollectOptions, transport: Any) -> None:
        self.options = options
        self.transport = transport
        self.timeout = min(options.timeout, MAX_TIMEOUT)
        self.client: Any = None
        self.unreachable = ""

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()

    def fetch(self, arxiv_id: str) -> tuple[bytes | None, str, bool]:
        """The OAI-PMH record's bytes, an error (one line) when there are none, and whether cached."""
        path = _cache_path(self.options, arxiv_id)
        cached = None if self.options.refresh else read_entry(path)
        if cached is not None:
            return cached, "", True
        if self.options.offline:
            return None, "not in the cache (--offline)", False
        if endpoint() == "off":
            return None, f"{ENDPOINT_ENV}=off", False
        if self.unreachable:
            return None, f"arXiv unreachable ({self.unreachable}); not tried again", False
        body, error = self._get(arxiv_id)
        return body, error, False

    def _get(self, arxiv_id: str) -> tuple[bytes | None, str]:
        import httpx2

        if self.client is None:
            self.client = httpx2.Client(transport=self.transport, timeout=self.timeout, follow_redirects=True)
        params = {"verb": "GetRecord", "identifier": f"oai:arXiv.org:{arxiv_id}", "metadataPrefix": "arXiv"}
        retried = False
        try:
            while True:
                with self.client.stream("GET", endpoint(), params=params) as response:
                    wait = None if retried else _retry_after(response)
                    if wait is not None:  # arXiv's flow control: 503 with Retry-After, honoured once
                        time.sleep(wait)
                        retried = True
                        continue
                    if response.status_code != 200:
                        again = " after one retry (arXiv's flow control)" if retried else ""
                        return None, f"HTTP {response.status_code}{again}"
                    body = b""
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > MAX_BYTES:
                            return None, f"record larger than {MAX_BYTES} bytes"
                    return body, ""
        except httpx2.TimeoutException:
            self.unreachable = f"timed out after {self.timeout:g} s"
        except httpx2.HTTPError as exc:
            self.unreachable = f"connection failed ({type(exc).__name__})"
        return None, self.unreachable


def _retry_after(response: Any) -> float | None:
    """Seconds to wait before the one retry a 503 with a short Retry-After allows, else None."""
    if response.status_code != 503:
        return None
    try:
        wait = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return wait if 0 <= wait <= MAX_RETRY_WAIT else None


def _parse(body: bytes) -> tuple[bool, str | None, str]:
    """(record found, licence URL or None, error) from an OAI-PMH GetRecord response."""
    from xml.etree import ElementTree

    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        return False, None, "the response declares a DTD or entities; not read"
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        return False, None, f"the response is not XML ({exc})"
    error = root.find(f"{_OAI}error")
    if error is not None:
        return (
            False,
            None,
            f"arXiv answers {error.get('code') or 'error'}: {(error.text or '').strip()[:120]}",
        )
    meta = root.find(f"{_OAI}GetRecord/{_OAI}record/{_OAI}metadata")
    if meta is None or len(meta) == 0:
        return False, None, "the response holds no record"
    for elem in meta[0]:
        if elem.tag.rsplit("}", 1)[-1] == "license" and (elem.text or "").strip():
            return True, (elem.text or "").strip(), ""
    return True, None, ""


def paper_licence(arxiv_id: str, options: CollectOptions, transport: Any = None) -> PaperLicence:
    """The licence arXiv's metadata records for one paper."""
    with _Reader(options, transport) as reader:
        return _paper_licence(arxiv_id, reader)


def _paper_licence(arxiv_id: str, reader: _Reader) -> PaperLicence:
    options = reader.options
    locator = f"https://arxiv.org/abs/{arxiv_id}"
    body, error, cached = reader.fetch(arxiv_id)
    if body is None:
        return PaperLicence(
            arxiv_id, None, note=f"arXiv metadata of {arxiv_id} not read: {error}", locator=locator
        )
    found, url, error = _parse(body)
    if not found:
        return PaperLicence(arxiv_id, None, note=f"arXiv metadata of {arxiv_id}: {error}", locator=locator)
    if not cached:
        write_entry(_cache_path(options, arxiv_id), body)
    where = f"{endpoint()}?verb=GetRecord&identifier=oai:arXiv.org:{arxiv_id}&metadataPrefix=arXiv"
    if url is None:
        return PaperLicence(
            arxiv_id, None, None, True, f"arXiv's metadata of {arxiv_id} records no licence", cached, where
        )
    licence = licence_of_url(url)
    note = (
        ""
        if licence
        else f"arXiv's metadata of {arxiv_id} gives the licence URL {url}, not one arXiv is known to offer"
    )
    return PaperLicence(arxiv_id, licence, url, True, note, cached, where)


def paper_ids(comp: Component) -> list[str]:
    return list(dict.fromkeys(m.group(1) for loc in comp.locations for m in [_ID.search(loc)] if m))


def with_paper_licences(release: Release, options: CollectOptions, transport: Any = None) -> Release:
    """``release`` with the licences of the arXiv papers its paper components link."""
    with _Reader(options, transport) as reader:
        return _with_paper_licences(release, reader)


def _with_paper_licences(release: Release, reader: _Reader) -> Release:
    read: dict[str, PaperLicence] = {}
    comps: list[Component] = []
    notes: list[str] = []
    for comp in release.components:
        ids = paper_ids(comp) if comp.name in PAPERS and comp.licence is None else []
        if not ids:
            comps.append(comp)
            continue
        for i in ids[:MAX_PAPERS]:
            if i not in read:
                read[i] = _paper_licence(i, reader)
                if read[i].note:
                    notes.append(read[i].note)
        papers = [read[i] for i in ids[:MAX_PAPERS]]
        first = papers[0]
        evidence = tuple(
            Evidence(
                SOURCE,
                p.locator,
                "arxiv.oai.license",
                1.0 if p.licence else 0.0,
                f"arXiv records the licence {p.url} ({p.licence})" if p.licence else p.note,
            )
            for p in papers
        )
        if len(ids) > MAX_PAPERS:
            notes.append(f"{comp.name}: licences read for the first {MAX_PAPERS} of {len(ids)} arXiv papers")
        comps.append(
            replace(
                comp,
                licence=first.licence,
                licence_declared=True,
                licence_path=first.url if first.licence else comp.licence_path,
                licence_unread=first.licence is None and not first.read,
                evidence=(*comp.evidence, *evidence),
                extra={
                    **dict(comp.extra),
                    "papers": [
                        {"arxiv": p.arxiv_id, "licence": p.licence, "licence_url": p.url} for p in papers
                    ],
                },
            )
        )
    if not read:
        return release
    return replace(release, components=tuple(comps), notes=(*release.notes, *notes))
