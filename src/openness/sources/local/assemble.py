"""From a scan to a Release: one Component per MOF component, with its state, licence and evidence."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.sources.local import attribution, kind, licences
from openness.sources.local.hits import Hit
from openness.sources.local.scanner import Scan

BEST_FEW = 5
"""Evidence kept per component by default; ``--explain`` keeps all (up to ``MAX_EVIDENCE``)."""
MAX_EVIDENCE = 5000
MAX_LICENCE_FILES = 500
"""Files of a component whose licence is looked up (a sample of a large component)."""


def _evidence(h: Hit, source: str) -> Evidence:
    return Evidence(source, h.locator, h.rule, h.confidence, h.detail)


def _notes(scan: Scan) -> list[str]:
    w, notes = scan.walk, []
    if scan.budget.exhausted is not None:
        what = []
        if w.incomplete:
            what.append("part of the tree was not walked")
        if scan.not_read:
            what.append(f"{len(scan.not_read)} files were not read (e.g. {', '.join(scan.not_read[:3])})")
        notes.append(
            f"scan budget {scan.budget.describe()} hit: {'; '.join(what) or 'some files were not read'}; "
            "components not found before then are unknown, not absent"
        )
    if w.too_deep:
        notes.append(f"{len(w.too_deep)} folders nested too deep were not entered (e.g. {w.too_deep[0]})")
    if w.unreadable or scan.unreadable:
        bad = w.unreadable + scan.unreadable
        notes.append(f"{len(bad)} entries could not be read (e.g. {', '.join(bad[:3])})")
    if w.symlinks_out:
        notes.append(
            f"{len(w.symlinks_out)} symlinks pointing out of the tree were not followed "
            f"(e.g. {', '.join(w.symlinks_out[:3])})"
        )
    if w.special:
        notes.append(
            f"{len(w.special)} special files (FIFOs, sockets, devices) were not opened "
            f"(e.g. {', '.join(w.special[:3])})"
        )
    if w.skipped:
        notes.append(
            f"{len(w.skipped)} folders of vendored code, environments or caches skipped "
            f"(e.g. {', '.join(w.skipped[:3])})"
        )
    if scan.capped:
        notes.append(
            f"{sum(scan.capped.values())} further files of kinds already sampled were not read (per-kind "
            "read caps); components only those files could show are unknown"
        )
    if scan.facts.unrecognised:
        notes.append(f"licence text not recognised in {', '.join(scan.facts.unrecognised[:5])}")
    if scan.facts.unread:
        notes.append(
            f"licence files not read whole: {', '.join(scan.facts.unread[:5])}; the licence of what they "
            "cover is unknown, not 'no licence'"
        )
    if scan.facts.policies:
        notes.append(f"acceptable-use policies: {'; '.join(scan.facts.policies[:5])}")
    return notes


CODE_TREE_CONFIG = frozenset({"local.metadata.training-config", "local.metadata.config-code"})
"""Model metadata found as training configurations in the code tree (configs/*.yaml, config/*.py): the
licence that covers the code covers them, not one the release states for its weights (a
MODEL_LICENSE speaks for the weights and what ships with them, such as a config.json beside them)."""


def build(scan: Scan, name: str, source: str, explain: bool) -> Release:
    by_component: dict[str, list[Hit]] = defaultdict(list)
    for h in scan.hits:
        by_component[h.component].append(h)
    root_found = scan.facts.by_dir.get("", [])
    wide = licences.release_wide(scan.facts)
    notes = _notes(scan)
    notes.extend(_root_disagreements(root_found))
    components: list[Component] = []
    for spec in COMPONENTS:
        hits = by_component.get(spec.name, [])
        scope = licences.component_scope(spec.name, spec.content_type.value)
        code_tree = bool(hits) and all(h.rule in CODE_TREE_CONFIG for h in hits)
        if code_tree:
            scope = "code"  # training configurations kept with the code are under the code's licence
        component = _component(spec.name, scope, hits, scan, source, explain, notes)
        if code_tree and component.licence is not None:  # the code's licence, not the release's data slot
            component = replace(component, licence_declared=True)
        components.append(component)
    release_licences = {
        scope: GlobalLicence(fact.licence, fact.path)
        for scope, fact in wide.items()
        if fact.licence != licences.UNREAD  # not read: no release-wide licence is known
    }
    stats = {
        "files": len(scan.walk.files),
        "folders": len(scan.walk.dirs),
        "files_read": scan.files_read,
        "bytes_read": scan.budget.bytes_read,
        "budget_hit": scan.budget.exhausted,
    }
    detail = (
        f"scanned {stats['files']:,} files in {stats['folders']:,} folders; read {scan.files_read:,} files "
        f"({scan.budget.bytes_read:,} bytes)"
    )
    what, why = kind.judge(scan, source)
    return Release(
        name=name,
        kind=what,
        kind_evidence=why,
        licences=release_licences,
        components=tuple(components),
        evidence=(Evidence(source, ".", "local.scan", 1.0, detail),),
        extra={"scan": stats},
        notes=tuple(notes),
    )


def _component(
    name: str, scope: str, hits: list[Hit], scan: Scan, source: str, explain: bool, notes: list[str]
) -> Component:
    if not hits:
        capped = scan.capped_for(name)
        if capped and not scan.incomplete:
            ev = Evidence(
                source,
                ".",
                "local.scan.read-cap",
                1.0,
                f"not found, but {capped:,} files that could show it were not read (read caps)",
            )
            return Component(name, Presence.UNKNOWN, evidence=(ev,))
        if scan.incomplete:
            ev = Evidence(
                source,
                ".",
                "local.scan.incomplete",
                1.0,
                f"not found before the scan stopped ({scan.budget.exhausted or 'unreadable parts'})",
            )
            return Component(name, Presence.UNKNOWN, evidence=(ev,))
        ev = Evidence(
            source,
            ".",
            "local.scan.no-rule-matched",
            0.8,
            f"no rule matched among {len(scan.walk.files):,} files",
        )
        return Component(name, Presence.ABSENT, evidence=(ev,))
    included = [h for h in hits if h.presence == Presence.INCLUDED]
    presence = Presence.INCLUDED if included else Presence.REFERENCED
    ordered = sorted(hits, key=lambda h: (h.presence != presence, -h.confidence, h.rule, h.locator))
    keep = ordered if explain else ordered[:BEST_FEW]
    evidence = [_evidence(h, source) for h in keep[:MAX_EVIDENCE]]
    if len(ordered) > len(evidence):
        evidence.append(
            Evidence(
                source,
                ".",
                "local.evidence.more",
                1.0,
                f"{len(ordered) - len(evidence)} more"
                + ("" if explain else " (use --explain to list them all)"),
            )
        )
    locations: list[str] = []
    seen: set[str] = set()
    for h in ordered:
        loc = h.url if h.presence == Presence.REFERENCED and h.url else h.path
        if loc and loc not in seen and (h.presence == presence or presence == Presence.INCLUDED):
            seen.add(loc)
            locations.append(loc)
    if not explain:
        locations = locations[: BEST_FEW * 2]
    # The files that make the component up decide its licence (an LFS pointer stands for its object).
    rels = sorted(
        {h.rel for h in hits if h.rel and (h.presence == Presence.INCLUDED or h.rule.endswith("lfs-pointer"))}
    )[:MAX_LICENCE_FILES]
    library = None if rels else attribution.for_library(hits, source)
    folders = tuple(h.rel.rpartition("/")[0] for h in hits if h.rel and h.presence == Presence.REFERENCED)
    stated = (
        None
        if rels or library
        else attribution.for_referenced(scan.facts, name, scope, source, tuple(locations), folders)
    )
    if library is not None:
        lic = library
    elif rels:
        lic = attribution.for_component(scan.facts, name, scope, rels, source)
    elif stated is not None:
        lic = stated
    else:
        lic = attribution.ComponentLicence(
            None,
            True,
            None,
            (
                Evidence(
                    source,
                    locations[0] if locations else ".",
                    "local.licence.linked-not-read",
                    0.5,
                    "only linked from the release: the licence of what the link points to was not read",
                ),
            ),
            (),
        )
    notes.extend(lic.notes)
    licence, unread = lic.licence, bool(lic.licence and licences.UNREAD in lic.licence)
    if unread:  # a licence file that would state (part of) its licence was found but not read
        licence = None
        evidence.append(
            Evidence(
                source,
                lic.path or ".",
                "local.licence.file-unread",
                1.0,
                "a licence file that covers it was not read whole (see the notes): its licence is unknown",
            )
        )
    return Component(
        name,
        presence,
        licence,
        lic.declared,
        lic.path,
        licence_unread=unread,
        locations=tuple(locations),
        evidence=tuple(evidence) + lic.evidence,
    )


def _root_disagreements(found: list[licences.Fact]) -> list[str]:
    distinct: list[licences.Fact] = []
    for f in found:
        if not any(licences.same(f.licence, d.licence) for d in distinct):
            distinct.append(f)
    if len(distinct) < 2:
        return []
    said = "; ".join(f"{f.locator} says {f.licence}" for f in distinct)
    return [
        f"licences at the root disagree: {said}; each component uses the most specific one that covers it"
    ]


def release_name(root: str) -> str:
    return os.path.basename(os.path.abspath(root).rstrip(os.sep)) or root
