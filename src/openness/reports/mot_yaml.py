"""Write a release as a Model Openness Tool YAML record, ready to submit to the MOT.

Only components that are in the release (included or referenced) are listed: to the MOT a listed
component is an included one. Fields the MOT schema does not know, kept from a record that was read,
are written back so that read → write → read preserves every field."""

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


def _component(c: Component, from_record: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name}
    spec = BY_NAME.get(c.name)
    out["description"] = c.description or (spec.description if spec else "")
    if c.licence_declared or c.licence is not None:
        # A collector that found no licence for a component says so in MOT terms: 'unlicensed'
        # (the MOT has no 'not read'); a record read from YAML keeps what it said.
        out["license"] = c.licence if from_record or c.licence is not None else "unlicensed"
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
    from_record = any(e.source == "mot-yaml" for e in r.evidence)
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
        scope: {"name": g.name, "path": g.path, **plain(g.extra)} for scope, g in r.licences.items()
    }
    if from_record:
        release.update(plain(r.extra))  # fields of a MOT record openness does not model; a collector's
        # own metadata (what it could not read, request logs) is not part of a MOT record
    release["components"] = [
        _component(c, from_record)
        for c in r.components
        if c.presence in (Presence.INCLUDED, Presence.REFERENCED)
    ]
    return {"framework": framework, "release": release}


def render(r: Release) -> str:
    import yaml

    return yaml.safe_dump(
        to_record(r), sort_keys=False, allow_unicode=True, default_flow_style=False, width=120
    )
