"""The AI licence catalogue: its data is well formed and says what the issue requires of it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from openness.licences import catalogue
from openness.licences.catalogue import FLAGS, lookup

RAW = json.loads(resources.files("openness.licences").joinpath("data", "catalogue.json").read_text("utf-8"))


def test_every_entry_cites_its_sources_and_uses_known_flags() -> None:
    for entry in catalogue.entries():
        assert entry.source, entry.id
        assert entry.osd_reason and entry.eu_reason, entry.id
        assert entry.id.startswith("LicenseRef-") or entry.spdx_listed, entry.id
        for r in entry.restrictions:
            assert r.flag in FLAGS, (entry.id, r.flag)
            assert r.detail and r.source, (entry.id, r.flag)


def test_ids_aliases_and_tags_are_unique() -> None:
    seen: dict[str, str] = {}
    for entry in catalogue.entries():
        for key in (entry.id, *entry.aliases, *entry.hf_tags):
            folded = key.casefold()
            assert seen.setdefault(folded, entry.id) == entry.id, f"{key} names {seen[folded]} and {entry.id}"


def test_scancode_ids_agree_with_their_keys() -> None:
    for entry in catalogue.entries():
        if entry.id.startswith("LicenseRef-scancode-"):
            assert entry.scancode_key == entry.id.removeprefix("LicenseRef-scancode-")


COVERED = {
    # issue 3, item 3: every licence it names, by the family and the id it is stored under
    "LicenseRef-scancode-llama-2-license-2023": ("llama", "user-cap"),
    "LicenseRef-openness-llama-3-license-2024": ("llama", "naming-requirement"),
    "LicenseRef-scancode-llama-3.1-license-2024": ("llama", "acceptable-use-policy"),
    "LicenseRef-scancode-llama-3.2-license-2024": ("llama", "regional-exclusion"),
    "LicenseRef-scancode-llama-3.3-license-2024": ("llama", "user-cap"),
    "LicenseRef-scancode-llama-4-cla-2025": ("llama", "regional-exclusion"),
    "LicenseRef-scancode-gemma-tou-2024-04-01": ("gemma", "remote-restriction"),
    "LicenseRef-scancode-bigscience-open-rail-m": ("openrail", "acceptable-use-policy"),
    "LicenseRef-scancode-bigscience-rail-1.0": ("openrail", "acceptable-use-policy"),
    "LicenseRef-scancode-stable-diffusion-2022-08-22": ("openrail", "acceptable-use-policy"),
    "LicenseRef-scancode-bigscience-open-rail-m2": ("openrail", "acceptable-use-policy"),
    "LicenseRef-scancode-bigcode-open-rail-m-v1": ("openrail", "acceptable-use-policy"),
    "LicenseRef-openness-tii-falcon-llm-1.0": ("falcon", "revenue-cap"),
    "LicenseRef-openness-falcon-180b-tii-1.0": ("falcon", "acceptable-use-policy"),
    "LicenseRef-scancode-falcon-2-11b-1.0": ("falcon", "acceptable-use-policy"),
    "LicenseRef-scancode-tongyi-qianwen-2023": ("qwen", "no-improving-other-models"),
    "LicenseRef-openness-tongyi-qianwen-research-2023": ("qwen", "non-commercial"),
    "LicenseRef-scancode-qwen-2024": ("qwen", "user-cap"),
    "LicenseRef-scancode-deepseek-la-1.0": ("deepseek", "acceptable-use-policy"),
    "LicenseRef-scancode-nvidia-open-model-2025-04-28": ("nvidia", "termination-trigger"),
    "AML": ("apple", "no-patent-grant"),
    "LicenseRef-openness-apple-amlr": ("apple", "research-only"),
    "LicenseRef-openness-databricks-open-model-2024": ("databricks", "user-cap"),
    "LicenseRef-openness-ai2-impact-lr": ("ai2-impact", "acceptable-use-policy"),
    "LicenseRef-openness-ai2-impact-mr": ("ai2-impact", "acceptable-use-policy"),
    "LicenseRef-openness-ai2-impact-hr": ("ai2-impact", "no-derivatives"),
    "LicenseRef-scancode-stability-ai-community-2024": ("stability", "revenue-cap"),
    "LicenseRef-scancode-stability-ai-nc-2023-12-06": ("stability", "non-commercial"),
    "LicenseRef-openness-mistral-mrl-0.1": ("mistral", "research-only"),
    "LicenseRef-openness-yi-license-2023": ("yi", "field-of-use"),
    "LicenseRef-openness-baichuan-2-community": ("baichuan", "user-cap"),
    "LicenseRef-openness-internlm-model": ("internlm", "field-of-use"),
    "LicenseRef-openness-chatglm-6b-license": ("chatglm", "acceptable-use-policy"),
    "LicenseRef-openness-chatglm2-6b-license": ("chatglm", "acceptable-use-policy"),
    "LicenseRef-openness-chatglm3-6b-license": ("chatglm", "acceptable-use-policy"),
    "CC-BY-NC-4.0": ("cc", "non-commercial"),
    "CC-BY-NC-SA-4.0": ("cc", "non-commercial"),
    "CC-BY-NC-ND-4.0": ("cc", "no-derivatives"),
}


@pytest.mark.parametrize(("licence_id", "expected"), sorted(COVERED.items()))
def test_issue_licences_are_covered_and_not_open(licence_id: str, expected: tuple[str, str]) -> None:
    family, flag = expected
    entry = lookup(licence_id.lower())
    assert entry is not None and entry.id == licence_id
    assert entry.family == family
    assert flag in {r.flag for r in entry.restrictions}
    assert entry.osd_compliant is False
    assert entry.eu_foss is not True


@pytest.mark.parametrize(
    ("licence_id", "cap"),
    [
        ("LicenseRef-scancode-llama-2-license-2023", 700_000_000),
        ("LicenseRef-scancode-llama-4-cla-2025", 700_000_000),
        ("LicenseRef-scancode-qwen-2024", 100_000_000),
        ("LicenseRef-scancode-tongyi-qianwen-2023", 100_000_000),
        ("LicenseRef-openness-databricks-open-model-2024", 700_000_000),
    ],
)
def test_user_caps_carry_the_number(licence_id: str, cap: int) -> None:
    entry = lookup(licence_id)
    assert entry is not None and entry.user_cap == cap


@pytest.mark.parametrize(
    ("licence_id", "osd"),
    [
        ("Apache-2.0", True),
        ("mit", True),
        ("OpenMDW-1.0", True),
        ("CC-BY-4.0", True),
        ("CC0-1.0", True),
        ("CC-BY-ND-4.0", False),
        ("Beerware", None),
    ],
)
def test_ordinary_spdx_licences_are_answered(licence_id: str, osd: bool | None) -> None:
    entry = lookup(licence_id)
    assert entry is not None and entry.spdx_listed
    assert entry.osd_compliant is osd


def test_unknown_ids_have_no_entry() -> None:
    assert lookup("LicenseRef-nobody-knows") is None
    assert lookup("Apache 2.0") is None  # lookup takes ids; spellings go through normalise


def test_scancode_key_of_spdx_licences_comes_from_the_license_expression_index() -> None:
    entry = lookup("Apache-2.0")
    assert entry is not None and entry.scancode_key == "apache-2.0"


def test_raw_data_has_a_version_and_a_source() -> None:
    assert RAW["version"] and RAW["source"]
    assert catalogue.catalogue_version().startswith(RAW["version"])
    assert tuple(RAW["flags"]) == FLAGS


def test_phrases_are_longest_first_and_name_catalogue_entries() -> None:
    texts = catalogue.phrases()
    assert [len(p.text) for p in texts] == sorted((len(p.text) for p in texts), reverse=True)
    for p in texts:
        assert lookup(p.licence_id) is not None
