"""The frameworks openness applies: the one list of framework keys.

Each framework is pure: ``evaluate(context)`` reads the release's shared reading (``Context``) and
returns its result, ``to_json(result)`` turns that result into JSON-ready values. The reports show any
result by its type (``MofResult``, ``Verdict``, ``Guidance``), so a framework that returns a ``Verdict``
is added here and nowhere else. The CLI's ``--framework`` choices, the JSON writers and the versions
stamped on an assessment all come from ``FRAMEWORKS``.
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


def _mof(context: Context) -> Any:
    return context.mof


def _frameworks() -> dict[str, Framework]:
    from openness.frameworks import eu_ai_act, guidance, open_weight, osai_index, osaid, verdicts
    from openness.frameworks.mof import result as mof

    entries: list[Framework] = [
        Registered("mof", mof.FRAMEWORK_NAME, mof.FRAMEWORK_VERSION, mof.FRAMEWORK_SOURCE, _mof, mof.to_json),
        Registered(
            "osaid", osaid.NAME, osaid.VERSION, osaid.SOURCE, osaid.evaluate_context, verdicts.to_json
        ),
        Registered(
            "eu_ai_act",
            eu_ai_act.NAME,
            eu_ai_act.VERSION,
            eu_ai_act.SOURCE,
            eu_ai_act.evaluate_context,
            verdicts.to_json,
        ),
        Registered(
            "open_weight",
            open_weight.NAME,
            open_weight.VERSION,
            open_weight.SOURCE,
            open_weight.evaluate_context,
            verdicts.to_json,
        ),
        Registered(
            "osai_index",
            osai_index.NAME,
            osai_index.VERSION,
            osai_index.SOURCE,
            osai_index.evaluate_context,
            verdicts.to_json,
        ),
        Registered(
            "guidance",
            guidance.NAME,
            guidance.VERSION,
            guidance.SOURCE,
            guidance.evaluate_context,
            guidance.to_json,
        ),
    ]
    return {fw.key: fw for fw in entries}


FRAMEWORKS: dict[str, Framework] = _frameworks()
KEYS: tuple[str, ...] = tuple(FRAMEWORKS)
"""Every framework key, in the order assessments apply and reports show them."""


def selected(options: Options) -> list[Framework]:
    """The frameworks an assessment applies, in registry order."""
    if not options.frameworks:
        return list(FRAMEWORKS.values())
    return [FRAMEWORKS[k] for k in FRAMEWORKS if k in options.frameworks]
