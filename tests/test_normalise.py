"""The licence strings found in MOT records, read as a person would."""

from __future__ import annotations

import pytest

from openness.licences.normalise import Kind, normalise


@pytest.mark.parametrize(
    ("raw", "kind", "expression", "method"),
    [
        ("Apache-2.0", Kind.LICENCE, "Apache-2.0", "exact"),
        ("apache-2.0", Kind.LICENCE, "Apache-2.0", "case"),
        ("Apache 2.0", Kind.LICENCE, "Apache-2.0", "alias"),
        ("Apache License 2.0", Kind.LICENCE, "Apache-2.0", "alias"),
        ("BSD-3", Kind.LICENCE, "BSD-3-Clause", "alias"),
        ("MIT license", Kind.LICENCE, "MIT", "alias"),
        ("CC BY-SA 4.0", Kind.LICENCE, "CC-BY-SA-4.0", "alias"),
        ("CC BY 4.0", Kind.LICENCE, "CC-BY-4.0", "alias"),
        ("CC0 1.0", Kind.LICENCE, "CC0-1.0", "alias"),
        ("Undisclosed", Kind.UNDISCLOSED, None, "marker"),
        ("Proprietary", Kind.PROPRIETARY, None, "marker"),
        ("Component not included", Kind.NOT_INCLUDED, None, "marker"),
        ("Component not include", Kind.NOT_INCLUDED, None, "marker"),
        ("unlicensed", Kind.NONE, None, "marker"),
        ("", Kind.NONE, None, "empty"),
        ("MIT OR Apache-2.0", Kind.EXPRESSION, "MIT OR Apache-2.0", "expression"),
        ("mit and cc-by-4.0", Kind.EXPRESSION, "MIT AND CC-BY-4.0", "expression"),
        (
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            Kind.EXPRESSION,
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "expression",
        ),
        ("Llama 2 Community License", Kind.LICENCE, "LicenseRef-scancode-llama-2-license-2023", "alias"),
        ("Kite Community License Agreement", Kind.UNRESOLVED, None, "none"),
        ("MIT OR Some Custom Terms", Kind.UNRESOLVED, None, "none"),
    ],
)
def test_normalise(raw: str, kind: Kind, expression: str | None, method: str) -> None:
    n = normalise(raw)
    assert (n.kind, n.expression, n.method) == (kind, expression, method)
    if kind is Kind.UNRESOLVED:
        assert "not treated as open" in (n.note() or "")
    if n.changed:
        assert n.note() and raw in n.note()  # type: ignore[operator]
