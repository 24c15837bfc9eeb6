"""The licence of each component, drawn from the licence facts of a tree (``licences``): the files that make
a component up carry the licence of the nearest fact that covers their kind; a component the release only
links to carries a licence only where the release states one for its kind (a licence file named for it,
a README statement naming it, a licence written for models, one licence per model folder). Every answer
comes with its evidence (the fact's file and line, and the rule)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from openness.domain.release import Evidence
from openness.licences.expression import all_of
from openness.licences.normalise import normalise
from openness.sources.local.hits import Hit
from openness.sources.local.licences import (
    NO_LICENCE_READ,
    UNKNOWN,
    Fact,
    Facts,
    distinct_licences,
    nearest,
    pick,
    same,
)


def stated_for(facts: Facts, scope: str, locations: tuple[str, ...] = ()) -> Fact | None:
    """The licence the release states at its root for one kind of artifact (MODEL_LICENSE, a scoped
    section of a licence file, a README sentence 'the weights are released under …', or for the model the
    card's ``license``), or None. A generic root licence is not one: it does not cover weights or data
    published elsewhere under their own terms — unless it is a licence written for models (rule
    ``model-licence``). When several licence files for this kind disagree (``model_licenses/LICENSE-SDXL1.0``,
    ``…/LICENSE-SD-Turbo``), the one whose name the component's locations carry decides (rule
    ``named-for``); none or several: None (which one applies is unknown)."""
    root = facts.by_dir.get("", [])
    files = [f for f in root if f.scope == scope and f.kind == "licence-file"]
    if len({f.licence for f in files}) > 1:
        named = [f for f in files if _named_in(f.path, locations)]
        return named[0] if len({f.licence for f in named}) == 1 else None
    specific = [f for f in root if f.scope == scope and (f.licence not in NO_LICENCE_READ or f.shared)]
    if scope == "model":
        specific += [f for f in root if f.kind == "front-matter"]
    chosen = pick(specific, scope) if specific else None
    if chosen is not None and chosen.shared:
        chosen = governing(root, chosen)
    if chosen is None and scope == "model":
        chosen = _model_licence(root) or per_model_licences(facts)
    return chosen


def _generic_files(root: list[Fact]) -> list[Fact]:
    """The root's recognised licence files that cover everything (not NOTICE files, not scoped ones)."""
    return [
        f
        for f in root
        if f.kind == "licence-file"
        and f.scope is None
        and f.licence not in NO_LICENCE_READ
        and "notice" not in f.path.lower()
    ]


