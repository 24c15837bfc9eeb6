"""What a model produced and how it scored, shown rather than stored as data: images a README embeds
under an "Examples" or "Results" heading, and notebooks saved with their outputs."""

from __future__ import annotations

import itertools
import json
import re

from openness.domain.release import Presence
from openness.sources.local.finders import link_context
from openness.sources.local.finders.common import P_DOC, hit, in_tests
from openness.sources.local.finders.docs import BENCHMARKS
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import EVAL_CODE, EVAL_RESULTS, SAMPLES, Hit

NOTEBOOK_READ = 256 * 1024
IMAGE = re.compile(
    r"!\[([^\]]*)\]\(\s*<?([^)\s>]+\.(?:png|jpe?g|gif|svg|webp|mp4|webm))"
    r"|<img[^>]*\bsrc=[\"']([^\"'?]+\.(?:png|jpe?g|gif|svg|webp))(?:\?[^\"']*)?[\"'][^>]*?(?:alt=[\"']([^\"']*)[\"'])?"
    r"|!\[([^\]]*)\]\(\s*(https?://[^)\s]+)\)",
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
SHOWS_RESULT = re.compile(
    r"\.(?:show|save|imshow|savefig|generate\w*|sample\w*)\(|\b(?:imshow|display|save_image|imwrite)\(|"
    r"\b(?:dream|generate|sample|predict|inpaint|upscale)\w*\(",
    re.IGNORECASE,
)
"""A call in an example that makes the model produce something and shows or saves it."""
_OUTPUT_KINDS = re.compile(r'"output_type"\s*:\s*"(?:execute_result|display_data|stream)"')
_CELL = re.compile(r'"cell_type"\s*:')
PRODUCES = re.compile(
    r"(?:generat|decod|predict|transcrib|caption|infer|sampl|complet|translat|segment|answer)\w*\("
    r"|\bmodel\(",
    re.IGNORECASE,
)
"""Code that has the model produce something: generate, decode, predict, transcribe, a model call."""
RUNS_SCRIPT = re.compile(
    r"!\s*python3?\s+[^\n\"]*(?:\b(?:generat|predict|sampl|infer)\w*\.py\b|--(?:predict|generate|sample)\b)"
)
"""A notebook cell running the release's script to make the model produce something (rule ``script-run``):
``!python3 main.py --predict …``, ``!python sample.py …``."""
_COMMENT_STRING = re.compile(r'^\s*"\s*#')


def _source_lines(cell: str) -> list[str]:
    """The lines of a cell's ``source`` (a list of strings, one a line, or one string), not its outputs."""
    at = cell.find('"source"')
    if at < 0:
        return []
    rest = cell[at + len('"source"') :].lstrip(" :")
    if not rest.startswith("["):
        return [rest.split("\n", 1)[0]]
    lines: list[str] = []
    for line in rest[1:].splitlines():
        if line.strip().startswith("]"):
            break
        lines.append(line)
    return lines


def _model_output_cell(text: str) -> int | None:
    """Where a code cell that has the model produce something was saved with its outputs (a notebook of
    plots, tables or logs shows the work, not what the model produced)."""
    starts = [m.start() for m in _CELL.finditer(text)] + [len(text)]
    for start, end in itertools.pairwise(starts):
        cell = text[start:end]
        out = _shown(cell)
        if out is None or '"code"' not in cell[:40]:
            continue
        code = "\n".join(x for x in _source_lines(cell) if not _COMMENT_STRING.match(x))
        if PRODUCES.search(code) or RUNS_SCRIPT.search(code):
            return start + out
    return None


_STDERR = re.compile(r'"name"\s*:\s*"stderr"[^{}]{0,40}$')
"""An output object's ``"name": "stderr"`` just before its ``output_type`` (nbformat sorts the keys)."""


_STREAM_TEXT = re.compile(r'\s*,\s*"text"\s*:\s*(\[[^\]]{0,4000}\]|"[^"]{0,4000}")')
_RUN_REPORT = re.compile(
    r"^\s*(?:took\s+\d|wall time|cpu times|elapsed|time taken|generated in|done in"
    r"|\d+(?:\.\d+)?\s*(?:s|sec|secs|seconds|ms|minutes?)\b|\d+%\|)|\b(?:it/s|s/it)\b",
    re.IGNORECASE,
)
"""A line a run prints about itself: how long it took, a progress bar."""


def _only_run_report(cell: str, end: int) -> bool:
    """Whether the printed text of the stream output starting at ``end`` only reports the run ('took 62s
    to generate 6s of audio', 'Wall time: 4.33 s'): the model's output is elsewhere (rule
    ``run-report-not-output``)."""
    m = _STREAM_TEXT.match(cell, end)
    if m is None:
        return False
    try:
        value = json.loads(m.group(1))
    except ValueError:
        return False
    text = "".join(value) if isinstance(value, list) else str(value)
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_RUN_REPORT.search(line) for line in lines)


