"""What a finder rule reports: one hit for one component, with where and how it was found."""

from __future__ import annotations

from dataclasses import dataclass

from openness.domain.release import Presence

# MOF component names, spelled once for the finders.
ARCH = "Model architecture"
FINAL = "Model parameters (Final)"
INTERMEDIATE = "Model parameters (Intermediate)"
MODEL_CARD = "Model card"
DATA_CARD = "Data card"
TECH_REPORT = "Technical report"
EVAL_RESULTS = "Evaluation results"
SAMPLES = "Sample model outputs"
TRAINING = "Training code"
INFERENCE = "Inference code"
EVAL_CODE = "Evaluation code"
EVAL_DATA = "Evaluation data"
SUPPORTING = "Supporting libraries and tools"
DATASETS = "Datasets"
PREPROCESSING = "Data preprocessing code"
PAPER = "Research paper"
METADATA = "Model metadata"

INCLUDED = Presence.INCLUDED
REFERENCED = Presence.REFERENCED


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule's finding about one component."""

    component: str
    presence: Presence
    rule: str
    """Dotted rule name, e.g. ``local.params.weights-extension``."""
    confidence: float
    path: str | None
    """The file (relative to the root) that shows the component is included, or that holds the link."""
    line: int | None = None
    url: str | None = None
    """For a referenced component: where it lives."""
    detail: str = ""
    rel: str | None = None
    """The raw relative path for reading the file again (may differ from ``path`` for odd names)."""

    @property
    def locator(self) -> str:
        """Where the fact was read (``path:line``); a link's target is kept in the component's locations."""
        if self.path is None:
            return self.url or ""
        return f"{self.path}:{self.line}" if self.line else self.path
