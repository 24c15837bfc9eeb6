"""Regenerate ``src/openness/licences/data/mot_compat.json`` from the Model Openness Tool's licence lists.

The MOT (github.com/lfai/model_openness_tool, MIT licence) loads an SPDX licence-list snapshot and then
its own MOF overrides (``mof-licenses.json``), where a later entry for an id replaces the earlier one.
This script keeps only the facts openness needs to reproduce its evaluator: which ids it treats as
OSI-approved or FSF-libre, and the content types of the override entries.

Usage:
    python tools/build_mot_compat.py SPDX_SNAPSHOT.json MOF_LICENSES.json \
        > src/openness/licences/data/mot_compat.json
"""

from __future__ import annotations

import json
import sys


def main(snapshot_path: str, overrides_path: str) -> None:
    with open(snapshot_path, encoding="utf-8") as fh:
        snapshot = json.load(fh)
    with open(overrides_path, encoding="utf-8") as fh:
        overrides = json.load(fh)
    table: dict[str, dict[str, object]] = {}
    for entry in snapshot["licenses"]:
        table[entry["licenseId"]] = {
            "osi": bool(entry.get("isOsiApproved")),
            "fsf": bool(entry.get("isFsfLibre")),
            "types": [],
        }
    mof_entries = []
    for entry in overrides["licenses"]:
        types = entry.get("ContentType") or []
        types = [types] if isinstance(types, str) else list(types)
        fact = {"osi": bool(entry.get("isOsiApproved")), "fsf": bool(entry.get("isFsfLibre")), "types": types}
        table[entry["licenseId"]] = fact  # a later entry replaces the earlier one entirely
        mof_entries.append({"id": entry["licenseId"], **fact})
    out = {
        "source": "Model Openness Tool (github.com/lfai/model_openness_tool, MIT licence): "
        "SPDX licence list snapshot as loaded by the MOT, then its mof-licenses.json overrides",
        "spdx_snapshot": {"version": snapshot.get("licenseListVersion"), "date": snapshot.get("releaseDate")},
        "mof_overrides_version": overrides.get("licenseListVersion"),
        "open_ids": sorted(k for k, v in table.items() if v["osi"] or v["fsf"]),
        "mof_overrides": mof_entries,
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
