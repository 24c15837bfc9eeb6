"""Generators of hostile values shared by the fuzzers: what a broken or malicious file, record or
argument may hold. Written here from the classes of input in issue 12, not taken from any corpus."""

from __future__ import annotations

import json

from hypothesis import strategies as st

CONTROL = "".join(chr(c) for c in (*range(0, 32), 127, 0x85, 0x2028, 0x2029, 0x202E, 0xFEFF))
NASTY_CHARS = CONTROL + "\ud800\udfff\x1b[31m" + "ſK" + "\u0130\u0131" + "ﬀ" + "𝐀"

# Text with the characters that break naive code: controls, lone surrogates, escapes, look-alikes.
nasty_text = st.text(
    alphabet=st.one_of(st.sampled_from(NASTY_CHARS), st.characters(codec="utf-8"), st.characters()),
    max_size=40,
)
plain_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="\\\"'"), max_size=30
)


def deep(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


# YAML fragments placed where a scalar belongs: dates that do not exist, tags outside the core schema,
# non-booleans, huge numbers, nesting, anchors and aliases, directives.
YAML_VALUES = [
    "2024-13-45",
    "2024-02-30",
    "0000-01-01",
    "2024-01-01",
    "2024-01-01T25:61:61Z",
    "2024-1-1 10:00:00 +99:99",
    "!!timestamp 2024-99-99",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!python/tuple [1, 2]",
    "!!binary aGVsbG8=",
    "!!binary ~~~",
    "!!set {a, b}",
    "!!omap [a: 1, b: 2]",
    "!!pairs [a: 1]",
    "!!int nope",
    "!!float nope",
    "!!bool maybe",
    "!!str",
    "!!null x",
    "!custom value",
    "!<tag:example.com,2024:x> y",
    "yes",
    "No",
    "on",
    "~",
    "null",
    ".inf",
    "-.nan",
    "0x" + "f" * 5000,
    "9" * 5000,
    "-" + "9" * 4400,
    "1e400",
    "0o7777777777777777777777",
    "0b" + "1" * 3000,
    "1_000_000",
    "1:20:30",
    "&a x",
    "*a",
    "*undefined",
    "[*a]",
    "{a: &x [1], b: *x}",
    '"\\x00\\x1b[31m\\u202e"',
    '"\\ud800"',
    '"\\U0010ffff"',
    "'\t'",
    "|\n    block text\n    more",
    ">-\n    folded",
    deep(300),  # deeper than the recursion limit costs a second a case: test_findings.py covers it
    deep(300, "{a: ", "}"),
    "{? [a, b]: c}",
    "[a, b",
    "{a: 1",
    "'unterminated",
    '"unterminated',
    "- in a scalar",
    ": colon",
    "@reserved",
    "`reserved",
    "%",
    "#",
    "",
    " ",
    "\u00a0",
    "\x00",
    "\x07bell",
    "\ufeffbom",
]


def _json_scalar(value: object) -> str:
    return json.dumps(value)  # a JSON scalar is a YAML flow scalar


simple_json = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        nasty_text,
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(plain_text, children, max_size=3),
    max_leaves=6,
)

hostile_yaml_value = st.one_of(
    st.sampled_from(YAML_VALUES),
    nasty_text.map(_json_scalar),
    simple_json.map(_json_scalar),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.integers(min_value=1, max_value=200).map(deep),
)
# Words a plain YAML scalar may hold anywhere (no indicator characters).
safe_text = st.from_regex(r"[A-Za-z][A-Za-z0-9 ._/-]{0,24}", fullmatch=True).map(str.strip).filter(bool)
benign_yaml_value = st.one_of(safe_text, st.sampled_from(["MIT", "Apache-2.0", "CC-BY-4.0", "llama3", "x/y"]))


def mostly_benign(benign: st.SearchStrategy[str], hostile: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One value in twelve hostile, so that a third of the cases have none and reach the code behind
    the parser too."""
    return st.integers(0, 11).flatmap(lambda i: hostile if i == 5 else benign)


yaml_value = mostly_benign(benign_yaml_value, hostile_yaml_value)
