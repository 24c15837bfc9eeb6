"""What a model produced and how it scored, shown rather than stored as data: images a README embeds
under an "Examples" or "Results" heading, and notebooks saved with their outputs."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.finders.common import P_DOC, hit, in_tests
from openness.sources.local.finders.docs import BENCHMARKS
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import EVAL_CODE, EVAL_RESULTS, SAMPLES, Hit

NOTEBOOK_READ = 256 * 1024
IMAGE = re.compile(
    r"!\[([^\]]*)\]\(\s*<?([^)\s>]+\.(?:png|jpe?g|gif|svg|webp|mp4|webm))"
    r"|<img[^>]*\bsrc=[\"']([^\"']+\.(?:png|jpe?g|gif|svg|webp))[\"'][^>]*?(?:alt=[\"']([^\"']*)[\"'])?",
    re.IGNORECASE,
)
CHART_WORDS = re.compile(
    r"\b(?:eval\w*|benchmark\w*|results?|performance|comparison|scores?|fid|wer|accuracy|leaderboard|"
    r"win[- ]?rate|curves?|loss)\b",
    re.IGNORECASE,
)
SAMPLE_WORDS = re.compile(
    r"\b(?:examples?|samples?|showcase|demos?|gallery|generations?|generated|outputs?|predictions?)\b",
    re.IGNORECASE,
)
NOT_OUTPUTS = re.compile(
    r"\b(?:logo|banner|badge|architecture|overview|pipeline|diagram|qr|wechat|icon)\b", re.I
)
"""Pictures of the project rather than of what the model did."""
NOT_SAMPLE_NOTEBOOK = re.compile(
    r"plot|train|finetun|fine_tun|lora|quantiz|ladder|classifier|analysis|profil|benchmark|eval|data", re.I
)
"""A notebook that trains, plots or analyses shows figures of the work, not what the model produces."""
_OUTPUT_KINDS = re.compile(r'"output_type"\s*:\s*"(?:execute_result|display_data)"')


def by_name(f: FileInfo) -> list[Hit]:
    if f.ext == ".ipynb" and not in_tests(f) and BENCHMARKS.search(f.name.replace("_", " ")):
        # notebooks/Prompt_Engineering_for_ImageNet.ipynb, LibriSpeech.ipynb: a notebook named for a benchmark
        return [hit(EVAL_CODE, f, "local.eval.benchmark-notebook", 0.6, f"notebook {f.name}")]
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    if f.ext == ".ipynb" and not in_tests(f) and len(f.dirs) <= 2 and not NOT_SAMPLE_NOTEBOOK.search(f.lower):
        return P_DOC, NOTEBOOK_READ
    return None


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    text = data.decode("utf-8", "replace")
    if f.ext == ".ipynb":
        m = _OUTPUT_KINDS.search(text)
        if m is None:
            return []
        line = text.count("\n", 0, m.start()) + 1
        detail = f"notebook {f.name} saved with the model's outputs"
        return [hit(SAMPLES, f, "local.samples.notebook-outputs", 0.5, detail, line=line)]
    if not (f.lower.startswith("readme") or "card" in f.lower) or f.ext not in (".md", ".markdown", ""):
        return []
    return _embedded(f, text)


def _embedded(f: FileInfo, text: str) -> list[Hit]:
    """Images in the tree that a README shows under a heading or with a caption saying what they are."""
    out: list[Hit] = []
    heading = ""
    found: set[str] = set()
    base = "/".join(f.rel.split("/")[:-1])
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            heading = line.strip("# \t")
            continue
        for m in IMAGE.finditer(line):
            src = m.group(2) or m.group(3) or ""
            alt = m.group(1) or m.group(4) or ""
            if "://" in src or src.startswith(("data:", "/")):
                continue  # hosted elsewhere: a picture of the release, not a file of it
            rel = f"{base}/{src.removeprefix('./')}" if base else src.removeprefix("./")
            said = f"{alt} {rel.rsplit('/', 1)[-1]}"
            if NOT_OUTPUTS.search(said):
                continue
            if CHART_WORDS.search(said) or (CHART_WORDS.search(heading) and not SAMPLE_WORDS.search(said)):
                component, rule = EVAL_RESULTS, "local.results.readme-chart"
            elif SAMPLE_WORDS.search(said) or SAMPLE_WORDS.search(heading):
                component, rule = SAMPLES, "local.samples.readme-image"
            else:
                continue
            key = f"{component}:{rel}"
            if key in found:
                continue
            found.add(key)
            detail = f"{f.name} shows {rel}" + (f" under '{heading[:50]}'" if heading else "")
            out.append(Hit(component, Presence.INCLUDED, rule, 0.5, rel, number, None, detail, rel))
            if len(found) >= 50:
                return out
    return out
