"""The shape of the code: a pure core, a published schema, a fast start."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from tests.conftest import ROOT

CORE = ["domain", "frameworks", "licences"]
FORBIDDEN = {
    "subprocess",
    "socket",
    "urllib",
    "http",
    "requests",
    "httpx",
    "huggingface_hub",
    "sqlalchemy",
    "fastapi",
    "yaml",
    "click",
    "rich",
    "openness.sources",
    "openness.service",
    "openness.cli",
    "openness.reports",
}


def _imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_io_library() -> None:
    files = [p.relative_to(ROOT) for d in CORE for p in (ROOT / "src" / "openness" / d).rglob("*.py")]
    assert files
    for f in files:
        for name in _imports(str(f)):
            bad = {x for x in FORBIDDEN if name == x or name.startswith(x + ".")}
            assert not bad, f"{f} imports {name}: the core must stay free of I/O"


def test_importing_the_core_loads_no_io_module() -> None:
    code = (
        "import sys, openness.frameworks.mof as m, openness.licences.judge, openness.domain.serialize;"
        "from openness.domain.release import Release;"
        "m.evaluate(Release('x'));"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in "
        "{'subprocess','httpx','yaml','click','rich','huggingface_hub','sqlalchemy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_version_answers_without_loading_the_cli() -> None:
    code = (
        "import sys; sys.argv=['openness','--version']; from openness.cli import main; main();"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in {'click','rich','yaml'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, loaded = out.stdout.strip().splitlines()
    assert version.startswith("openness, version ") and loaded == "[]"


def test_schema_is_published_in_the_package_and_valid() -> None:
    import jsonschema

    from openness.reports.json_report import schema

    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    shipped = ROOT / "src" / "openness" / "reports" / "schema" / "assessment.schema.json"
    assert json.loads(shipped.read_text()) == s