PLAIN_LICENCE_NAME = re.compile(r"^(?:licen[cs]e|copying)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)
"""The release's own licence file: ``LICENSE``, ``COPYING.md``; not ``LICENSE_cctorch``, named for a part."""


def governing(root: list[Fact], stated: Fact) -> Fact | None:
    """For a card statement that ties the model to the release's licence ('code and model weights are
    released under …', 'see the LICENSE file'): the root licence file, which governs where the card names
    another licence (rule ``licence-file-governs``); without one, the card's own licence, if it names one.
    Beside licence files named for a part (``LICENSE_cctorch`` for a vendored kernel), the plainly named
    ``LICENSE`` is the release's (rule ``plain-licence-file``) — unless one of them holds terms written for
    models (Qwen's ``Tongyi Qianwen LICENSE AGREEMENT``): those are the model's (rule ``model-licence``)."""
    files = _generic_files(root)
    if len(distinct_licences([f.licence for f in files])) > 1 and _model_licence(root) is None:
        files = [f for f in files if PLAIN_LICENCE_NAME.match(f.path.rpartition("/")[2])]
    if len(distinct_licences([f.licence for f in files])) != 1:
        return stated if stated.licence != UNKNOWN else None
    file = files[0]
    said = (
        ""
        if stated.licence == UNKNOWN or same(file.licence, stated.licence)
        else f" (it names {stated.licence})"
    )
    why = f"{file.method}; {stated.locator} ties the model to this file{said}: the file governs"
    return Fact(file.licence, file.kind, file.path, file.line, why, min(file.confidence, 0.8), stated.scope)


def _model_licence(root: list[Fact]) -> Fact | None:
    """The root licence files written for models (the Llama, OpenRAIL-M, Chameleon licences …: the
    catalogue's ``model_terms``): their own terms cover the model's weights wherever those are published
    (rule ``model-licence``). Several such files (one per model size) apply together."""
    from openness.licences.catalogue import lookup

    found = [f for f in _generic_files(root) if (e := lookup(f.licence)) is not None and e.model_terms]
    distinct = sorted(distinct_licences([f.licence for f in found]))
    if not distinct:
        return None
    first = found[0]
    licence = " AND ".join(distinct)
    paths = ", ".join(sorted({f.path for f in found}))
    why = f"model-licence: {paths} hold licence terms written for model weights"
    return Fact(licence, first.kind, first.path, None, why, min(first.confidence, 0.8), "model")


def per_model_licences(facts: Facts) -> Fact | None:
    """A release that keeps one licence per model in the model's own folder (``models/<name>/LICENSE``),
    each written for models, and none at its root that covers the weights: its weights, wherever
    published, are under those licences together (rule ``per-model-licences``). Two folders at least; a
    licence file not recognised in one of those folders leaves it unknown (None)."""
    from openness.licences.catalogue import lookup

    below = [
        (folder, f)
        for folder, found in facts.by_dir.items()
        if folder
        for f in found
        if f.kind == "licence-file" and f.scope in (None, "model")
    ]
    models = [f for _, f in below if (e := lookup(f.licence)) is not None and e.model_terms]
    folders = {folder for folder, f in below if f in models}
    if len(folders) < 2 or any(f.licence in NO_LICENCE_READ for folder, f in below if folder in folders):
        return None
    licence = " AND ".join(sorted(distinct_licences([f.licence for f in models])))
    why = f"per-model-licences: each model's folder ({', '.join(sorted(folders))}) holds licence terms "
    return Fact(licence, "licence-file", models[0].path, None, why + "written for its weights", 0.7, "model")


def _named_in(path: str, locations: tuple[str, ...]) -> bool:
    """The licence file's name, less the words licence / model, is in one of the locations
    ('LICENSE-SDXL-Turbo' in 'https://huggingface.co/stabilityai/sdxl-turbo')."""
    stem = re.sub(r"licen[cs]es?|model|weights?|[^a-z0-9]+", " ", path.rpartition("/")[2].lower()).split()
    if not stem:
        return False
    folded = [re.sub(r"[^a-z0-9]+", " ", loc.lower()) for loc in locations]
    key = " ".join(stem)
    return any(f" {key} " in f" {loc} " for loc in folded)


def _folder_statement(facts: Facts, scope: str, folders: tuple[str, ...]) -> Fact | None:
    """Rule ``folder-statement``: the statement a folder's README makes for one kind of artifact ('the
    videos and annotations of the dataset are released under CC BY 4.0' in ``sav_dataset/README.md``)
    covers what that README links to, when the root states nothing for that kind; one licence only."""
    found = [
        f
        for folder in dict.fromkeys(folders)
        if folder
        for f in facts.by_dir.get(folder, [])
        if f.kind == "card-section" and f.scope == scope and f.licence not in NO_LICENCE_READ
    ]
    if len(distinct_licences([f.licence for f in found])) != 1:
        return None
    return found[0]


def for_referenced(
    facts: Facts,
    component: str,
    scope: str,
    source: str,
    locations: tuple[str, ...] = (),
    folders: tuple[str, ...] = (),
) -> ComponentLicence | None:
    """The licence of a component the release only links to, when the release states one for its kind
    (at its root; else in the README of the folder whose documents link to it: ``folders``)."""
    stated = stated_for(facts, scope, locations) or _folder_statement(facts, scope, folders)
    if stated is None:
        return None
    ev = Evidence(
        source,
        stated.locator,
        f"local.licence.{stated.kind}",
        stated.confidence,
        f"the release states {stated.licence} for its {scope} ({stated.method}): it applies to the "
        f"{component.lower()} it links to",
    )
    return ComponentLicence(stated.licence, True, stated.path, (ev,), ())


def for_library(hits: list[Hit], source: str) -> ComponentLicence | None:
    """A component found only as code a library implements (rule ``library-class``): the library's
    recorded licence, and no licence the release states (its root licence covers its own code, not the
    library's). Loaded as remote code from the Hub (rule ``remote-code``), or found only as another code
    repository it links to (rule ``evaluated-with``): no licence is known — that code is under its own
    terms, which were not read."""
    from openness.sources.hf.library import recorded_library
    from openness.sources.local.finders.evaluated import EVALUATED_WITH_RULE
    from openness.sources.local.finders.implemented import LIBRARY_CLASS, REMOTE_CODE

    own_terms = (REMOTE_CODE, EVALUATED_WITH_RULE)
    if not hits or any(h.rule not in (LIBRARY_CLASS, *own_terms) for h in hits):
        return None
    remote = [h for h in hits if h.rule in own_terms]
    if remote:
        why = "code kept in another repository (the Hub, a linked code repository): its terms are not read"
        ev = Evidence(source, remote[0].locator, "local.licence.linked-not-read", 0.5, why)
        return ComponentLicence(None, True, None, (ev,), ())
    library = recorded_library()
    if not library.licence:
        return None
    why = f"{library.name} implements it: the library's licence {library.licence} (recorded with its types)"
    ev = Evidence(source, hits[0].locator, "local.licence.library", 0.8, why)
    return ComponentLicence(library.licence, True, None, (ev,), ())


@dataclass(frozen=True, slots=True)
class ComponentLicence:
    licence: str | None
    declared: bool
    path: str | None
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]