def _shown(cell: str) -> int | None:
    """Where the first output a reader sees starts: a result, a picture, or printed text; a stream on
    stderr (progress bars, warnings) shows nothing the model produced (rule ``stderr-not-output``), nor
    printed lines that only report the run (rule ``run-report-not-output``)."""
    for m in _OUTPUT_KINDS.finditer(cell):
        if m.group(0).endswith('"stream"') and _STDERR.search(cell, max(0, m.start() - 120), m.start()):
            continue
        if m.group(0).endswith('"stream"') and _only_run_report(cell, m.end()):
            continue
        return m.start()
    return None


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
        at = _model_output_cell(text)
        if at is None:
            return []
        line = text.count("\n", 0, at) + 1
        detail = f"notebook {f.name} saved with what the model produced"
        return [hit(SAMPLES, f, "local.samples.notebook-outputs", 0.5, detail, line=line)]
    if f.ext not in (".md", ".markdown", "") or len(f.dirs) > 1:
        return []
    pages = _sample_pages(f, text)
    if not (f.lower.startswith("readme") or "card" in f.lower):
        return pages
    return _embedded(f, text) + _shown_output(f, text) + _labelled_answers(f, text) + pages


def _embedded(f: FileInfo, text: str) -> list[Hit]:
    """Images in the tree that a README shows under a heading, with a caption saying what they are, or
    right below an example that runs the model (the picture is what that example printed or saved)."""
    out: list[Hit] = []
    headings: list[tuple[int, str]] = []
    found: set[str] = set()
    base = "/".join(f.rel.split("/")[:-1])
    fence = False
    runs_model = False
    since_code = 99
    paragraph = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("<") and not IMAGE.search(line):
            paragraph = f"{paragraph} {stripped}"[-600:]  # the prose just above (blank lines kept out)
        if stripped.startswith(("```", "~~~")):
            paragraph = ""
            fence = not fence
            if fence:
                runs_model = False
            else:
                since_code = 0
            continue
        if fence:
            runs_model = runs_model or bool(SHOWS_RESULT.search(line))
            continue
        if stripped:
            since_code += 1
        level = _heading_level(line)
        if level:
            paragraph = ""
            title = _TAG.sub("", line).strip("# \t")
            headings = [(lv, h) for lv, h in headings if lv < level] + [(level, title)]
            since_code = 99
            continue
        heading = _words_of(headings)
        for m in IMAGE.finditer(line):
            src = m.group(2) or m.group(3) or m.group(6) or ""
            alt = m.group(1) or m.group(4) or m.group(5) or ""
            said = _plain(f"{alt} {src.rsplit('/', 1)[-1]}")
            if NOT_OUTPUTS.search(said):
                continue
            hosted = "://" in src or src.startswith(("data:", "/"))
            rel = src if hosted else (f"{base}/{src.removeprefix('./')}" if base else src.removeprefix("./"))
            after_example = runs_model and since_code <= 1
            if CHART_WORDS.search(said) or (CHART_WORDS.search(heading) and not SAMPLE_WORDS.search(said)):
                component, rule = EVAL_RESULTS, "local.results.readme-chart"
                if hosted and not CHART_WORDS.search(alt):
                    continue  # a hosted picture counts only when its caption says it is a result
            elif hosted:
                continue  # hosted elsewhere: a picture of the release, not a file of it
            elif SAMPLE_WORDS.search(said) or SAMPLE_WORDS.search(heading):
                component, rule = SAMPLES, "local.samples.readme-image"
            elif after_example:
                component, rule = SAMPLES, "local.samples.image-after-example"
            elif _produced(paragraph, said):
                component, rule = SAMPLES, "local.samples.image-of-what-it-makes"
            else:
                continue
            key = f"{component}:{rel}"
            if key in found:
                continue
            found.add(key)
            where = f.rel if hosted else rel
            detail = f"{f.name} shows {rel}" + (f" under '{heading[:50]}'" if heading else "")
            if rule == "local.samples.image-after-example":
                detail = f"{f.name} shows {rel} right below an example that runs the model"
            out.append(Hit(component, Presence.INCLUDED, rule, 0.5, where, number, None, detail, where))
            if len(found) >= 50:
                return out
    return out


_TAG = re.compile(r"<[^>]+>")
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s")


def _heading_level(line: str) -> int:
    m = _HEADING_RE.match(line)
    return len(m.group(1)) if m else 0


