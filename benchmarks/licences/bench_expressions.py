"""Licence expressions: openness's whole reading against parsing alone with license-expression (peer).

Run: .venv/bin/python benchmarks/licences/bench_expressions.py [--count N]
Builds N distinct expressions from ten common SPDX ids (``A AND (B OR C)``), then times in one process:
- the peer: ``license_expression``'s SPDX ``Licensing`` (built once, outside the timing) parsing each;
- ``openness.licences.identify`` on each (normalise, parse, the MOF judgement for three content types,
  the OSD / EU AI Act reading), and the verdict frameworks' ``read_licence`` on each.
Every expression is new to openness's caches, so this is the cost of a first reading.
"""

from __future__ import annotations

import argparse
import itertools
import time

IDS = ("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only", "CC-BY-4.0", "MPL-2.0", "ISC", "LGPL-2.1-only",
       "CC-BY-NC-4.0", "Unlicense", "BSD-2-Clause", "EPL-2.0")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    expressions = [f"{a} AND ({b} OR {c})" for a, b, c in itertools.permutations(IDS, 3)][: args.count]
    half = len(expressions) // 2
    from license_expression import get_spdx_licensing

    from openness.frameworks.licence_facts import default_facts, read_licence
    from openness.licences import identify

    licensing = get_spdx_licensing()
    licensing.parse("MIT AND Apache-2.0")
    identify("MIT AND Apache-2.0")  # load openness's data once, as a command does
    facts = default_facts()

    start = time.perf_counter()
    for e in expressions:
        licensing.parse(e, validate=False, strict=False)
    peer = time.perf_counter() - start
    start = time.perf_counter()
    for e in expressions[:half]:
        identify(e)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for e in expressions[half:]:
        read_licence(e, facts)
    view = time.perf_counter() - start
    n = len(expressions)
    print(f"expressions: {n} distinct (identify and read_licence each on a different half)")
    print(f"license-expression parse (peer): {peer / n * 1e6:8.0f} us each")
    each = peer / n
    rows = [("openness identify:", ours / half), ("openness read_licence:", view / (n - half))]
    for label, t in rows:
        print(f"{label:<33}{t * 1e6:8.0f} us each  ({t / each:.1f}x)")


if __name__ == "__main__":
    main()
