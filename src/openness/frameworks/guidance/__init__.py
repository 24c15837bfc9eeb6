"""What to do next: changes that reach the next MOF class, OSAID 1.0 or the Art. 53(2) exemption."""

from openness.frameworks.guidance.engine import (
    NAME,
    SOURCE,
    VERSION,
    Change,
    Guidance,
    Plan,
    apply,
    evaluate,
    evaluate_context,
    to_json,
)
from openness.frameworks.registry import Registered

FRAMEWORK = Registered("guidance", NAME, VERSION, SOURCE, evaluate_context, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = [
    "FRAMEWORK",
    "NAME",
    "SOURCE",
    "VERSION",
    "Change",
    "Guidance",
    "Plan",
    "apply",
    "evaluate",
    "evaluate_context",
    "to_json",
]
