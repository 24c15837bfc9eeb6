"""The European Open Source AI Index's 12 dimensions graded open / partial / closed, with its score."""

from openness.frameworks.osai_index.engine import evaluate, evaluate_context
from openness.frameworks.osai_index.rules import NAME, SOURCE, VERSION

__all__ = ["NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