def _words_of(headings: list[tuple[int, str]]) -> str:
    """The nearest heading when it says what follows, else the headings it sits under ("Demo" above
    "Launch a worker")."""
    if not headings:
        return ""
    nearest = headings[-1][1]
    if CHART_WORDS.search(nearest) or SAMPLE_WORDS.search(nearest):
        return nearest
    return " / ".join(h for _, h in headings)


PRODUCE_VERB = re.compile(
    r"\b(?:produces?|generates?|outputs?|creates?|predicts?|draws?|renders?)\s+((?:\S+\s+){0,4}\S+)", re.I
)


_MEDIA_WORDS = frozenset({"jpeg", "webp", "image", "images", "figure", "picture"})


def _produced(paragraph: str, said: str) -> bool:
    """The paragraph above says the model produces what the picture's name says: "produces high
    quality object masks" above ``masks1.png``."""
    names = {w.lower().rstrip("s") for w in said.split() if len(w) >= 4 and w.lower() not in _MEDIA_WORDS}
    for m in PRODUCE_VERB.finditer(paragraph):
        said_made = {w.lower().strip(".,;:*_`").rstrip("s") for w in m.group(1).split()}
        if names & said_made:
            return True
    return False


def _plain(said: str) -> str:
    """``ferret_demo.png`` and ``sample1`` read as words: "ferret demo", "sample"."""
    return re.sub(r"[_\-.\d]+", " ", said)


OUTPUT_INTRO = re.compile(
    r"\b(?:will|would|should)\s+(?:\w+\s+){0,2}?(?:output|print|return|generate|produce)s?\b"
    r"|\boutputs?\s+(?:will|would|should)\s+(?:look|be)\b"
    r"|\byou(?:'ll| will)?\s+(?:can\s+|should\s+)?(?:see|get)\s+(?:an?\s+|the\s+)?"
    r"(?:output|result|response|answer)s?\b"
    r"|\b(?:generates?|produces?|samples?)\b.{0,60}\b(?:samples?|stories|outputs?|text|like this)\b"
    r".{0,30}:\s*$"
    r"|^\W*(?:expected\s+|example\s+|sample\s+)?(?:outputs?|responses?|generations?)\W*:?\W*$",
    re.IGNORECASE,
)
"""Prose that says what follows is what the example printed: "This code will output the following",
"you can see an output similar to the one below", "Generates samples like this:", "Output"."""
OUTPUT_COMMENT = re.compile(
    r"^\s*(?:#|//)\s*(?:expected\s+|example\s+|model\s+)?(?:output|response|answer|generation)s?\s*:",
    re.IGNORECASE,
)
"""A comment in an example giving what it prints: ``# Expected output:``, ``# Model response: …``."""
COMMAND_LINE = re.compile(
    r"^\s*(?:\$|python3?|pip3?|git|cd|bash|sh|\./|make|docker|conda|export|wget|curl|torchrun|"
    r"accelerate|huggingface-cli|hf|npm|mkdir|ls)\b"
)
NOT_MODEL_OUTPUT = re.compile(
    r"\b(?:files?|folders?|director(?:y|ies)|structure|tree|checkpoints?|paths?|logs?|installed|version)\b",
    re.IGNORECASE,
)
"""What a command writes or lists (a file tree, a log), not what the model said."""
RUN_THIS = re.compile(
    r"\b(?:run|use|try|execute|paste|copy)\b[^.:]{0,30}\b(?:following|this|below)\b[^.:]{0,20}"
    r"\b(?:code|snippet|command|script|example)s?\b",
    re.IGNORECASE,
)
"""Prose that asks the reader to run what follows ('Run the following Python code to generate speech
samples:'): the block below is the example, not what it gave (rule ``run-this-not-output``)."""
_MARKUP_ONLY = re.compile(r"^(?:<[^>]*>\s*)+$|^<summary>.*</summary>$")
OUTPUT_SCAN_LINES = 4000


def _shown_output(f: FileInfo, text: str) -> list[Hit]:
    """Text a README shows as what its example run of the model gave: a block introduced as the output
    of the example just above it, or a comment in the example giving its output."""
    lines = text.splitlines()[:OUTPUT_SCAN_LINES]
    fence = False
    block_mentions_model = False
    since_code = 99
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            block_mentions_model = False if fence else block_mentions_model
            since_code = 0 if not fence else since_code
            continue
        if fence:
            block_mentions_model = block_mentions_model or "model" in line.lower()
            if block_mentions_model and OUTPUT_COMMENT.match(line):
                detail = f"an example in {f.name} gives the model's output: {stripped[:60]}"
                return [hit(SAMPLES, f, "local.samples.example-output-comment", 0.5, detail, line=i + 1)]
            continue
        if not stripped or _MARKUP_ONLY.match(stripped):
            continue
        since_code += 1
        if since_code > 3 or stripped.startswith(("#", "|")) or not OUTPUT_INTRO.search(stripped):
            continue
        if NOT_MODEL_OUTPUT.search(stripped) or RUN_THIS.search(stripped):
            continue
        shown = _block_below(lines, i + 1)
        if shown:
            detail = f"{f.name} shows what the example above gave: {stripped[:60]}"
            return [hit(SAMPLES, f, "local.samples.readme-shown-output", 0.5, detail, line=i + 1)]
    return []


