"""Merge what a linked code repository shows into a model's release (``--follow-code``).

Pure: a Hub release and the release collected from one repository its card links, in; the combined
release out. Per component:

- a component the repository includes replaces a weaker state in the model's release (absent, unknown
  or referenced → included), with the licence the repository gives it;
- a component the repository only links replaces absent or unknown (→ referenced);
- a component the Hub shows absent that the repository could not be scanned for becomes unknown;
- an included component is never downgraded, and nothing the repository lacks removes anything;
- a document the card links (paper, report, data card) stays the one it links, and code referenced to
  the library that implements the model's type stays so unless the repository's is under a known licence;
- both sides' evidence is kept; the repository's locators name ``URL@sha:path``;
- where the two sides disagree (both include it under different licences; the card links the repository
  as training code but none is found there), a note says so.

Only components a code repository can hold for the model are taken from it: code, and the documents
and data a training repository ships. What describes the published model alone (its card, weights,
metadata, evaluation results, checkpoints) stays as the Hub shows it, and so do its datasets: a sample
shard in a code repository is not the training data, and the Hub names the datasets with their licences.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from openness.domain.components import COMPONENTS, component_spec
from openness.domain.release import Component, Evidence, Presence, Release

FOLLOWED = (
    "Model architecture",
    "Training code",
    "Inference code",
    "Evaluation code",
    "Data preprocessing code",
    "Supporting libraries and tools",
    "Data card",
    "Technical report",
    "Research paper",
)
"""Components a linked code repository may supply."""
CODE_FROM_LINKS = tuple(n for n in FOLLOWED if component_spec(n).content_type.value == "code")  # type: ignore[union-attr]
"""The code among them: what stays unknown, not absent, while a linked repository is not read."""
LINKED_DOCUMENTS = ("Data card", "Technical report", "Research paper")
"""Documents a card links itself; one it links is never replaced by a file found in a code repository."""
LINKED_AS = "Training code"
"""The component a card's code link stands for until the repository is read."""
RULE = "follow-code.merge"
_RANK = {Presence.INCLUDED: 3, Presence.REFERENCED: 2, Presence.UNKNOWN: 1, Presence.ABSENT: 0}


@dataclass(frozen=True, slots=True)
class Followed:
    """A repository read for the model: where it is and the commit read."""

    url: str
    sha: str

    @property
    def at(self) -> str:
        return f"{self.url}@{self.sha}"

    def locate(self, locator: str) -> str:
        """A locator of the repository's own release (``path:line``, ``.``, or a URL) as ``URL@sha:path``."""
        if "://" in locator or locator.startswith(self.url):
            return locator
        if locator in ("", "."):
            return self.at
        return f"{self.at}:{locator.removeprefix('./')}"


def _licence(comp: Component, repo: Release) -> tuple[str | None, str | None]:
    """The licence the repository gives a component: its own, else the repository's release-wide one."""
    if comp.licence_declared:
        return comp.licence, comp.licence_path
    spec = component_spec(comp.name)
    for scope in ((spec.content_type.value,) if spec else ()) + ("distribution",):
        lic = repo.licences.get(scope)
        if lic is not None and lic.name:
            return lic.name, lic.path
    return None, None


