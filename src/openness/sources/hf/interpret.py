"""Turn a Snapshot of Hub responses into a Release: which MOF components it shows, in what state,
under which licence as the Hub states it, and where each fact came from.

Read as facts, never run: remote code is listed by path, weights by metadata.
"""

from __future__ import annotations

from typing import Any

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.sources.hf.builder import SOURCE, Builder, list_of, mapping_of
from openness.sources.hf.card import licence_statement
from openness.sources.hf.fetch import Snapshot
from openness.sources.hf.from_card import from_card, from_datasets, from_links
from openness.sources.hf.from_files import from_files, from_refs


def build(snap: Snapshot) -> Release:
    """The release a snapshot shows (its base, if read, is merged by ``inherit``)."""
    b = Builder(snap)
    info = snap.info or {}
    _licence_files(b)
    from_files(b)
    from_card(b)
    from_refs(b)
    from_datasets(b)
    from_links(b)
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
    config = mapping_of(info.get("config"))
    archs = list_of(config.get("architectures"))
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
                f"model info at commit {b.sha}",
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
        },
        notes=tuple(b.notes),
    )


def _failures(snap: Snapshot) -> list[Any]:
    out = [f.failure for f in (snap.card_fetch, snap.refs_fetch) if f is not None and f.failure]
    out += [lf.fetched.failure for lf in snap.licence_files if lf.fetched.failure]
    out += [d.fetched.failure for d in snap.datasets if d.fetched is not None and d.fetched.failure]
    return out


def _licence_files(b: Builder) -> None:
    files = b.s.licence_files
    if files:
        b.licence_path = files[0].path
    for lf in files:
        if lf.fetched.failure:
            b.notes.append(f"licence file {lf.path} could not be read: {lf.fetched.failure.error}")
    if b.licence is None:  # the card states none: read the licence file as `openness licence --file` does
        from openness.licences.reader import read_licence_file
        from openness.sources.local.licences import UNKNOWN

        unrecognised: list[tuple[str, str]] = []
        for lf in files:
            if lf.fetched.failure is not None:
                b.licence_unread = True
                continue
            if lf.fetched.body is None:
                continue
            ident = read_licence_file(lf.fetched.body, lf.path)
            if ident.id is None or ident.kind == "policy":  # an acceptable-use policy is no licence
                if lf.fetched.truncated:  # over the reader's bound: unknown, never 'no licence'
                    b.licence_unread = True
                    b.notes.append(f"licence file {ident.notes[-1]}")
                elif ident.kind != "policy":
                    unrecognised.append((lf.path, "; ".join(ident.notes[-1:]) or "not recognised"))
                continue
            b.licence, b.licence_field, b.licence_path = ident.id, "licence-file", lf.path
            b.licence_how, b.licence_confidence = ident.method, ident.confidence
            b.licence_unread = False
            b.notes.append(
                f"the card states no licence; {lf.path} read as {ident.id} "
                f"({ident.method}, {ident.confidence:.2f})"
            )
            break
        if b.licence is None and not b.licence_unread and unrecognised:
            # a licence file is there and was read, its text is not one openness knows: as the folder
            # scan says it, a licence whose id is unknown (never 'no licence', never open)
            path, why = unrecognised[0]
            b.licence, b.licence_field, b.licence_path = UNKNOWN, "licence-file", path
            b.licence_how, b.licence_confidence = "none", 0.0
            b.notes.append(f"the card states no licence; licence text not recognised in {path} ({why})")


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
        },
        notes=(f"{snap.repo_id}: {reason}; every component is unknown and the verdict is partial",),
    )