def _block_below(lines: list[str], start: int) -> bool:
    """A fenced block of output (not a command) or a long quoted passage starts within a few lines."""
    seen = 0
    for j in range(start, min(len(lines), start + 12)):
        s = lines[j].strip()
        if not s or _MARKUP_ONLY.match(s):
            continue
        if s.startswith(("```", "~~~")):
            body = next((x for x in lines[j + 1 : j + 6] if x.strip()), "")
            return bool(body) and not COMMAND_LINE.match(body) and not body.strip().startswith(("```", "~~~"))
        if s.startswith(">") and len(s) >= 60:
            return True
        seen += 1
        if seen > 3:
            return False
    return False


SAMPLE_LABEL = re.compile(r"\b(?:samples?|sample page|example outputs|generations)\b", re.IGNORECASE)
"""A link shown as the model's samples: "[sample page]", a reference ``[musicgen_samples]: …``."""
OUTPUT_REPO = re.compile(r"[-_](?:outputs?|samples|generations)[-_](?:dataset|data|set)$", re.IGNORECASE)
"""A repository or dataset of the model's outputs, by its name: ``…-output-dataset``."""
_DEFINITION = re.compile(r"^\s*\[([^\]]+)\]:\s*\S")
_NOT_SAMPLE_LINK = re.compile(r"\b(?:format|schema|folder|dir|directory|path|file)\b", re.IGNORECASE)


def _sample_pages(f: FileInfo, text: str) -> list[Hit]:
    """Links to where the model's samples or outputs are published."""
    out: list[Hit] = []
    for place in link_context.places(text):
        if place.in_code or place.in_citation:
            continue
        definition = _DEFINITION.match(place.text)
        label = _plain(definition.group(1)) if definition else place.label
        name = place.url.rstrip("/").rsplit("/", 1)[-1]
        shown = bool(label) and "/" not in label  # a URL written out is no label
        by_label = shown and bool(SAMPLE_LABEL.search(label)) and not _NOT_SAMPLE_LINK.search(label)
        if not (by_label or OUTPUT_REPO.search(name)):
            continue
        detail = f"links to the model's samples at {place.url}" + (f" ('{label[:40]}')" if label else "")
        rule = "local.link.sample-page"
        out.append(hit(SAMPLES, f, rule, 0.5, detail, Presence.REFERENCED, line=place.line, url=place.url))
        if len(out) >= 10:
            break
    return out


_TITLE = re.compile(r"^#[ \t]+(.+)$", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+)$", re.MULTILINE)
_LABEL = re.compile(r"^[ \t>]*\*\*([^*\n]{2,60})\*\*[ \t]*:", re.MULTILINE)
LABELLED_ANSWERS = 2
"""Rule ``labelled-answers``: a README section whose heading speaks of examples or outputs and that gives
at least this many answers labelled with the model's name (its title: ``**Finch-LoRA**: …``) shows what
the model produced, in prose rather than in a fenced block."""


def _key(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", words.lower())


def _labelled_answers(f: FileInfo, text: str) -> list[Hit]:
    title = _TITLE.search(text[:5000])
    name = _key(title.group(1)) if title else ""
    if len(name) < 3:
        return []
    headings = list(_HEADING.finditer(text))
    for i, h in enumerate(headings):
        if not SAMPLE_WORDS.search(h.group(2)) or NOT_OUTPUTS.search(h.group(2)):
            continue
        level = len(h.group(1))
        end = next((n.start() for n in headings[i + 1 :] if len(n.group(1)) <= level), len(text))
        labels = [m for m in _LABEL.finditer(text, h.end(), end) if _key(m.group(1)) == name]
        if len(labels) >= LABELLED_ANSWERS:
            line = text.count("\n", 0, labels[0].start()) + 1
            label, under = labels[0].group(1), h.group(2)[:40]
            detail = f"{f.name} gives {len(labels)} answers labelled '{label}' under '{under}'"
            return [hit(SAMPLES, f, "local.samples.labelled-answers", 0.5, detail, line=line)]
    return []
