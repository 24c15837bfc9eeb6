"""An architecture a library implements (rule ``library-class``): a release without network code of its
own that loads its model through a transformers model class links its architecture to the library, under
the library's recorded licence; loaded as remote code (``trust_remote_code``), no licence is known.
Layouts as real releases have them (a README quickstart, a fine-tuning script, a notebook); code and
texts our own."""

from __future__ import annotations

import json
from pathlib import Path

from openness.domain.release import Presence
from openness.sources.local import collect

from . import builders as b
from .builders import comp

ARCH = "Model architecture"
QUICKSTART = """# Pebble-3B

Pebble is a small language model trained on public web text.

## Quickstart

```python
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("pebble-lab/pebble-3b")
model = AutoModelForCausalLM.from_pretrained("pebble-lab/pebble-3b", torch_dtype="auto")
print(tok.decode(model.generate(**tok("Hello", return_tensors="pt"))[0]))
```
"""


def test_a_readme_quickstart_through_the_library_references_its_architecture(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", QUICKSTART)
    b.write(tmp_path, "LICENSE", b.MIT)
    arch = comp(collect(str(tmp_path)), ARCH)
    assert arch.presence is Presence.REFERENCED
    assert arch.licence == "Apache-2.0"  # the library's recorded licence, not the repository's MIT
    assert any(e.rule == "local.arch.library-class" for e in arch.evidence)


def test_a_fine_tuning_script_names_the_library_folder(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "finetune.py",
        "import torch\nfrom transformers import LlamaForCausalLM, LlamaTokenizer\n\n\n"
        "def main(base_model: str) -> None:\n"
        "    model = LlamaForCausalLM.from_pretrained(base_model, load_in_8bit=True)\n"
        "    model.train()\n",
    )
    arch = comp(collect(str(tmp_path)), ARCH)
    assert arch.presence is Presence.REFERENCED
    assert any(loc.endswith("/src/transformers/models/llama") for loc in arch.locations)


def test_remote_code_on_the_hub_leaves_the_licence_unknown(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "README.md",
        QUICKSTART.replace('torch_dtype="auto"', 'trust_remote_code=True, torch_dtype="auto"'),
    )
    b.write(tmp_path, "LICENSE", b.APACHE)
    arch = comp(collect(str(tmp_path)), ARCH)
    assert arch.presence is Presence.REFERENCED
    assert arch.licence is None
    assert "https://huggingface.co/pebble-lab/pebble-3b" in arch.locations


def test_a_notebook_cell_loading_the_model_counts(tmp_path: Path) -> None:
    source = [
        "from transformers import AutoModelForCausalLM\n",
        'model = AutoModelForCausalLM.from_pretrained("pebble-lab/pebble-3b-chat")\n',
    ]
    notebook = {"cells": [{"cell_type": "code", "source": source, "outputs": []}], "nbformat": 4}
    b.write(tmp_path, "notebooks/chat.ipynb", json.dumps(notebook, indent=1))
    assert comp(collect(str(tmp_path)), ARCH).presence is Presence.REFERENCED


def test_network_code_of_its_own_stays_included(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", QUICKSTART)
    b.write(
        tmp_path,
        "pebble/model.py",
        "import torch.nn as nn\n\n\nclass Block(nn.Module):\n"
        "    def __init__(self, d: int) -> None:\n        super().__init__()\n"
        "        self.fc = nn.Linear(d, d)\n\n"
        "    def forward(self, x):\n        return self.fc(x)\n",
    )
    assert comp(collect(str(tmp_path)), ARCH).presence is Presence.INCLUDED


def test_loading_only_a_tokenizer_or_config_is_no_architecture(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "prepare.py",
        "from transformers import AutoTokenizer, AutoConfig\n\n"
        'tok = AutoTokenizer.from_pretrained("gpt2")\ncfg = AutoConfig.from_pretrained("gpt2")\n',
    )
    b.write(
        tmp_path, "README.md", "# Corpus tools\n\n`from transformers import AutoTokenizer` is all we use.\n"
    )
    assert comp(collect(str(tmp_path)), ARCH).presence is Presence.ABSENT


def test_a_class_not_imported_from_the_library_is_not_its_architecture(tmp_path: Path) -> None:
    b.write(
        tmp_path,
        "infer.py",
        'from segmenter.build import SegModel\n\nmodel = SegModel.from_pretrained("lab/seg-large")\n',
    )
    assert comp(collect(str(tmp_path)), ARCH).presence is Presence.ABSENT
