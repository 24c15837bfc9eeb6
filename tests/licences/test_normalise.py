"""Normalisation of licence strings: every string the issue names, every Hugging Face tag, the MOT's
messy strings; family words stay families; nothing unknown is resolved to a guessed id."""

from __future__ import annotations

import pytest

from openness.licences.normalise import Kind, normalise

L = "LicenseRef-scancode-"
OP = "LicenseRef-openness-"

SPELLINGS = [
    # issue 3, item 4: common spellings of SPDX licences
    ("Apache-2.0", "Apache-2.0", "exact"),
    ("apache-2.0", "Apache-2.0", "case"),
    ("MIT", "MIT", "exact"),
    ("mit", "MIT", "case"),
    ("Apache 2.0", "Apache-2.0", "alias"),
    ("ASL 2.0", "Apache-2.0", "alias"),
    ("Apache License, Version 2.0", "Apache-2.0", "alias"),
    ("Apache license 2.0", "Apache-2.0", "alias"),
    ("The Apache Software License, Version 2.0", "Apache-2.0", "loose-alias"),
    ("New BSD", "BSD-3-Clause", "alias"),
    ("BSD-3", "BSD-3-Clause", "alias"),
    ("Expat", "MIT", "alias"),
    ("MIT license", "MIT", "alias"),
    ("GPLv3", "GPL-3.0-only", "alias"),
    ("GPL v2 or later", "GPL-2.0-or-later", "pattern"),
    ("GPLv2+", "GPL-2.0-or-later", "pattern"),
    ("LGPL v2.1", "LGPL-2.1-only", "alias"),
    ("AGPLv3", "AGPL-3.0-only", "pattern"),
    ("GNU General Public License v3.0 or later", "GPL-3.0-or-later", "spdx-name"),
    ("CC BY-SA 4.0", "CC-BY-SA-4.0", "alias"),
    ("cc0", "CC0-1.0", "alias"),
    ("CC-BY-NC 4.0", "CC-BY-NC-4.0", "loose-alias"),
    ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0", "CC-BY-NC-SA-4.0", "pattern"),
    ("Creative Commons Attribution Non Commercial 4.0", "CC-BY-NC-4.0", "spdx-name"),
    ("Creative Commons Attribution Non Commercial Share Alike 4.0", "CC-BY-NC-SA-4.0", "spdx-name"),
    ("cc-by-nd 4.0", "CC-BY-ND-4.0", "pattern"),
    # issue 3, item 4: AI licence names and versions
    ("Llama 2 Community License", L + "llama-2-license-2023", "alias"),
    ("Meta Llama 3 Community License Agreement", OP + "llama-3-license-2024", "alias"),
    ("Llama 3.1 Community License Agreement", L + "llama-3.1-license-2024", "alias"),
    ("Llama 3.2 Community License", L + "llama-3.2-license-2024", "alias"),
    ("Llama 3.3 Community License Agreement", L + "llama-3.3-license-2024", "alias"),
    ("Llama 4 Community License Agreement", L + "llama-4-cla-2025", "alias"),
    ("Gemma Terms of Use", L + "gemma-tou-2024-04-01", "alias"),
    ("Qwen License Agreement", L + "qwen-2024", "alias"),
    ("Qwen Research License Agreement", OP + "qwen-research-2024", "alias"),
    ("tongyi-qianwen", L + "tongyi-qianwen-2023", "alias"),
    ("tongyi-qianwen-research", OP + "tongyi-qianwen-research-2023", "alias"),
    ("DeepSeek License Agreement", L + "deepseek-la-1.0", "alias"),
    ("NVIDIA Open Model License", L + "nvidia-open-model-2025-04-28", "alias"),
    ("Databricks Open Model License", OP + "databricks-open-model-2024", "alias"),
    ("Stability AI Community License", L + "stability-ai-community-2024", "alias"),
    ("Mistral AI Research License", OP + "mistral-mrl-0.1", "alias"),
    ("AI2 ImpACT License - Low Risk Artifacts", OP + "ai2-impact-lr", "alias"),
    ("TII Falcon LLM License", OP + "tii-falcon-llm-1.0", "alias"),
    ("Llama 3.1", L + "llama-3.1-license-2024", "alias"),
    ("LLaMA 2", L + "llama-2-license-2023", "alias"),
    ("Meta Llama 3", OP + "llama-3-license-2024", "alias"),
    ("CreativeML OpenRAIL-M license", L + "stable-diffusion-2022-08-22", "loose-alias"),
    ("Falcon-180B license", OP + "falcon-180b-tii-1.0", "loose-alias"),
    # strings of the MOT database (shared/testdata/mot-models)
    (" Falcon-180B TII License", OP + "falcon-180b-tii-1.0", "alias"),
    ("BigScience-BLOOM-RAIL-1.0", L + "bigscience-rail-1.0", "tag"),
    ("apple-sample-code-license", "AML", "alias"),
    ("ChatGLM-6B License", OP + "chatglm-6b-license", "alias"),
    ("ChatGLM2-6B License", OP + "chatglm2-6b-license", "alias"),
    ("ChatGLM3-6B License", OP + "chatglm3-6b-license", "alias"),
    ("TeleChat模型社区许可协议", OP + "telechat-community", "alias"),
    ("arXiv.org perpetual non-exclusive license 1.0", OP + "arxiv-nonexclusive-distrib-1.0", "alias"),
    ("arXiv.org perpetual, non-exclusive license 1.0", OP + "arxiv-nonexclusive-distrib-1.0", "alias"),
    # identifiers from other tools
    ("LicenseRef-scancode-openmdw-1.0", "OpenMDW-1.0", "scancode-key"),
    ("llama-3.1-license-2024", L + "llama-3.1-license-2024", "scancode-key"),
    ("licenseref-scancode-llama-2-license-2023", L + "llama-2-license-2023", "case"),
]

