"""The frameworks openness applies: the one list of framework keys.

Each framework is pure: ``evaluate(context)`` reads the release's shared reading (``Context``) and
returns its result, ``to_json(result)`` turns that result into JSON-ready values. The reports show any
result by its type (``MofResult``, ``Verdict``, ``Guidance``), so a framework that returns a ``Verdict``
is its own package (defining ``FRAMEWORK``, a ``Registered``) plus one ``Deferred`` line here, and
nothing else. The CLI's ``--framework`` choices, the JSON writers and the versions stamped on an
assessment all come from ``FRAMEWORKS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from openness.frameworks.context import DEFAULT_OPTIONS, Context, Options

__all__ = [
    "DEFAULT_OPTIONS",
    "FRAMEWORKS",
    "KEYS",
    "Context",
    "Deferred",
    "Framework",
    "Options",
    "Registered",
    "selected",
]


class Framework(Protocol):
    """What every framework offers the service and the reports."""

    @property
    def key(self) -> str:
        """Stable JSON key (``mof``, ``osaid`` …)."""
        ...

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def source(self) -> str:
        """Where the framework's rules come from (document, date)."""
        ...

    def evaluate(self, context: Context) -> Any:
        """The framework's result for the context's release."""
        ...

    def to_json(self, result: Any) -> dict[str, Any]:
        """The result as JSON-ready values (its object in the assessment schema)."""
        ...


@dataclass(frozen=True, slots=True)
class Registered:
    """A framework as registered: its facts and its two functions."""

    key: str
    name: str
    version: str
    source: str
    run: Callable[[Context], Any]
    writer: Callable[[Any], dict[str, Any]]

    def evaluate(self, context: Context) -> Any:
        return self.run(context)

    def to_json(self, result: Any) -> dict[str, Any]:
        return self.writer(result)


@dataclass(frozen=True, slots=True)
class Deferred:
    """A registered framework whose package loads on first use (``openness --help`` and ``openness
    licence`` need the keys only). The package defines ``FRAMEWORK``, a ``Registered``."""

    key: str
    package: str

    def load(self) -> Framework:
        from importlib import import_module

        framework: Framework = import_module(self.package).FRAMEWORK
        if framework.key != self.key:  # pragma: no cover - a registry typo
            raise RuntimeError(f"{self.package} registers {framework.key}, not {self.key}")
        return framework

    @property
    def name(self) -> str:
        return self.load().name

    @property
    def version(self) -> str:
        return self.load().version

    @property
    def source(self) -> str:
        return self.load().source

    def evaluate(self, context: Context) -> Any:
        return self.load().evaluate(context)

    def to_json(self, result: Any) -> dict[str, Any]:
        return self.load().to_json(result)


FRAMEWORKS: dict[str, Framework] = {
    d.key: d
    for d in (
        Deferred("mof", "openness.frameworks.mof"),
        Deferred("osaid", "openness.frameworks.osaid"),
        Deferred("eu_ai_act", "openness.frameworks.eu_ai_act"),
        Deferred("open_weight", "openness.frameworks.open_weight"),
        Deferred("osai_index", "openness.frameworks.osai_index"),
        Deferred("guidance", "openness.frameworks.guidance"),
    )
}
"""Every framework openness applies, in the order assessments apply and reports show them: the one list
of framework keys."""
KEYS: tuple[str, ...] = tuple(FRAMEWORKS)


def selected(options: Options) -> list[Framework]:
    """The frameworks an assessment applies, in registry order."""
    if not options.frameworks:
        return list(FRAMEWORKS.values())
    return [FRAMEWORKS[k] for k in FRAMEWORKS if k in options.frameworks]
