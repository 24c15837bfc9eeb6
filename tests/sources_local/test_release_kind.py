"""A tree that releases no model is said to be what it is (a library, a benchmark, licence texts), with
the rule and evidence, instead of receiving the component to-do list; the field round-trips through
JSON, follows the schema and shows in one line of the terminal and Markdown reports."""

from __future__ import annotations

import io
from pathlib import Path

import jsonschema
import pytest

from openness.domain.release import Evidence, Presence, Release, ReleaseKind
from openness.domain.serialize import release_from_dict, release_to_dict
from openness.reports import markdown, table
from openness.reports.json_report import schema, to_dict
from openness.service import assess
from openness.sources.local import collect
from tests.conftest import ROOT

from . import builders as b
from .builders import comp


def library(root: Path) -> Path:
    b.write(root, "LICENSE", b.MIT)
    b.write(
        root,
        "README.md",
        "# fastparse\n\nA parser for model cards.\n\n## Usage\n\n```sh\nfastparse card.md\n```\n",
    )
    b.write(root, "pyproject.toml", '[project]\nname = "fastparse"\nlicense = "MIT"\n')
    b.write(root, "src/fastparse/__init__.py", "")
    b.write(root, "src/fastparse/parse.py", "def parse(text):\n    return text.split()\n")
    b.write(root, "src/fastparse/data/aliases.json", '{"apache2": "Apache-2.0"}\n')
    b.write(root, "benchmarks/bench_parse.py", "import time\n")
    return root


def test_a_library_is_not_a_model_release(tmp_path: Path) -> None:
    release = collect(str(library(tmp_path)))
    assert release.kind == ReleaseKind.LIBRARY and release.not_a_model_release
    assert release.kind_evidence[0].rule == "local.kind.library"
    assert release.kind_evidence[0].locator == "pyproject.toml"
    assert release.component("Datasets").presence.value == "absent"  # package data is no dataset


HARNESS_README = """# Tiny Evaluation Harness

A framework to evaluate language models on many tasks.

## Usage

Evaluate [Pythia](https://huggingface.co/EleutherAI/pythia-160m) on HellaSwag:

```sh
tiny-eval --model hf --model_args pretrained=EleutherAI/pythia-160m --tasks hellaswag
```
"""


