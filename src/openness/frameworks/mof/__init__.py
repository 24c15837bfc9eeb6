"""Model Openness Framework v1.0: classes, progress and what to change to reach the next class."""

from openness.frameworks.mof.engine import evaluate
from openness.frameworks.mof.result import ComponentFinding, Mode, MofResult, Status, Step

__all__ = ["ComponentFinding", "Mode", "MofResult", "Status", "Step", "evaluate"]
