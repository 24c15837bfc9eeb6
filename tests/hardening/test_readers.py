"""The bounded readers refuse hostile structure with a reason and a line, by explicit limits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from openness.sources import bounded, yaml_core
from openness.sources.hf import card

DEEP = 5_000  # far past both the readers' limit and Python's recursion limit


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        ("a: 1\nb: !!python/object/apply:os.system ['ls']\n", "'!!python/object/apply:os.system'", 2),
        ("a: !!timestamp 2024-01-01\n", "'!!timestamp' is not allowed", 1),
        ("a: !custom x\n", "'!custom' is not allowed", 1),
        ("a: !!bool maybe\n", "not a valid !!bool", 1),
        ("a: &x [1]\nb: *x\n", "aliases are not allowed", 2),
        ("a: " + "[" * DEEP + "]" * DEEP + "\n", f"deeper than {yaml_core.MAX_DEPTH}", 1),
        ("a: " + "9" * 5_000 + "\n", "a number of 5,000 characters", 1),
        ("a: 0x" + "f" * 10_000 + "\n", "a number of 10,002 characters", 1),
        ("a: 1\nb: x\x00y\n", "U+0000", 2),
        ("a: 1\n\nb: x\x1b[31m\n", "U+001B", 3),
        ("a: 1\na: 2\n", "duplicate key 'a'", 2),
        ("a: 1\n---\nb: 2\n", "more than one YAML document", 2),
    ],
)
def test_yaml_refusals_name_the_reason_and_line(text: str, reason: str, line: int) -> None:
    with pytest.raises(yaml_core.YamlError) as info:
        yaml_core.load(text)
    assert reason in info.value.reason and info.value.line == line


def test_yaml_core_schema_resolution() -> None:
    doc = yaml_core.load("a: yes\nb: 2024-13-45\nc: 0x1f\nd: .5\ne: ~\nf: True\ng: !!str 12\nh: .inf\n")
    assert doc.value == {
        "a": "yes",
        "b": "2024-13-45",
        "c": 31,
        "d": 0.5,
        "e": None,
        "f": True,
        "g": "12",
        "h": float("inf"),
    }
    assert doc.line("b") == 2 and doc.line("h") == 8


def test_yaml_node_count_is_bounded() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(yaml_core.MAX_NODES // 2 + 1))
    with pytest.raises(yaml_core.YamlError, match="YAML nodes"):
        yaml_core.load(text)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("[" * DEEP + "]" * DEEP, "nested deeper"),
        ('{"a":' * DEEP + "1" + "}" * DEEP, "nested deeper"),
        ('{"model_type": "x", "n": ' + "9" * 5_000 + "}", "a number of 5,000"),
        ('{"a": 1.' + "5" * 5_000 + "}", "a number of"),
        (b'{"a": "\xff"}', "not UTF-8"),
        ('{"a": ', "invalid JSON"),
    ],
)
def test_json_limits(data: str | bytes, reason: str) -> None:
    with pytest.raises(bounded.ParseError, match=reason):
        bounded.load_json(data)


def test_json_brackets_inside_strings_do_not_count() -> None:
    value = bounded.load_json('{"a": "' + "[" * DEEP + '\\"{"}')
    assert value == {"a": "[" * DEEP + '"{'}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a = " + "[" * DEEP + "]" * DEEP + "\n", "nested deeper"),
        ("a = " + "{b=" * 3_000 + "1" + "}" * 3_000 + "\n", "nested deeper"),
        ("a" + ".b" * 200 + " = 1\n", "nested deeper"),
        ("a = " + "9" * 5_000 + "\n", "5,000 characters"),
        ("a = 0x" + "f" * 5_000 + "\n", "characters"),
        ("a = [\n", "invalid TOML"),
    ],
)
def test_toml_limits(text: str, reason: str) -> None:
    with pytest.raises(bounded.ParseError, match=reason):
        bounded.load_toml(text)


def test_toml_strings_and_comments_do_not_count() -> None:
    doc = bounded.load_toml('a = "' + "[" * 200 + '" # ' + "{" * 200 + "\nb = '''\n" + "9" * 500 + "'''\n")
    assert doc["a"] == "[" * 200 and doc["b"].strip() == "9" * 500


@pytest.mark.parametrize(
    "front",
    [
        "date: 2024-13-45",
        "name: a\x00b",
        "name: a\x1bb",
        "x: " + "[" * DEEP + "]" * DEEP,
        "x: " + "9" * 5_000,
        "license: !!python/object/apply:os.system ['echo hi']",
    ],
)
def test_hub_card_front_matter_never_raises(front: str) -> None:
    parsed = card.parse(f"---\nlibrary_name: x\n{front}\n---\n# Card\n")
    # an impossible date is text in the core schema; the rest make the card's YAML unreadable
    assert parsed.status in ("ok", "broken") and parsed.text.strip() == "# Card"
    if parsed.status == "broken":
        assert "line 3" in parsed.error


def test_limits_are_not_pythons() -> None:
    assert sys.getrecursionlimit() > yaml_core.MAX_DEPTH * 4
    assert sys.get_int_max_str_digits() > yaml_core.MAX_NUMBER_CHARS


def test_hub_api_bodies_are_read_bounded() -> None:
    from openness.sources.hf.client import _json_object

    assert _json_object(b'{"id": "o/n", "sha": "' + b"0" * 40 + b'"}') == {"id": "o/n", "sha": "0" * 40}
    assert _json_object(b'{"a":' * DEEP + b"1" + b"}" * DEEP) is None
    assert _json_object(b'{"usedStorage": ' + b"9" * 5_000 + b"}") is None


def test_safetensors_header_nested_deep_is_not_read(tmp_path: Path) -> None:
    import struct

    from openness.domain.release import Presence
    from openness.sources.local import collect
    from openness.sources.local.weights import safetensors_summary
    from openness.sources.options import CollectOptions

    header = (
        b'{"w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]}, "x": ' + b"[" * DEEP + b"]" * DEEP
    )
    header += b"}"
    assert safetensors_summary(header) is None
    root = tmp_path / "r"
    root.mkdir()
    (root / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 8)
    release = collect(str(root), CollectOptions())
    final = release.component("Model parameters (Final)")
    assert final is not None and final.presence is Presence.INCLUDED  # named by its file; header unread
