"""The ``openness licence`` command end to end, and the MOF engine's use of the normaliser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.frameworks.mof.engine import evaluate
from openness.frameworks.mof.result import Status
from openness.sources.registry import collect

FIELDS = {
    "input",
    "id",
    "scancode_key",
    "deprecated",
    "name",
    "family",
    "spdx_listed",
    "osi_approved",
    "fsf_libre",
    "open_for",
    "osd_compliant",
    "osd_reason",
    "restrictions",
    "confidence",
    "matched_by",
    "similarity",
    "differences",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["licence", *args])
    return result.exit_code, result.output


def test_strings_in_json_carry_every_field() -> None:
    code, out = run("Apache 2.0", "llama3.1", "BSD", "--format", "json")
    assert code == 0
    apache, llama, bsd = json.loads(out)
    assert set(apache) >= FIELDS
    assert (apache["id"], apache["matched_by"], apache["osd_compliant"]) == ("Apache-2.0", "alias", True)
    assert apache["open_for"] == {"code": True, "data": False, "document": True}
    assert llama["id"] == "LicenseRef-scancode-llama-3.1-license-2024"
    assert llama["scancode_key"] == "llama-3.1-license-2024" and llama["family"] == "llama"
    assert {"user-cap", "acceptable-use-policy", "naming-requirement"} <= {
        r["flag"] for r in llama["restrictions"]
    }
    assert llama["osd_compliant"] is False and not any(llama["open_for"].values())
    assert (bsd["id"], bsd["kind"], bsd["family"], bsd["osd_compliant"]) == (None, "family", "bsd", None)


def test_one_input_gives_one_object() -> None:
    code, out = run("MIT OR Llama 2 Community License", "-f", "json")
    obj = json.loads(out)
    assert code == 0 and obj["osd_compliant"] is True and "branch MIT" in obj["osd_reason"]


def test_files(tmp_path: Path) -> None:
    header = tmp_path / "model.py"
    header.write_text("# SPDX-License-Identifier: Apache-2.0\nimport os\n", encoding="utf-8")
    title = tmp_path / "LICENSE"
    title.write_text(
        "Gemma Terms of Use\n\nLast modified: April 1, 2024\n\nBy using Gemma …\n", encoding="utf-8"
    )
    code, out = run("--file", str(header), "--file", str(title), "--format", "json")
    first, second = json.loads(out)
    assert code == 0
    assert (first["id"], first["matched_by"]) == ("Apache-2.0", "header")
    assert (second["id"], second["matched_by"]) == ("LicenseRef-scancode-gemma-tou-2024-04-01", "title")


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["licence", "--file", str(tmp_path / "missing"), "MIT", "-f", "json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["id"] == "MIT"
    assert "cannot read" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_table_output_and_sources() -> None:
    code, out = run("gemma", "--format", "table")
    assert code == 0 and "remote-restriction" in out and "LicenseRef-scancode-gemma-tou-2024-04-01" in out
    code, out = run("--sources", "--format", "json")
    names = {row["name"] for row in json.loads(out)}
    assert code == 0 and {"AI licence catalogue", "reference licence texts", "SPDX licence flags"} <= names


def test_no_input_is_a_usage_error() -> None:
    code, _ = run()
    assert code == 2


RECORD = """\
framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}
release:
  name: test-model
  version: '1'
  date: '2025-01-01'
  type: language
  architecture: transformer
  origin: ''
  producer: test
  contact: ''
  license: {  }
  components:
    - {name: 'Model architecture', description: x, license: 'MIT OR Llama 2 Community License'}
    - {name: 'Model parameters (Final)', description: x, license: 'Llama 2 Community License'}
    - {name: 'Model card', description: x, license: 'BSD'}
    - {name: 'Data card', description: x, license: 'other'}
    - {name: 'Technical report', description: x, license: 'OpenMDW'}
    - {name: 'Evaluation results', description: x, license: 'CC BY 4.0'}
"""


@pytest.fixture
def findings(tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "record.yml"
    path.write_text(RECORD, encoding="utf-8")
    result = evaluate(collect(str(path)))
    return {f.name: f for f in result.components}


@pytest.mark.parametrize(
    ("component", "status", "licence", "note"),
    [
        (
            "Model architecture",
            Status.COUNTED,
            "MIT OR LicenseRef-scancode-llama-2-license-2023",
            "(expression)",
        ),
        ("Model parameters (Final)", Status.INVALID, "LicenseRef-scancode-llama-2-license-2023", "(alias)"),
        ("Model card", Status.INVALID, None, "bsd family"),
        ("Data card", Status.INVALID, None, "does not name"),
        ("Technical report", Status.COUNTED, "OpenMDW-1.0", "(alias)"),
        ("Evaluation results", Status.COUNTED, "CC-BY-4.0", "(alias)"),
    ],
)
def test_mof_default_mode_uses_the_normaliser_and_notes_it(
    findings: dict[str, object], component: str, status: Status, licence: str | None, note: str
) -> None:
    f = findings[component]
    assert f.status is status, f.reason  # type: ignore[attr-defined]
    assert f.licence == licence  # type: ignore[attr-defined]
    assert any(note in n for n in f.notes), f.notes  # type: ignore[attr-defined]


def test_public_python_api() -> None:
    import openness.licences as licences

    assert sorted(licences.__all__) == ["Identification", "identify", "identify_text"]
    ident = licences.identify("gpl-3.0")
    assert isinstance(ident, licences.Identification)
    assert (ident.id, ident.deprecated, ident.osi_approved) == ("GPL-3.0", True, True)
    with pytest.raises(AttributeError):
        _ = licences.no_such_thing  # type: ignore[attr-defined]
