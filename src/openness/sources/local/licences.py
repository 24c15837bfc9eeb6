"""Licence facts found in a tree, and the licence of each component drawn from them.

Facts: licence files (LICENSE, COPYING … identified by ``identify_licence_text``), SPDX-License-Identifier
headers in the files read, ``license`` in card front matter (README.md, MODEL_CARD.md), and ``license``
in package metadata (pyproject.toml, setup.cfg, setup.py, package.json, Cargo.toml). A fact in a folder
applies to the files below it; the nearest one wins, and an SPDX header in a file wins over all.
Facts at the root are release-wide; facts below the root, or headers, are specific to a component.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from openness.domain.release import Evidence
from openness.licences.identification import identify_text
from openness.licences.normalise import normalise
from openness.licences.reader import MAX_BYTES, read_licence_file
from openness.licences.sections import Section, licence_section
from openness.licences.statements import badge
from openness.sources.local.finders.common import P_LICENCE
from openness.sources.local.fs import FileInfo
from openness.sources.local.licence_files import in_licence_folder, is_licence_path
from openness.sources.local.text import front_matter, spdx_ids

LICENCE_READ = MAX_BYTES
"""Licence files are read whole up to the reader's bound (beyond it their licence is unknown)."""
UNKNOWN = "LicenseRef-openness-unrecognised"
"""The licence of a file whose licence text openness does not recognise: a licence is there, which one is
unknown (never 'no licence', never open)."""
UNREAD = "LicenseRef-openness-unread"
"""The licence of a licence file the scan found but did not read whole (a scan budget or read cap ran out,
or the file could not be opened): what it states is unknown, never 'no licence'. Sources turn it into a
component whose licence is unread."""
MANIFEST_READ = 64 * 1024
MANIFESTS = frozenset({"pyproject.toml", "setup.cfg", "setup.py", "package.json", "cargo.toml"})
_SETUP_PY_RE = re.compile(r"""\blicen[cs]e\s*=\s*['"]([^'"\n]{1,100})['"]""")
_SETUP_CFG_RE = re.compile(r"^licen[cs]e\s*=\s*(.+)$", re.MULTILINE)
CARD_NAMES = ("readme.md", "model_card.md", "modelcard.md", "readme.markdown")


