"""Open Source AI Definition 1.0: Data Information, Code and Parameters, requirement by requirement."""

from openness.frameworks.osaid.engine import evaluate, evaluate_context
from openness.frameworks.osaid.rules import NAME, SOURCE, VERSION
from openness.frameworks.registry import Registered
from openness.frameworks.verdicts import to_json

FRAMEWORK = Registered("osaid", NAME, VERSION, SOURCE, evaluate_context, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = ["FRAMEWORK", "NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
