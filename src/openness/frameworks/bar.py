"""The bar a CI run sets for each release: a MOF class (``--fail-under II``) and framework verdicts
(``--require osaid=meets``). A release below the bar is named with every reason it falls short.

Verdicts are ranked from the most open to the least, across the frameworks' vocabularies: the verdict
scale of OSAID, the EU AI Act and the open-weight definitions (meets, meets-with-caveats, cannot-tell,
does-not-meet) and the OSAI index's grades (open, partial, closed). A requirement is met by its verdict
or a better one; "cannot-tell" never meets a bar of "meets-with-caveats" or better.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openness.errors import UsageError

VERDICT_RANK: dict[str, int] = {
    "meets": 0,
    "open": 0,
    "meets-with-caveats": 1,
    "partial": 1,
    "cannot-tell": 2,
    "does-not-meet": 3,
    "closed": 3,
}
CLASS_NUMBERS = {"I": 1, "II": 2, "III": 3}


@dataclass(frozen=True, slots=True)
class Bar:
    mof_class: int | None = None
    """The class a release must reach (1 best), or None."""
    verdicts: Mapping[str, str] = field(default_factory=dict)
    """Framework key → the least verdict accepted."""

    @property
    def set(self) -> bool:
        return self.mof_class is not None or bool(self.verdicts)

    def misses(self, results: Mapping[str, Any]) -> list[str]:
        """Why a release's results fall short of the bar (empty when they reach it)."""
        from openness.frameworks.mof.result import ROMAN  # here: the CLI loads no framework to start

        out = []
        mof = results.get("mof")
        if self.mof_class is not None and mof is not None:
            klass = mof.mof_class
            if klass == 0 or klass > self.mof_class:
                out.append(f"MOF {mof.label.split(' - ')[0]} < Class {ROMAN[self.mof_class]}")
        for key, wanted in self.verdicts.items():
            got = getattr(results.get(key), "verdict", None)
            if got is None:
                out.append(f"{key} was not assessed")
            elif VERDICT_RANK.get(str(got), 99) > VERDICT_RANK[wanted]:
                out.append(f"{key} {got} (needs {wanted})")
        return out


def parse(fail_under: str | None, requires: tuple[str, ...], keys: tuple[str, ...]) -> Bar:
    """The bar from the command line; a malformed requirement is a usage error naming the option."""
    verdicts: dict[str, str] = {}
    for req in requires:
        key, sep, wanted = req.partition("=")
        key, wanted = key.strip(), wanted.strip()
        if not sep or key not in keys or key == "mof":
            choices = ", ".join(k for k in keys if k != "mof")
            raise UsageError(
                f"--require {req!r}: give KEY=VERDICT with KEY one of {choices} (for the MOF class, use "
                "--fail-under)"
            )
        if wanted not in VERDICT_RANK:
            raise UsageError(f"--require {req!r}: VERDICT is one of {', '.join(VERDICT_RANK)}")
        verdicts[key] = wanted
    return Bar(CLASS_NUMBERS[fail_under] if fail_under else None, verdicts)
