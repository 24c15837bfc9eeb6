"""Regenerate ``src/openness/sources/hf/data/transformers_model_types.json`` from a transformers wheel.

The table says which ``config.json`` ``model_type`` values the transformers library implements, and in
which folder of ``transformers/models/``: a Hub model of such a type needs no code of its own, its
architecture is transformers' code under transformers' licence. Read from the wheel as text (AST
literals of ``models/auto/auto_mappings.py`` and ``configuration_auto.py``); nothing is imported or run.
A model type is kept only when its folder exists in the wheel.

Usage (the wheel from PyPI, e.g. ``pip download --no-deps transformers==5.24.0``):
    python tools/build_transformers_types.py transformers-5.24.0-py3-none-any.whl YYYY-MM-DD \
        > src/openness/sources/hf/data/transformers_model_types.json
"""

from __future__ import annotations

import ast
import json
import re
import sys
import zipfile

AUTO = "transformers/models/auto/"


def _literal_pairs(tree: ast.Module, name: str) -> dict[str, str]:
    """``NAME = OrderedDict([(k, v), ...])`` and ``NAME.update({k: v})`` literals, in file order."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        value: ast.expr | None = None
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            value = node.args[0] if node.args else None
        if isinstance(value, ast.Call) and value.args:
            value = value.args[0]
        if isinstance(value, (ast.List, ast.Dict)):
            try:
                literal = ast.literal_eval(value)
            except ValueError:
                continue
            out.update(dict(literal))
    return out


def main(wheel: str, date: str) -> None:
    version = re.search(r"transformers-([^-]+)-", wheel.rsplit("/", 1)[-1])
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        mappings = ast.parse(zf.read(AUTO + "auto_mappings.py"))
        extra = ast.parse(zf.read(AUTO + "configuration_auto.py"))
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        licence_line = next(
            (ln for ln in zf.read(meta).decode().splitlines() if ln.startswith("License:")), "License: ?"
        )
    folders = {n.split("/")[2] for n in names if n.startswith("transformers/models/") and n.count("/") >= 3}
    types = {
        **_literal_pairs(mappings, "CONFIG_MAPPING_NAMES"),
        **_literal_pairs(extra, "CONFIG_MAPPING_NAMES"),
    }
    special = {
        **_literal_pairs(mappings, "SPECIAL_MODEL_TYPE_TO_MODULE_NAME"),
        **_literal_pairs(extra, "SPECIAL_MODEL_TYPE_TO_MODULE_NAME"),
    }
    table = {}
    for model_type in sorted(types):
        folder = special.get(model_type, model_type.replace("-", "_"))
        if folder in folders:
            table[model_type] = folder
    out = {
        "library": "transformers",
        "version": version.group(1) if version else "?",
        "licence": "Apache-2.0",
        "licence_source": f"the wheel's METADATA ({licence_line.strip()}) and its LICENSE file",
        "repository": "https://github.com/huggingface/transformers",
        "source": "CONFIG_MAPPING_NAMES and SPECIAL_MODEL_TYPE_TO_MODULE_NAME in "
        "transformers/models/auto/auto_mappings.py and configuration_auto.py of the PyPI wheel; a type is "
        "kept when its folder exists under transformers/models/",
        "date": date,
        "model_types": table,
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