@dataclass(frozen=True, slots=True)
class Fact:
    licence: str
    kind: str
    """``licence-file``, ``front-matter``, ``package-metadata`` or ``spdx-header``."""
    path: str
    line: int | None
    method: str
    confidence: float
    scope: str | None = None
    """For a licence file named for one kind of artifact (MODEL_LICENSE, LICENSE-DATA …): ``model``,
    ``data``, ``document`` or ``code``; None for a licence file that covers everything below it."""

    @property
    def locator(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(slots=True)
class Facts:
    by_dir: dict[str, list[Fact]] = field(default_factory=dict)
    """Folder (relative, '' for the root) → facts that apply below it."""
    headers: dict[str, Fact] = field(default_factory=dict)
    """File (relative) → its SPDX header."""
    unrecognised: list[str] = field(default_factory=list)
    """Licence files whose licence is unknown, each with why (``path (reason)``)."""
    policies: list[str] = field(default_factory=list)
    """Acceptable-use policies found (``path: policy (whose licence)``): terms beside a licence."""
    unread: list[str] = field(default_factory=list)
    """Licence files found but not read whole, each with why (``path (reason)``)."""

    def add(self, folder: str, fact: Fact) -> None:
        self.by_dir.setdefault(folder, []).append(fact)


_SCOPE_WORDS = (
    ("model", re.compile(r"model|weight|param|checkpoint", re.IGNORECASE)),
    ("data", re.compile(r"data", re.IGNORECASE)),
    ("document", re.compile(r"doc|content|card|paper", re.IGNORECASE)),
    ("code", re.compile(r"code|software|source", re.IGNORECASE)),
)
MODEL_SCOPE = frozenset({"Model parameters (Final)", "Model parameters (Intermediate)", "Model metadata"})


def file_scope(rel: str) -> str | None:
    """The kind of artifact a licence file's name says it covers (MODEL_LICENSE → model,
    ``model_licenses/LICENSE-SDXL1.0`` → model), or None. The name decides; else a folder of licences
    named for a kind."""
    folder, _, name = rel.rpartition("/")
    stem = re.sub(r"licen[cs]e|licen[cs]es|copying|notices?", " ", name, flags=re.IGNORECASE)
    for scope, pattern in _SCOPE_WORDS:
        if pattern.search(stem):
            return scope
    parent = folder.rpartition("/")[2]
    if re.search(r"licen[cs]es$", parent, re.IGNORECASE):
        stem = re.sub(r"licen[cs]es", " ", parent, flags=re.IGNORECASE)
        for scope, pattern in _SCOPE_WORDS:
            if pattern.search(stem):
                return scope
    return None


def component_scope(component: str, content_type: str) -> str:
    return "model" if component in MODEL_SCOPE else content_type


def wants(f: FileInfo) -> tuple[int, int] | None:
    if is_licence_path(f.rel):
        # a file over the bound is not read (its licence is unknown): a first byte shows it is there
        return P_LICENCE, LICENCE_READ if f.size <= LICENCE_READ else 1
    if f.lower in MANIFESTS:
        return P_LICENCE, MANIFEST_READ
    return None


def _folder(f: FileInfo) -> str:
    """The folder a file's licence facts apply below; for a file in a folder of licences
    (``model_licenses/``, ``LICENSES/``), the folder that holds that folder."""
    folder = f.rel.rpartition("/")[0]
    return folder.rpartition("/")[0] if in_licence_folder(f.rel) else folder


def observe(facts: Facts, f: FileInfo, data: bytes) -> None:
    """Record the licence facts a file's bounded prefix holds."""
    head = data[:4096]
    licence_file = is_licence_path(f.rel)
    if b"SPDX-License-Identifier" in head and not licence_file:
        ids = spdx_ids(head.decode("utf-8", "replace"))
        if ids:
            facts.headers[f.rel] = Fact(ids[0][1], "spdx-header", f.path, ids[0][0], "spdx-header", 1.0)
    if licence_file:
        observe_licence_file(facts, f, data)
    elif f.lower in MANIFESTS:
        found = _manifest_licence(f.lower, data)
        if found:
            facts.add(_folder(f), Fact(found[0], "package-metadata", f.path, found[1], "field", 0.9))
    elif f.lower in CARD_NAMES:
        text = data.decode("utf-8", "replace")
        fm, lines = front_matter(text)
        if fm is None or not fm.get("license"):
            _card_section(facts, f, text)
            return
        value = fm.get("license")
        if isinstance(value, list) and value:
            value = " OR ".join(str(v) for v in value) if len(value) > 1 else value[0]
        if not (isinstance(value, str) and value.strip()):
            return
        name = fm.get("license_name")
        if value.strip().lower() == "other" and isinstance(name, str) and name.strip():
            value = name.strip()
        facts.add(
            _folder(f),
            Fact(value.strip(), "front-matter", f.path, lines.get("license", 1), "field", 0.9),
        )


def observe_unread(facts: Facts, f: FileInfo, why: str) -> None:
    """A licence file found but not read whole (``why``: a scan budget, a read cap, an error): what it
    covers has an unread licence. Files that are no licence files are ignored."""
    if is_licence_path(f.rel):
        facts.unread.append(f"{f.path} ({why})")
        facts.add(_folder(f), Fact(UNREAD, "licence-file", f.path, None, "unread", 0.0, file_scope(f.rel)))


def observe_licence_file(facts: Facts, f: FileInfo, data: bytes) -> None:
    """Record what a licence file holds, as ``openness licence --file`` reads it: its licence, or one
    fact per section when every licence section names what it covers (code, model weights, data); an
    acceptable-use policy is noted beside its licence, not taken for a licence."""
    ident = read_licence_file(data, f.path, f.size)
    scope = file_scope(f.rel)
    if ident.id is None:
        reason = ident.osd_reason if ident.osd_reason else "not recognised"
        facts.unrecognised.append(f"{f.path} ({reason})")
        facts.add(_folder(f), Fact(UNKNOWN, "licence-file", f.path, None, "unknown", 0.0, scope))
        return
    if ident.kind == "policy":
        facts.policies.append(f"{f.path}: {ident.name or ident.id} ({'; '.join(ident.notes[-1:])})")
        return
    for fact in scoped_facts(ident.sections, "licence-file", f.path, ident.method, ident.confidence):
        facts.add(_folder(f), fact)
    if any(s.scope for s in ident.sections if s.kind == "licence") and _all_scoped(ident.sections):
        return
    facts.add(_folder(f), Fact(ident.id, "licence-file", f.path, None, ident.method, ident.confidence, scope))


def _all_scoped(sections: tuple[Section, ...]) -> bool:
    found = [s for s in sections if s.kind == "licence"]
    return bool(found) and all(s.scope for s in found)


def scoped_facts(
    sections: tuple[Section, ...], kind: str, path: str, method: str, confidence: float, line: int = 0
) -> list[Fact]:
    """One fact per licence section, when every licence section names what it covers."""
    if not _all_scoped(sections):
        return []
    return [
        Fact(str(s.id), kind, path, line + s.start, f"{method}:section", confidence, s.scope)
        for s in sections
        if s.kind == "licence" and s.id
    ]


def _card_section(facts: Facts, f: FileInfo, text: str) -> None:
    """A README's 'License' section (prose, a badge, a licence text) read by the licence reader: the
    licence it states, for the kinds of artifact it names ('the weights are released under …')."""
    found = licence_section(text)
    if found is None:
        stated = badge(text)
        if stated is not None:
            line, match = stated
            fact = Fact(str(match.id), "card-section", f.path, line, "badge", match.confidence)
            facts.add(_folder(f), fact)
        return
    line, section = found
    ident = identify_text(section, f.path)
    if ident.id is None or ident.kind == "policy":
        return
    scoped = scoped_facts(
        ident.sections, "card-section", f.path, ident.method, min(ident.confidence, 0.8), line - 1
    )
    for fact in scoped:
        facts.add(_folder(f), fact)
    if not scoped:
        facts.add(
            _folder(f),
            Fact(ident.id, "card-section", f.path, line, ident.method, min(ident.confidence, 0.8)),
        )


def _manifest_licence(name: str, data: bytes) -> tuple[str, int | None] | None:
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


def same(a: str, b: str) -> bool:
    na, nb = normalise(a), normalise(b)
    return (na.expression or a.strip().casefold()) == (nb.expression or b.strip().casefold())


def nearest(facts: Facts, rel: str, scope: str) -> Fact | None:
    """The most specific fact below the root for a file: its SPDX header, else the nearest folder's fact
    that applies to this kind of component."""
    header = facts.headers.get(rel)
    if header is not None:
        return header
    folder = rel.rpartition("/")[0]
    while folder:
        found = facts.by_dir.get(folder)
        if found:
            fact = pick(found, scope)
            if fact is not None:
                return fact
        folder = folder.rpartition("/")[0]
    return None


def pick(found: list[Fact], scope: str, *, at_root: bool = False) -> Fact | None:
    """Among the facts of one folder, the one for this kind of component: a licence file named for it;
    for weights, the card's licence; a licence file for everything; the card's licence; package metadata
    (code only). At the root, package metadata that names a licence is the code's release-wide licence
    and comes first."""
    # a recognised licence file before one whose licence is unknown, a licence before a (third-party)
    # NOTICE, then by name
    files = sorted(
        (f for f in found if f.kind == "licence-file"),
        key=lambda f: (f.licence in (UNKNOWN, UNREAD), "notice" in f.path.lower(), f.path.lower(), f.path),
    )
    cards = [f for f in found if f.kind == "front-matter"]
    cards += [f for f in found if f.kind == "card-section" and (f.scope is None or f.scope == scope)]
    packages = [f for f in found if f.kind == "package-metadata"] if scope == "code" else []
    order: list[Fact] = [f for f in files if f.scope == scope]
    order += [f for f in found if f.kind == "card-section" and f.scope == scope]
    if scope == "model":
        order += cards
    if at_root:  # a package field that names no one licence ('Apache') gives way to the licence file
        order += [f for f in packages if _names_one(f.licence)]
    order += [f for f in files if f.scope is None] + cards + packages
    return order[0] if order else None


def _names_one(licence: str) -> bool:
    return normalise(licence).expression is not None


def release_wide(facts: Facts) -> dict[str, Fact]:
    """The root's facts as release-wide licences by MOT scope: distribution, code, data, document."""
    root = facts.by_dir.get("", [])
    out: dict[str, Fact] = {}
    generic = pick([f for f in root if f.kind != "package-metadata"], "distribution")
    if generic is None:
        generic = next((f for f in root if f.kind == "package-metadata"), None)
    if generic is not None:
        out["distribution"] = generic
    for scope in ("code", "data", "document"):
        found = [f for f in root if f.scope == scope and f.kind == "licence-file"]
        if scope == "code":
            found += [f for f in root if f.kind == "package-metadata" and _names_one(f.licence)]
        if found and found[0] is not generic:
            out[scope] = found[0]
    return out


def stated_for(facts: Facts, scope: str, locations: tuple[str, ...] = ()) -> Fact | None:
    """The licence the release states at its root for one kind of artifact (MODEL_LICENSE, a scoped
    section of a licence file, a README sentence 'the weights are released under …', or for the model the
    card's ``license``), or None. A generic root licence is not one: it does not cover weights or data
    published elsewhere under their own terms. When several licence files for this kind disagree
    (``model_licenses/LICENSE-SDXL1.0``, ``…/LICENSE-SD-Turbo``), the one whose name the component's
    locations carry decides (rule ``named-for``); none or several: None (which one applies is unknown)."""
    root = facts.by_dir.get("", [])
    files = [f for f in root if f.scope == scope and f.kind == "licence-file"]
    if len({f.licence for f in files}) > 1:
        named = [f for f in files if _named_in(f.path, locations)]
        return named[0] if len({f.licence for f in named}) == 1 else None
    specific = [f for f in root if f.scope == scope and f.licence != UNKNOWN]
    if scope == "model":
        specific += [f for f in root if f.kind == "front-matter"]
    return pick(specific, scope) if specific else None


def _named_in(path: str, locations: tuple[str, ...]) -> bool:
    """The licence file's name, less the words licence / model, is in one of the locations
    ('LICENSE-SDXL-Turbo' in 'https://huggingface.co/stabilityai/sdxl-turbo')."""
    stem = re.sub(r"licen[cs]es?|model|weights?|[^a-z0-9]+", " ", path.rpartition("/")[2].lower()).split()
    if not stem:
        return False
    folded = [re.sub(r"[^a-z0-9]+", " ", loc.lower()) for loc in locations]
    key = " ".join(stem)
    return any(f" {key} " in f" {loc} " for loc in folded)


def for_referenced(
    facts: Facts, component: str, scope: str, source: str, locations: tuple[str, ...] = ()
) -> ComponentLicence | None:
    """The licence of a component the release only links to, when the release states one for its kind."""
    stated = stated_for(facts, scope, locations)
    if stated is None:
        return None
    ev = Evidence(
        source,
        stated.locator,
        f"local.licence.{stated.kind}",
        stated.confidence,
        f"the release states {stated.licence} for its {scope} ({stated.method}): it applies to the "
        f"{component.lower()} it links to",
    )
    return ComponentLicence(stated.licence, True, stated.path, (ev,), ())


@dataclass(frozen=True, slots=True)
class ComponentLicence:
    licence: str | None
    declared: bool
    path: str | None
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]


