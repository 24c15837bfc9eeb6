"""``-f cyclonedx``: a CycloneDX 1.6 ML-BOM of the release, built with cyclonedx-python-lib.

The model is the BOM's subject (``metadata.component``, type ``machine-learning-model``) with a
``modelCard``; datasets are ``data`` components; code and documents are components of their own, with
their URLs as external references; licences are SPDX expressions where openness resolved one, else
named licences; evidence and the MOF component each piece stands for are ``openness:`` properties.
cyclonedx-python-lib has no model-card class yet (DOMAIN.md §9): the ``modelCard`` object is added to the
serialised JSON, and the whole document is validated against the CycloneDX 1.6 schema the library ships.

Deterministic: the serial number derives from the assessment, and no timestamp is written.
"""

from __future__ import annotations

import json
from typing import Any

from openness.domain.assessment import Assessment
from openness.reports import aibom

SPEC_VERSION = "1.6"
_TYPES = {"code": "application", "data": "data", "document": "file"}
_LIBRARIES = ("Supporting libraries and tools", "Model architecture")
_REF_TYPES = {
    "Model card": "model-card",
    "Research paper": "documentation",
    "Technical report": "documentation",
    "Data card": "documentation",
}


def _licences(licence: str | None) -> list[Any]:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression

    if not licence:
        return []
    from openness.licences.normalise import normalise

    n = normalise(licence)
    if n.expression:
        return [LicenseExpression(n.expression)]
    return [DisjunctiveLicense(name=licence)]


def _component(part: aibom.BomPart, model: bool) -> Any:
    from cyclonedx.model import ExternalReference, ExternalReferenceType, Property, XsUri
    from cyclonedx.model.component import Component, ComponentType

    if model:
        kind = ComponentType.MACHINE_LEARNING_MODEL
    elif part.name in _LIBRARIES:
        kind = ComponentType.LIBRARY
    elif part.name == "Model parameters (Intermediate)":
        kind = ComponentType.MACHINE_LEARNING_MODEL
    else:
        kind = ComponentType(_TYPES[part.content_type])
    refs = [
        ExternalReference(
            type=ExternalReferenceType(_REF_TYPES.get(part.name, "distribution")), url=XsUri(url)
        )
        for url in part.urls
    ]
    description = part.component.description if part.component is not None else ""
    return Component(
        name=part.name,
        type=kind,
        bom_ref=part.ref,
        description=description or None,
        licenses=_licences(part.licence),
        external_references=refs,
        properties=[Property(name=k, value=v) for k, v in part.properties()],
    )


def _model_card(a: Assessment, parts: list[aibom.BomPart]) -> dict[str, Any]:
    r = a.release
    params: dict[str, Any] = {}
    if r.type:
        params["task"] = r.type
    if r.architecture:
        params["modelArchitecture"] = r.architecture
    datasets = [{"ref": p.ref} for p in parts if p.name == "Datasets"]
    if datasets:
        params["datasets"] = datasets
    card: dict[str, Any] = {}
    if params:
        card["modelParameters"] = params
    mof: Any = a.results.get("mof")
    if mof is not None:
        card["properties"] = [{"name": "openness:mof-class", "value": mof.label}]
    return card


def render(a: Assessment) -> str:
    """The CycloneDX 1.6 JSON document for one assessment."""
    from cyclonedx.model import Property
    from cyclonedx.model.bom import Bom, BomMetaData
    from cyclonedx.model.contact import OrganizationalEntity
    from cyclonedx.output.json import JsonV1Dot6

    parts = aibom.parts(a)
    model = _component(parts[0], model=True)
    model.name = a.release.name or a.target
    if a.release.version:
        model.version = a.release.version
    if a.release.producer:
        model.supplier = OrganizationalEntity(name=a.release.producer)
    meta = BomMetaData(
        component=model, properties=[Property(name=k, value=v) for k, v in aibom.release_properties(a)]
    )
    others = [_component(p, model=False) for p in parts[1:]]
    bom = Bom(serial_number=aibom.document_id(a, "cyclonedx"), metadata=meta, components=others)
    bom.register_dependency(model, others)  # the model is built from (or with) every other piece
    bom.metadata.timestamp = None  # type: ignore[assignment]  # no timestamp: the same input, the same bytes
    doc = json.loads(JsonV1Dot6(bom).output_as_string())
    card = _model_card(a, parts)
    if card:
        doc["metadata"]["component"]["modelCard"] = card
    doc["metadata"].pop("tools", None)  # the library names itself; openness's version is a property
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def validate(text: str) -> str | None:
    """The first schema error of a CycloneDX 1.6 JSON document, or None when it is valid."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    return None if error is None else str(error)
