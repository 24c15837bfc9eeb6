"""The model-repository corpus: read the hand-judged manifests, rebuild a pinned snapshot as a folder,
and compare openness's answer with the judgement cell by cell.

Nothing here reaches the network: snapshots are bare git directories fetched beforehand (see README.md).
The comparison functions are pure so that tests can check them on small hand-made inputs.
"""

from __future__ import annotations

import subprocess
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openness.domain.components import COMPONENTS as _SPECS

COMPONENTS: tuple[str, ...] = tuple(spec.name for spec in _SPECS)
"""The 17 MOF v1.0 components, in the specification's order, as openness names them."""

STATUSES = ("included", "referenced", "absent")
NO_ID = ("none", "unknown")
"""Judged licences that name no id: "none" = the release states no licence for the component;
"unknown" = it may have one, but the release does not say which (terms kept elsewhere)."""

GIT_TIMEOUT = 600


UNRECOGNISED = frozenset({"licenseref-openness-unrecognised", "licenseref-openness-unrecognized"})
"""openness's own marker for "a licence text is there, openness does not recognise it": it names no
licence, so it counts like naming none (it agrees with a judged "unknown" and is never a wrong id)."""


class ManifestError(ValueError):
    """A manifest that does not follow the format (the message says which file and field)."""


@dataclass(frozen=True, slots=True)
class Judged:
    status: str
    licence: str
    why: str


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    repository: str
    commit: str
    judged: str
    is_model_release: bool
    components: dict[str, Judged]

    @property
    def mirror_name(self) -> str:
        return self.repository.replace("/", "+")


def load_manifest(path: Path) -> Manifest:
    """Read and check one manifest."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc})") from exc
    for key in ("repository", "commit", "judged", "is_model_release", "components"):
        if key not in raw:
            raise ManifestError(f"{path}: missing field '{key}'")
    commit = str(raw["commit"])
    if len(commit) != 40 or any(ch not in "0123456789abcdef" for ch in commit):
        raise ManifestError(f"{path}: 'commit' must be a full 40-hex sha, got {commit!r}")
    comps: dict[str, Judged] = {}
    table = raw["components"]
    for name in COMPONENTS:
        cell = table.get(name)
        if not isinstance(cell, dict):
            raise ManifestError(f"{path}: component '{name}' is missing")
        status = cell.get("status")
        if status not in STATUSES:
            raise ManifestError(f"{path}: '{name}'.status must be one of {STATUSES}, got {status!r}")
        licence = cell.get("licence")
        if not isinstance(licence, str) or not licence.strip():
            raise ManifestError(f"{path}: '{name}'.licence must be an id, an expression, 'none' or 'unknown'")
        why = cell.get("why", "")
        if not isinstance(why, str) or not why.strip():
            raise ManifestError(f"{path}: '{name}'.why must say what the judgement rests on")
        comps[name] = Judged(status, licence.strip(), why.strip())
    extra = set(table) - set(COMPONENTS)
    if extra:
        raise ManifestError(f"{path}: unknown components {sorted(extra)}")
    return Manifest(
        path, str(raw["repository"]), commit, str(raw["judged"]), bool(raw["is_model_release"]), comps
    )


# --- snapshot → folder --------------------------------------------------------------------------------


@dataclass(slots=True)
class Extracted:
    files: int = 0
    placeholders: list[str] = field(default_factory=list)
    """Files the snapshot lacks (4 MiB and more): written as empty files, so the folder keeps the
    repository's layout (their names still count; their content cannot)."""


def _command(git_dir: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """A git command that reads no user or system configuration and runs no hooks."""
    cmd = ["git", "-c", "core.hooksPath=/dev/null", f"--git-dir={git_dir}", *args]
    env = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "PATH": "/usr/bin:/bin"}
    return cmd, env


def _git(git_dir: Path, *args: str) -> bytes:
    cmd, env = _command(git_dir, *args)
    res = subprocess.run(cmd, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False)
    if res.returncode != 0:
        why = res.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"git {args[0]} failed in {git_dir}: {why}")
    return res.stdout


def _blobs(git_dir: Path, shas: list[str]) -> Iterator[bytes | None]:
    """The content of each blob in turn (None for one the snapshot lacks), one blob in memory at a time:
    ``git cat-file --batch`` fed from a thread so that neither pipe can fill and block the other."""
    cmd, env = _command(git_dir, "cat-file", "--batch")
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert proc.stdin is not None and proc.stdout is not None

    def feed(pipe: IO[bytes]) -> None:
        try:
            for sha in shas:
                pipe.write(f"{sha}\n".encode())
            pipe.close()
        except (BrokenPipeError, ValueError):
            pass

    writer = threading.Thread(target=feed, args=(proc.stdin,), daemon=True)
    writer.start()
    try:
        for _ in shas:
            header = proc.stdout.readline().split()
            if not header:
                raise RuntimeError(f"git cat-file stopped early in {git_dir}")
            if header[-1] == b"missing":
                yield None
                continue
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each blob
            yield data
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait(timeout=GIT_TIMEOUT)
        writer.join(timeout=GIT_TIMEOUT)


