"""``-f spdx``: an SPDX 3.0.1 JSON-LD document of the release, with the AI and Dataset profiles, built
with spdx-python-model (the SPDX project's generated bindings of the 3.0.1 model).

The model is an ``ai_AIPackage`` (the document's root element) with exactly one ``hasDeclaredLicense``
(the licence as the release states it) and one ``hasConcludedLicense`` (as openness resolved it)
relationship, as the AI profile asks; datasets are ``dataset_DatasetPackage`` elements the model is
``trainedOn``; code and documents are ``software_Package`` elements linked from the model (documents by
``hasDocumentation``, code by ``dependsOn``), each with its own licence relationships. Facts SPDX has no
property for (the MOF component, presence, evidence) travel in a ``CdxPropertiesExtension``, the
extension SPDX 3.0.1 defines for name/value properties.

Deterministic: element ids derive from the assessment, and the creation time is the date of the
licence data the assessment used (so the same input gives the same bytes).
"""

from __future__ import annotations

import json
from typing import Any

from openness.domain.assessment import Assessment
from openness.reports import aibom

SPEC_VERSION = "3.0.1"
_PURPOSE = {"code": "source", "data": "data", "document": "documentation"}
_LIBRARIES = ("Supporting libraries and tools", "Model architecture")


class _Builder:
    def __init__(self, a: Assessment) -> None:
        from spdx_python_model import v3_0_1 as spdx

        self.spdx = spdx
        self.a = a
        self.base = f"urn:openness:{aibom.document_id(a, 'spdx')}"
        self.objects: list[Any] = []
        date = a.versions.get("data:ai-licence-catalogue", "") or "1970-01-01"
        info = spdx.CreationInfo()
        info.specVersion = SPEC_VERSION
        info.created = _datetime(date)
        agent = spdx.SoftwareAgent()
        agent.set_id(f"{self.base}#agent")
        agent.name = "openness " + a.versions.get("openness", "")
        agent.creationInfo = info
        info.createdBy = [agent]
        self.info = info
        self.objects.append(agent)

    def element(self, cls: Any, local: str) -> Any:
        obj = cls()
        obj.set_id(f"{self.base}#{local}")
        obj.creationInfo = self.info
        self.objects.append(obj)
        return obj

    def licence(self, local: str, expression: str | None) -> Any:
        if not expression:
            return self.spdx.expandedlicensing_IndividualLicensingInfo.NAMED_INDIVIDUALS["NoAssertionLicense"]
        from openness.licences.normalise import normalise

        n = normalise(expression)
        lic = self.element(self.spdx.simplelicensing_LicenseExpression, local)
        lic.simplelicensing_licenseExpression = n.expression or _as_licence_ref(expression)
        return lic

    def relate(self, local: str, source: Any, kind: str, targets: list[Any]) -> None:
        rel = self.element(self.spdx.Relationship, local)
        rel.from_ = source
        rel.relationshipType = getattr(self.spdx.RelationshipType, kind)
        rel.to = targets

    def properties(self, obj: Any, props: list[tuple[str, str]]) -> None:
        ext = self.spdx.extension_CdxPropertiesExtension()
        entries = []
        for name, value in props:
            entry = self.spdx.extension_CdxPropertyEntry()
            entry.extension_cdxPropName = name
            entry.extension_cdxPropValue = value
            entries.append(entry)
        ext.extension_cdxProperty = entries
        obj.extension = [ext]


def _datetime(date: str) -> Any:
    from datetime import UTC, datetime

    try:
        return datetime.strptime(date[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)


def _as_licence_ref(text: str) -> str:
    """A licence openness could not resolve, as an SPDX LicenseRef (its words kept in the comment)."""
    safe = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in text).strip("-")[:60] or "unknown"
    return f"LicenseRef-openness-unresolved-{safe}"


def _package(b: _Builder, part: aibom.BomPart, model: bool) -> Any:
    spdx = b.spdx
    if model:
        obj = b.element(spdx.ai_AIPackage, "model")
        obj.software_primaryPurpose = spdx.software_SoftwarePurpose.model
    elif part.name == "Datasets" or (part.content_type == "data" and part.name != "Model metadata"):
        obj = b.element(spdx.dataset_DatasetPackage, part.ref)
        obj.dataset_datasetType = [spdx.dataset_DatasetType.other]
        obj.software_primaryPurpose = spdx.software_SoftwarePurpose.data
    else:
        obj = b.element(spdx.software_Package, part.ref)
        purpose = "library" if part.name in _LIBRARIES else _PURPOSE[part.content_type]
        obj.software_primaryPurpose = getattr(spdx.software_SoftwarePurpose, purpose)
    obj.name = part.name
    if part.component is not None and part.component.description:
        obj.description = part.component.description
    if part.urls:
        obj.software_downloadLocation = part.urls[0]
    declared = part.component.licence if part.component is not None else None
    b.relate(f"{part.ref}-declared", obj, "hasDeclaredLicense", [b.licence(f"{part.ref}-lic-d", declared)])
    b.relate(
        f"{part.ref}-concluded", obj, "hasConcludedLicense", [b.licence(f"{part.ref}-lic-c", part.licence)]
    )
    b.properties(obj, part.properties())
    return obj


def render(a: Assessment) -> str:
    """The SPDX 3.0.1 JSON-LD document for one assessment."""
    b = _Builder(a)
    spdx = b.spdx
    parts = aibom.parts(a)
    model = _package(b, parts[0], model=True)
    model.name = a.release.name or a.target
    if a.release.version:
        model.software_packageVersion = a.release.version
    if a.release.type:
        model.ai_domain = [a.release.type]
    if a.release.architecture:
        model.ai_typeOfModel = [a.release.architecture]
    links: dict[str, list[Any]] = {"trainedOn": [], "hasDocumentation": [], "dependsOn": []}
    for part in parts[1:]:
        obj = _package(b, part, model=False)
        kind = (
            "trainedOn"
            if part.name == "Datasets"
            else "hasDocumentation"
            if part.content_type == "document"
            else "dependsOn"
        )
        links[kind].append(obj)
    for kind, targets in links.items():
        if targets:
            b.relate(f"model-{kind}", model, kind, targets)
    doc = b.element(spdx.SpdxDocument, "document")
    doc.name = f"openness assessment of {a.release.name or a.target}"
    doc.profileConformance = [
        getattr(spdx.ProfileIdentifierType, p)
        for p in ("core", "software", "simpleLicensing", "ai", "dataset")
    ]
    doc.rootElement = [model]
    doc.element = [o for o in b.objects if o is not doc and o is not model]
    b.properties(doc, aibom.release_properties(a))
    objset = spdx.SHACLObjectSet()
    for obj in b.objects:
        objset.add(obj)
    data = spdx.JSONLDSerializer().serialize_data(objset)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read(data: bytes | str) -> Any:
    """The object set of an SPDX 3.0.1 JSON-LD document (raises on a document the model rejects)."""
    import io

    from spdx_python_model import v3_0_1 as spdx

    objset = spdx.SHACLObjectSet()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    spdx.JSONLDDeserializer().read(io.BytesIO(raw), objset)
    return objset
