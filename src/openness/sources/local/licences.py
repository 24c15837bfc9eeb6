"""Licence facts found in a tree (the licence of each component is drawn from them in ``attribution``).

Facts: licence files (LICENSE, COPYING … identified by ``identify_licence_text``), SPDX-License-Identifier
headers in the files read, ``license`` in card front matter (README.md, MODEL_CARD.md), and ``license``
in package metadata (pyproject.toml, setup.cfg, setup.py, package.json, Cargo.toml). A fact in a folder
applies to the files below it; the nearest one wins, and an SPDX header in a file wins over all.
Facts at the root are release-wide; facts below the root, or headers, are specific to a component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openness.licences.identification import identify_text
from openness.licences.matches import UNRECOGNISED
from openness.licences.normalise import normalise
from openness.licences.reader import MAX_BYTES, decode, read_licence_file
from openness.licences.sections import Section
from openness.licences.statements import badge, covered, licence_field, licence_section, points_to_readme
from openness.sources.local.data_terms import data_terms
from openness.sources.local.finders.common import P_LICENCE
from openness.sources.local.fs import FileInfo
from openness.sources.local.licence_files import in_licence_folder, is_licence_path
from openness.sources.local.manifests import MANIFEST_READ, MANIFESTS, manifest_licence
from openness.sources.local.text import front_matter, spdx_ids

LICENCE_READ = MAX_BYTES
"""Licence files are read whole up to the reader's bound (beyond it their licence is unknown)."""
UNKNOWN = UNRECOGNISED
"""The licence of a file whose licence text openness does not recognise (``matches.UNRECOGNISED``)."""
UNREAD = "LicenseRef-openness-unread"
"""The licence of a licence file the scan found but did not read whole (a scan budget or read cap ran out,
or the file could not be opened): what it states is unknown, never 'no licence'. Sources turn it into a
component whose licence is unread."""
NO_LICENCE_READ = frozenset({UNKNOWN, UNREAD})
"""Markers of a licence file whose licence openness does not know (not recognised, or not read)."""
CARD_NAMES = ("readme.md", "model_card.md", "modelcard.md", "readme.markdown", "readme_en.md", "readme.en.md")
"""Cards whose licence statements are read (an English README beside one in another language too)."""


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
    shared: bool = False
    """A card's statement that the model shares the release's licence (it names the code and the weights
    in one sentence, or points to the LICENSE file): the root licence file, when there is one, governs."""

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
    elif f.ext in HEADER_CODE_EXT and b"LICEN" in head.upper():
        _named_licence_files(facts, f, head.decode("utf-8", "replace"))
    if licence_file:
        observe_licence_file(facts, f, data)
    elif f.lower in MANIFESTS:
        found = manifest_licence(f.lower, data)
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


HEADER_CODE_EXT = frozenset(
    {".py", ".c", ".cc", ".cpp", ".cu", ".h", ".hpp", ".js", ".ts", ".rs", ".go", ".java"}
)
_NAMED_FILE = re.compile(r"\b((?:LICEN[CS]E|COPYING)[_-][A-Za-z0-9_.-]*[A-Za-z0-9])\b")