HF_TAGS = [
    # Hugging Face `license:` tags (hub-docs repositories-licenses.md)
    ("apache-2.0", "Apache-2.0"),
    ("mit", "MIT"),
    ("cc-by-4.0", "CC-BY-4.0"),
    ("cc0-1.0", "CC0-1.0"),
    ("cdla-permissive-2.0", "CDLA-Permissive-2.0"),
    ("cdla-sharing-1.0", "CDLA-Sharing-1.0"),
    ("bigscience-openrail-m", L + "bigscience-open-rail-m"),
    ("creativeml-openrail-m", L + "stable-diffusion-2022-08-22"),
    ("bigscience-bloom-rail-1.0", L + "bigscience-rail-1.0"),
    ("bigcode-openrail-m", L + "bigcode-open-rail-m-v1"),
    ("openrail++", L + "bigscience-open-rail-m2"),
    ("llama2", L + "llama-2-license-2023"),
    ("llama3", OP + "llama-3-license-2024"),
    ("llama3.1", L + "llama-3.1-license-2024"),
    ("llama3.2", L + "llama-3.2-license-2024"),
    ("llama3.3", L + "llama-3.3-license-2024"),
    ("llama4", L + "llama-4-cla-2025"),
    ("gemma", L + "gemma-tou-2024-04-01"),
    ("openmdw-1.0", "OpenMDW-1.0"),
    ("apple-ascl", "AML"),
    ("apple-amlr", OP + "apple-amlr"),
    ("deepfloyd-if-license", OP + "deepfloyd-if"),
    ("fair-noncommercial-research-license", OP + "fair-noncommercial-research"),
    ("intel-research", OP + "intel-research"),
    ("afl-3.0", "AFL-3.0"),
    ("artistic-2.0", "Artistic-2.0"),
    ("bsl-1.0", "BSL-1.0"),
    ("bsd-2-clause", "BSD-2-Clause"),
    ("bsd-3-clause", "BSD-3-Clause"),
    ("bsd-3-clause-clear", "BSD-3-Clause-Clear"),
    ("c-uda", "C-UDA-1.0"),
    ("cc-by-2.0", "CC-BY-2.0"),
    ("cc-by-2.5", "CC-BY-2.5"),
    ("cc-by-3.0", "CC-BY-3.0"),
    ("cc-by-sa-3.0", "CC-BY-SA-3.0"),
    ("cc-by-sa-4.0", "CC-BY-SA-4.0"),
    ("cc-by-nc-2.0", "CC-BY-NC-2.0"),
    ("cc-by-nc-3.0", "CC-BY-NC-3.0"),
    ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
    ("cc-by-nd-4.0", "CC-BY-ND-4.0"),
    ("cc-by-nc-nd-3.0", "CC-BY-NC-ND-3.0"),
    ("cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0"),
    ("cc-by-nc-sa-2.0", "CC-BY-NC-SA-2.0"),
    ("cc-by-nc-sa-3.0", "CC-BY-NC-SA-3.0"),
    ("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0"),
    ("cdla-permissive-1.0", "CDLA-Permissive-1.0"),
    ("wtfpl", "WTFPL"),
    ("ecl-2.0", "ECL-2.0"),
    ("epl-1.0", "EPL-1.0"),
    ("epl-2.0", "EPL-2.0"),
    ("etalab-2.0", "etalab-2.0"),
    ("eupl-1.1", "EUPL-1.1"),
    ("eupl-1.2", "EUPL-1.2"),
    ("agpl-3.0", "AGPL-3.0"),
    ("gpl-2.0", "GPL-2.0"),
    ("gpl-3.0", "GPL-3.0"),
    ("lgpl-2.1", "LGPL-2.1"),
    ("lgpl-3.0", "LGPL-3.0"),
    ("isc", "ISC"),
    ("lppl-1.3c", "LPPL-1.3c"),
    ("ms-pl", "MS-PL"),
    ("mpl-2.0", "MPL-2.0"),
    ("odc-by", "ODC-By-1.0"),
    ("odbl", "ODbL-1.0"),
    ("osl-3.0", "OSL-3.0"),
    ("postgresql", "PostgreSQL"),
    ("ofl-1.1", "OFL-1.1"),
    ("ncsa", "NCSA"),
    ("unlicense", "Unlicense"),
    ("zlib", "Zlib"),
    ("pddl", "PDDL-1.0"),
    ("lgpl-lr", "LGPLLR"),
]

