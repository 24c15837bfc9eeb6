"""One licence-expression model: one expression gets one answer in every framework and in
``openness licence``; WITH is closed by default; look-alikes, control characters and unbalanced
parentheses never resolve."""

from __future__ import annotations

from functools import cache

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from openness.cli.main import cli
from openness.domain.release import Release
from openness.frameworks import eu_ai_act, open_weight, osai_index, osaid
from openness.frameworks.licence_facts import default_facts, read_licence
from openness.frameworks.mof import engine as mof_engine
from openness.frameworks.verdicts import Status
from openness.licences import expression, identify, spdx
from openness.licences.judge import judge
from openness.licences.normalise import Kind, normalise
from tests.verdicts.helpers import full_release

# Licences whose readings agree in every framework: open (OSI-approved, no use restriction, FOSS) or not.
OPEN = ("MIT", "Apache-2.0", "BSD-3-Clause", "MPL-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")
CLOSED = (
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-4.0",
    "LicenseRef-unknown-terms",
    "MIT WITH LicenseRef-scancode-commons-clause",
    "Apache-2.0 WITH LicenseRef-scancode-commons-clause",
)
CODE = "Training code"
WEIGHTS = "Model parameters (Final)"


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> tuple[str, bool]:
    """(expression, whether it is open): AND needs every operand open, OR one branch."""
    if depth >= 2 or draw(st.booleans()):
        leaf = draw(st.sampled_from(OPEN + CLOSED))
        return leaf, leaf in OPEN
    op = draw(st.sampled_from(("AND", "OR")))
    parts = [draw(expressions(depth + 1)) for _ in range(draw(st.integers(2, 3)))]
    text = f" {op} ".join(f"({t})" if " AND " in t or " OR " in t else t for t, _ in parts)
    opens = [o for _, o in parts]
    return text, all(opens) if op == "AND" else any(opens)


def _criteria_met(v: object, prefix: str) -> bool:
    found = [f for f in v.findings if f.requirement.endswith(prefix)]  # type: ignore[attr-defined]
    return bool(found) and all(f.status in (Status.MET, Status.CAVEATS) for f in found)


@cache
def answers(text: str) -> dict[str, bool]:
    """Whether each reader judges the expression open."""
    rel: Release = full_release(**{CODE: text, WEIGHTS: text})
    mof = mof_engine.evaluate(rel)
    os = osaid.evaluate(rel)
    eu = eu_ai_act.evaluate(rel, {"monetised": "no", "systemic-risk": "no"})
    ow = open_weight.evaluate(rel)
    index = osai_index.evaluate(rel)
    ident = identify(text)
    licence_findings = [f for f in ow.findings if f.requirement.split(".", 1)[1] not in ("weights-accessible",
        "weights-form", "training-information", "training-software")]  # fmt: skip
    view = read_licence(text, default_facts())
    return {
        "mof (code counted)": mof.finding(CODE).status.value == "counted",  # type: ignore[union-attr]
        "judge (code)": judge(normalise(text).expression or "", "code").open,
        "osaid code": os.finding("code.training").status is Status.MET,  # type: ignore[union-attr]
        "osaid parameters": os.finding("parameters").status in (Status.MET, Status.CAVEATS),  # type: ignore[union-attr]
        "eu art. 53(2) licence": eu.finding("art-53-2.licence").status in (Status.MET, Status.CAVEATS),  # type: ignore[union-attr]
        "open weight licence": all(f.status in (Status.MET, Status.CAVEATS) for f in licence_findings),
        "osai index licence": index.finding("licence").grade == "open",  # type: ignore[union-attr]
        "licence facts view": view.known and view.osd_compliant is True and not view.use_restrictions,
        "openness licence (OSD)": ident.osd_compliant is True,
        "openness licence (code)": ident.open_for["code"],
    }


@settings(max_examples=150, deadline=None)
@given(expressions())
def test_one_expression_gets_one_answer_everywhere(case: tuple[str, bool]) -> None:
    text, want = case
    got = answers(text)
    wrong = {k: v for k, v in got.items() if v is not want}
    assert not wrong, (text, want, wrong)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("MIT AND (Apache-2.0 OR CC-BY-NC-4.0)", True),  # the case of issue 9
        ("MIT AND (Apache-2.0 OR LicenseRef-unknown-terms)", True),
        ("(MIT OR CC-BY-NC-4.0) AND (CC-BY-NC-4.0 OR Apache-2.0)", True),
        ("MIT AND (CC-BY-NC-4.0 OR LicenseRef-unknown-terms)", False),
        ("MIT WITH LicenseRef-scancode-commons-clause", False),  # the case of issue 12
        ("MIT OR Apache-2.0 WITH LicenseRef-scancode-commons-clause", True),
    ],
)
def test_named_cases(text: str, want: bool) -> None:
    got = answers(text)
    assert {k: v for k, v in got.items() if v is not want} == {}


