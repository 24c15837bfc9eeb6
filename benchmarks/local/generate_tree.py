"""Generate a release-like tree of N files (default 100,000) for the local-scan benchmark.

The mix mimics a large training repository: Python packages with SPDX headers, configs, docs, data
shards, a few checkpoints and weights, licence files in some folders, plus 400 files of vendored code
and a virtual environment that the scan must skip (so about 99,600 files are scanned).
Deterministic for a given N and seed.
"""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

APACHE = (
    "                                 Apache License\n                           Version 2.0, January 2004\n"
)
PY = (
    '# SPDX-License-Identifier: Apache-2.0\n"""Module {i}."""\n\nimport torch\n\n\n'
    "def f{i}(x):\n    return x * {i}\n" + "# padding line for a realistic file size\n" * 12
)


def generate(root: Path, n: int, seed: int = 0) -> int:
    rnd = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    files = 0

    def put(rel: str, content: str | bytes) -> None:
        nonlocal files
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        path.write_bytes(content)
        files += 1

    put("LICENSE", APACHE)
    put("README.md", "---\nlicense: apache-2.0\n---\n# big-lm\n\nPaper: https://arxiv.org/abs/2402.00838\n")
    put("pyproject.toml", '[project]\nname = "biglm"\nlicense = "Apache-2.0"\n')
    put("train.py", "loss.backward()\noptimizer.step()\n")
    put("generate.py", "model.generate(x)\n")
    put("config.json", '{"architectures": ["BigLM"], "model_type": "big"}\n')
    for step in range(0, 10_000, 1000):
        put(f"checkpoints/step{step}/model.safetensors", b"\x08\0\0\0\0\0\0\0{}      ")
    for i in range(200):  # vendored code and an environment: the scan skips these
        put(f"third_party/lib/f{i}.py", PY.format(i=i))
        put(f".venv/lib/python3.11/site-packages/m{i}.py", PY.format(i=i))
    kinds = (
        ["py"] * 60 + ["json"] * 8 + ["md"] * 4 + ["yaml"] * 6 + ["jsonl"] * 10 + ["txt"] * 8 + ["bin"] * 4
    )
    pkg = 0
    while files < n:
        pkg += 1
        base = rnd.choice(["biglm", "biglm", "tools", "data", "eval", "scripts"])
        folder = f"{base}/pkg{pkg:05}"
        if pkg % 50 == 0:
            put(f"{folder}/LICENSE", APACHE)
        for i in range(min(rnd.randint(20, 200), n - files)):
            kind = rnd.choice(kinds)
            rel = f"{folder}/sub{i % 7}/f{i:04}.{kind}"
            if kind == "py":
                put(rel, PY.format(i=i))
            elif kind in ("json", "yaml"):
                put(rel, "{}\n" if kind == "json" else "a: 1\n")
            elif kind == "jsonl":
                put(rel, '{"text": "hello"}\n' * rnd.randint(1, 20))
            elif kind == "bin":
                put(rel, os.urandom(rnd.randint(100, 3000)))
            else:
                put(rel, "text\n" * rnd.randint(1, 40))
            if files >= n:
                break
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(generate(args.root, args.files, args.seed))


if __name__ == "__main__":
    main()
