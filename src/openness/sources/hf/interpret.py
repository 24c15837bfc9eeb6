"""Turn a Snapshot of Hub responses into a Release: which MOF components it shows, in what state,
under which licence as the Hub states it, and where each fact came from.

Read as facts, never run: remote code is listed by path, weights by metadata.
"""

from __future__ import annotations

from typing import Any

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.sources.hf.card import arxiv_ids, github_repos, licence_statement
from openness.sources.hf.fetch import DatasetRead, Snapshot, dataset_licence
from openness.sources.hf.files import FileKind, classify, is_step_branch

SOURCE = "hf"
MAX_LOCATIONS = 20
# Libraries whose public source implements the architecture named in config.json.
LIBRARY_CODE = {
    "transformers": "https://github.com/huggingface/transformers",
    "diffusers": "https://github.com/huggingface/diffusers",
    "sentence-transformers": "https://github.com/UKPLab/sentence-transformers",
    "timm": "https://github.com/huggingface/pytorch-image-models",
    "peft": "https://github.com/huggingface/peft",
    "llama.cpp": "https://github.com/ggml-org/llama.cpp",
}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class _Builder:
    def __init__(self, snap: Snapshot) -> None:
        self.s = snap
        self.sha = snap.sha
        self.comps: dict[str, Component] = {}
        self.notes: list[str] = []
        stmt = licence_statement(snap.card_data())
        self.licence = stmt.licence
        self.licence_field = stmt.field
        self.link = stmt.link
        self.licence_path: str | None = None

    def at(self, path: str) -> str:
        return f"{self.s.repo_id}@{self.sha}:{path}"

    def card_field(self, name: str) -> str:
        src = self.s.card_source or "README.md"
        return f"{self.s.repo_id}@{self.sha}:{src}#{name}"

    def ev(self, locator: str, rule: str, detail: str, confidence: float = 1.0) -> Evidence:
        return Evidence(SOURCE, locator, rule, confidence, detail)

    def licence_evidence(self) -> tuple[Evidence, ...]:
        if self.licence is None:
            return ()
        if self.licence_field == "licence-file":
            return (
                self.ev(
                    self.at(self.licence_path or ""),
                    "hf.licence.file-title",
                    f"no licence in the card; the licence file's title reads '{self.licence}'",
                    0.6,
                ),
            )
        return (
            self.ev(
                self.card_field(self.licence_field),
                "hf.licence.card",
                f"the card states {self.licence_field}: {self.licence}",
            ),
            *(
                (self.ev(self.card_field("license_link"), "hf.licence.link", f"license_link: {self.link}"),)
                if self.link
                else ()
            ),
            *(
                (self.ev(self.at(self.licence_path), "hf.licence.file", "licence file in the repo"),)
                if self.licence_path
                else ()
            ),
        )

    def add(
        self,
        name: str,
        presence: Presence,
        evidence: list[Evidence],
        *,
        licence: str | None = None,
        own_licence: bool = False,
        locations: list[str] | None = None,
        description: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        """One component; ``own_licence`` gives it the repo's licence as the Hub states it."""
        if own_licence:
            licence = self.licence
            evidence = evidence + list(self.licence_evidence())
        locs = list(dict.fromkeys(locations or []))
        more = len(locs) - MAX_LOCATIONS
        self.comps[name] = Component(
            name=name,
            presence=presence,
            licence=licence,
            # Every component states its own licence (or none): a repo licence never leaks onto
            # linked code or papers the Hub says nothing about.
            licence_declared=presence in (Presence.INCLUDED, Presence.REFERENCED),
            licence_path=self.licence_path if own_licence else None,
            description=description,
            locations=tuple(locs[:MAX_LOCATIONS]) + ((f"… and {more} more",) if more > 0 else ()),
            evidence=tuple(evidence),
            extra=extra or {},
        )


def build(snap: Snapshot) -> Release:
    """The release a snapshot shows (its base, if read, is merged by ``inherit``)."""
    b = _Builder(snap)
    info = snap.info or {}
    _licence_files(b)
    _files(b)
    _card(b)
    _refs(b)
    _datasets(b)
    _links(b)
    gated = info.get("gated")
    if gated:
        blocked = [f for f in _failures(snap) if f.status in (401, 403)]
        b.notes.append(
            f"the repository is gated ({gated}): "
            + (
                "some files could not be read, so the verdict is partial; accept the conditions at "
                f"{snap.repo_url} and pass --token or set HF_TOKEN"
                if blocked
                else "its files were readable with the token given"
            )
        )
    config = _dict(info.get("config"))
    archs = _list(config.get("architectures"))
    links = {"huggingface": f"{snap.repo_url}/tree/{b.sha}"}
    paper = b.comps.get("Research paper")
    if paper and paper.locations:
        links["paper"] = paper.locations[0]
    code = b.comps.get("Training code")
    if code and code.locations:
        links["repository"] = code.locations[0]
    b.notes.insert(
        0,
        f"assessed commit {b.sha} of {snap.repo_id}"
        + (f" (revision {snap.target.revision})" if snap.target.revision else " (default branch)"),
    )
    return Release(
        name=snap.repo_id,
        version=b.sha,
        date=str(info.get("lastModified") or info.get("createdAt") or ""),
        type=str(info.get("pipeline_tag") or ""),
        architecture=str(config.get("model_type") or (archs[0] if archs else "")),
        producer=str(info.get("author") or snap.repo_id.split("/")[0]),
        links=links,
        licences={"distribution": GlobalLicence(b.licence, b.licence_path)} if b.licence else {},
        components=tuple(b.comps[c.name] for c in COMPONENTS if c.name in b.comps),
        evidence=(
            b.ev(
                snap.info_fetch.url,
                "hf.model_info",
                f"model info at commit {b.sha}"
                + (" (from the openness cache)" if snap.info_fetch.from_cache else ""),
            ),
        ),
        extra={
            "hf": {
                "repo": snap.repo_id,
                "revision": snap.target.revision,
                "sha": b.sha,
                "gated": gated or False,
                "private": bool(info.get("private")),
                "card": snap.card.status if snap.card else "unread",
                "licence_files": [lf.summary() for lf in snap.licence_files],
                "licence_link": licence_statement(snap.card_data()).link,
            },
            "notes": b.notes,
        },
    )


def _failures(snap: Snapshot) -> list[Any]:
    out = [f.failure for f in (snap.card_fetch, snap.refs_fetch) if f is not None and f.failure]
    out += [lf.fetched.failure for lf in snap.licence_files if lf.fetched.failure]
    out += [d.fetched.failure for d in snap.datasets if d.fetched is not None and d.fetched.failure]
    return out


def _licence_files(b: _Builder) -> None:
    files = b.s.licence_files
    if files:
        b.licence_path = files[0].path
    for lf in files:
        if lf.fetched.failure:
            b.notes.append(f"licence file {lf.path} could not be read: {lf.fetched.failure.error}")
    if b.licence is None:
        title = next((lf.summary().get("title") for lf in files if lf.fetched.body), None)
        if title:
            b.licence, b.licence_field, b.licence_path = title, "licence-file", files[0].path


def _files(b: _Builder) -> None:
    sibs = b.s.siblings()
    by_kind: dict[FileKind, list[dict[str, Any]]] = {}
    for s in sibs:
        by_kind.setdefault(classify(s["rfilename"]), []).append(s)
    listing = b.ev(b.s.info_fetch.url, "hf.siblings", f"{len(sibs)} files listed at commit {b.sha}")
    info = b.s.info or {}

    weights = by_kind.get(FileKind.WEIGHTS, []) + by_kind.get(FileKind.ADAPTER_WEIGHTS, [])
    if weights:
        size = sum(int(w.get("size") or 0) for w in weights)
        formats = sorted({w["rfilename"].rsplit(".", 1)[-1].lower() for w in weights})
        ev = [
            b.ev(
                b.at(w["rfilename"]),
                "hf.files.weights",
                f"weights file, {w.get('size', '?')} bytes"
                + (
                    f", LFS sha256 {w['lfs']['sha256']}"
                    if isinstance(w.get("lfs"), dict) and w["lfs"].get("sha256")
                    else ""
                ),
            )
            for w in weights[:MAX_LOCATIONS]
        ]
        extra: dict[str, Any] = {"files": len(weights), "bytes": size, "formats": formats}
        gguf = _dict(info.get("gguf"))
        if isinstance(gguf.get("total"), int):
            extra["parameters"] = gguf["total"]
            ev.append(
                b.ev(b.s.info_fetch.url + "#gguf", "hf.gguf", f"{gguf['total']} parameters (GGUF metadata)")
            )
        st = info.get("safetensors")
        if isinstance(st, dict) and isinstance(st.get("total"), int):
            extra["parameters"] = st["total"]
            ev.append(
                b.ev(
                    b.s.info_fetch.url + "#safetensors",
                    "hf.safetensors",
                    f"{st['total']} parameters (safetensors metadata)",
                )
            )
        adapter = bool(by_kind.get(FileKind.ADAPTER_WEIGHTS)) and not by_kind.get(FileKind.WEIGHTS)
        if adapter:
            extra["adapter"] = True
        b.add(
            "Model parameters (Final)",
            Presence.INCLUDED,
            ev,
            own_licence=True,
            locations=[b.at(w["rfilename"]) for w in weights],
            description=f"{len(weights)} weight file(s), {size} bytes ({', '.join(formats)})"
            + ("; adapter weights only" if adapter else ""),
            extra=extra,
        )
    else:
        b.add("Model parameters (Final)", Presence.ABSENT, [listing])

    meta = (
        by_kind.get(FileKind.CONFIG, [])
        + by_kind.get(FileKind.ADAPTER_CONFIG, [])
        + by_kind.get(FileKind.WEIGHTS_INDEX, [])
        + by_kind.get(FileKind.TOKENIZER, [])
    )
    if meta:
        ev = [
            b.ev(
                b.at(m["rfilename"]),
                f"hf.files.{classify(m['rfilename']).value}",
                f"{classify(m['rfilename']).value} file",
            )
            for m in meta
        ]
        b.add(
            "Model metadata",
            Presence.INCLUDED,
            ev,
            own_licence=True,
            locations=[b.at(m["rfilename"]) for m in meta],
            description="configuration, tokenizer and index files",
        )
    else:
        b.add("Model metadata", Presence.ABSENT, [listing])

    code = by_kind.get(FileKind.CODE, [])
    config = _dict(info.get("config"))
    auto_map = _dict(config.get("auto_map")) or None
    if code:
        ev = [
            b.ev(
                b.at(c["rfilename"]),
                "hf.files.remote-code",
                "Python file in the repo (listed, never executed)",
            )
            for c in code
        ]
        if auto_map:
            ev.append(
                b.ev(
                    b.s.info_fetch.url + "#config.auto_map",
                    "hf.config.auto_map",
                    "config.auto_map points at code in the repo: " + ", ".join(sorted(map(str, auto_map))),
                )
            )
        locs = [b.at(c["rfilename"]) for c in code]
        b.add(
            "Model architecture",
            Presence.INCLUDED,
            ev,
            own_licence=True,
            locations=locs,
            description="remote code in the repo (never executed)",
        )
        b.add(
            "Inference code",
            Presence.INCLUDED,
            list(ev),
            own_licence=True,
            locations=locs,
            description="remote code in the repo (never executed)",
        )
    else:
        library = str(info.get("library_name") or "")
        if library in LIBRARY_CODE:
            url = LIBRARY_CODE[library]
            b.add(
                "Model architecture",
                # Unknown, not referenced: the library is not read, so neither the code for this
                # architecture nor its licence has been seen; the link is kept for whoever checks.
                Presence.UNKNOWN,
                [
                    b.ev(
                        b.s.info_fetch.url + "#library_name",
                        "hf.library",
                        f"no code in the repo; the architecture is implemented by the {library} library "
                        "(not read here; its licence is not stated on the Hub)",
                        0.6,
                    )
                ],
                locations=[url],
                description=f"implemented in {library} (not read)",
            )
        else:
            b.add("Model architecture", Presence.ABSENT, [listing])

    evals = by_kind.get(FileKind.EVAL_RESULTS, [])
    if evals:
        b.add(
            "Evaluation results",
            Presence.INCLUDED,
            [b.ev(b.at(e["rfilename"]), "hf.files.eval-results", "evaluation results file") for e in evals],
            own_licence=True,
            locations=[b.at(e["rfilename"]) for e in evals],
        )


def _card(b: _Builder) -> None:
    s = b.s
    has_readme = any(x["rfilename"].lower() == "readme.md" for x in s.siblings())
    if not has_readme:
        b.add(
            "Model card", Presence.ABSENT, [b.ev(s.info_fetch.url, "hf.siblings", "no README.md in the repo")]
        )
    elif s.card_fetch is not None and s.card_fetch.failure is not None and s.card is None:
        b.add(
            "Model card",
            Presence.INCLUDED,
            [
                b.ev(
                    b.at("README.md"),
                    "hf.files.card",
                    "README.md is listed but could not be read: " + s.card_fetch.failure.error,
                )
            ],
            own_licence=True,
            locations=[b.at("README.md")],
        )
    else:
        detail = {
            "ok": "model card with YAML front matter",
            "none": "model card without front matter",
            "broken": "model card whose YAML front matter does not parse",
        }[s.card.status if s.card else "ok"]
        b.add(
            "Model card",
            Presence.INCLUDED,
            [b.ev(b.at("README.md"), "hf.files.card", detail)],
            own_licence=True,
            locations=[b.at("README.md")],
        )
    if s.card is not None and s.card.error:
        b.notes.append(
            f"{s.repo_id}: {s.card.error}; the fields it would give are unknown"
            + (" (the Hub's parsed cardData was used instead)" if s.card_source == "cardData" else "")
        )
    if "Evaluation results" in b.comps:
        return
    data = s.card_data()
    index = data.get("model-index")
    if isinstance(index, list) and index:
        n = sum(len(r.get("results") or []) for r in index if isinstance(r, dict))
        b.add(
            "Evaluation results",
            Presence.INCLUDED,
            [b.ev(b.card_field("model-index"), "hf.card.model-index", f"model-index with {n} result set(s)")],
            own_licence=True,
            locations=[b.card_field("model-index")],
        )
    elif _card_known(s):
        b.add(
            "Evaluation results",
            Presence.ABSENT,
            [
                b.ev(
                    b.card_field("model-index"),
                    "hf.card.model-index",
                    "no model-index in the card and no .eval_results/ files",
                    0.8,
                )
            ],
        )
    else:
        b.add("Evaluation results", Presence.UNKNOWN, [_unknown_card(b)])


def _card_known(s: Snapshot) -> bool:
    return (s.card is not None and s.card.status != "broken") or not any(
        x["rfilename"].lower() == "readme.md" for x in s.siblings()
    )


def _unknown_card(b: _Builder) -> Evidence:
    why = b.s.card.error if b.s.card is not None and b.s.card.error else "the card could not be read"
    return b.ev(b.at("README.md"), "hf.card.unreadable", why)


def _refs(b: _Builder) -> None:
    s = b.s
    if s.refs is None:
        err = s.refs_fetch.failure.error if s.refs_fetch and s.refs_fetch.failure else "not read"
        b.add(
            "Model parameters (Intermediate)",
            Presence.UNKNOWN,
            [b.ev(s.refs_fetch.url if s.refs_fetch else s.repo_url, "hf.refs", f"branches not read: {err}")],
        )
        return
    branches = [
        r for r in s.refs.get("branches") or [] if isinstance(r, dict) and isinstance(r.get("name"), str)
    ]
    steps = [r for r in branches if is_step_branch(r["name"])]
    url = s.refs_fetch.url if s.refs_fetch else s.repo_url
    if not steps:
        b.add(
            "Model parameters (Intermediate)",
            Presence.ABSENT,
            [
                b.ev(
                    url,
                    "hf.refs.step-branches",
                    f"{len(branches)} branch(es), none named for a training step",
                )
            ],
        )
        return
    names = [r["name"] for r in steps]
    b.add(
        "Model parameters (Intermediate)",
        Presence.INCLUDED,
        [
            b.ev(
                url,
                "hf.refs.step-branches",
                f"{len(steps)} checkpoint branches ({names[0]} … {names[-1]})",
                0.9,
            )
        ],
        own_licence=True,
        locations=[f"{s.repo_url}/tree/{n}" for n in names],
        description=f"{len(steps)} intermediate checkpoints published as branches",
        extra={"checkpoints": len(steps)},
    )


def _datasets(b: _Builder) -> None:
    s = b.s
    if not _card_known(s):
        b.add("Datasets", Presence.UNKNOWN, [_unknown_card(b)])
        b.add("Data card", Presence.UNKNOWN, [_unknown_card(b)])
        return
    if not s.datasets:
        b.add(
            "Datasets",
            Presence.ABSENT,
            [b.ev(b.card_field("datasets"), "hf.card.datasets", "the card names no datasets", 0.8)],
        )
        return
    data_ev: list[Evidence] = [
        b.ev(
            b.card_field("datasets"),
            "hf.card.datasets",
            "the card names: " + ", ".join(d.repo_id for d in s.datasets),
        )
    ]
    card_ev: list[Evidence] = []
    licences: list[str | None] = []
    card_licences: list[str | None] = []
    unread: list[str] = []
    for d in s.datasets:
        lic, ev, has_card = _dataset(b, d)
        data_ev.extend(ev)
        if d.fetched is not None and d.info is None:
            unread.append(d.repo_id)
            continue
        licences.append(lic)
        if has_card:
            card_ev.append(
                b.ev(
                    f"{s.repo_url.rsplit('/', 2)[0]}/datasets/{d.repo_id}",
                    "hf.dataset.card",
                    f"dataset card of {d.repo_id}" + (f" ({lic})" if lic else ""),
                )
            )
            card_licences.append(lic)
    locs = [
        f"{s.repo_url.rsplit('/', 2)[0]}/datasets/{d.repo_id}" for d in s.datasets if d.fetched is not None
    ]
    locs += [d.repo_id for d in s.datasets if d.fetched is None]
    if unread:
        b.add(
            "Datasets",
            Presence.UNKNOWN,
            data_ev,
            locations=locs,
            description="dataset info could not be read for: " + ", ".join(unread),
        )
    else:
        b.add(
            "Datasets",
            Presence.REFERENCED,
            data_ev,
            licence=_combine(licences),
            locations=locs,
            description=f"{len(s.datasets)} dataset(s) named in the card",
        )
    if card_ev:
        b.add(
            "Data card",
            Presence.REFERENCED,
            card_ev,
            licence=_combine(card_licences),
            locations=[e.locator for e in card_ev],
        )
    elif unread:
        b.add("Data card", Presence.UNKNOWN, data_ev)


def _dataset(b: _Builder, d: DatasetRead) -> tuple[str | None, list[Evidence], bool]:
    if d.fetched is None:
        return (
            None,
            [
                b.ev(
                    b.card_field("datasets"),
                    "hf.card.datasets",
                    f"'{d.repo_id}' is not a Hub dataset id; its licence is not stated",
                    0.7,
                )
            ],
            False,
        )
    if d.info is None:
        err = d.fetched.failure.error if d.fetched.failure else "not read"
        return None, [b.ev(d.fetched.url, "hf.dataset_info", f"{d.repo_id}: {err}")], False
    lic, field = dataset_licence(d.info)
    sha = d.info.get("sha", "")
    ev = [
        b.ev(
            f"{d.fetched.url}#{field or 'license'}",
            "hf.dataset_info",
            f"dataset {d.repo_id}@{sha}: " + (f"licence {lic} ({field})" if lic else "no licence stated"),
        )
    ]
    sibs = _list(d.info.get("siblings"))
    has_card = any(
        isinstance(x, dict) and str(x.get("rfilename", "")).lower() == "readme.md" for x in sibs
    ) or bool(d.info.get("cardData"))
    return lic, ev, has_card


def _combine(licences: list[str | None]) -> str | None:
    """One licence string for several parts: None if any part has none, else their conjunction."""
    if not licences or any(lic is None for lic in licences):
        return None
    unique = list(dict.fromkeys(lic for lic in licences if lic))
    if len(unique) == 1:
        return unique[0]
    return " AND ".join(f"({u})" if " " in u else u for u in unique)


def _links(b: _Builder) -> None:
    s = b.s
    text = s.card.text if s.card is not None else ""
    ids = arxiv_ids(s.tags(), text)
    if ids:
        b.add(
            "Research paper",
            Presence.REFERENCED,
            [
                b.ev(
                    "tags" if f"arxiv:{i}" in s.tags() else b.at("README.md"),
                    "hf.arxiv",
                    f"arXiv {i} (its licence is not read here)",
                )
                for i in ids
            ],
            locations=[f"https://arxiv.org/abs/{i}" for i in ids],
            description="paper(s) linked from the card; the MOF lets a paper stand in for a technical report",
        )
    elif not _card_known(s):
        b.add("Research paper", Presence.UNKNOWN, [_unknown_card(b)])
    repos = github_repos(text)
    if repos:
        b.add(
            "Training code",
            Presence.REFERENCED,
            [
                b.ev(
                    b.at("README.md"),
                    "hf.card.github",
                    f"the card links {r}; what it holds and its licence are not read here",
                    0.5,
                )
                for r in repos
            ],
            locations=repos,
            description="code repositories linked from the card",
        )
    elif s.card_fetch is not None and s.card_fetch.failure is not None:  # the card text was not read
        b.add("Training code", Presence.UNKNOWN, [_unknown_card(b)])


def unknown_release(snap: Snapshot, reason: str) -> Release:
    """A release nothing could be read of: every component unknown, with the failure as evidence."""
    ev = Evidence(SOURCE, snap.info_fetch.url, "hf.model_info", 1.0, reason)
    return Release(
        name=snap.repo_id,
        components=tuple(Component(c.name, Presence.UNKNOWN, evidence=(ev,)) for c in COMPONENTS),
        evidence=(ev,),
        links={"huggingface": snap.repo_url},
        extra={
            "hf": {"repo": snap.repo_id, "revision": snap.target.revision, "sha": None},
            "notes": [f"{snap.repo_id}: {reason}; every component is unknown and the verdict is partial"],
        },
    )
