"""EU AI Act: the Art. 53(2) open-source exemption pre-check, Art. 2(12), and a compute estimate."""

from openness.frameworks.eu_ai_act.engine import compute, evaluate, evaluate_context
from openness.frameworks.eu_ai_act.rules import NAME, NOTICE, SOURCE, VERSION
from openness.frameworks.registry import Registered
from openness.frameworks.verdicts import to_json

FRAMEWORK = Registered("eu_ai_act", NAME, VERSION, SOURCE, evaluate_context, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = ["FRAMEWORK", "NAME", "NOTICE", "SOURCE", "VERSION", "compute", "evaluate", "evaluate_context"]