def for_component(facts: Facts, component: str, scope: str, rels: list[str], source: str) -> ComponentLicence:
    """The licence of a component made of these files (relative paths), with evidence and disagreements.

    A fact below the root, an SPDX header, a licence file at the root named for this kind of component,
    and a card's licence for the model's weights are specific to the component (``declared``); any
    other root fact is release-wide and left to the release's licences.
    """
    per_file: Counter[str] = Counter()
    first: dict[str, Fact] = {}
    unspecific = 0
    root = pick(facts.by_dir.get("", []), scope, at_root=True)
    own = [f for f in facts.by_dir.get("", []) if f.scope == scope and f.kind == "licence-file"]
    if len({f.licence for f in own}) > 1:  # several licence files for this kind: the one named for it
        root = stated_for(facts, scope, tuple(rels)) or Fact(
            UNKNOWN, "licence-file", own[0].path, None, "several-licences", 0.0, scope
        )
    root_specific = root is not None and (
        root.scope == scope or (scope == "model" and root.kind == "front-matter")
    )
    for rel in rels:
        fact = nearest(facts, rel, scope) or (root if root_specific else None)
        if fact is None:
            unspecific += 1
            continue
        per_file[fact.licence] += 1
        first.setdefault(fact.licence, fact)
    if not per_file:
        if root is None:
            return ComponentLicence(None, False, None, (), ())
        ev = Evidence(
            source,
            root.locator,
            f"local.licence.{root.kind}",
            root.confidence,
            f"release-wide licence {root.licence} ({root.method})",
        )
        return ComponentLicence(root.licence, False, root.path, (ev,), ())
    if unspecific and root is not None:
        per_file[root.licence] += unspecific
        first.setdefault(root.licence, root)
    distinct = _distinct(list(per_file))
    for lic in list(per_file):  # spellings of one licence count together under the first spelling
        if lic not in distinct:
            keep = next(d for d in distinct if same(lic, d))
            per_file[keep] += per_file.pop(lic)
    evidence = tuple(
        Evidence(
            source,
            first[lic].locator,
            f"local.licence.{first[lic].kind}",
            first[lic].confidence,
            f"{lic} applies to {per_file[lic]} of the component's files ({first[lic].method})",
        )
        for lic in distinct
    )
    if len(distinct) == 1:
        lic = distinct[0]
        return ComponentLicence(lic, True, first[lic].path, evidence, ())
    counts = ", ".join(f"{lic} ({per_file[lic]} files)" for lic in distinct)
    note = f"{component}: its files carry different licences: {counts}"
    resolved = [normalise(lic).expression for lic in distinct]
    if all(r is not None for r in resolved):
        combined = " AND ".join(sorted({f"({r})" if " " in str(r) else str(r) for r in resolved}))
        return ComponentLicence(combined, True, None, evidence, (note + f"; read together as {combined}",))
    unknown = next(lic for lic, r in zip(distinct, resolved, strict=True) if r is None)
    return ComponentLicence(
        unknown,
        True,
        first[unknown].path,
        evidence,
        (note + f"; '{unknown}' is not recognised, so it decides",),
    )


def _distinct(licences: list[str]) -> list[str]:
    out: list[str] = []
    for lic in licences:
        if not any(same(lic, o) for o in out):
            out.append(lic)
    return out
