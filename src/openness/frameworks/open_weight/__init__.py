"""Open-weight definitions: OSS Capital Open Weights (2023) and the Open Weight Definition v0.3."""

from openness.frameworks.open_weight.engine import evaluate, evaluate_context
from openness.frameworks.open_weight.rules import NAME, SOURCE, VERSION
from openness.frameworks.registry import Registered
from openness.frameworks.verdicts import to_json

FRAMEWORK = Registered("open_weight", NAME, VERSION, SOURCE, evaluate_context, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = ["FRAMEWORK", "NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
