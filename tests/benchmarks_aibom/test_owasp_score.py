"""Our scorer for the OWASP AIBOM Generator's completeness score, on small BOM dicts written here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parents[2] / "benchmarks" / "aibom"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("owasp_score", HERE / "owasp_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["owasp_score"] = module
    spec.loader.exec_module(module)
    return module


S = _load()
TABLE = S.load()


def _minimal() -> dict[str, Any]:
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:00000000-0000-0000-0000-000000000001",
        "version": 1,
        "components": [{"name": "m"}],
    }


def _full() -> dict[str, Any]:
    """Every field of the table at its path, built from the paths' three shapes."""
    doc: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:00000000-0000-0000-0000-000000000002",
        "version": 1,
        "metadata": {"properties": []},
        "components": [{"name": "m", "type": "machine-learning-model", "purl": "pkg:huggingface/o/m@1"}],
        "externalReferences": [{"type": "distribution", "url": "https://example.org/m"}],
    }
    doc["components"][0].update({"description": "d", "licenses": [{"expression": "MIT"}]})
    card: dict[str, Any] = {"properties": [], "limitation": "x"}
    doc["components"][0]["modelCard"] = card
    for f in TABLE.fields:
        if "metadata.properties[?" in f.path:
            doc["metadata"]["properties"].append({"name": f.name, "value": "x"})
        if "modelCard.properties[?" in f.doc_path:
            card["properties"].append({"name": f.name, "value": "x"})
    return doc


def test_the_table_restates_29_fields_in_five_categories_weighing_100() -> None:
    assert len(TABLE.fields) == 29
    assert sum(TABLE.category_weights.values()) == 100
    assert {f.category for f in TABLE.fields} == set(TABLE.category_weights)
    assert {f.tier for f in TABLE.fields} == {"critical", "important", "supplementary"}
    for f in TABLE.fields:
        assert S.at_path({}, f.path) is False  # every path is of a shape the scorer reads


@pytest.mark.parametrize("documented", [False, True])
def test_a_bom_with_every_field_scores_100_and_meets_advanced(documented: bool) -> None:
    result = S.score(_full(), TABLE, fallback=False, documented=documented)
    assert all(result.present.values())
    assert (result.total, result.penalty, result.profile) == (100.0, 1.0, "advanced")


def test_the_documented_paths_read_the_model_card_where_the_registry_does_not() -> None:
    doc = _minimal()
    doc["components"][0]["modelCard"] = {"properties": [{"name": "metric", "value": "accuracy 0.9"}]}
    assert S.score(doc, TABLE, fallback=False, documented=True).present["metric"]
    assert not S.score(doc, TABLE, fallback=False).present["metric"]
    doc["externalReferences"] = [{"type": "website", "url": "https://a"}, {"type": "distribution", "url": ""}]
    # the registry reads the first reference whatever its type; the documentation wants a distribution URL
    assert S.score(doc, TABLE, fallback=False).present["downloadLocation"]
    assert not S.score(doc, TABLE, fallback=False, documented=True).present["downloadLocation"]


def test_a_minimal_bom_scores_its_two_categories_less_both_penalties() -> None:
    result = S.score(_minimal(), TABLE)
    # required_fields 4/4 of 20, component_basic 1/5 of 20; 3 critical and 9 important fields missing
    assert result.categories["required_fields"] == 20.0 and result.categories["component_basic"] == 4.0
    assert result.penalty == pytest.approx(0.9 * 0.95)
    assert result.total == round(24 * 0.9 * 0.95, 1)
    assert result.profile == "incomplete"


def test_an_empty_property_value_is_not_present() -> None:
    doc = _minimal()
    doc["metadata"] = {
        "properties": [{"name": "primaryPurpose", "value": ""}, {"name": "suppliedBy", "value": "o"}]
    }
    assert not S.at_path(doc, "$.metadata.properties[?(@.name=='primaryPurpose')].value")
    assert S.at_path(doc, "$.metadata.properties[?(@.name=='suppliedBy')].value")


def test_the_name_search_finds_what_the_path_does_not() -> None:
    doc = _minimal()
    doc["components"][0]["modelCard"] = {"considerations": {"technicalLimitations": ["short context"]}}
    doc["externalReferences"] = [{"type": "website", "url": "https://example.org"}]
    assert S.score(doc, TABLE, fallback=False).present["limitation"] is False
    assert S.score(doc, TABLE).present["limitation"] is True
    # the path reads the first external reference whatever its type; the name search wants a distribution
    assert S.at_path(doc, "$.externalReferences[0].url") and not S.by_name(doc, "downloadLocation")


def test_standard_is_met_only_with_its_required_fields() -> None:
    doc = _full()
    assert S.score(doc, TABLE).profile == "advanced"
    doc["metadata"]["properties"] = [
        p for p in doc["metadata"]["properties"] if p["name"] != "hyperparameter"
    ]
    assert S.score(doc, TABLE).profile == "standard"  # advanced needs hyperparameter; 97.9 still >= 85


def test_the_subject_is_read_as_the_first_component() -> None:
    doc = _minimal()
    doc["components"] = [{"name": "other", "type": "application"}]
    doc["metadata"] = {"component": {"name": "m", "type": "machine-learning-model", "description": "d"}}
    moved = S.subject_first(doc)
    assert moved["components"][0]["name"] == "m" and len(moved["components"]) == 2
    assert S.score(moved, TABLE).present["description"] and not S.score(doc, TABLE).present["description"]


def test_the_table_says_right_what_openness_writes_at_the_path() -> None:
    from openness import service
    from openness.reports import cyclonedx

    root = Path(__file__).resolve().parents[2]
    doc = json.loads(cyclonedx.render(service.assess(str(root / "examples" / "open-model.yml"))))
    for f in TABLE.fields:
        if f.openness == "written":
            assert S.at_path(doc, f.path), f.name
        if f.openness in ("cannot", "partly", "knows"):
            assert not S.score(doc, TABLE).present[f.name], f.name
