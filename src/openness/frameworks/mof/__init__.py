"""Model Openness Framework v1.0: classes, progress and what to change to reach the next class."""

from typing import Any

from openness.frameworks.context import Context
from openness.frameworks.mof.engine import evaluate
from openness.frameworks.mof.result import (
    FRAMEWORK_NAME,
    FRAMEWORK_SOURCE,
    FRAMEWORK_VERSION,
    ComponentFinding,
    Mode,
    MofResult,
    Status,
    Step,
    to_json,
)
from openness.frameworks.registry import Registered


def _chosen(context: Context) -> Any:
    return context.mof  # the mode the user chose, computed once per assessment


FRAMEWORK = Registered("mof", FRAMEWORK_NAME, FRAMEWORK_VERSION, FRAMEWORK_SOURCE, _chosen, to_json)
"""This framework as the registry lists it (``openness.frameworks.registry``)."""

__all__ = ["FRAMEWORK", "ComponentFinding", "Mode", "MofResult", "Status", "Step", "evaluate"]
