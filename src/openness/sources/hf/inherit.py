"""A fine-tune, adapter or quantisation assessed together with its base model.

Components the derived repo does not hold itself (absent, or only referenced by a library) but its
base does are taken from the base, marked as inherited: presence ``referenced`` (they live in the base
repo, outside this release), the base's licence for them, the base's evidence behind a pointer to it.
What describes this model alone (its card, weights, metadata, evaluation, checkpoints) is never inherited.
"""

from __future__ import annotations

from dataclasses import replace

from openness.domain.release import Component, Evidence, Presence, Release

INHERITABLE = (
    "Model architecture",
    "Training code",
    "Inference code",
    "Data preprocessing code",
    "Datasets",
    "Data card",
    "Research paper",
    "Technical report",
    "Supporting libraries and tools",
)
_PRESENT = (Presence.INCLUDED, Presence.REFERENCED)


def _replaceable(own: Component | None) -> bool:
    if own is None or own.presence is Presence.ABSENT:
        return True
    # An unread library reference is weaker than what the base shows.
    return any(e.rule == "hf.library" for e in own.evidence)


def merge(derived: Release, base: Release, relation: str) -> Release:
    base_ref = f"{base.name}@{base.version}"
    by_name = {c.name: c for c in derived.components}
    inherited: list[str] = []
    for name in INHERITABLE:
        theirs = base.component(name)
        if theirs is None or theirs.presence not in _PRESENT or not _replaceable(by_name.get(name)):
            continue
        pointer = Evidence(
            "hf",
            base_ref,
            "hf.base_model.inherit",
            1.0,
            f"inherited from the base model {base.name} ({relation}); as the base shows it",
        )
        by_name[name] = replace(
            theirs,
            presence=Presence.REFERENCED,
            evidence=(pointer, *theirs.evidence),
            description=(f"inherited from {base.name}: " + theirs.description).rstrip(": "),
            extra={**dict(theirs.extra), "inherited_from": base_ref, "relation": relation},
        )
        inherited.append(name)
    notes = list(derived.notes)
    notes += [f"base model: {n}" for n in base.notes]  # e.g. that the base is gated
    if inherited:
        notes.append(f"{relation} of {base_ref}: inherited from the base: " + ", ".join(inherited))
    else:
        notes.append(f"{relation} of {base_ref}: nothing inherited")
    final = by_name.get("Model parameters (Final)")
    if relation == "adapter" and final is not None and final.presence is Presence.INCLUDED:
        by_name["Model parameters (Final)"] = replace(
            final, extra={**dict(final.extra), "needs_base": base_ref}
        )
        lic = base.component("Model parameters (Final)")
        notes.append(
            f"adapter weights only: running it needs the base weights of {base.name}"
            + (f" (licence as stated: {lic.licence})" if lic is not None and lic.licence else "")
        )
    if relation == "quantized":
        notes.append(
            f"quantised weights of {base.name}: the base's weights and licence stated there also apply"
        )
    order = [c.name for c in derived.components] + [
        n for n in INHERITABLE if n not in {c.name for c in derived.components}
    ]
    from openness.domain.components import COMPONENTS

    ordered = tuple(by_name[c.name] for c in COMPONENTS if c.name in by_name and c.name in order)
    hf = {
        **dict(derived.extra.get("hf", {})),
        "base_model": base_ref,
        "relation": relation,
        "inherited": inherited,
    }
    return replace(
        derived,
        components=ordered,
        links={**dict(derived.links), "base_model": base.links.get("huggingface", base.name)},
        extra={**dict(derived.extra), "hf": hf},
        notes=tuple(notes),
    )
