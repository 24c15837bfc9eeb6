"""AI bills of materials: CycloneDX 1.6 and SPDX 3.0.1 written, validated, deterministic, and read back
as releases that give the same assessment; BOMs written by hand (as another tool would) are assessed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from openness import service
from openness.cli.main import cli
from openness.frameworks.context import Options
from openness.reports import cyclonedx, spdx3

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yml"))
MOT_MODELS = ROOT.parent / "shared" / "testdata" / "mot-models"
RECORDS = [*EXAMPLES, *sorted(MOT_MODELS.glob("*.yml"))[:12]] if MOT_MODELS.is_dir() else EXAMPLES
WRITERS = {"cyclonedx": cyclonedx.render, "spdx": spdx3.render}


def _summary(a: Any) -> dict[str, Any]:
    """What an assessment concludes: class, progress, each component's status and licence, every verdict."""
    mof = a.results["mof"]
    out: dict[str, Any] = {
        "class": mof.mof_class,
        "progress": tuple(round(p, 9) for p in mof.progress),
        "components": {f.name: (f.status.value, f.licence) for f in mof.components},
    }
    for key, result in a.results.items():
        if key != "mof" and isinstance(getattr(result, "verdict", None), str):
            out[key] = result.verdict
    return out


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_cyclonedx_validates_against_the_1_6_schema(record: Path) -> None:
    text = cyclonedx.render(service.assess(str(record)))
    assert cyclonedx.validate(text) is None
    doc = json.loads(text)
    model = doc["metadata"]["component"]
    assert model["type"] == "machine-learning-model" and doc["specVersion"] == "1.6"


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_spdx_is_read_back_by_the_spdx_model_with_one_licence_of_each_kind(record: Path) -> None:
    from spdx_python_model import v3_0_1 as spdx

    objects = list(spdx3.read(spdx3.render(service.assess(str(record)))).objects)
    model = [o for o in objects if isinstance(o, spdx.ai_AIPackage)]
    assert len(model) == 1
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        rels = [
            o
            for o in objects
            if isinstance(o, spdx.Relationship)
            and o.from_ is model[0]
            and str(o.relationshipType).endswith("/" + kind)
        ]
        assert len(rels) == 1, kind


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("mot_compatible", [False, True])
@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_a_bom_read_back_gives_the_same_assessment(
    tmp_path: Path, record: Path, fmt: str, mot_compatible: bool
) -> None:
    options = Options(mot_compatible=mot_compatible)
    original = service.assess(str(record), options)
    text = WRITERS[fmt](original)
    assert WRITERS[fmt](original) == text, "the same assessment gives the same bytes"
    bom = tmp_path / f"bom.{fmt}.json"
    bom.write_text(text, encoding="utf-8")
    again = service.assess(str(bom), options)
    assert _summary(again) == _summary(original)
    assert again.release.name == original.release.name


CDX_BY_HAND = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "version": 1,
    "metadata": {
        "component": {
            "type": "machine-learning-model",
            "bom-ref": "model",
            "name": "tiny-classifier",
            "licenses": [{"license": {"id": "Apache-2.0"}}],
            "externalReferences": [{"type": "distribution", "url": "https://example.org/tiny.safetensors"}],
            "modelCard": {"modelParameters": {"task": "text-classification", "datasets": [{"ref": "data"}]}},
        }
    },
    "components": [
        {
            "type": "data",
            "bom-ref": "data",
            "name": "reviews",
            "licenses": [{"license": {"id": "CC-BY-4.0"}}],
            "data": [{"type": "dataset", "name": "reviews"}],
        },
        {"type": "library", "name": "tokeniser", "licenses": [{"expression": "MIT"}]},
        {"type": "application", "name": "demo-app"},
    ],
}


