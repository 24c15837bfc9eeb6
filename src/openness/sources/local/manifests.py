"""The licence a package manifest states (pyproject.toml, setup.cfg, setup.py, package.json, Cargo.toml):
the ``license`` field, read through the bounded readers."""

from __future__ import annotations

import re

MANIFEST_READ = 64 * 1024
MANIFESTS = frozenset({"pyproject.toml", "setup.cfg", "setup.py", "package.json", "cargo.toml"})
_SETUP_PY_RE = re.compile(r"""\blicen[cs]e\s*=\s*['"]([^'"\n]{1,100})['"]""")
_SETUP_CFG_RE = re.compile(r"^licen[cs]e\s*=\s*(.+)$", re.MULTILINE)


def manifest_licence(name: str, data: bytes) -> tuple[str, int | None] | None:
    """The licence a package manifest states. Read through the bounded readers: a manifest that does not
    parse raises, and the scan names it in its notes (its per-file boundary)."""
    from openness.sources.bounded import load_json, load_toml

    text = data.decode("utf-8", "replace")
    if name == "pyproject.toml":
        doc = load_toml(text)
        lic = doc.get("project", {}).get("license") if isinstance(doc.get("project"), dict) else None
        if lic is None:
            poetry = doc.get("tool", {}).get("poetry", {}) if isinstance(doc.get("tool"), dict) else {}
            lic = poetry.get("license") if isinstance(poetry, dict) else None
        if isinstance(lic, dict):
            lic = lic.get("text")
        return (lic.strip(), _line(text, "license")) if isinstance(lic, str) and lic.strip() else None
    if name in ("package.json",):
        doc = load_json(text)
        lic = doc.get("license") if isinstance(doc, dict) else None
        return (lic.strip(), _line(text, '"license"')) if isinstance(lic, str) and lic.strip() else None
    if name == "cargo.toml":
        doc = load_toml(text)
        pkg = doc.get("package")
        lic = pkg.get("license") if isinstance(pkg, dict) else None
        return (lic.strip(), _line(text, "license")) if isinstance(lic, str) and lic.strip() else None
    pattern = _SETUP_CFG_RE if name == "setup.cfg" else _SETUP_PY_RE
    m = pattern.search(text)
    if m is None:
        return None
    return m.group(1).strip(), text.count("\n", 0, m.start()) + 1


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(key):
            return number
    return None
