"""Write a release as a Model Openness Tool YAML record, ready to submit to the MOT.

A record read from MOT YAML is written back as it was: fields the MOT schema does not know are kept, so
read → write → read preserves every field.

A release openness collected (a folder, a repository, a Hub model) is put in the MOT's terms:
- licences as the SPDX ids (or expressions) openness resolved them to, not as a card happened to spell
  them ('apache-2.0' → Apache-2.0);
- only components that are in the release or linked from it are listed (to the MOT a listed component is
  an included one; a linked one keeps its URL as ``component_path``);
- a component whose licence openness could not read is left out, and named in a comment at the top: the
  MOT has no "unknown", and writing 'unlicensed' would state what nobody found. Either way it is not
  counted, so reading the export back gives the same class;
- type and architecture in the MOT schema's vocabulary.
The MOT matches licence ids literally and knows no SPDX expression: a component under an expression
counts by default and is invalid to the MOT-compatible reading."""

from __future__ import annotations

from typing import Any

from openness.domain.components import BY_NAME
from openness.domain.release import Component, Presence, Release
from openness.domain.serialize import plain
from openness.frameworks.mof.result import FRAMEWORK_NAME, FRAMEWORK_VERSION

FRAMEWORK_DATE = "2024-12-15"
# The values the MOT schema allows for release.type and release.architecture (its mof_schema.json).
MOT_TYPES = ("", "language", "vision", "image", "audio", "video", "3d", "code", "multimodal", "other")
MOT_ARCHITECTURES = ("", "transformer", "transformer decoder", "transformer encoder-decoder", "decoder",
                     "encoder", "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid", "undisclosed",
                     "other")  # fmt: skip
# Hugging Face pipeline tags → MOT release types (the tags' task families).
_PIPELINE_TYPES = {
    "text-generation": "language", "text2text-generation": "language", "fill-mask": "language",
    "feature-extraction": "language", "translation": "language", "summarization": "language",
    "question-answering": "language", "text-classification": "language",
    "token-classification": "language", "sentence-similarity": "language",
    "image-classification": "vision", "object-detection": "vision", "image-segmentation": "vision",
    "text-to-image": "image", "image-to-image": "image", "unconditional-image-generation": "image",
    "automatic-speech-recognition": "audio", "text-to-speech": "audio", "audio-classification": "audio",
    "text-to-video": "video", "image-text-to-text": "multimodal", "visual-question-answering": "multimodal",
}  # fmt: skip


def _spdx(licence: str) -> str:
    """A collected licence string as the SPDX id or expression openness resolved it to, else as written."""
    from openness.licences.normalise import normalise

    return normalise(licence).expression or licence


def _component(c: Component, from_record: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name}
    spec = BY_NAME.get(c.name)
    out["description"] = c.description or (spec.description if spec else "")
    if from_record:
        if c.licence_declared or c.licence is not None:
            out["license"] = c.licence
    elif c.licence is not None:
        out["license"] = _spdx(c.licence)
    elif c.licence_declared:
        out["license"] = "unlicensed"  # the collector looked where the licence is stated, and found none
    if c.licence_path:
        out["license_path"] = c.licence_path
    if c.locations:
        out["component_path"] = c.locations[0]
    if from_record:
        out.update(plain(c.extra))
    return out


def _enum(value: str, allowed: tuple[str, ...], mapping: dict[str, str] | None = None) -> str:
    if value in allowed:
        return value
    if mapping and value in mapping:
        return mapping[value]
    return "other" if value else ""


def to_record(r: Release) -> dict[str, Any]:
    framework = plain(r.framework) or {
        "name": FRAMEWORK_NAME,
        "version": FRAMEWORK_VERSION,
        "date": FRAMEWORK_DATE,
    }
    from_record = _from_record(r)
    release: dict[str, Any] = {"name": r.name}
    for f in ("version", "date", "type", "architecture", "treatment", "origin", "producer", "contact"):
        value = getattr(r, f)
        if not from_record:  # what a collector found, put in the MOT schema's terms
            if f == "type":
                value = _enum(value, MOT_TYPES, _PIPELINE_TYPES)
            elif f == "architecture":
                value = _enum(value, MOT_ARCHITECTURES)
        if value or f not in ("treatment", "date"):
            release[f] = value
    release.update(plain(r.links))
    release["license"] = {
        scope: {
            "name": g.name if from_record or not g.name else _spdx(g.name),
            "path": g.path,
            **plain(g.extra),
        }
        for scope, g in r.licences.items()
    }
    if from_record:
        release.update(plain(r.extra))  # fields of a MOT record openness does not model; a collector's
        # own metadata (what it could not read, request logs) is not part of a MOT record
    release["components"] = [_component(c, from_record) for c in listed(r, from_record)]
    return {"framework": framework, "release": release}


def _from_record(r: Release) -> bool:
    return any(e.source == "mot-yaml" for e in r.evidence)


def listed(r: Release, from_record: bool) -> list[Component]:
    """The components the record lists: in the release or linked from it, and, for a collected release,
    with a licence openness could read."""
    return [
        c
        for c in r.components
        if c.presence in (Presence.INCLUDED, Presence.REFERENCED) and (from_record or not c.licence_unread)
    ]


def left_out(r: Release) -> list[Component]:
    """Components of a collected release the record leaves out because their licence was not read."""
    if _from_record(r):
        return []
    return [
        c for c in r.components if c.presence in (Presence.INCLUDED, Presence.REFERENCED) and c.licence_unread
    ]


def render(r: Release) -> str:
    import yaml

    head = "".join(
        f"# openness left out {c.name}"
        + (f" ({c.locations[0]})" if c.locations else "")
        + ": its licence could not be read; add it with its licence before submitting\n"
        for c in left_out(r)
    )
    return head + yaml.safe_dump(
        to_record(r), sort_keys=False, allow_unicode=True, default_flow_style=False, width=120
    )
