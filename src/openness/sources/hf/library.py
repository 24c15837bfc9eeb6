"""Architectures a library implements: the recorded table of transformers' ``model_type`` values.

A Hub model whose ``config.json`` names a ``model_type`` that transformers implements needs no code of
its own: its architecture is the code in transformers' ``models/<folder>/``, under transformers'
licence. The table is data (``data/transformers_model_types.json``) with its source, version and date;
``tools/build_transformers_types.py`` regenerates it from a transformers wheel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

TABLE = "transformers_model_types.json"


@dataclass(frozen=True, slots=True)
class LibraryArchitecture:
    """Where a library implements a model type, and under which licence."""

    library: str
    version: str
    licence: str
    folder: str
    url: str
    """The folder in the library's repository, at the tag of the version recorded."""
    source: str
    """Where the table came from and when."""


@cache
def _table() -> dict[str, Any]:
    text = resources.files("openness.sources.hf").joinpath("data", TABLE).read_text("utf-8")
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def in_transformers(model_type: str) -> LibraryArchitecture | None:
    """The transformers folder implementing ``model_type``, or None when the table does not list it."""
    table = _table()
    folder = (table.get("model_types") or {}).get(model_type)
    if not isinstance(folder, str):
        return None
    version = str(table.get("version", ""))
    return LibraryArchitecture(
        library=str(table.get("library", "transformers")),
        version=version,
        licence=str(table.get("licence", "")),
        folder=folder,
        url=f"{table.get('repository')}/tree/v{version}/src/transformers/models/{folder}",
        source=f"{table.get('source')} (transformers {version}, recorded {table.get('date')})",
    )


@dataclass(frozen=True, slots=True)
class Library:
    """The library the table records: its name, licence, repository and version."""

    name: str
    licence: str
    repository: str
    version: str


def recorded_library() -> Library:
    """The library whose model classes the table records (transformers), with its recorded licence."""
    table = _table()
    return Library(
        name=str(table.get("library", "transformers")),
        licence=str(table.get("licence", "")),
        repository=str(table.get("repository", "")),
        version=str(table.get("version", "")),
    )


def folder_of_class(class_name: str) -> str | None:
    """The transformers folder a model class belongs to (``LlamaForCausalLM`` → ``llama``,
    ``GPTBigCodeForCausalLM`` → ``gpt_bigcode``), or None: an ``Auto…`` class, or a prefix the table
    does not list."""
    prefix = class_name.split("For", 1)[0]
    prefix = prefix[: -len("Model")] if prefix.endswith("Model") else prefix
    if not prefix or prefix.startswith("Auto"):
        return None
    key = prefix.lower()
    folders = (_table().get("model_types") or {}).values()
    for folder in folders:
        if isinstance(folder, str) and folder.replace("_", "") == key:
            return folder
    return None
