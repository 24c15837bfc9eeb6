"""Open Source AI Definition 1.0: Data Information, Code and Parameters, requirement by requirement."""

from openness.frameworks.osaid.engine import evaluate, evaluate_context
from openness.frameworks.osaid.rules import NAME, SOURCE, VERSION

__all__ = ["NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