def _relocated(comp: Component, where: Followed) -> tuple[tuple[str, ...], tuple[Evidence, ...]]:
    locations = tuple(where.locate(loc) for loc in comp.locations)
    evidence = tuple(replace(e, locator=where.locate(e.locator)) for e in comp.evidence)
    return locations, evidence


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def merge_component(
    own: Component | None, theirs: Component, repo: Release, where: Followed
) -> tuple[Component | None, list[str]]:
    """The model's component after reading ``theirs`` from the repository, and the notes it gives."""
    name = theirs.name
    notes: list[str] = []
    own_rank = _RANK[own.presence] if own is not None else -1
    their_rank = _RANK[theirs.presence]
    if theirs.presence in (Presence.ABSENT, Presence.UNKNOWN):
        if own is not None and own.presence is Presence.REFERENCED and name == LINKED_AS:
            if theirs.presence is Presence.ABSENT and _only_this_code_link(own, where):
                # rule follow-code.not-there: the link stood for training code until the repository
                # was read; read whole, it holds none: the release does not include it
                notes.append(
                    f"{name}: the card links {where.url}, read whole at commit {where.sha}: it holds no "
                    f"{name.lower()}; absent"
                )
                _locations, evidence = _relocated(theirs, where)
                looked = Evidence(
                    "git", where.at, "follow-code.not-there", 0.8,
                    f"the code repository the card links holds no {name.lower()}",
                )  # fmt: skip
                return replace(
                    own,
                    presence=Presence.ABSENT,
                    licence=None,
                    licence_declared=False,
                    licence_path=None,
                    locations=(),
                    description=f"not in {where.at} (the card's code link)",
                    evidence=(*own.evidence, looked, *evidence),
                    extra={**dict(own.extra), "followed_from": where.at},
                ), notes
            notes.append(
                f"{name}: the card links {where.url}, but {name.lower()} could not be looked for there "
                f"(commit {where.sha}); it stays referenced"
            )
        if theirs.presence is Presence.UNKNOWN and (own is None or own.presence is Presence.ABSENT):
            # Part of the release could not be looked at: not found is no longer absent.
            _locations, evidence = _relocated(theirs, where)
            notes.append(
                f"{name}: not on the Hub, and the code repository {where.url} could not be fully "
                "scanned; unknown, not absent"
            )
            return Component(
                name,
                Presence.UNKNOWN,
                evidence=(*(own.evidence if own is not None else ()), *evidence),
                extra={"followed_from": where.at},
            ), notes
        return own, notes
    locations, evidence = _relocated(theirs, where)
    lic, lic_path = _licence(theirs, repo)
    if lic_path is not None:
        lic_path = where.locate(lic_path)
    pointer = Evidence(
        "git",
        where.at,
        RULE,
        1.0,
        f"{theirs.presence.value} in the code repository {where.url} linked from the card"
        + (f" (licence {lic})" if lic else " (no licence found there)"),
    )
    # A document the card links (its paper, a dataset's card) stays the one it links: a PDF or a Markdown
    # file in a code repository is weaker evidence of what the model's paper is (plots, slides, notes).
    linked_document = own is not None and own.presence is Presence.REFERENCED and name in LINKED_DOCUMENTS
    # Code the Hub refers to the library that implements the model's type (transformers for its
    # model_type) is code the published weights run with, under a known licence; a file in a code
    # repository replaces it only when the repository's licence for it is known too.
    library_code = (
        own is not None
        and own.presence is Presence.REFERENCED
        and bool(own.extra.get("library"))
        and lic is None
    )
    if own is not None and (own_rank >= their_rank or linked_document or library_code):
        # Never downgrade, never overwrite: keep the model's side, add the repository's evidence.
        if own.presence is Presence.INCLUDED and theirs.presence is Presence.INCLUDED:
            own_lic = own.licence if own.licence_declared else None
            if own.licence_declared and not _same(own_lic, lic):
                notes.append(
                    f"{name}: the Hub repo states {own_lic or 'no licence'}, the code repository "
                    f"{where.url} {lic or 'no licence'}; the Hub's is kept"
                )
        merged = replace(
            own,
            locations=_unique(own.locations + locations),
            evidence=(*own.evidence, pointer, *evidence),
        )
        return merged, notes
    kept_locations = own.locations if own is not None else ()
    kept_evidence = own.evidence if own is not None else ()
    before = f"; before: {own.presence.value} ({own.description})" if own and own.description else ""
    merged = Component(
        name,
        theirs.presence,
        lic,
        True,  # the repository's licence (or none) governs what it holds, never the model's
        lic_path,
        licence_unread=lic is None and theirs.licence_unread,
        description=f"{theirs.presence.value} in {where.at}{before}",
        locations=_unique(locations + kept_locations),
        evidence=(pointer, *evidence, *kept_evidence),
        extra={**(dict(own.extra) if own is not None else {}), "followed_from": where.at},
    )
    return merged, notes


def _only_this_code_link(own: Component, where: Followed) -> bool:
    """Whether the model's side refers to the component only through the card's link to this code
    repository: no other repository linked (one not followed may hold it), no other evidence."""
    linked = {loc.rstrip("/").removesuffix(".git").casefold() for loc in own.locations}
    return linked == {where.url.rstrip("/").removesuffix(".git").casefold()} and all(
        e.rule in ("hf.card.github", "hf.card.code-link") for e in own.evidence
    )


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def merge_code(model: Release, repo: Release, where: Followed) -> Release:
    """``model`` with what the code repository ``repo`` (read at ``where``) adds to it."""
    by_name = {c.name: c for c in model.components}
    notes: list[str] = []
    changed: list[str] = []
    for name in FOLLOWED:
        theirs = repo.component(name)
        if theirs is None:
            continue
        own = by_name.get(name)
        merged, said = merge_component(own, theirs, repo, where)
        notes.extend(said)
        if merged is None:
            continue
        if own is None or merged.presence is not own.presence:
            was = own.presence.value if own else "not listed"
            changed.append(f"{name} ({was} → {merged.presence.value})")
        by_name[name] = merged
    notes.extend(f"code repository {where.url}: {n}" for n in repo.notes)
    summary = f"followed the code repository {where.at}: " + (
        "; ".join(changed) if changed else "nothing it shows raises a component"
    )
    followed = [
        *model.extra.get("followed_code", ()),
        {"url": where.url, "commit": where.sha, "raised": changed},
    ]
    order = [c.name for c in COMPONENTS if c.name in by_name]
    order += [n for n in by_name if n not in order]
    return replace(
        model,
        components=tuple(by_name[n] for n in order),
        links={**dict(model.links), **({} if "repository" in model.links else {"repository": where.url})},
        extra={**dict(model.extra), "followed_code": followed},
        notes=(*model.notes, summary, *notes),
    )
