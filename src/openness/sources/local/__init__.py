"""Evidence from a local folder: find the MOF components and their licences, reading names and sizes
first and only bounded prefixes of the files a rule needs. Nothing found is ever imported, executed
or unpickled."""

from __future__ import annotations

import os
from dataclasses import replace

from openness.domain.release import Presence, Release
from openness.errors import InputError
from openness.sources.local.assemble import build, release_name
from openness.sources.local.scanner import scan
from openness.sources.options import CollectOptions

SOURCE = "local"

__all__ = ["SOURCE", "collect"]


def collect(
    path: str, options: CollectOptions | None = None, *, source: str = SOURCE, name: str | None = None
) -> Release:
    """The release a folder holds, as its files show it."""
    opts = options or CollectOptions()
    if not os.path.isdir(path):
        raise InputError("not a folder", where=path, hint="give the path of a folder or a git URL")
    if not os.access(path, os.R_OK | os.X_OK):
        raise InputError("folder cannot be read", where=path, hint="check its permissions")
    result = scan(path, opts)
    release = build(result, name or release_name(path), source, opts.explain)
    if source == SOURCE and not any(c.presence is not Presence.ABSENT for c in release.components):
        records = sorted(n for n in os.listdir(path) if n.lower().endswith((".yml", ".yaml")))[:3]
        if records:  # most likely a folder of MOT records, each a release of its own
            hint = (
                f"found no component, but YAML files such as {', '.join(records)}: if they are MOT records, "
            )
            hint += f"assess each as a target: openness assess {os.path.join(path, '*.yml')}"
            release = replace(release, notes=(*release.notes, hint))
    return release
