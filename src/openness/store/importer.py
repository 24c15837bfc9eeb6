"""``openness registry import DIR``: load MOT YAML records, assess each through ``openness.service``,
store the result. Idempotent: a record (by the sha256 of its bytes) already assessed with the same
openness and data versions is skipped before it is even collected."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from openness.errors import InputError, OpennessError

SUFFIXES = (".yml", ".yaml")
MAX_FILES = 100_000
"""A folder with more records than this is refused whole (a bound, not a cut)."""


@dataclass
class ImportReport:
    assessed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(path, one-line reason) for each record that could not be assessed."""

    @property
    def seen(self) -> int:
        return self.assessed + self.skipped + len(self.failed)


def record_files(folder: Path) -> list[Path]:
    """The YAML files under a folder (recursively, symbolic links not followed), sorted."""
    if not folder.is_dir():
        raise InputError(
            "not a folder", where=str(folder), hint="give the folder that holds the MOT YAML records"
        )
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if name.lower().endswith(SUFFIXES) and path.is_file() and not path.is_symlink():
                found.append(path)
                if len(found) > MAX_FILES:
                    raise InputError(
                        f"more than {MAX_FILES} YAML files", where=str(folder), hint="import a smaller folder"
                    )
    return sorted(found)


def source_of(path: Path, folder: Path, base: str | None = None) -> str:
    """Where an imported record came from, as shown on its model page and in the API: its path inside the
    imported folder, under ``base`` (where the folder is published, such as the MOT repository's
    ``models/`` on GitHub) or, without one, under the folder's own name — never the server's absolute
    path, which says nothing to a visitor and shows the server's layout."""
    inside = path.relative_to(folder).as_posix()
    if base:
        return base.rstrip("/") + "/" + inside
    return f"{folder.resolve().name or 'records'}/{inside}"


def import_folder(
    engine: Engine,
    folder: Path,
    on_record: Callable[[Path], None] | None = None,
    source_base: str | None = None,
) -> ImportReport:
    from openness import service
    from openness.sources.mot_yaml import load_bytes, read_bytes
    from openness.store.database import sessions
    from openness.store.records import find_assessed, record_key, store, versions_key

    report = ImportReport()
    make_session = sessions(engine)
    vkey = versions_key(service.versions(service.DEFAULT_OPTIONS))
    for path in record_files(folder):
        if on_record is not None:
            on_record(path)
        try:
            data = read_bytes(path)
        except OpennessError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        revision = "sha256:" + hashlib.sha256(data).hexdigest()
        source = source_of(path, folder, source_base)
        key = record_key(path.stem)
        with make_session() as session:
            if find_assessed(session, key, revision, vkey) is not None:
                report.skipped += 1
                continue
        try:  # named by its source in the evidence: the server's own paths are never shown
            a = service.assess_release(load_bytes(data, source), source)
        except OpennessError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        try:
            with make_session.begin() as session:
                _, created = store(session, a, key=key, source=source, revision=revision)
        except IntegrityError:  # another importer stored the same model, release or assessment first
            created = False
        if created:
            report.assessed += 1
        else:
            report.skipped += 1
    return report
