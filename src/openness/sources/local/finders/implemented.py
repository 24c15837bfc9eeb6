"""An architecture a library implements (rule ``library-class``): code or a README example of a release
that has no network code of its own loads its model through a model class of transformers
(``AutoModelForCausalLM.from_pretrained(…)``, ``LlamaForCausalLM.from_pretrained(…)``), the class imported
from transformers in the same file. The architecture is then the library's code: referenced, under the
library's recorded licence (``sources/hf/data/transformers_model_types.json``), which the scan's licence
step attaches. Loaded with ``trust_remote_code=True`` (rule ``remote-code``), the network is code kept
with the model on the Hub, under terms the release does not state: referenced, no licence known.

The finder reads the bytes other finders ask for (every ``.py`` file, READMEs and notes, notebooks); a
release with its own network code keeps "included" (the strongest form wins)."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.hf.library import folder_of_class, recorded_library
from openness.sources.local.finders.common import hit, in_tests
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import ARCH, Hit

LIBRARY_CLASS = "local.arch.library-class"
REMOTE_CODE = "local.arch.remote-code"
READS = frozenset({".py", ".ipynb", ".md", ".markdown", ".rst"})
IMPORTS_LIBRARY = re.compile(r"\bfrom\s+transformers\s+import\b|\bimport\s+transformers\b")
"""The file takes classes from transformers (a README snippet, a script, a notebook cell)."""
LOADS_MODEL = re.compile(
    r"\b(?:transformers\.)?((?:Auto)?[A-Z][A-Za-z0-9]*?(?:Model|For[A-Z][A-Za-z0-9]*))\s*\.\s*from_pretrained\s*\("
)
"""A model class (not a tokenizer, processor or config) loading weights: ``AutoModel``,
``AutoModelForCausalLM``, ``LlamaForCausalLM``, ``T5Model``."""
REMOTE = re.compile(r"trust_remote_code\s*=\s*True")
MODEL_ID = re.compile(r"\s*\\?[\"']([\w.-]+/[\w.-]+)\\?[\"']")
"""The call's first argument when it is a Hub model id written out (``"org/name"``)."""
CALL_SPAN = 400
"""Characters after ``from_pretrained(`` that hold the call's arguments."""
NOT_MODEL = re.compile(r"(?:Tokenizer|Processor|Config|FeatureExtractor|ImageProcessor)")


def by_name(f: FileInfo) -> list[Hit]:
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    return None  # code, docs and outputs already read these files; this finder judges the same bytes


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.ext not in READS or in_tests(f):
        return []
    text = data.decode("utf-8", "replace")
    if IMPORTS_LIBRARY.search(text) is None:
        return []
    library = recorded_library()
    for m in LOADS_MODEL.finditer(text):
        name = m.group(1)
        if NOT_MODEL.search(name):
            continue
        line = text.count("\n", 0, m.start()) + 1
        if REMOTE.search(text, m.end(), m.end() + CALL_SPAN):
            detail = (
                f"{f.name} loads the model with {name} and trust_remote_code: its network is code on the Hub"
            )
            model = MODEL_ID.match(text, m.end())
            url = f"https://huggingface.co/{model.group(1)}" if model else None
            return [hit(ARCH, f, REMOTE_CODE, 0.5, detail, Presence.REFERENCED, line=line, url=url)]
        folder = folder_of_class(name)
        url = (
            f"{library.repository}/tree/v{library.version}/src/transformers/models/{folder}"
            if folder
            else None
        )
        detail = f"{f.name} loads the model with {library.name}' {name}: the library implements its network"
        return [
            hit(
                ARCH,
                f,
                LIBRARY_CLASS,
                0.5,
                detail,
                Presence.REFERENCED,
                line=line,
                url=url or library.repository,
            )
        ]
    return []
