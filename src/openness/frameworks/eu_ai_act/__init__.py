"""EU AI Act: the Art. 53(2) open-source exemption pre-check, Art. 2(12), and a compute estimate."""

from openness.frameworks.eu_ai_act.engine import compute, evaluate, evaluate_context
from openness.frameworks.eu_ai_act.rules import NAME, NOTICE, SOURCE, VERSION

__all__ = ["NAME", "NOTICE", "SOURCE", "VERSION", "compute", "evaluate", "evaluate_context"]
