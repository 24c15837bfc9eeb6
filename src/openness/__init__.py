"""openness: is this AI model release really open, and what would make it more open?

The public API (everything else is internal and may change):

    >>> import openness
    >>> a = openness.assess("examples/open-science.yml")            # doctest: +SKIP
    >>> a.results["mof"].label                                       # doctest: +SKIP
    'Class I - Open Science Model'
    >>> openness.identify("Apache 2.0").id
    'Apache-2.0'

- ``assess(target, options=Options(), collect_options=None) -> Assessment``: collect and assess a target
  (a MOT YAML record, a folder, a git URL, ``hf:org/name``);
- ``assess_release(release, target, options=Options()) -> Assessment``: assess a ``Release`` you built;
- ``Options`` (``mot_compatible``, ``frameworks``, ``declarations``), ``CollectOptions`` (scan budgets,
  Hub access);
- ``Release`` (with ``Component``, ``Evidence``, ``GlobalLicence``, ``Presence``) and ``Assessment``;
- ``identify(string)`` and ``identify_text(text)``: what a licence is and whether it is open;
- ``OpennessError`` (with ``InputError``, ``UsageError``, ``InternalError``): one-line errors; its
  ``exit_code`` is what the command line exits with.

Names load on first use, so ``import openness`` and ``openness --version`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from openness.domain.assessment import Assessment
    from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
    from openness.errors import InputError, InternalError, OpennessError, UsageError
    from openness.frameworks.context import Options
    from openness.licences.identification import Identification, identify, identify_text
    from openness.service import assess, assess_release
    from openness.sources.options import CollectOptions

_WHERE = {
    "assess": "openness.service",
    "assess_release": "openness.service",
    "Options": "openness.frameworks.context",
    "CollectOptions": "openness.sources.options",
    "Assessment": "openness.domain.assessment",
    "Release": "openness.domain.release",
    "Component": "openness.domain.release",
    "Evidence": "openness.domain.release",
    "GlobalLicence": "openness.domain.release",
    "Presence": "openness.domain.release",
    "identify": "openness.licences.identification",
    "identify_text": "openness.licences.identification",
    "Identification": "openness.licences.identification",
    "OpennessError": "openness.errors",
    "InputError": "openness.errors",
    "UsageError": "openness.errors",
    "InternalError": "openness.errors",
}

__all__ = [
    "Assessment",
    "CollectOptions",
    "Component",
    "Evidence",
    "GlobalLicence",
    "Identification",
    "InputError",
    "InternalError",
    "OpennessError",
    "Options",
    "Presence",
    "Release",
    "UsageError",
    "__version__",
    "assess",
    "assess_release",
    "identify",
    "identify_text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'openness' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
