"""Open-weight definitions: OSS Capital Open Weights (2023) and the Open Weight Definition v0.3."""

from openness.frameworks.open_weight.engine import evaluate, evaluate_context
from openness.frameworks.open_weight.rules import NAME, SOURCE, VERSION

__all__ = ["NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
