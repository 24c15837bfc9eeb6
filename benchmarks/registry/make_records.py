"""Synthetic MOT YAML records for the registry benchmark: ``N`` releases of ``N / REVISIONS`` fictional
models, each model in ``REVISIONS`` revisions (``rev1/NAME.yml``, ``rev2/NAME.yml``…: the same model key,
different content, so the registry keeps a history), with a fixed seed.

The names, producers and licence strings are our own inventions, mixed the way real records are: SPDX ids,
the spellings people write ('Apache 2.0', 'CC BY 4.0'), community and non-commercial licences, "unlicensed",
components missing. Run:

    .venv/bin/python benchmarks/registry/make_records.py 10000 /tmp/registry-records
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from openness.domain.components import COMPONENTS

REVISIONS = 2
FIRST = ("Wren", "Finch", "Heron", "Lark", "Kestrel", "Plover", "Tern", "Swift", "Ibis", "Rook", "Egret")
SECOND = ("Code", "Chat", "Base", "Vision", "Math", "Instruct", "Audio", "Embed", "Lite", "")
SIZES = ("125M", "350M", "1B", "3B", "7B", "8B", "13B", "34B", "70B")
PRODUCERS = ("Example Lab", "North Data Co", "Open Fjord Institute", "Lumen Research", "Tidewater AI")
TYPES = (("language", "transformer decoder"), ("image", "diffusion"), ("multimodal", "transformer"))
CODE = ("Apache-2.0", "MIT", "Apache 2.0", "BSD-3-Clause", "GPL-3.0-only", "unlicensed", "")
DOCS = ("CC-BY-4.0", "CC BY 4.0", "CC-BY-SA-4.0", "CC0-1.0", "unlicensed", "")
DATA = ("CDLA-Permissive-2.0", "ODC-By-1.0", "CC-BY-4.0", "CC-BY-NC-4.0", "unlicensed", "")
WEIGHTS = ("Apache-2.0", "MIT", "Example Community License", "CC-BY-NC-4.0", "OpenRAIL-M", "unlicensed")


def licence_for(rng: random.Random, content: str) -> str:
    pool = {"code": CODE, "document": DOCS, "data": DATA}.get(content, WEIGHTS)
    return rng.choice(pool)


def record(rng: random.Random, name: str, size: str, revision: int) -> dict[str, object]:
    kind, architecture = rng.choice(TYPES)
    share = rng.random()
    components = []
    for spec in COMPONENTS:
        if rng.random() > share + 0.2 * revision:  # later revisions release more
            continue
        licence = licence_for(rng, str(spec.content_type))
        components.append({"name": spec.name, "description": spec.description, "license": licence})
    return {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {
            "name": name,
            "version": f"{size}-r{revision}",
            "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "type": kind,
            "architecture": architecture,
            "origin": "",
            "producer": rng.choice(PRODUCERS),
            "contact": "",
            "license": {"distribution": {"name": rng.choice(WEIGHTS), "path": "LICENSE"}},
            "components": components,
        },
    }


def generate(count: int, folder: Path, seed: int = 7) -> int:
    """Write ``count`` records; returns how many models they are of."""
    models = max(1, count // REVISIONS)
    for revision in range(1, REVISIONS + 1):
        (folder / f"rev{revision}").mkdir(parents=True, exist_ok=True)
    for index in range(models):
        for revision in range(1, REVISIONS + 1):
            named = random.Random(f"{seed}-{index}")
            size = named.choice(SIZES)
            name = f"{named.choice(FIRST)}{named.choice(SECOND)}-{size}-{index:05d}"
            body = record(random.Random(f"{seed}-{index}-{revision}"), name, size, revision)
            path = folder / f"rev{revision}" / f"synthetic-{index:05d}.yml"
            path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many releases (records)")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    models = generate(args.count, args.folder)
    print(f"{models * REVISIONS} records of {models} models under {args.folder}")


if __name__ == "__main__":
    main()
