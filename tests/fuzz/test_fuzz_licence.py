"""Fuzz the licence normaliser and expression parser (``normalise``, ``identify``) and the
``openness licence`` command: generated expressions over real SPDX ids, exceptions, ScanCode keys,
catalogue names and look-alikes, unbalanced and misplaced operators, control characters and surrogates."""

from __future__ import annotations

from functools import cache

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from openness.cli.main import cli
from openness.licences import identify
from openness.licences import spdx as spdx_facts
from openness.licences.catalogue import entries
from openness.licences.normalise import normalise
from openness.reports import licence as licence_report
from openness.reports.json_report import dumps

from .harness import Violation, check, checked, fuzz_settings, utf8
from .strategies import mostly_benign, nasty_text

SURFACE = "licence"


@cache
def _words() -> tuple[list[str], list[str]]:
    from license_expression import get_license_index

    ids = sorted(spdx_facts.LICENSES)
    index = get_license_index()
    exceptions = sorted(
        {r["spdx_license_key"] for r in index if r.get("is_exception") and r.get("spdx_license_key")}
    )
    scancode = sorted({r["license_key"] for r in index if r.get("license_key")})[:3000]
    names = sorted({e.name for e in entries() if e.name})
    return ids + scancode + names + [
        "LicenseRef-x",
        "LicenseRef-scancode-commons-clause",
        "other",
        "unknown",
    ], exceptions


def _lookalike(text: str) -> str:
    return text.replace("s", "ſ").replace("K", "K").replace("i", "ı").replace("-", "‐")


operand = st.one_of(
    st.integers(0, 10**6).map(lambda i: _words()[0][i % len(_words()[0])]),
    st.integers(0, 10**6).map(lambda i: _lookalike(_words()[0][i % len(_words()[0])])),
    mostly_benign(st.sampled_from(["MIT", "Apache 2.0", "cc-by-4.0", "llama3.1", "BSD-3"]), nasty_text),
)
exception = st.integers(0, 10**6).map(lambda i: _words()[1][i % len(_words()[1])])


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.integers(0, 2)) == 0:
        term = draw(operand)
        if draw(st.integers(0, 4)) == 0:
            term += f" {draw(st.sampled_from(['WITH', 'with', 'With']))} {draw(exception | operand)}"
        return term
    op = draw(st.sampled_from(["AND", "OR", "and", "or", "/", ",", "+", "WITH", "AND OR", ""]))
    left, right = draw(expressions(depth + 1)), draw(expressions(depth + 1))
    text = f"{left} {op} {right}"
    if draw(st.booleans()):
        text = f"({text})"
    damage = draw(
        st.sampled_from(
            ["", "", "", "(", ")", "((", " AND", "OR ", "( AND ", "(", "\x00", "\n", "\ud800", "\x1b[2J"]
        )
    )
    at = draw(st.integers(0, len(text)))
    return text[:at] + damage + text[at:]


def _identify(text: str) -> None:
    normalise(text)
    result = identify(text)
    dumps(licence_report.to_dict(result)).encode("utf-8")


@fuzz_settings()
@given(expressions())
def test_generated_expressions(text: str) -> None:
    check(SURFACE, text, lambda: _identify(text))


@fuzz_settings(0.3)
@given(st.text(max_size=200) | st.text(max_size=5).map(lambda s: s * 2000))
def test_arbitrary_strings(text: str) -> None:
    check(SURFACE, text, lambda: _identify(text))


def run_cli(args: list[str]) -> int:
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Violation(f"unexpected {type(result.exception).__name__}: {result.exception}")
    out = utf8(result.stdout_bytes, "stdout")
    err = utf8(result.stderr_bytes, "stderr")
    checked(SURFACE, "licence command runs with UTF-8 output")
    if "Traceback" in out + err or "internal error" in out + err:
        raise Violation(f"traceback or internal error: {err[-300:]}")
    if result.exit_code not in (0, 2):
        raise Violation(f"exit code {result.exit_code} (licence exits 0 or 2)")
    return result.exit_code


@fuzz_settings(0.2)
@given(st.lists(expressions(), min_size=1, max_size=3), st.sampled_from([["-f", "json"], ["-f", "table"]]))
def test_licence_command(strings: list[str], fmt: list[str]) -> None:
    args = ["licence", *fmt, "--", *strings]
    check(SURFACE, args, lambda: run_cli(args))
