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

__all__ = [
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