def _tree_licence(root: list[Fact], scope: str) -> Fact | None:
    """For documents in the tree (the README's results, samples, card) of a release whose root licenses
    its code and its model apart (LICENSE-CODE beside LICENSE-MODEL, 'the code of this repository is
    licensed under …'): the code's licence, which is the repository's (rule ``tree-licence``); the model's
    speaks for the weights. Data copied into the tree is left out: it often keeps its makers' terms."""
    code = [f for f in root if f.scope == "code" and f.licence not in NO_LICENCE_READ]
    found = pick(code, "code")
    if found is None:
        return None
    why = f"{found.method}; tree-licence: the repository's code licence covers the files in its tree"
    return Fact(found.licence, found.kind, found.path, found.line, why, min(found.confidence, 0.8), scope)


def for_component(facts: Facts, component: str, scope: str, rels: list[str], source: str) -> ComponentLicence:
    """The licence of a component made of these files (relative paths), with evidence and disagreements.

    A fact below the root, an SPDX header, a licence file at the root named for this kind of component,
    and a card's licence for the model's weights are specific to the component (``declared``); any
    other root fact is release-wide and left to the release's licences.
    """
    per_file: Counter[str] = Counter()
    first: dict[str, Fact] = {}
    unspecific = 0
    root = pick(facts.by_dir.get("", []), scope, at_root=True)
    if root is not None and root.shared:
        root = governing(facts.by_dir.get("", []), root)
    if root is None and scope == "document":
        root = _tree_licence(facts.by_dir.get("", []), scope)
    own = [f for f in facts.by_dir.get("", []) if f.scope == scope and f.kind == "licence-file"]
    if len({f.licence for f in own}) > 1:  # several licence files for this kind: the one named for it
        root = stated_for(facts, scope, tuple(rels)) or Fact(
            UNKNOWN, "licence-file", own[0].path, None, "several-licences", 0.0, scope
        )
    root_specific = root is not None and (
        root.scope == scope or (scope == "model" and root.kind == "front-matter")
    )
    for rel in rels:
        fact = nearest(facts, rel, scope) or (root if root_specific else None)
        if fact is None:
            unspecific += 1
            continue
        per_file[fact.licence] += 1
        first.setdefault(fact.licence, fact)
    if not per_file:
        if root is None:
            return ComponentLicence(None, False, None, (), ())
        ev = Evidence(
            source,
            root.locator,
            f"local.licence.{root.kind}",
            root.confidence,
            f"release-wide licence {root.licence} ({root.method})",
        )
        return ComponentLicence(root.licence, False, root.path, (ev,), ())
    if unspecific and root is not None:
        per_file[root.licence] += unspecific
        first.setdefault(root.licence, root)
    distinct = distinct_licences(list(per_file))
    for lic in list(per_file):  # spellings of one licence count together under the first spelling
        if lic not in distinct:
            keep = next(d for d in distinct if same(lic, d))
            per_file[keep] += per_file.pop(lic)
    evidence = tuple(
        Evidence(
            source,
            first[lic].locator,
            f"local.licence.{first[lic].kind}",
            first[lic].confidence,
            f"{lic} applies to {per_file[lic]} of the component's files ({first[lic].method})",
        )
        for lic in distinct
    )
    if len(distinct) == 1:
        lic = distinct[0]
        return ComponentLicence(lic, True, first[lic].path, evidence, ())
    counts = ", ".join(f"{lic} ({per_file[lic]} files)" for lic in distinct)
    note = f"{component}: its files carry different licences: {counts}"
    resolved = [normalise(lic).expression for lic in distinct]
    if all(r is not None for r in resolved):
        combined = all_of([str(r) for r in resolved])
        return ComponentLicence(combined, True, None, evidence, (note + f"; read together as {combined}",))
    unknown = next(lic for lic, r in zip(distinct, resolved, strict=True) if r is None)
    return ComponentLicence(
        unknown,
        True,
        first[unknown].path,
        evidence,
        (note + f"; '{unknown}' is not recognised, so it decides",),
    )
