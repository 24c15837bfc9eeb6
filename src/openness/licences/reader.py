"""The one licence reader: the bytes of a licence file (LICENSE, COPYING, NOTICE, MODEL_LICENSE …) in, what
licence it holds out. ``openness licence --file``, the folder and git scans and the Hub collector all read
licence files through ``read_licence_file``, so one file always gets one answer.

A file is read whole up to ``MAX_BYTES``; a larger file (or one the caller could not read whole) is not
guessed at: its licence is unknown, with a note naming the file and the bound. Identification is
``openness.licences.identification.identify_text`` (the text matcher with its sections); nothing else
names a licence. Pure: the caller reads the file.
"""

from __future__ import annotations

from dataclasses import replace

from openness.licences.identification import Identification, identify_text, unknown_text

MAX_BYTES = 2**20
"""Largest licence file read (1 MiB: the longest licence texts are under 100 KB; third-party notice
files run to a few hundred)."""


def decode(data: bytes) -> str:
    """The text of a licence file: UTF-8 (a BOM dropped), UTF-16 when it starts with its BOM; bytes that
    do not decode become U+FFFD."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def read_licence_file(data: bytes, origin: str, size: int | None = None) -> Identification:
    """Identify the licence in a licence file's bytes. ``size`` is the file's size when known: a file
    larger than ``MAX_BYTES``, or ``data`` shorter than the file (a read cut short), is unknown."""
    total = max(size or 0, len(data))
    if total > MAX_BYTES:
        return unknown_text(
            origin,
            f"{origin} is {total:,} bytes, over the {MAX_BYTES:,}-byte bound for a licence file: it was "
            "not read whole, so its licence is unknown",
        )
    if size is not None and len(data) < size:
        return unknown_text(
            origin,
            f"only {len(data):,} of the {size:,} bytes of {origin} could be read (scan budget): its "
            "licence is unknown",
        )
    ident = identify_text(decode(data), origin)
    return replace(ident, input=origin)
