"""The European Open Source AI Index's 12 dimensions graded open / partial / closed, with its score."""

from openness.frameworks.osai_index.engine import evaluate, evaluate_context
from openness.frameworks.osai_index.rules import NAME, SOURCE, VERSION
from openness.frameworks.registry import Registered
from openness.frameworks.verdicts import to_json

FRAMEWORK = Registered("osai_index", NAME, VERSION, SOURCE, evaluate_context, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = ["FRAMEWORK", "NAME", "SOURCE", "VERSION", "evaluate", "evaluate_context"]