FAMILIES = [
    ("BSD", "bsd"),
    ("bsd", "bsd"),
    ("GPL", "gpl"),
    ("gpl", "gpl"),
    ("lgpl", "gpl"),
    ("gfdl", "gfdl"),
    ("openrail", "openrail"),
    ("OpenRAIL", "openrail"),
    ("cc", "cc"),
    ("Creative Commons", "cc"),
    ("Public Domain", "public-domain"),
    ("Apache", "apache"),
    ("llama", "llama"),
    ("GPL license", "gpl"),
    ("Apache Software License", "apache"),
    ("BSD License", "bsd"),
    ("OpenRAIL-M", "openrail"),
]

MARKERS = [
    ("other", Kind.OTHER),
    ("unknown", Kind.UNDISCLOSED),
    ("Undisclosed", Kind.UNDISCLOSED),
    ("Proprietary", Kind.PROPRIETARY),
    ("unlicensed", Kind.NONE),
    ("", Kind.NONE),
    ("   ", Kind.NONE),
    ("Component not included", Kind.NOT_INCLUDED),
    ("Component not include.", Kind.NOT_INCLUDED),
    ("Component Component not included", Kind.NOT_INCLUDED),
]


@pytest.mark.parametrize(("raw", "expected", "method"), SPELLINGS)
def test_spellings_and_ai_names_resolve(raw: str, expected: str, method: str) -> None:
    n = normalise(raw)
    assert (n.kind, n.expression, n.method) == (Kind.LICENCE, expected, method)
    assert 0.8 <= n.confidence <= 1.0


@pytest.mark.parametrize(("tag", "expected"), HF_TAGS)
def test_every_hugging_face_tag_resolves(tag: str, expected: str) -> None:
    n = normalise(tag)
    assert n.kind is Kind.LICENCE
    assert n.expression == expected


@pytest.mark.parametrize(("raw", "family"), FAMILIES)
def test_family_words_stay_families(raw: str, family: str) -> None:
    n = normalise(raw)
    assert (n.kind, n.expression, n.family, n.method) == (Kind.FAMILY, None, family, "family")
    note = n.note()
    assert note is not None and "not treated as open" in note


@pytest.mark.parametrize(("raw", "kind"), MARKERS)
def test_markers_are_not_licences(raw: str, kind: Kind) -> None:
    n = normalise(raw)
    assert n.kind is kind and n.expression is None


@pytest.mark.parametrize(
    "raw",
    [
        "h-research-nonexistent",
        "Bloom",
        "license-ish words",
        "commercial use restrcitions; CC-BY-NC-SA-4.0",
        "MIT AND BSD",
        "Apache-2.0 OR frobnicate",
        "GPL-2.0-only WITH not-an-exception",
        "CC-BY-9.9",
        "GPLv7",
    ],
)
def test_what_is_not_understood_stays_unresolved(raw: str) -> None:
    n = normalise(raw)
    assert n.kind is Kind.UNRESOLVED and n.expression is None and n.confidence == 0.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MIT OR Apache 2.0", "MIT OR Apache-2.0"),
        ("Apache-2.0 AND llama3", "Apache-2.0 AND LicenseRef-openness-llama-3-license-2024"),
        ("GPL-2.0-only WITH classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("(MIT OR GPLv3) AND cc0", "(MIT OR GPL-3.0-only) AND CC0-1.0"),
        ("mit and apache-2.0", "MIT AND Apache-2.0"),
        ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
    ],
)
def test_expressions_resolve_each_operand(raw: str, expected: str) -> None:
    n = normalise(raw)
    assert n.kind is Kind.EXPRESSION and n.expression == expected and n.method == "expression"
    assert n.parts and all(p.kind is Kind.LICENCE for p in n.parts)


def test_failed_operand_is_named() -> None:
    n = normalise("MIT AND BSD")
    assert [p.raw for p in n.parts] == ["BSD"] and n.parts[0].kind is Kind.FAMILY


def test_notes_say_what_was_applied() -> None:
    assert normalise("Apache 2.0").note() == "licence 'Apache 2.0' read as Apache-2.0 (alias)"
    assert normalise("Apache-2.0").note() is None
    other = normalise("other").note()
    assert other is not None and "does not name" in other
