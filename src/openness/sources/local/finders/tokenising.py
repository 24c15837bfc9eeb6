"""Rule ``tokenise-and-write``: tokenising text is data preprocessing only where the tokens are written
out as training data. A tokeniser module calling its encoder (``encode_ordinary`` inside a tokeniser
class) and a script that tokenises captions to print length statistics prepare no data; nanoGPT-style
``prepare.py`` files, which tokenise and then write ``.bin`` shards through a memory map, do; so does a
script calling its encoder object (``encoder.encode(doc)``) and writing TFRecords (gpt-neo's
``create_tfrecords.py``)."""

from __future__ import annotations

import re

TOKENISE_CALL = re.compile(
    r"encode_ordinary|\.map\([^)\n]*tokeni[sz]|\b(?:enc|encoder|tokenizer|tokeniser)\.encode(?:_batch)?\("
)
"""The tokenising alternatives of the ``tokenise-or-dedup`` pattern (deduplication needs no write)."""
WRITES_DATA = re.compile(
    r"\.tofile\(|\bnp\.memmap\(|\bnp\.save\w*\(|\bjson\.dump\(|\.to_parquet\(|\.to_json\(|\.save_to_disk\("
    r"|\.push_to_hub\(|\.write\(|\bpickle\.dump\(|\btorch\.save\("
)
"""Calls that write what was tokenised: shards, arrays, JSON lines, a saved or pushed dataset."""
TOKENISER_STEMS = ("tokenizer", "tokenization", "tokeniser")
ENCODER_CALL = re.compile(r"\b(?:enc|encoder|tokenizer|tokeniser)\.encode(?:_batch)?\(")
"""A call on the tokeniser object (``encoder.encode(doc)``): common in evaluation and inference code too,
so only a write of training shards makes it preprocessing (``SHARD_WRITES``)."""
SHARD_WRITES = re.compile(
    r"\bTFRecordWriter\(|\bnp\.memmap\(|\.tofile\(|\.save_to_disk\(|\.to_parquet\(|\bArrowWriter\("
)
"""Writes of training-data shards (TFRecords, memory-mapped token arrays, saved or Parquet datasets)."""


def prepares_data(stem: str, text: str, matched: str) -> bool:
    """Whether a ``tokenise-or-dedup`` match in a file with this stem and text is data preprocessing."""
    if ENCODER_CALL.match(matched):
        return SHARD_WRITES.search(text) is not None
    if not TOKENISE_CALL.match(matched):
        return True  # deduplication (MinHash, dedup()) is preprocessing wherever it is
    if stem.startswith(TOKENISER_STEMS) or stem.endswith(("_tokenizer", "_tokeniser")):
        return False  # the tokeniser itself, used at training and inference time alike
    return WRITES_DATA.search(text) is not None