def test_a_cyclonedx_ml_bom_written_by_hand_is_assessed(tmp_path: Path) -> None:
    assert cyclonedx.validate(json.dumps(CDX_BY_HAND)) is None
    path = tmp_path / "tiny.cdx.json"
    path.write_text(json.dumps(CDX_BY_HAND), encoding="utf-8")
    rel = service.assess(str(path)).release
    comps = {c.name: c for c in rel.components}
    assert rel.name == "tiny-classifier"
    assert comps["Model parameters (Final)"].presence.value == "referenced"
    assert comps["Model parameters (Final)"].licence == "Apache-2.0"
    assert comps["Datasets"].licence == "CC-BY-4.0"
    assert comps["Supporting libraries and tools"].licence == "MIT"
    assert "Model card" in comps
    assert any("demo-app" in n and "not mapped" in n for n in rel.notes)


def _spdx_by_hand() -> str:
    """A minimal SPDX 3.0.1 AI document, built the way another tool would build one."""
    from datetime import UTC, datetime

    from spdx_python_model import v3_0_1 as spdx

    info = spdx.CreationInfo()
    info.specVersion = "3.0.1"
    info.created = datetime(2026, 1, 1, tzinfo=UTC)
    agent = spdx.Organization()
    agent.set_id("https://example.org/spdx#org")
    agent.name = "Example Lab"
    agent.creationInfo = info
    info.createdBy = [agent]
    objs: list[Any] = [agent]

    def el(cls: Any, local: str) -> Any:
        o = cls()
        o.set_id(f"https://example.org/spdx#{local}")
        o.creationInfo = info
        objs.append(o)
        return o

    model = el(spdx.ai_AIPackage, "model")
    model.name = "tiny-classifier"
    model.software_downloadLocation = "https://example.org/tiny.safetensors"
    model.software_primaryPurpose = spdx.software_SoftwarePurpose.model
    data = el(spdx.dataset_DatasetPackage, "data")
    data.name = "reviews"
    data.dataset_datasetType = [spdx.dataset_DatasetType.text]
    data.software_downloadLocation = "https://example.org/reviews"
    for local, target, kind in (("rel-train", data, "trainedOn"),):
        rel = el(spdx.Relationship, local)
        rel.from_ = model
        rel.relationshipType = getattr(spdx.RelationshipType, kind)
        rel.to = [target]
    for local, pkg, expr in (("lic-model", model, "Apache-2.0"), ("lic-data", data, "CC-BY-4.0")):
        lic = el(spdx.simplelicensing_LicenseExpression, local)
        lic.simplelicensing_licenseExpression = expr
        for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
            rel = el(spdx.Relationship, f"{local}-{kind}")
            rel.from_ = pkg
            rel.relationshipType = getattr(spdx.RelationshipType, kind)
            rel.to = [lic]
    doc = el(spdx.SpdxDocument, "doc")
    doc.rootElement = [model]
    doc.element = [o for o in objs if o is not doc]
    objset = spdx.SHACLObjectSet()
    for o in objs:
        objset.add(o)
    return json.dumps(spdx.JSONLDSerializer().serialize_data(objset))


def test_an_spdx_ai_document_written_by_hand_is_assessed(tmp_path: Path) -> None:
    path = tmp_path / "tiny.spdx.json"
    path.write_text(_spdx_by_hand(), encoding="utf-8")
    rel = service.assess(str(path)).release
    comps = {c.name: c for c in rel.components}
    assert rel.name == "tiny-classifier"
    assert comps["Model parameters (Final)"].licence == "Apache-2.0"
    assert comps["Model parameters (Final)"].presence.value == "referenced"
    assert comps["Datasets"].licence == "CC-BY-4.0"


def test_a_json_file_that_is_no_bom_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"model_type": "llama"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "-f", "json", str(path)])
    assert result.exit_code == 2
    assert "neither a CycloneDX BOM nor an SPDX 3 document" in result.stderr
    assert "Traceback" not in result.output


def test_a_batch_of_boms_is_a_json_array_of_documents() -> None:
    result = CliRunner().invoke(cli, ["assess", "-f", "cyclonedx", *map(str, EXAMPLES)])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["bomFormat"] for d in docs] == ["CycloneDX"] * len(EXAMPLES)
