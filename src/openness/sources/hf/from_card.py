"""Components the card shows: the card itself, evaluation results, datasets and their cards (through
dataset info), papers and code repositories it links."""

from __future__ import annotations

from openness.domain.release import Evidence, Presence
from openness.sources.hf.builder import Builder, list_of
from openness.sources.hf.card import arxiv_ids, code_repos
from openness.sources.hf.fetch import DatasetRead, Snapshot, dataset_licence


def from_card(b: Builder) -> None:
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
    elif card_known(s):
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


def card_known(s: Snapshot) -> bool:
    return (s.card is not None and s.card.status != "broken") or not any(
        x["rfilename"].lower() == "readme.md" for x in s.siblings()
    )


def _unknown_card(b: Builder) -> Evidence:
    why = b.s.card.error if b.s.card is not None and b.s.card.error else "the card could not be read"
    return b.ev(b.at("README.md"), "hf.card.unreadable", why)


def from_datasets(b: Builder) -> None:
    s = b.s
    if not card_known(s):
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


def _dataset(b: Builder, d: DatasetRead) -> tuple[str | None, list[Evidence], bool]:
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
    sibs = list_of(d.info.get("siblings"))
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


def local_hub(s: Snapshot) -> bool:
    """Whether the Hub read is on this machine (a mirror or a test replay): only then may its cards
    link ``file://`` repositories; a card on a remote Hub never points into this machine's disk."""
    from urllib.parse import urlsplit

    return (urlsplit(s.repo_url).hostname or "").lower() in ("127.0.0.1", "localhost", "::1")


def from_links(b: Builder) -> None:
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
    elif not card_known(s):
        b.add("Research paper", Presence.UNKNOWN, [_unknown_card(b)])
    repos = code_repos(text, allow_file=local_hub(s))
    if repos:
        b.add(
            "Training code",
            Presence.REFERENCED,
            [
                b.ev(
                    b.at("README.md"),
                    "hf.card.github" if r.startswith("https://github.com/") else "hf.card.code-link",
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
