"""One small finder per group of MOF components. Each finder has named rules of two kinds: name rules
(run on every file's path and size, no I/O) and content rules (run on a bounded prefix of the files
the finder asks for). A finder is a module with three functions:

- ``by_name(f) -> list[Hit]``
- ``wants(f) -> tuple[int, int] | None``: (priority, bytes) to read, lower priority read first
- ``by_content(f, data) -> list[Hit]``

A finder may also have ``by_tree(files, hits) -> list[Hit]``: a rule that needs the whole tree (which
folders are Python packages, how large a file is beside its siblings) and refines the name hits.
"""

from __future__ import annotations

from types import ModuleType


def all_finders() -> tuple[ModuleType, ...]:
    from openness.sources.local.finders import (
        code,
        data,
        docs,
        implemented,
        links,
        losses,
        networks,
        outputs,
        params,
    )

    return (params, code, data, docs, links, outputs, networks, losses, implemented)
