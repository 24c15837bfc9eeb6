"""An SPDX WITH exception adds to its licence's terms; it is not a second, unknown licence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.licences import identify


@pytest.mark.parametrize(
    ("expression", "licence"),
    [
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only"),
    ],
)
def test_a_with_exception_is_judged_by_its_licence(expression: str, licence: str) -> None:
    ident, plain = identify(expression), identify(licence)
    assert ident.id == expression
    assert (ident.osd_compliant, ident.eu_foss, ident.osi_approved) == (
        plain.osd_compliant,
        plain.eu_foss,
        plain.osi_approved,
    )
    assert ident.spdx_listed
    assert "unknown licence" not in ident.osd_reason + ident.eu_reason


def test_the_frameworks_read_a_with_exception_as_its_licence() -> None:
    from openness.frameworks.licence_facts import default_facts, read_licence

    view = read_licence("Apache-2.0 WITH LLVM-exception", default_facts())
    assert view.kind == "known"
    assert (view.osi_approved, view.osd_compliant, view.eu_foss) == (True, True, True)
    assert [p.id for p in view.parts] == ["Apache-2.0"]


def test_osaid_agrees_with_mof_on_code_under_a_with_exception(tmp_path: Path) -> None:
    record = tmp_path / "with.yml"
    record.write_text(
        "release:\n  name: r\n  license:\n    distribution: {name: 'Apache-2.0 WITH LLVM-exception'}\n"
        "  components:\n    - name: 'Inference code'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["assess", "-f", "json", str(record)])
    d = json.loads(result.stdout)
    mof = next(c for c in d["mof"]["components"] if c["name"] == "Inference code")
    osaid = next(f for f in d["osaid"]["findings"] if f["requirement"] == "code.inference")
    assert mof["status"] == "counted"
    assert osaid["status"] == "met", osaid["reason"]
