"""Gather what the Hub says about one model at one commit: a Snapshot of bodies and failures.

A handful of requests: model info with files metadata, the card, the refs, the licence files, one
dataset info per dataset the card names, and the same for the base model of a derived one (one level).
Nothing here decides what the facts mean; ``interpret`` does.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from openness.licences.reader import MAX_BYTES as MAX_LICENCE_BYTES
from openness.sources.hf.card import Card, as_list, base_models, licence_statement, parse
from openness.sources.hf.client import Fetched, HubClient
from openness.sources.hf.files import FileKind, classify
from openness.sources.hf.target import HubTarget
from openness.sources.local.licence_files import in_licence_folder, is_policy_file

MAX_CARD_BYTES = 512 * 1024
MAX_LICENCE_FILES = 3
MAX_DATASETS = 10
_DATASET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")


@dataclass(frozen=True, slots=True)
class LicenceFile:
    path: str
    fetched: Fetched

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.fetched.body is None:
            out["read"] = False
            return out
        text = self.fetched.body.decode("utf-8", "replace")
        title = next((ln.strip(" #*=\t") for ln in text.splitlines() if ln.strip(" #*=\t")), "")
        out.update(
            read=True,
            bytes=len(self.fetched.body),
            truncated=self.fetched.truncated,
            sha256=hashlib.sha256(self.fetched.body).hexdigest(),
            title=title[:120],
        )
        return out


@dataclass(frozen=True, slots=True)
class DatasetRead:
    repo_id: str
    info: dict[str, Any] | None
    fetched: Fetched | None
    """None when the name is not a Hub dataset id, so nothing was requested."""


@dataclass
class Snapshot:
    target: HubTarget
    repo_url: str
    info: dict[str, Any] | None
    info_fetch: Fetched
    card_fetch: Fetched | None = None
    card: Card | None = None
    card_source: str = ""
    """``README.md`` when read from the file, ``cardData`` when the API's copy stood in."""
    refs: dict[str, Any] | None = None
    refs_fetch: Fetched | None = None
    licence_files: list[LicenceFile] = field(default_factory=list)
    datasets: list[DatasetRead] = field(default_factory=list)
    base_ids: list[str] = field(default_factory=list)
    relation: str | None = None
    base: Snapshot | None = None

    @property
    def sha(self) -> str:
        return str((self.info or {}).get("sha", ""))

    @property
    def repo_id(self) -> str:
        return self.target.repo_id

    def siblings(self) -> list[dict[str, Any]]:
        sib = (self.info or {}).get("siblings")
        return (
            [s for s in sib if isinstance(s, dict) and isinstance(s.get("rfilename"), str)]
            if isinstance(sib, list)
            else []
        )

    def tags(self) -> list[str]:
        return as_list((self.info or {}).get("tags"))

    def card_data(self) -> dict[str, Any]:
        return self.card.data if self.card is not None else {}


def gather(client: HubClient, target: HubTarget, depth: int = 1) -> Snapshot:
    info, fetched = client.info("model", target.repo_id, target.revision)
    snap = Snapshot(target, client.repo_url("model", target.repo_id), info, fetched)
    if info is None:
        return snap
    sha = snap.sha
    paths = [s["rfilename"] for s in snap.siblings()]
    card_path = next((p for p in paths if p.lower() == "readme.md"), None)
    if card_path is not None:
        snap.card_fetch = client.file("model", target.repo_id, sha, card_path, MAX_CARD_BYTES)
        if snap.card_fetch.body is not None:
            snap.card = parse(snap.card_fetch.body.decode("utf-8", "replace"))
            snap.card_source = card_path
    api_card = info.get("cardData")
    if isinstance(api_card, dict) and (
        snap.card is None or (snap.card.status == "broken" and bool(api_card))
    ):
        note = snap.card.error if snap.card is not None else ""
        snap.card = Card("ok", api_card, snap.card.text if snap.card else "", note)
        snap.card_source = "cardData"
    snap.refs, snap.refs_fetch = client.refs(target.repo_id, sha)
    for path in _licence_paths(paths, snap.card_data()):
        snap.licence_files.append(
            # one byte past the licence reader's bound: a file that fills it is known to be over it
            LicenceFile(path, client.file("model", target.repo_id, sha, path, MAX_LICENCE_BYTES + 1))
        )
    for name in as_list(snap.card_data().get("datasets"))[:MAX_DATASETS]:
        if not _DATASET_ID.match(name):
            snap.datasets.append(DatasetRead(name, None, None))
            continue
        ds_info, ds_fetch = client.info("dataset", name, None)
        snap.datasets.append(DatasetRead(name, ds_info, ds_fetch))
    snap.base_ids, snap.relation = base_models(snap.card_data(), snap.tags())
    if snap.base_ids and snap.relation is None:
        snap.relation = _infer_relation(paths)
    if depth > 0 and snap.base_ids and snap.base_ids[0] != target.repo_id and snap.relation != "merge":
        snap.base = gather(client, HubTarget(snap.base_ids[0]), depth - 1)
    return snap


def _licence_paths(paths: list[str], card: dict[str, Any]) -> list[str]:
    """Top-level licence files (and those in a folder of licences at the top), then the card's
    ``license_link`` when it points into the repo. Acceptable-use policies are not read: they state no
    licence."""
    found = [
        p
        for p in paths
        if (p.count("/") == 0 or (p.count("/") == 1 and in_licence_folder(p)))
        and classify(p) is FileKind.LICENCE
        and not is_policy_file(p.rpartition("/")[2])
    ]
    found.sort(key=lambda p: ("/" in p, not p.upper().startswith("LICEN"), p))
    link = licence_statement(card).link
    if link:
        rel = re.sub(
            r"^(?:https?://(?:huggingface\.co|hf\.co)/[^/]+/[^/]+/(?:blob|resolve)/[^/]+/)", "", link
        )
        rel = rel.removeprefix("./")
        if rel in paths and rel not in found:
            found.insert(0, rel)
    return found[:MAX_LICENCE_FILES]


def _infer_relation(paths: list[str]) -> str:
    kinds = {classify(p) for p in paths}
    if FileKind.ADAPTER_WEIGHTS in kinds or FileKind.ADAPTER_CONFIG in kinds:
        return "adapter"
    if any(p.lower().endswith((".gguf", ".ggml")) for p in paths):
        return "quantized"
    return "finetune"


def dataset_licence(info: dict[str, Any]) -> tuple[str | None, str]:
    """A dataset's licence as the Hub states it, and the field it came from."""
    card = info.get("cardData") if isinstance(info.get("cardData"), dict) else {}
    stmt = licence_statement(card or {})
    if stmt.licence:
        return stmt.licence, f"cardData.{stmt.field}"
    tags = [t.split(":", 1)[1] for t in as_list(info.get("tags")) if t.startswith("license:")]
    if tags:
        return " AND ".join(tags), "tags"
    return None, ""