def test_a_benchmark_harness_is_not_a_model_release(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", HARNESS_README)
    b.write(tmp_path, "pyproject.toml", '[project]\nname = "tiny-eval"\n')
    b.write(tmp_path, "tiny_eval/__init__.py", "")
    b.write(tmp_path, "tiny_eval/evaluator.py", "def simple_evaluate(model, tasks):\n    return {}\n")
    b.write(tmp_path, "tiny_eval/tasks/hellaswag.yaml", "task: hellaswag\ndataset_path: hellaswag\n")
    release = collect(str(tmp_path))
    assert release.kind == ReleaseKind.BENCHMARK
    assert release.kind_evidence[0].rule == "local.kind.benchmark"
    assert "Evaluation Harness" in release.kind_evidence[0].detail


def test_licence_texts_are_not_a_model_release(tmp_path: Path) -> None:
    b.write(tmp_path, "README.md", "# Licence texts\n\nThe texts of the licences we track.\n")
    for spdx in ("MIT", "Apache-2.0", "BSD-3-Clause", "CC-BY-4.0", "GPL-3.0-only", "MPL-2.0"):
        b.write(tmp_path, f"src/{spdx}.xml", f"<license id='{spdx}'><text>…</text></license>\n")
    b.write(tmp_path, "schema/license.xsd", "<xs:schema/>\n")
    release = collect(str(tmp_path))
    assert release.kind == ReleaseKind.LICENCE_TEXTS
    assert release.kind_evidence[0].rule == "local.kind.licence-texts"


@pytest.mark.parametrize(
    ("files", "rule"),
    [
        (
            {"model.safetensors": b.safetensors({"w": [4, 4]}), "pyproject.toml": "[project]\n"},
            "local.kind.model-files",
        ),
        ({"MODEL_CARD.md": "# M\n", "setup.py": "setup()\n"}, "local.kind.model-files"),
        (
            {
                "README.md": "# M\n\n## Download\n\n[weights](https://dl.example.org/m/ckpt_final.pth)\n",
                "setup.py": "",
            },
            "local.kind.model-links",
        ),
        (
            {
                "model.py": "import torch.nn as nn\n\nclass GPT(nn.Module):\n    pass\n",
                "train.py": "loss.backward()\noptimizer.step()\n",
            },
            "local.kind.model-links",
        ),
    ],
)
def test_model_releases_say_why(tmp_path: Path, files: dict[str, str | bytes], rule: str) -> None:
    for rel, content in files.items():
        b.write(tmp_path, rel, content)
    release = collect(str(tmp_path))
    assert release.kind == ReleaseKind.MODEL and not release.not_a_model_release
    assert release.kind_evidence and release.kind_evidence[0].rule == rule


def test_empty_folder_is_not_judged(tmp_path: Path) -> None:
    release = collect(str(tmp_path))
    assert release.kind == "" and not release.not_a_model_release


def test_the_project_itself_is_not_a_model_release() -> None:
    """``openness assess .`` on this repository: a library, and no finder fires on its own tooling."""
    release = collect(str(ROOT))
    assert release.kind == ReleaseKind.LIBRARY, release.kind_evidence
    for name in (
        "Model architecture",  # src/openness/store/models.py holds ORM tables, not a network
        "Model parameters (Final)",
        "Training code",
        "Inference code",
        "Datasets",
        "Data preprocessing code",
    ):
        c = release.component(name)
        assert c is not None and c.presence.value in ("absent", "unknown"), (name, c.evidence[:2])


def test_kind_round_trips_and_follows_the_schema(tmp_path: Path) -> None:
    release = collect(str(library(tmp_path)))
    d = release_to_dict(release)
    assert d["kind"] == "library" and d["kind_evidence"][0]["rule"] == "local.kind.library"
    assert release_from_dict(d) == release
    plain = Release(name="m")
    assert "kind" not in release_to_dict(plain) and release_from_dict(release_to_dict(plain)) == plain
    out = to_dict(assess(str(tmp_path)))
    jsonschema.Draft202012Validator(schema()).validate(out)
    assert out["release"]["kind"] == "library"
    bad = dict(out, release=dict(out["release"], kind="weights"))
    assert not jsonschema.Draft202012Validator(schema()).is_valid(bad)


def test_reports_say_it_in_one_line_and_give_no_to_do_list(tmp_path: Path) -> None:
    from rich.console import Console

    a = assess(str(library(tmp_path)))
    md = markdown.render(a)
    assert md.count("Not a model release") == 1 and "local.kind.library" in md
    assert "### To reach" not in md and "### What to do next" not in md
    buf = io.StringIO()
    table.render(a, Console(file=buf, width=200))
    text = buf.getvalue()
    assert text.count("Not a model release") == 1
    assert "To reach" not in text and "What to do next" not in text


def test_a_model_release_keeps_its_to_do_list(tmp_path: Path) -> None:
    b.write(tmp_path, "model.safetensors", b.safetensors({"w": [4, 4]}))
    md = markdown.render(assess(str(tmp_path)))
    assert "Not a model release" not in md and "### To reach" in md


def test_kind_evidence_is_evidence() -> None:
    r = Release(
        name="x", kind="benchmark", kind_evidence=(Evidence("local", "README", "local.kind.benchmark"),)
    )
    assert r.not_a_model_release and release_from_dict(release_to_dict(r)) == r


ORM_MODELS = '''"""Tables of the job queue."""
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(500))
'''
NETWORK_MODEL = """import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(16, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x)
"""


def test_a_models_module_of_tables_is_not_an_architecture(tmp_path: Path) -> None:
    b.write(tmp_path, "src/queue_app/store/models.py", ORM_MODELS)
    b.write(
        tmp_path,
        "src/queue_app/models/records.py",
        "from dataclasses import dataclass\n\n@dataclass\nclass Row:\n    a: int\n",
    )
    arch = comp(collect(str(tmp_path)), "Model architecture")
    assert arch.presence is Presence.ABSENT, arch.evidence[:2]
    b.write(tmp_path, "tinynet/models.py", NETWORK_MODEL)
    arch = comp(collect(str(tmp_path)), "Model architecture")
    assert arch.presence is Presence.INCLUDED and arch.locations == ("tinynet/models.py",)


def test_a_models_module_read_in_part_keeps_its_name_hit(tmp_path: Path) -> None:
    """Past the read bound the network may be defined further down: the name rule stands."""
    b.write(tmp_path, "pkg/models.py", ORM_MODELS + "\n# padding\n" * 8000)
    arch = comp(collect(str(tmp_path)), "Model architecture")
    assert arch.presence is Presence.INCLUDED
