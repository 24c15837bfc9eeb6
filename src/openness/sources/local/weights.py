"""Bounded readers for weight files: Git LFS pointers, safetensors headers, GGUF headers.

Nothing here loads weights or unpickles anything: a pickle-based file (.bin, .pt, .pkl …) is
recognised by its name and size alone. Formats: Git LFS pointer spec v1 (git-lfs/docs/spec.md);
safetensors (an 8-byte little-endian header length, then a JSON header; huggingface/safetensors);
GGUF (magic ``GGUF``, uint32 version, uint64 tensor count, uint64 metadata count; ggml docs/gguf.md).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from openness.sources.bounded import ParseError, load_json

LFS_MAX = 1024
"""A Git LFS pointer is under 200 bytes; anything larger is not one."""
SAFETENSORS_HEADER_MAX = 4 * 1024 * 1024
GGUF_HEAD = 24
_LFS_RE = re.compile(
    rb"\Aversion https://git-lfs\.github\.com/spec/v1\r?\noid sha256:([0-9a-f]{64})\r?\nsize (\d+)\r?\n?",
    re.ASCII,
)


@dataclass(frozen=True, slots=True)
class LfsPointer:
    sha256: str
    size: int


def lfs_pointer(data: bytes) -> LfsPointer | None:
    """The object a Git LFS pointer file names, or None when the bytes are not a pointer."""
    if len(data) > LFS_MAX:
        return None
    m = _LFS_RE.match(data)
    if m is None:
        return None
    return LfsPointer(m.group(1).decode(), int(m.group(2)))


def safetensors_header_length(head: bytes, file_size: int) -> int | None:
    """The JSON header length from the first 8 bytes, when plausible for a file of this size."""
    if len(head) < 8:
        return None
    (n,) = struct.unpack("<Q", head[:8])
    if n < 2 or n + 8 > file_size:
        return None
    return int(n)


def safetensors_summary(header: bytes) -> str | None:
    """'N tensors, M parameters, dtypes …' from a safetensors JSON header, or None if it is not one."""
    try:
        value = load_json(header)
    except ParseError:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        return None
    tensors = {k: v for k, v in value.items() if k != "__metadata__" and isinstance(v, dict)}
    params = 0
    dtypes: set[str] = set()
    for info in tensors.values():
        shape = info.get("shape")
        if isinstance(shape, list) and all(isinstance(d, int) and d >= 0 for d in shape):
            count = 1
            for d in shape:
                count *= d
            params += count
        dtype = info.get("dtype")
        if isinstance(dtype, str):
            dtypes.add(dtype)
    return f"{len(tensors)} tensors, {params:,} parameters, dtypes {', '.join(sorted(dtypes)) or 'none'}"


def gguf_summary(head: bytes) -> str | None:
    """'GGUF vN, T tensors, K metadata keys' from the first 24 bytes, or None if not GGUF."""
    if len(head) < GGUF_HEAD or head[:4] != b"GGUF":
        return None
    version, tensors, keys = struct.unpack("<IQQ", head[4:24])
    return f"GGUF v{version}, {tensors} tensors, {keys} metadata keys"