def has_commit(git_dir: Path, commit: str) -> bool:
    try:
        _git(git_dir, "cat-file", "-e", f"{commit}^{{commit}}")
    except RuntimeError:
        return False
    return True


def extract(git_dir: Path, commit: str, dest: Path) -> Extracted:
    """Write the tree of ``commit`` into ``dest`` (regular files only: no symlinks, no submodules)."""
    listing = _git(git_dir, "ls-tree", "-r", "-z", commit)
    entries: list[tuple[str, str]] = []
    for rec in listing.split(b"\0"):
        if not rec:
            continue
        meta, raw_path = rec.split(b"\t", 1)
        mode, kind, sha = meta.decode().split()[:3]
        if kind != "blob" or mode == "120000":
            continue
        entries.append((raw_path.decode("utf-8", errors="surrogateescape"), sha))
    result = Extracted()
    root = dest.resolve()
    for (path, _sha), data in zip(entries, _blobs(git_dir, [sha for _, sha in entries]), strict=True):
        target = (dest / path).resolve()
        if root not in target.parents:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            target.write_bytes(b"")
            result.placeholders.append(path)
            continue
        target.write_bytes(data)
        result.files += 1
    return result


# --- comparison ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    component: str
    kind: str
    """"status" or "licence"."""
    judged: str
    found: str
    agree: bool
    wrong_id: bool = False
    restrictive_called_open: bool = False
    why: str = ""
    evidence: tuple[str, ...] = ()
    """Where openness found what it says: its locations and the rules that fired (for reading causes)."""


def canonical(licence: str | None) -> str | None:
    """The id openness resolves a licence string to (an SPDX id, a catalogue LicenseRef or an expression),
    or None when it names no licence."""
    if licence is None or not licence.strip() or licence.strip().lower() in (*NO_ID, "noassertion"):
        return None
    if licence.strip().lower() in UNRECOGNISED:
        return None
    from openness.licences import identify

    ident = identify(licence.strip())
    return ident.id if ident.id else licence.strip()


def same_licence(a: str, b: str) -> bool:
    """Whether two resolved ids or expressions say the same thing: equal ignoring case, or equivalent
    as licence expressions (``A AND B`` is ``B AND A``)."""
    if a.casefold() == b.casefold():
        return True
    from license_expression import ExpressionError, get_spdx_licensing

    licensing = get_spdx_licensing()
    try:
        left = licensing.parse(a, validate=False, strict=False)
        right = licensing.parse(b, validate=False, strict=False)
        return bool(licensing.is_equivalent(left, right))
    except ExpressionError:
        return False


def is_open(licence_id: str) -> bool | None:
    """Whether openness's licence knowledge finds ``licence_id`` open for some MOF content type (an open
    licence outside its type, such as Apache-2.0 for weights, is still open: the MOT counts it with a
    warning), or None when it does not know the id."""
    from openness.licences import identify

    ident = identify(licence_id)
    if ident.id is None:
        return None
    return any(ident.open_for.values())


def _evidence(comp: dict[str, Any]) -> tuple[str, ...]:
    """openness's locations and rule names for one component, in its own order (bounded for reading)."""
    out = [str(loc) for loc in comp.get("locations") or []][:6]
    for ev in comp.get("evidence") or []:
        if isinstance(ev, dict):
            out.append(f"{ev.get('rule', '?')} @ {ev.get('locator', '?')}")
    return tuple(out[:12])


def compare_status(component: str, judged: Judged, found: str | None, evidence: tuple[str, ...] = ()) -> Cell:
    got = found or "missing"
    return Cell(
        component, "status", judged.status, got, got == judged.status, why=judged.why, evidence=evidence
    )


def compare_licence(
    component: str, judged: Judged, found: str | None, evidence: tuple[str, ...] = ()
) -> Cell | None:
    """Compare the licence cell, or None when it does not count (the judged component is absent)."""
    if judged.status == "absent":
        return None
    want = None if judged.licence.lower() in NO_ID else canonical(judged.licence)
    got = canonical(found)
    shown_want = judged.licence if want is None else want
    shown_got = got or "-"
    if got is None:
        return Cell(
            component, "licence", shown_want, shown_got, want is None, why=judged.why, evidence=evidence
        )
    if want is not None and same_licence(got, want):
        return Cell(component, "licence", shown_want, shown_got, True, why=judged.why, evidence=evidence)
    restrictive = False
    if judged.licence.lower() == "none" or want is not None:
        judged_open = False if want is None else is_open(want)
        restrictive = judged_open is False and is_open(got) is True
    return Cell(
        component, "licence", shown_want, shown_got, False, wrong_id=True,
        restrictive_called_open=restrictive, why=judged.why, evidence=evidence,
    )  # fmt: skip


