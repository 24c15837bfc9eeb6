"""Components the repo's file list and branches show: weights, metadata, remote code, evaluation
files, intermediate checkpoints. Judged from metadata; nothing is downloaded or run."""

from __future__ import annotations

from typing import Any

from openness.domain.release import Evidence, Presence
from openness.sources.hf.builder import MAX_LOCATIONS, Builder, mapping_of
from openness.sources.hf.checkpoint_folder import RULE as SHARDS_RULE
from openness.sources.hf.checkpoint_folder import checkpoint_folders
from openness.sources.hf.files import FileKind, classify, is_step_branch
from openness.sources.hf.library import LibraryArchitecture, in_transformers

LIBRARY_CODE = {
    "transformers": "https://github.com/huggingface/transformers",
    "diffusers": "https://github.com/huggingface/diffusers",
    "sentence-transformers": "https://github.com/UKPLab/sentence-transformers",
    "timm": "https://github.com/huggingface/pytorch-image-models",
    "peft": "https://github.com/huggingface/peft",
    "llama.cpp": "https://github.com/ggml-org/llama.cpp",
}


def from_files(b: Builder) -> None:
    sibs = b.s.siblings()
    by_kind: dict[FileKind, list[dict[str, Any]]] = {}
    for s in sibs:
        by_kind.setdefault(classify(s["rfilename"]), []).append(s)
    listing = b.ev(b.s.info_fetch.url, "hf.siblings", f"{len(sibs)} files listed at commit {b.sha}")
    info = b.s.info or {}

    weights = by_kind.get(FileKind.WEIGHTS, []) + by_kind.get(FileKind.ADAPTER_WEIGHTS, [])
    shards = checkpoint_folders(by_kind.get(FileKind.OTHER, []), b.s.card.text if b.s.card else "")
    if weights or shards:
        size = sum(int(w.get("size") or 0) for w in weights) + sum(f.size for f in shards)
        formats = sorted({w["rfilename"].rsplit(".", 1)[-1].lower() for w in weights})
        formats += ["checkpoint shards"] if shards else []
        ev = [b.ev(b.at(f.folder + "/"), SHARDS_RULE, f.detail(), f.confidence) for f in shards] + [
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
        weights += [s for f in shards for s in f.files]
        extra: dict[str, Any] = {"files": len(weights), "bytes": size, "formats": formats}
        gguf = mapping_of(info.get("gguf"))
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
            for m in meta[:MAX_LOCATIONS]
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

    _code(b, by_kind.get(FileKind.CODE, []), listing)

    evals = by_kind.get(FileKind.EVAL_RESULTS, [])
    if evals:
        b.add(
            "Evaluation results",
            Presence.INCLUDED,
            [
                b.ev(b.at(e["rfilename"]), "hf.files.eval-results", "evaluation results file")
                for e in evals[:MAX_LOCATIONS]
            ],
            own_licence=True,
            locations=[b.at(e["rfilename"]) for e in evals],
        )


def remote_code_modules(auto_map: dict[str, Any]) -> tuple[set[str], list[str]]:
    """The modules ``config.auto_map`` names in this repo (``modeling_x.Class`` → ``modeling_x.py``), and
    the references to code kept in another Hub repo (``org/repo--modeling_x.Class``)."""
    here: set[str] = set()
    elsewhere: list[str] = []
    for value in auto_map.values():
        for ref in value if isinstance(value, list) else [value]:
            if not isinstance(ref, str) or "." not in ref:
                continue
            if "--" in ref:
                elsewhere.append(ref)
            else:
                here.add(ref.rsplit(".", 1)[0].replace(".", "/") + ".py")
    return here, elsewhere


def _code(b: Builder, code: list[dict[str, Any]], listing: Evidence) -> None:
    """Model architecture and inference code: the repo's own code (``trust_remote_code``: listed, never
    imported or run), else the library that implements the config's ``model_type``."""
    info = b.s.info or {}
    config = mapping_of(info.get("config"))
    auto_map = mapping_of(config.get("auto_map"))
    modules, elsewhere = remote_code_modules(auto_map)
    paths = [c["rfilename"] for c in code]
    arch = [p for p in paths if p in modules or p.rsplit("/", 1)[-1].startswith("modeling_")]
    ev = [
        b.ev(b.at(p), "hf.files.remote-code", "Python file in the repo (listed, never executed)")
        for p in paths[:MAX_LOCATIONS]
    ]
    if auto_map:
        ev.append(
            b.ev(
                b.s.info_fetch.url + "#config.auto_map",
                "hf.config.auto_map",
                "config.auto_map points at code: "
                + ", ".join(sorted(map(str, auto_map)))
                + (f" (in other repos: {', '.join(elsewhere)})" if elsewhere else ""),
            )
        )
    if code:
        b.add(
            "Inference code",
            Presence.INCLUDED,
            list(ev),
            own_licence=True,
            locations=[b.at(p) for p in paths],
            description="remote code in the repo (never executed)",
        )
    if arch:
        b.add(
            "Model architecture",
            Presence.INCLUDED,
            [e for e in ev if e.locator in {b.at(p) for p in arch} or e.rule == "hf.config.auto_map"],
            own_licence=True,
            locations=[b.at(p) for p in arch],
            description="the architecture's code in the repo (trust_remote_code; never executed)",
        )
        return
    model_type = str(config.get("model_type") or "")
    lib = in_transformers(model_type) if model_type and not auto_map else None
    if lib is not None:
        _in_library(
            b,
            "Model architecture",
            lib,
            model_type,
            f"config.json model_type '{model_type}' is implemented by {lib.library} in models/{lib.folder}/",
            0.9,
        )
        if "Inference code" not in b.comps:
            # The library's model class for this type loads the weights and runs them (from_pretrained,
            # forward, generate): the inference code of a model whose repo holds none of its own.
            _in_library(
                b,
                "Inference code",
                lib,
                model_type,
                f"{lib.library} loads and runs model_type '{model_type}' (models/{lib.folder}/)",
                0.8,
            )
        return
    library = str(info.get("library_name") or "")
    if library in LIBRARY_CODE:
        b.add(
            "Model architecture",
            # Unknown, not referenced: no recorded table names this model type, so neither the code
            # for this architecture nor its licence has been seen; the link is kept for whoever checks.
            Presence.UNKNOWN,
            [
                b.ev(
                    b.s.info_fetch.url + "#library_name",
                    "hf.library",
                    f"no architecture code in the repo; library_name is {library}, whose recorded table "
                    f"does not list model_type '{model_type or '(none)'}'",
                    0.6,
                )
            ],
            locations=[LIBRARY_CODE[library]],
            description=f"implemented in {library} (not read)",
            licence_unread=True,
        )
    else:
        b.add("Model architecture", Presence.ABSENT, [listing])


def _in_library(
    b: Builder, name: str, lib: LibraryArchitecture, model_type: str, said: str, confidence: float
) -> None:
    """``name`` referenced to the library folder that implements ``model_type``, under its licence."""
    rule = "hf.config.model-type-in-library" + (".inference" if name == "Inference code" else "")
    b.add(
        name,
        Presence.REFERENCED,
        [
            b.ev(
                b.s.info_fetch.url + "#config.model_type",
                rule,
                f"{said} under {lib.licence}; table: {lib.source}",
                confidence,
            )
        ],
        licence=lib.licence,
        locations=[lib.url],
        description=f"in {lib.library} (models/{lib.folder}), not in the repo",
        extra={"library": lib.library, "library_version": lib.version, "model_type": model_type},
    )


def from_refs(b: Builder) -> None:
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
        # Included: revisions of this same repository, published with it (their files are not read).
        Presence.INCLUDED,
        [
            b.ev(
                url,
                "hf.refs.step-branches",
                f"{len(steps)} checkpoint branches ({names[0]} … {names[-1]}); the repo's licence is "
                "assumed to cover them",
                0.9,
            )
        ],
        own_licence=True,
        locations=[f"{s.repo_url}/tree/{n}" for n in names],
        description=f"{len(steps)} intermediate checkpoints published as branches",
        extra={"checkpoints": len(steps)},
    )
