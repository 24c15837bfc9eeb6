"""What a scanned tree is: a model release, or a library, a benchmark or a set of licence texts that
releases no model. Only a model release is worth the component-by-component to-do list.

The rules run in order and the first that holds decides; each is named and gives its evidence:

1. ``local.kind.model-files``: weights (not a pointer-sized file), a Git LFS pointer to weights, or a
   model card file is in the tree.
2. ``local.kind.benchmark``: the root README's title or first paragraph calls the repository an
   evaluation harness, benchmark or leaderboard, and it holds evaluation code. Checked before links
   because a benchmark links the models it evaluates.
3. ``local.kind.model-links``: the root README, a model card or a download script links weights; or a
   config names the architecture; or the tree holds a model's own module classes together with
   training or generation code.
4. ``local.kind.licence-texts``: most files are licence texts (no code), or licence texts named for SPDX
   ids make up a third of a large tree.
5. ``local.kind.library``: a package manifest at the top of the tree, and none of the above.
6. ``local.kind.software``: code, and none of the above.

When none holds (a folder with only a README, say) the kind is left unjudged.
"""

from __future__ import annotations

import re

from openness.domain.release import Evidence, Presence, ReleaseKind
from openness.licences.spdx import canonical_id
from openness.sources.local.finders.code import CODE_EXT, is_manifest
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import (
    EVAL_CODE,
    FINAL,
    INFERENCE,
    INTERMEDIATE,
    MODEL_CARD,
    TRAINING,
    Hit,
)
from openness.sources.local.licence_files import is_licence_file
from openness.sources.local.scanner import Scan

HARNESS_WORDS = re.compile(
    r"\b(?:evaluation|eval|benchmarking)\s+(?:harness|suite|framework|toolkit|library|platform)\b",
    re.IGNORECASE,
)
"""Said anywhere in the title or first paragraph."""
BENCHMARK_TITLE = re.compile(r"\bbenchmark(?:s|ing)?\b|\bleaderboard\b|\bevals?\b", re.IGNORECASE)
"""Said in the title alone: a model's README may boast of benchmarks in its first paragraph."""
LICENCE_DIRS = frozenset({"licenses", "licences", "license", "licence", "texts", "license-texts"})
_WEIGHT_RULES = (
    "local.params.weights-extension",
    "local.params.checkpoint-folder",
    "local.params.checkpoint-name",
)
_HEADER_RULES = ("local.params.safetensors-header", "local.params.gguf-header", "local.params.lfs-pointer")
_CARD_RULES = (
    "local.card.model-card-file",
    "local.card.model-card-name",
    "local.card.card-folder",
    "local.card.readme-front-matter",
)


def judge(scan: Scan, source: str) -> tuple[str, tuple[Evidence, ...]]:
    """The kind of the scanned tree and why, or ("", ()) when no rule holds."""
    files = scan.walk.files
    if not files:
        return "", ()
    weights = [
        h
        for h in scan.hits
        if h.component in (FINAL, INTERMEDIATE)
        and (h.rule in _HEADER_RULES or (h.rule in _WEIGHT_RULES and h.confidence >= 0.8))
    ]
    cards = [h for h in scan.hits if h.component == MODEL_CARD and h.rule in _CARD_RULES]
    if weights or cards:
        return ReleaseKind.MODEL, _ev(source, "local.kind.model-files", (weights + cards)[:3], "holds")
    title, intro = _intro(scan.readme)
    m = HARNESS_WORDS.search(intro) or BENCHMARK_TITLE.search(title)
    evals = [h for h in scan.hits if h.component == EVAL_CODE and h.presence == Presence.INCLUDED]
    if m is not None and evals:
        detail = f"the README presents it as '{m.group(0)}' and it holds evaluation code ({evals[0].locator})"
        return ReleaseKind.BENCHMARK, (Evidence(source, "README", "local.kind.benchmark", 0.8, detail),)
    links = [
        h
        for h in scan.hits
        if h.component in (FINAL, INTERMEDIATE) and h.presence == Presence.REFERENCED and _release_doc(h)
    ]
    named = [h for h in scan.hits if h.rule == "local.arch.config-architectures"]
    classes = [h for h in scan.hits if h.rule == "local.arch.module-class"]
    runs = [h for h in scan.hits if h.component in (TRAINING, INFERENCE) and h.presence == Presence.INCLUDED]
    model_code = classes[:1] + runs[:1] if classes and runs else []
    if links or named or model_code:
        return ReleaseKind.MODEL, _ev(
            source, "local.kind.model-links", (links + named + model_code)[:3], "shows"
        )
    code = [f for f in files if f.ext in CODE_EXT]
    texts = [f for f in files if _licence_text(f)]
    others = [f for f in files if f not in texts and not f.lower.startswith(("readme", "."))]
    if texts and (
        (not code and len(texts) >= len(others)) or (len(texts) >= 10 and 3 * len(texts) >= len(files))
    ):
        detail = f"{len(texts)} licence texts among {len(files)} files (e.g. {texts[0].path}) and no model"
        return ReleaseKind.LICENCE_TEXTS, (Evidence(source, ".", "local.kind.licence-texts", 0.8, detail),)
    manifests = [f for f in files if is_manifest(f) and len(f.dirs) <= 1]
    if manifests:
        where = manifests[0].path
        detail = f"a software package ({where}) with no weights, model card or model code, included or linked"
        return ReleaseKind.LIBRARY, (Evidence(source, where, "local.kind.library", 0.7, detail),)
    if code:
        detail = f"{len(code)} code files and no weights, model card or model code, included or linked"
        return ReleaseKind.LIBRARY, (Evidence(source, code[0].path, "local.kind.software", 0.6, detail),)
    return "", ()


def _licence_text(f: FileInfo) -> bool:
    """A licence file by name, a text in a licences folder, or a file named for an SPDX id (``MIT.xml``)."""
    if is_licence_file(f.name) or LICENCE_DIRS & set(f.dirs):
        return True
    stem = f.name[: -len(f.ext)] if f.ext else f.name
    return f.ext in (".txt", ".xml", ".md", ".json", ".html", ".tex") and canonical_id(stem) is not None


def _ev(source: str, rule: str, hits: list[Hit], verb: str) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(source, h.locator, rule, h.confidence, f"{verb} {h.component.lower()}: {h.detail}")
        for h in hits
    )


def _release_doc(h: Hit) -> bool:
    """A link the release makes about itself: from a root document, a model card or a download script."""
    if h.path is None:
        return False
    folder, _, name = h.path.rpartition("/")
    lower = name.lower()
    return not folder or "card" in lower or lower.startswith(("download", "fetch", "get"))


def _intro(readme: str) -> tuple[str, str]:
    """The README's title and its title with the first paragraph: what the repository says it is."""
    lines = readme.splitlines()
    if lines and lines[0].strip() == "---":  # card front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    title = ""
    kept: list[str] = []
    for line in lines[:60]:
        stripped = line.strip()
        heading = stripped.startswith("#") or stripped.lower().startswith("<h")
        if heading and any(_prose(x) for x in kept):
            break
        if not title and (stripped.startswith("# ") or stripped.lower().startswith("<h1")):
            title = re.sub(r"<[^>]+>|#", " ", stripped).strip()
        kept.append(stripped)
    return title, "\n".join(kept)


def _prose(line: str) -> bool:
    return bool(line) and not line.startswith(("#", "<", "[", "!", "|"))