def _scancode_exceptions() -> list[str]:
    """Every exception in license-expression's ScanCode index that the SPDX exceptions list lacks."""
    from license_expression import get_license_index

    out = set()
    for row in get_license_index():
        if not row.get("is_exception"):
            continue
        key = row.get("spdx_license_key") or f"LicenseRef-scancode-{row['license_key']}"
        if key not in spdx.EXCEPTIONS:
            out.add(key)
    return sorted(out)


SCANCODE_EXCEPTIONS = _scancode_exceptions()


def test_the_scancode_index_has_restrictive_exceptions() -> None:
    assert len(SCANCODE_EXCEPTIONS) > 100
    assert "LicenseRef-scancode-commons-clause" in SCANCODE_EXCEPTIONS


@pytest.mark.parametrize("licence", ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only"])
def test_no_exception_off_the_spdx_list_is_open(licence: str) -> None:
    facts = default_facts()
    for exc in SCANCODE_EXCEPTIONS:
        text = f"{licence} WITH {exc}"
        norm = normalise(text)  # resolved (ScanCode key) or unresolved: either way not open
        for content_type in ("code", "data", "document"):
            assert norm.expression is None or not judge(norm.expression, content_type).open, text
        ident = identify(text)
        assert ident.osd_compliant is not True and ident.eu_foss is not True, text
        assert not any(ident.open_for.values()), text
        view = read_licence(text, facts)
        assert not (view.known and (view.osd_compliant or view.osi_approved or view.eu_foss)), text


@pytest.mark.parametrize("exc", sorted(spdx.EXCEPTIONS))
def test_an_spdx_exception_leaves_an_open_licence_open(exc: str) -> None:
    text = f"GPL-2.0-or-later WITH {exc}"
    assert normalise(text).kind is Kind.EXPRESSION
    assert judge(normalise(text).expression or "", "code").open
    assert identify(text).osd_compliant is True


# Characters that str.casefold or NFKC turn into ASCII letters: each makes a look-alike of an id.
LOOK_ALIKES = {
    "s": ["ſ"],  # LATIN SMALL LETTER LONG S (casefold → s)
    "k": ["\u212a"],  # KELVIN SIGN (casefold → k)
    "K": ["\u212a"],
    "M": ["Ｍ", "𝐌"],  # FULLWIDTH / MATHEMATICAL BOLD M (NFKC → M)
    "I": ["Ⅰ", "Ｉ"],  # ROMAN NUMERAL ONE (NFKC → I)
    "T": ["Ｔ"],
    "A": ["Ａ"],
    "e": ["ｅ"],
    "2": ["²", "２"],  # SUPERSCRIPT TWO (NFKC → 2)
    "0": ["０"],
}
IDS = ("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only", "CC-BY-4.0", "MIT License", "Apache License 2.0")


@st.composite
def look_alikes(draw: st.DrawFn) -> tuple[str, str]:
    original = draw(st.sampled_from(IDS))
    positions = [i for i, ch in enumerate(original) if ch in LOOK_ALIKES]
    i = draw(st.sampled_from(positions))
    ch = draw(st.sampled_from(LOOK_ALIKES[original[i]]))
    return original, original[:i] + ch + original[i + 1 :]


@settings(max_examples=300, deadline=None)
@given(look_alikes())
def test_a_look_alike_never_resolves(case: tuple[str, str]) -> None:
    original, fake = case
    assert normalise(original).expression is not None
    norm = normalise(fake)
    assert norm.expression is None, (fake, norm)
    assert identify(fake).id is None
    assert not read_licence(fake, default_facts()).known


@pytest.mark.parametrize("fake", ["BSD-3-Clauſe", "MIT Licenſe", "Apache-2.0 AND BSD-3-Clauſe"])
def test_the_look_alikes_of_issue_12(fake: str) -> None:
    assert normalise(fake).expression is None
    assert not answers(fake)["mof (code counted)"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("LicenseRef-x(", "never closed"),
        ("( AND CC-BY-SA-4.0", "never closed"),
        ("(AND CC-BY-SA-4.0)", "no operand before it"),
        ("MIT AND", "no operand after it"),
        ("MIT)", "no opening one"),
        ("M\x00IT", "U+0000"),
        ("MIT\x1bApache-2.0", "U+001B"),
        ("Apache-2.0\u202e", "U+202E"),  # a bidirectional override
        ("\ud800", "U+D800"),
        ("(" * 40 + "MIT" + ")" * 40, "nested deeper"),
    ],
)
def test_malformed_strings_are_unresolved_with_a_note(text: str, problem: str) -> None:
    norm = normalise(text)
    assert norm.kind is Kind.UNRESOLVED and norm.expression is None
    assert problem in norm.problem and problem in (norm.note() or "")
    assert not read_licence(text, default_facts()).known
    out = CliRunner().invoke(cli, ["licence", "-f", "json", text])
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1 and problem in out.stderr
    assert "Traceback" not in out.stderr


