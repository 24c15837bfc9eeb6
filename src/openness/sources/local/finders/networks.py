"""A file named like a model (``models.py``, ``models/user.py``) that defines records, not a network: the
ORM tables of a web application or a registry. Read whole, it shows record definitions and no tensor
library, layers or forward pass, and the name rules' architecture hit on it is withdrawn (by the scan,
see ``withdrawn``)."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.finders import code, losses
from openness.sources.local.finders.common import hit
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import ARCH, Hit

NO_NETWORK = "local.arch.no-network"
NETWORK_MARKS = re.compile(
    r"\b(?:nn|linen|eqx|hk|snt|keras|layers)\.\w+|\bforward\(|\b__call__\(|\bsetup\(self\)"
    r"|\b(?:torch|jax|jnp|flax|haiku|tensorflow|tf|mlx|numpy|np|paddle|mindspore|onnx|transformers|timm)\b"
    r"|\b(?:PreTrainedModel|attention|Attention|Conv\w*|Linear|Dense|Embedding|LayerNorm|softmax|matmul)\b"
)
"""What code defining a network uses: a tensor library, layers, a forward pass."""
RECORD_MARKS = re.compile(
    r"\b(?:declarative_base|DeclarativeBase|mapped_column|Mapped\[|__tablename__|sqlalchemy|peewee|"
    r"django\.db|models\.Model|BaseModel|dataclass|TypedDict|NamedTuple)\b"
)
"""What record definitions use: ORM tables, schemas, dataclasses. The name hit is withdrawn only on this
positive sign, so that a scan that could not read the file (a budget) never says more than one that
could."""


BUILT_MODEL_WALK = re.compile(r"\.(?:state_dict|named_modules|named_parameters|named_children)\(\)")
"""Rule ``walks-built-model``: code that takes a model already built and walks its modules or weights
(``model.named_modules()``, ``model.state_dict()``) to hand them to another runtime or format."""
DEFINES_NETWORK = re.compile(
    r"^\s*class\s+\w+|\b(?:nn|linen|eqx|hk|snt|layers|keras\.layers)\.[A-Z]\w*\(|\bget_variable\(|\bParameter\(",
    re.MULTILINE,
)
"""What a network definition does: classes, layers built by calling their constructors, variables."""


def by_name(f: FileInfo) -> list[Hit]:
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    return None  # code.wants already reads every .py file; this finder judges the same bytes


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.ext != ".py" or len(data) < f.size:
        return []  # a file not read whole may define its network further down: the name hit stands
    if not any(h.component == ARCH for h in code.by_name(f)):
        return []
    text = data.decode("utf-8", "replace")
    walk = BUILT_MODEL_WALK.search(text)
    if walk is not None and DEFINES_NETWORK.search(text) is None:
        detail = f"{f.name} walks a model built elsewhere ('{walk.group(0)}') and defines no class or layer"
        return [hit(ARCH, f, NO_NETWORK, 0.6, detail, Presence.ABSENT)]
    if NETWORK_MARKS.search(text):
        return []
    records = RECORD_MARKS.search(text)
    if records is None:
        return []  # neither a network nor records (an empty file, re-exports): the name hit stands
    detail = f"{f.name} defines records ('{records.group(0)}'), no network: no tensor library or layers"
    return [hit(ARCH, f, NO_NETWORK, 0.7, detail, Presence.ABSENT)]


def withdrawn(hits: list[Hit]) -> list[Hit]:
    """The hits without the architecture hits on files that define no network (nor the markers)."""
    markers = (NO_NETWORK, losses.TRAINING_SIDE)
    files = {h.rel for h in hits if h.rule in markers}
    if not files:
        return hits
    return [h for h in hits if h.rule not in markers and not (h.component == ARCH and h.rel in files)]