def _named_licence_files(facts: Facts, f: FileInfo, head: str) -> None:
    """Rule ``header-names-licence-files``: a code file whose header names licence files of its folder or
    one above it ('adapted from …, with their licenses found in the LICENSE_DAVIS and LICENSE_VOS_BENCHMARK
    files') is under those licences as well as the nearest folder licence (else the root's ``LICENSE``):
    they are recorded as its header fact, read together. Only files already read (licence files are read
    first) and recognised; otherwise nothing is added and the usual folder rules apply."""
    files: dict[str, Fact] = {}
    folder, own = _folder(f), None
    while True:  # the file's folder, then each one above it: the nearest licence files of those names
        found = facts.by_dir.get(folder, [])
        for fact in found:
            if fact.kind == "licence-file":
                files.setdefault(fact.path.rpartition("/")[2], fact)
        own = own or (pick(found, "code") if folder else None)
        if not folder:
            break
        folder = folder.rpartition("/")[0]
    named = [files[n] for n in dict.fromkeys(_NAMED_FILE.findall(head)) if n in files]
    if not named or any(fact.licence in NO_LICENCE_READ for fact in named):
        return
    if own is None:  # no folder licence below the root: the root's plainly named licence file
        own = next(
            (files[n] for n in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING") if n in files), None
        )
    parts = ([own] if own is not None and own not in named else []) + named
    if any(fact.licence in NO_LICENCE_READ for fact in parts):
        return
    from openness.licences.expression import ExpressionSyntaxError, all_of

    try:
        licence = all_of([fact.licence for fact in parts])
    except ExpressionSyntaxError:
        return
    names = ", ".join(fact.path for fact in named)
    why = f"header-names-licence-files: its header names {names}"
    facts.headers[f.rel] = Fact(licence, "licence-header", f.path, None, why, 0.8)


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
        if f.size <= 1024 and points_to_readme(decode(data)):  # rule readme-pointer
            facts.unrecognised.append(
                f"{f.path} (holds no licence: it points to the README, whose licences apply)"
            )
            return
        reason = ident.osd_reason if ident.osd_reason else "not recognised"
        facts.unrecognised.append(f"{f.path} ({reason})")
        facts.add(_folder(f), Fact(UNKNOWN, "licence-file", f.path, None, "unknown", 0.0, scope))
        return
    if ident.kind == "policy":
        facts.policies.append(f"{f.path}: {ident.name or ident.id} ({'; '.join(ident.notes[-1:])})")
        return
    for fact in scoped_facts(ident.sections, "licence-file", f.path, ident.method, ident.confidence):
        facts.add(_folder(f), fact)
    if _all_scoped(ident.sections):
        return
    facts.add(_folder(f), Fact(ident.id, "licence-file", f.path, None, ident.method, ident.confidence, scope))


def _all_scoped(sections: tuple[Section, ...]) -> bool:
    found = [s for s in sections if s.kind in ("licence", "modified")]
    return bool(found) and all(s.scope for s in found)


def scoped_facts(
    sections: tuple[Section, ...], kind: str, path: str, method: str, confidence: float, line: int = 0
) -> list[Fact]:
    """One fact per licence section, when every licence section names what it covers; a modified licence
    section gives what it covers an unrecognised licence."""
    if not _all_scoped(sections):
        return []
    return [
        Fact(
            str(s.id) if s.kind == "licence" else UNKNOWN,
            kind, path, line + s.start, f"{method}:section", confidence, s.scope,
        )
        for s in sections
        if s.kind == "modified" or (s.kind == "licence" and s.id)
    ]  # fmt: skip


def _card_section(facts: Facts, f: FileInfo, text: str) -> None:
    """A README's 'License' section (prose, a badge, a licence text) read by the licence reader: the
    licence it states, for the kinds of artifact it names ('the weights are released under …'). A section
    whose statement names the model beside the code, or points to the LICENSE file, also states the
    model's licence (rule ``covers-model``). A bold-labelled notice on the data states the data's terms
    (rule ``data-terms``)."""
    terms = data_terms(text)
    if terms is not None:
        line_at, for_data, conf = terms
        facts.add(
            _folder(f), Fact(for_data or UNKNOWN, "card-section", f.path, line_at, "data-terms", conf, "data")
        )
    found = licence_section(text)
    if found is None:
        stated = badge(text)
        if stated is not None:
            line, match = stated
            fact = Fact(str(match.id), "card-section", f.path, line, "badge", match.confidence)
            facts.add(_folder(f), fact)
        field = licence_field(text)  # '- License: Apache 2.0' under 'Model Description' (rule card-field)
        if field is not None and field[2] == "model":
            facts.add(
                _folder(f), Fact(field[1], "card-section", f.path, field[0], "card-field", field[3], "model")
            )
        return
    line, section = found
    ident = identify_text(section, f.path)
    kinds, shared = covered(section)
    confidence = min(ident.confidence, 0.8)
    if ident.id is None or ident.kind == "policy":
        if "model" in kinds and shared:  # 'our model and weights are licensed … see the LICENSE file'
            facts.add(
                _folder(f), Fact(UNKNOWN, "card-section", f.path, line, "covers-model", 0.7, "model", True)
            )
        return
    scoped = scoped_facts(ident.sections, "card-section", f.path, ident.method, confidence, line - 1)
    for fact in scoped:
        facts.add(_folder(f), fact)
    if not scoped:
        facts.add(_folder(f), Fact(ident.id, "card-section", f.path, line, ident.method, confidence))
        if "model" in kinds:
            method = f"{ident.method}:covers-model"
            facts.add(
                _folder(f), Fact(ident.id, "card-section", f.path, line, method, confidence, "model", shared)
            )


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


def distinct_licences(licences: list[str]) -> list[str]:
    out: list[str] = []
    for lic in licences:
        if not any(same(lic, o) for o in out):
            out.append(lic)
    return out
