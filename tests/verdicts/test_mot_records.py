"""Real MOT records: use-restricted releases never meet OSAID, Art. 53(2) or the open-weight definitions."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from openness.frameworks import eu_ai_act, open_weight, osaid
from openness.frameworks.licence_facts import DefaultLicenceFacts, read_licence
from openness.sources.mot_yaml import load

from .helpers import EXAMPLES, TESTDATA

MOT_MODELS = TESTDATA / "mot-models"
RESTRICTED = re.compile(
    r"llama|gemma|rail|bloom|falcon-180b|tongyi|qwen|deepseek|chatglm|kite|"
    r"non.?commercial|-nc-|cc-by-nc",
    re.IGNORECASE,
)


def _weights_licence(rel) -> str | None:
    w = rel.component("Model parameters (Final)")
    if w is None:
        return None
    return (
        w.licence if w.licence_declared else rel.global_licence("data") or rel.global_licence("distribution")
    )


def _records():
    if not MOT_MODELS.is_dir():
        pytest.skip("../shared/testdata/mot-models is absent (fresh clone outside CI)")
    return [load(p) for p in sorted(MOT_MODELS.glob("*.yml"))] + [load(EXAMPLES / "restricted.yml")]


def _restricted(rel) -> bool:
    lic = _weights_licence(rel)
    return lic is not None and RESTRICTED.search(lic) is not None


def test_use_restricted_releases_do_not_meet_osaid() -> None:
    records = [r for r in _records() if _restricted(r)]
    assert len(records) >= 10
    for rel in records:
        v = osaid.evaluate(rel)
        assert v.verdict == "does-not-meet", rel.name
        params = v.finding("parameters")
        assert params is not None and params.status.value == "not-met", rel.name
        assert (_weights_licence(rel) or "").strip() in params.reason  # names the licence as written
        assert eu_ai_act.evaluate(rel, {"monetised": "no"}).verdict != "meets"


def _fake_catalogue(licence: str):
    """A stand-in for the AI licence catalogue: Llama and Gemma terms with their clauses."""
    low = licence.lower()
    if "llama" in low:
        flags = (
            ("acceptable-use-policy", "Llama Acceptable Use Policy"),
            ("user-cap", "700 million monthly active users"),
        )
    elif "gemma" in low:
        flags = (
            ("acceptable-use-policy", "Gemma Prohibited Use Policy"),
            ("remote-restriction", "Google may restrict remote use"),
        )
    else:
        return None
    return SimpleNamespace(
        id=f"LicenseRef-test-{low.split()[0]}",
        name=licence,
        spdx_listed=False,
        osd_compliant=False,
        osd_reason="use restrictions",
        eu_foss=False,
        eu_reason="use restrictions",
        source="test",
        restrictions=tuple(SimpleNamespace(flag=f, detail=d, source="test") for f, d in flags),
    )


def test_with_a_catalogue_the_reasons_name_the_licence_clauses() -> None:
    facts = DefaultLicenceFacts(catalogue=_fake_catalogue)
    records = [r for r in _records() if re.search("llama|gemma", _weights_licence(r) or "", re.IGNORECASE)]
    assert len(records) >= 5
    for rel in records:
        params = osaid.evaluate(rel, facts).finding("parameters")
        assert params is not None and params.status.value == "not-met"
        assert any("acceptable-use-policy" in c for c in params.clauses), rel.name
        assert "acceptable-use-policy" in params.reason
        eu = eu_ai_act.evaluate(rel, {"monetised": "no", "systemic-risk": "no"}, facts)
        assert eu.verdict == "does-not-meet" and eu.failing()[0].clauses
        assert open_weight.evaluate(rel, facts).verdict == "does-not-meet"


def test_with_the_real_catalogue_when_installed() -> None:
    facts = DefaultLicenceFacts()
    assert facts.has_catalogue
    known = 0
    for rel in _records():
        lic = _weights_licence(rel) or ""
        if re.search("llama|gemma", lic, re.IGNORECASE) and read_licence(lic, facts).known:
            known += 1
            params = osaid.evaluate(rel, facts).finding("parameters")
            assert params is not None and params.clauses, rel.name
    assert known, "the catalogue should know at least one Llama or Gemma licence string"


def test_all_records_get_every_verdict() -> None:
    for rel in _records():
        for v in (osaid.evaluate(rel), eu_ai_act.evaluate(rel), open_weight.evaluate(rel)):
            assert v.verdict in ("meets", "meets-with-caveats", "does-not-meet", "cannot-tell")
            assert v.findings and all(f.reason for f in v.findings)