def test_a_malformed_string_does_not_stop_the_others() -> None:
    out = CliRunner().invoke(cli, ["licence", "-f", "json", "LicenseRef-x(", "MIT"])
    assert out.exit_code == 2 and '"id": "MIT"' in out.stdout


@pytest.mark.parametrize("text", ["BSD 3-Clause (Revised)", "GPL-2.0 or later", "Apache 2.0\u00a0"])
def test_names_are_not_malformed(text: str) -> None:
    assert normalise(text).problem == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("()ANDORWITH MIT-Apache2.0\x00\t")), max_size=40))
def test_no_string_breaks_a_reader(text: str) -> None:
    """Whatever the string, every reader answers (no exception) and the parse model agrees with it."""
    norm = normalise(text)
    if norm.expression is not None:
        expression.parse(norm.expression)
    judge(norm.expression or text, "code")
    identify(text)
    read_licence(text, default_facts())


MARKERS = ("Undisclosed", "unlicensed", "Proprietary", "Component not included")


@pytest.mark.parametrize("marker", MARKERS)
def test_a_mot_marker_is_not_openly_released_in_any_framework(marker: str) -> None:
    rel = full_release(**{CODE: marker, WEIGHTS: marker})
    mof = mof_engine.evaluate(rel)
    assert mof.finding(CODE).status.value in ("invalid", "unlicensed", "missing")  # type: ignore[union-attr]
    assert mof.finding(WEIGHTS).status.value in ("invalid", "unlicensed", "missing")  # type: ignore[union-attr]
    os = osaid.evaluate(rel)
    assert os.finding("code.training").status is Status.NOT_MET  # type: ignore[union-attr]
    assert os.finding("parameters").status is Status.NOT_MET  # type: ignore[union-attr]
    eu = eu_ai_act.evaluate(rel, {"monetised": "no", "systemic-risk": "no"})
    assert eu.finding("art-53-2.licence").status is Status.NOT_MET  # type: ignore[union-attr]
    assert open_weight.evaluate(rel).verdict == "does-not-meet"
    assert osai_index.evaluate(rel).finding("licence").grade != "open"  # type: ignore[union-attr]
    view = read_licence(marker, default_facts())
    assert view.withheld and not view.known
    ident = identify(marker)
    assert ident.osd_compliant is not True and not any(ident.open_for.values())


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            ["BSD-2-Clause AND BSD-3-Clause AND LicenseRef-openness-unrecognised", "BSD-2-Clause", "MIT"],
            "BSD-2-Clause AND BSD-3-Clause AND LicenseRef-openness-unrecognised AND MIT",
        ),
        (["MIT OR Apache-2.0", "MIT"], "MIT AND (MIT OR Apache-2.0)"),
        (["(MIT AND Apache-2.0) AND BSD-3-Clause", "Apache-2.0"], "Apache-2.0 AND BSD-3-Clause AND MIT"),
        (
            ["GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only"],
            "GPL-2.0-only AND GPL-2.0-only WITH Classpath-exception-2.0",
        ),
        (["MIT", "MIT"], "MIT"),
    ],
)
def test_licences_that_all_apply_read_as_one_flat_expression(parts: list[str], expected: str) -> None:
    from openness.licences.expression import all_of

    assert all_of(parts) == expected
