"""Bounded weight-header readers: Git LFS pointers, safetensors, GGUF."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from openness.sources.local import weights

from . import builders as b


def test_lfs_pointer() -> None:
    p = weights.lfs_pointer(b.lfs_pointer(42).encode())
    assert p == weights.LfsPointer(b.SHA, 42)
    assert weights.lfs_pointer(b"version https://git-lfs.github.com/spec/v1\noid md5:x\nsize 1\n") is None
    assert weights.lfs_pointer(b.lfs_pointer(42).encode() + b"x" * 2000) is None


def test_safetensors_header() -> None:
    raw = b.safetensors({"a": [2, 3], "b": [4]})
    n = weights.safetensors_header_length(raw[:8], len(raw))
    assert n is not None
    assert weights.safetensors_summary(raw[8 : 8 + n]) == "2 tensors, 10 parameters, dtypes BF16"
    assert weights.safetensors_header_length(struct.pack("<Q", 10**12), 1000) is None
    assert weights.safetensors_summary(b"[1, 2]") is None


def test_gguf_header() -> None:
    head = b"GGUF" + struct.pack("<IQQ", 3, 291, 24)
    assert weights.gguf_summary(head) == "GGUF v3, 291 tensors, 24 metadata keys"
    assert weights.gguf_summary(b"GGML" + head[4:]) is None


@given(st.binary(max_size=2048))
def test_readers_never_raise_on_arbitrary_bytes(data: bytes) -> None:
    weights.lfs_pointer(data)
    weights.safetensors_header_length(data, len(data))
    weights.safetensors_summary(data)
    weights.gguf_summary(data)
