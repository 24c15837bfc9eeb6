"""The curated public API: pinned names, each resolving, loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import openness
from tests.conftest import ROOT

PUBLIC = [
    "Assessment",
    "CollectOptions",
    "Component",
    "Evidence",
    "GlobalLicence",
    "Identification",
    "InputError",
    "InternalError",
    "OpennessError",
    "Options",
    "Presence",
    "Release",
    "UsageError",
    "__version__",
    "assess",
    "assess_release",
    "identify",
    "identify_text",
]


def test_the_public_names_are_pinned() -> None:
    assert openness.__all__ == PUBLIC
    for name in PUBLIC:
        assert getattr(openness, name) is not None


def test_the_public_api_assesses_and_identifies() -> None:
    a = openness.assess(str(ROOT / "examples" / "open-science.yml"))
    assert isinstance(a, openness.Assessment) and a.results["mof"].mof_class == 1
    b = openness.assess_release(a.release, "again", openness.Options(mot_compatible=True))
    assert b.results["mof"].mode.value == "mot-compatible"
    assert openness.identify("Apache 2.0").id == "Apache-2.0"
    assert issubclass(openness.InputError, openness.OpennessError)
    assert openness.InternalError("x").exit_code == 3


def test_importing_openness_loads_nothing_else() -> None:
    code = "import sys, openness; print(sorted(k for k in sys.modules if k.startswith('openness')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['openness']"
