"""Reading MOT YAML: quirks tolerated, bad input refused in one line, round trip preserved."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.domain.release import Presence
from openness.domain.serialize import release_from_dict, release_to_dict
from openness.errors import InputError
from openness.reports import mot_yaml as writer
from openness.sources import mot_yaml
from tests.conftest import ROOT, shared

RECORD = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: 2024-12-15
release:
  name: Quirky
  version: 1B
  license: {  }
  producer: Someone
  repository: 'https://example.org/repo'
  huggingface: 'https://huggingface.co/x/y'
  future_field: {a: 1}
  components:
    - name: 'Model card'
      license: 'Apache 2.0'
      license_path: LICENSE
      component_path: README.md
      extra_key: kept
    - name: 'model architecture'
    - name: Datasets
      license:
"""


def test_quirks_are_tolerated_and_kept() -> None:
    rel = mot_yaml.parse(RECORD, "q.yml")
    assert rel.name == "Quirky" and rel.licences == {}
    assert rel.links == {
        "repository": "https://example.org/repo",
        "huggingface": "https://huggingface.co/x/y",
    }
    assert rel.extra == {"future_field": {"a": 1}}
    assert rel.framework["date"] == "2024-12-15"
    card, arch, data = rel.components
    assert (card.licence, card.licence_declared, card.licence_path, card.locations) == (
        "Apache 2.0",
        True,
        "LICENSE",
        ("README.md",),
    )
    assert card.extra == {"extra_key": "kept"}
    assert arch.name == "Model architecture" and not arch.licence_declared
    assert data.licence is None and data.licence_declared
    assert all(c.presence is Presence.INCLUDED for c in rel.components)
    assert card.evidence[0].locator == "q.yml:14"
    assert arch.evidence[0].locator == "q.yml:19"


def _strip_evidence(d: dict) -> dict:  # type: ignore[type-arg]
    d = dict(d)
    d.pop("evidence")
    d["components"] = [{k: v for k, v in c.items() if k != "evidence"} for c in d["components"]]
    return d


def _round_trip(path: Path) -> None:
    first = mot_yaml.load(path)
    second = mot_yaml.parse(writer.render(first), "again.yml")
    assert _strip_evidence(release_to_dict(first)) == _strip_evidence(release_to_dict(second))


def test_round_trip_of_the_quirky_record(tmp_path: Path) -> None:
    p = tmp_path / "q.yml"
    p.write_text(RECORD)
    _round_trip(p)


def test_round_trip_of_every_example_and_real_record() -> None:
    paths = sorted((ROOT / "examples").glob("*.yml"))
    paths += sorted(shared("mot-models").glob("*.yml")) + sorted(shared("mot").glob("*.yml"))
    for path in paths:
        _round_trip(path)


def test_json_round_trip_is_exact() -> None:
    rel = mot_yaml.load(ROOT / "examples" / "open-science.yml")
    assert release_from_dict(release_to_dict(rel)) == rel


BAD = [
    ("release: [unclosed\n", "invalid YAML", ":2"),
    ("a: &x [1, 2]\nb: *x\n", "aliases are not allowed", ":2"),
    ("- just\n- a list\n", "top level must be a mapping", ":1"),
    ("framework: {}\n", "missing 'release'", ""),
    ("release:\n  name: ''\n", "release.name is missing", ":2"),
    ("release:\n  name: x\n  components: {a: 1}\n", "components must be a list", ""),
    ("release:\n  name: x\n  components:\n    - name: Weights\n", "unknown component 'Weights'", ":4"),
    ("release:\n  name: x\n  components:\n    - just a string\n", "must be a mapping", ":4"),
    ("release:\n  name: x\n  license: MIT\n", "release.license must be a mapping", ""),
    (
        "release:\n  name: x\n  components:\n    - name: Datasets\n    - name: Datasets\n",
        "listed twice",
        ":5",
    ),
    ("release:\n  name: [1]\n", "must be text", ""),
    ("", "empty file", ""),
]


@pytest.mark.parametrize(("text", "message", "line"), BAD, ids=[b[1] for b in BAD])
def test_bad_records_give_one_clear_line(tmp_path: Path, text: str, message: str, line: str) -> None:
    p = tmp_path / "bad.yml"
    p.write_text(text)
    with pytest.raises(InputError) as info:
        mot_yaml.load(p)
    shown = str(info.value)
    assert message in shown and str(p) in shown and "\n" not in shown
    if line:
        assert f"{p}{line}" in shown


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    p = tmp_path / "bomb.yml"
    p.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="aliases are not allowed"):
        mot_yaml.load(p)


def test_oversized_non_utf8_missing_and_directory(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as fh:
        fh.truncate(mot_yaml.MAX_BYTES + 1)
    with pytest.raises(InputError, match="over the"):
        mot_yaml.load(big)
    latin = tmp_path / "latin.yml"
    latin.write_bytes(b"release:\n  name: caf\xe9\n")
    with pytest.raises(InputError, match=r"not UTF-8.*0xe9") as info:
        mot_yaml.load(latin)
    assert f"{latin}:2" in str(info.value)
    with pytest.raises(InputError, match="no such file"):
        mot_yaml.load(tmp_path / "nope.yml")
    with pytest.raises(InputError, match="is a directory"):
        mot_yaml.load(tmp_path)


def _mot_validator():  # type: ignore[no-untyped-def]
    import json

    import jsonschema

    schema = json.loads(shared("mot", "mof_schema.json").read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_exports_from_a_folder_are_valid_mot_records(tmp_path: Path) -> None:
    import yaml as pyyaml

    from openness.sources import local

    (tmp_path / "LICENSE").write_text("MIT License\n\nCopyright (c) 2026 Example\n")
    (tmp_path / "config.json").write_text(
        '{"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"}'
    )
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\ndatasets: [org/data]\n---\n# M\n")
    (tmp_path / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    rel = local.collect(str(tmp_path))
    record = pyyaml.safe_load(writer.render(rel))
    errors = [e.message for e in _mot_validator().iter_errors(record)]
    assert errors == []
    assert all(isinstance(c.get("license", ""), str) for c in record["release"]["components"])


def test_exports_of_records_stay_valid_mot_records() -> None:
    import yaml as pyyaml

    validator = _mot_validator()
    for path in sorted((ROOT / "examples").glob("*.yml")):
        record = pyyaml.safe_load(writer.render(mot_yaml.load(path)))
        assert [e.message for e in validator.iter_errors(record)] == [], path