MODEL_RELEASE_KEYS = ("is_model_release", "model_release")


def reported_model_release(result: dict[str, Any]) -> bool | None:
    """What openness's JSON says about whether the target is a model release, or None when it says
    nothing (then it treats every target as one). Read from ``release.kind`` (``model``, or what else the
    source is: ``library``, ``benchmark``, ``licence-texts`` …; empty = not judged), else from a boolean
    ``is_model_release`` / ``model_release`` at the top level, in ``release`` or in ``release.extra`` (a
    mapping there is read through its ``is``/``value`` key)."""
    release = result.get("release") or {}
    kind = release.get("kind") if isinstance(release, dict) else None
    if isinstance(kind, str) and kind.strip():
        return kind.strip().lower() == "model"
    places = (result, release, release.get("extra") or {})
    for place in places:
        for key in MODEL_RELEASE_KEYS:
            if key in place:
                value = place[key]
                if isinstance(value, dict):
                    value = value.get("is", value.get("value"))
                if isinstance(value, bool):
                    return value
    return None


@dataclass(slots=True)
class RepoResult:
    name: str
    commit: str
    is_model_release: bool
    reported_model_release: bool | None
    cells: list[Cell] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def release_agrees(self) -> bool:
        said = True if self.reported_model_release is None else self.reported_model_release
        return said == self.is_model_release


def compare(manifest: Manifest, result: dict[str, Any]) -> RepoResult:
    """Compare openness's JSON result with a manifest. A repository judged not to be a model release
    counts only for that one cell: its component cells are not compared."""
    out = RepoResult(
        manifest.mirror_name, manifest.commit, manifest.is_model_release, reported_model_release(result)
    )
    if not manifest.is_model_release:
        return out
    found = {c.get("name"): c for c in result.get("components") or [] if isinstance(c, dict)}
    for name in COMPONENTS:
        judged = manifest.components[name]
        comp = found.get(name) or {}
        seen = _evidence(comp)
        out.cells.append(compare_status(name, judged, comp.get("status"), seen))
        lic = compare_licence(name, judged, comp.get("licence"), seen)
        if lic is not None:
            out.cells.append(lic)
    return out


@dataclass(slots=True)
class Totals:
    repos: int = 0
    status_cells: int = 0
    status_agree: int = 0
    exists_cells: int = 0
    """Status cells where either side says the component exists (included or referenced)."""
    exists_agree: int = 0
    licence_cells: int = 0
    licence_agree: int = 0
    wrong_ids: int = 0
    restrictive_called_open: int = 0
    release_cells: int = 0
    release_agree: int = 0
    errors: int = 0

    def add(self, repo: RepoResult) -> None:
        self.repos += 1
        if repo.error:
            self.errors += 1
            return
        self.release_cells += 1
        self.release_agree += repo.release_agrees
        for cell in repo.cells:
            if cell.kind == "status":
                self.status_cells += 1
                self.status_agree += cell.agree
                if cell.judged != "absent" or cell.found not in ("absent", "missing"):
                    self.exists_cells += 1
                    self.exists_agree += cell.agree
            else:
                self.licence_cells += 1
                self.licence_agree += cell.agree
                self.wrong_ids += cell.wrong_id
                self.restrictive_called_open += cell.restrictive_called_open


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


@dataclass(slots=True)
class ComponentTally:
    """Agreement on one component across repositories, and which way the status cells disagree."""

    status_cells: int = 0
    status_agree: int = 0
    over: int = 0
    """openness says it exists (included/referenced) where the judgement says absent."""
    under: int = 0
    """the judgement says it exists where openness says absent (or does not list it)."""
    other: int = 0
    """both say it exists, in different forms (included vs referenced), or openness says unknown."""
    licence_cells: int = 0
    licence_agree: int = 0


def by_component(repos: list[RepoResult]) -> dict[str, ComponentTally]:
    """Tallies per component, in the specification's order, over repositories that did not fail."""
    out = {name: ComponentTally() for name in COMPONENTS}
    for repo in repos:
        if repo.error:
            continue
        for cell in repo.cells:
            tally = out[cell.component]
            if cell.kind == "licence":
                tally.licence_cells += 1
                tally.licence_agree += cell.agree
                continue
            tally.status_cells += 1
            if cell.agree:
                tally.status_agree += 1
            elif cell.judged == "absent" and cell.found in ("included", "referenced"):
                tally.over += 1
            elif cell.judged != "absent" and cell.found in ("absent", "missing"):
                tally.under += 1
            else:
                tally.other += 1
    return out
