"""Rule ``loss-module``: network modules that only serve training — losses, discriminators of an
adversarial loss, perceptual-similarity criteria — are training code, not the released model's
architecture. A Python file is such a module when it defines network classes and either sits in a
``loss``/``losses``/``criterion`` folder or is named for a loss or a discriminator, or when every network
class it defines is named as one (``class PatchDiscriminator(nn.Module)``). Its architecture hits are
withdrawn by the scan (``networks.withdrawn``) and a training hit stands in their place."""

from __future__ import annotations

import re

from openness.domain.release import Presence
from openness.sources.local.finders.common import hit
from openness.sources.local.fs import FileInfo
from openness.sources.local.hits import ARCH, TRAINING, Hit

RULE = "local.train.loss-module"
TRAINING_SIDE = "local.arch.training-side"
MODULE_CLASS = re.compile(
    r"^class\s+(\w+)\s*\(\s*(?:torch\.)?(?:nn|linen|eqx|hk|keras|tf\.keras|layers)\.(?:Module|Layer|Model)\b",
    re.MULTILINE,
)
LOSS_FOLDERS = frozenset({"loss", "losses", "criterion", "criterions", "criteria"})
LOSS_WORDS = frozenset({"loss", "losses", "discriminator", "discriminators", "criterion"})
LOSS_CLASS = re.compile(r"(?:Loss|Discriminator|Criterion)$")


def by_name(f: FileInfo) -> list[Hit]:
    return []


def wants(f: FileInfo) -> tuple[int, int] | None:
    return None  # code.wants already reads every .py file; this finder judges the same bytes


def by_content(f: FileInfo, data: bytes) -> list[Hit]:
    if f.ext != ".py":
        return []
    names = MODULE_CLASS.findall(data.decode("utf-8", "replace"))
    if not names:
        return []
    stem_words = set(re.split(r"[_\-.]", f.lower[: -len(f.ext)]))
    placed = not LOSS_FOLDERS.isdisjoint(f.dirs) or not LOSS_WORDS.isdisjoint(stem_words)
    if not placed and not all(LOSS_CLASS.search(n) for n in names):
        return []
    detail = f"{f.name} defines what trains a network ({', '.join(names[:3])}), not the released network"
    return [
        hit(TRAINING, f, RULE, 0.6, detail),
        hit(ARCH, f, TRAINING_SIDE, 0.6, detail, Presence.ABSENT),
    ]
