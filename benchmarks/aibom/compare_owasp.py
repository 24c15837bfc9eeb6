"""What openness's CycloneDX ML-BOM holds against the OWASP AIBOM Generator's fields and completeness score.

Inputs: three Hub models served by the tests' loopback replay (Pythia-like, Llama-like gated, a
fine-tune; nothing is fetched from the network) and the bundled ``examples/*.yml``. For each, openness
writes its CycloneDX 1.6 BOM (``cyclonedx.render``, checked against the schema), and our scorer
(``owasp_score.py``, over the field table ``owasp_fields.toml``) reports:

  1. per field: category, tier, what openness knows of it, and whether each BOM holds it at the path the
     generator's registry names and at the (sometimes different) location its documentation names;
  2. per input: the score four ways: registry paths only; documented paths only; as the generator
     computes it (registry path, then a search by name); and as the generator would compute it if its
     ``components[0]`` paths read the BOM's subject (``metadata.component``, where CycloneDX puts the
     model a BOM describes); and with the facts openness's BOM already holds moved to the generator's
     paths (``moved``: nothing added that the BOM does not say elsewhere);
  3. the gaps: fields openness knows (or writes elsewhere) but that the score does not find.

Run:  .venv/bin/python benchmarks/aibom/compare_owasp.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["OPENNESS_ARXIV_ENDPOINT"] = "off"  # no network: arXiv is not read

import owasp_score  # noqa: E402
from tests.sources_hf import hubdata  # noqa: E402
from tests.sources_hf.replay import running  # noqa: E402

from openness import service  # noqa: E402
from openness.reports import cyclonedx  # noqa: E402
from openness.sources.options import CollectOptions  # noqa: E402

HUB = [
    ("pythia-like", "hf:EleutherAI/pythia-160m"),
    ("llama-like gated", "hf:meta-llama/Llama-2-7b-hf"),
    ("fine-tune", "hf:acme/pythia-160m-chat"),
]
KNOWN = {"elsewhere", "knows"}


@contextmanager
def _hub() -> Iterator[CollectOptions]:
    with running() as hub, tempfile.TemporaryDirectory() as cache:
        base, datasets = hubdata.pythia()
        hub.add_model(base)
        for d in datasets:
            hub.add_dataset(d)
        hub.add_model(hubdata.llama())
        hub.add_model(hubdata.finetune())
        hub.add_dataset(hubdata.Dataset("acme/chat-pairs", "cc-by-4.0"))
        yield CollectOptions(endpoint=hub.endpoint, cache_dir=cache, follow_code=False, refresh=True)


def boms() -> list[tuple[str, dict[str, Any]]]:
    """(label, CycloneDX document) for every input, each checked against the 1.6 schema."""
    out: list[tuple[str, str]] = []
    os.environ.pop("HF_TOKEN", None)
    with _hub() as fetch:
        for label, target in HUB:
            out.append((label, cyclonedx.render(service.assess(target, collect_options=fetch))))
    for path in sorted((ROOT / "examples").glob("*.yml")):
        out.append((path.stem, cyclonedx.render(service.assess(str(path)))))
    for label, text in out:
        error = cyclonedx.validate(text)
        if error is not None:
            raise SystemExit(f"openness's BOM for {label} is not valid CycloneDX 1.6: {error}")
    return [(label, json.loads(text)) for label, text in out]


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


def _ceiling(table: owasp_score.Table, kinds: set[str]) -> float:
    """The score a BOM would reach with every field whose openness knowledge is of these kinds."""
    return owasp_score.tally({f.name: f.openness in kinds for f in table.fields}, table)[0]


def moved(doc: dict[str, Any]) -> dict[str, Any]:
    """The same facts at the generator's paths: the subject first among the components, and the task,
    supplier, architecture and Hub (else repository) link that openness's BOM already holds elsewhere,
    copied to the metadata properties and a BOM-level distribution reference. Nothing new is added."""
    out = owasp_score.subject_first(doc)
    subject = doc["metadata"]["component"]
    params = subject.get("modelCard", {}).get("modelParameters", {})
    found = {
        "primaryPurpose": params.get("task"),
        "suppliedBy": (subject.get("supplier") or {}).get("name"),
        "typeOfModel": params.get("modelArchitecture"),
    }
    props = list(doc["metadata"].get("properties", []))
    props += [{"name": k, "value": v} for k, v in found.items() if v]
    links = {p["name"]: p["value"] for p in props}
    link = links.get("openness:release:link:huggingface") or links.get("openness:release:link:repository")
    out["metadata"] = {**doc["metadata"], "properties": props}
    if link:
        out["externalReferences"] = [{"type": "distribution", "url": link}]
    return out


def main() -> None:
    table = owasp_score.load()
    docs = boms()
    labels = [label for label, _ in docs]
    short = [f"#{i + 1}" for i in range(len(docs))]
    print("Inputs: " + "; ".join(f"{s} {label}" for s, label in zip(short, labels, strict=True)))
    print("\nFields: present in openness's BOM at the registry's path / at the documented path, per input")
    print(
        f"  {'field':32s} {'category':21s} {'tier':13s} {'openness':9s} "
        + " ".join(f"{s:^7s}" for s in short)
    )
    for f in table.fields:
        cells = " ".join(
            f"{_yn(owasp_score.at_path(doc, f.path)):>3s}/{_yn(owasp_score.at_path(doc, f.doc_path)):3s}"
            for _, doc in docs
        )
        print(f"  {f.name:32s} {f.category:21s} {f.tier:13s} {f.openness:9s} {cells}")

    print("\nCompleteness score (of 100) and the profile met:")
    modes = [
        ("registry paths", {"fallback": False}),
        ("documented paths", {"fallback": False, "documented": True}),
        ("as the generator", {}),
    ]
    extra = f"{'generator, subject 1st':>26s}{'same facts moved':>22s}"
    print(f"  {'input':18s}" + "".join(f"{m:>22s}" for m, _ in modes) + extra)
    for label, doc in docs:
        row = [owasp_score.score(doc, table, **kw) for _, kw in modes]
        row.append(owasp_score.score(owasp_score.subject_first(doc), table))
        row.append(owasp_score.score(moved(doc), table))
        print(f"  {label:18s}" + "".join(f"{r.total:11.1f} {r.profile:>10s}" for r in row[:3]), end="")
        print(f"{row[3].total:15.1f} {row[3].profile:>10s}{row[4].total:11.1f} {row[4].profile:>10s}")
    print("\nPer category, as the generator (first input):")
    first = owasp_score.score(docs[0][1], table)
    for category, value in first.categories.items():
        print(f"  {category:21s} {value:5.1f} / {table.category_weights[category]:g}")
    print(f"  penalty factor {first.penalty:g}")

    print("\nCeilings: the score with every field, at the generator's paths, that openness:")
    levels = [
        ("writes today, wherever it writes it", {"written", "elsewhere"}),
        ("also knows but does not write", {"written", "elsewhere", "knows"}),
        ("also holds a pointer to (not the fact)", {"written", "elsewhere", "knows", "partly"}),
        ("every field (the generator's maximum)", {"written", "elsewhere", "knows", "partly", "cannot"}),
    ]
    for text, kinds in levels:
        print(f"  {text:42s} {_ceiling(table, kinds):5.1f}")
    print(
        "\nGaps openness could fill from what it already holds (missed by the generator's score in n inputs):"
    )
    scores = [owasp_score.score(doc, table) for _, doc in docs]
    for f in table.fields:
        missed = sum(not sc.present[f.name] for sc in scores)
        if f.openness in KNOWN and missed:
            print(f"  {f.name:17s} {missed}/{len(docs)} [{f.openness}] {f.where}")
    print("\nFields at the generator's components[0] path that read another component than the model:")
    for label, doc in docs:
        first_component = (doc.get("components") or [{}])[0].get("name")
        print(f"  {label:20s} components[0] is {first_component!r}")
    print("\nFields openness cannot fill (not collected): ", end="")
    print(", ".join(f.name for f in table.fields if f.openness == "cannot"))
    print("Fields openness holds only as a pointer: ", end="")
    print(", ".join(f.name for f in table.fields if f.openness == "partly"))


if __name__ == "__main__":
    main()
