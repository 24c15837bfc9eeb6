"""The European Open Source AI Index's grading, as openness applies it to a release's evidence.

Source: European Open Source AI Index (osai-index.eu, Radboud University / Liesenfeld & Dingemanse):
12 dimensions, each graded open / partial / closed with an evidence link; the score is the mean with
open = 1, partial = 0.5, closed = 0. The index rates one model per family (its largest or latest) by
hand; openness grades the one release it was given, from the MOF components that carry each dimension.
"""

from __future__ import annotations

NAME = "European Open Source AI Index grading"
VERSION = "2025"
SOURCE = "European Open Source AI Index, osai-index.eu (12 dimensions; open 1, partial 0.5, closed 0)"
POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}

# (dimension id, title, what the index asks)
DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    ("base-model-data", "Base model data", "training data of the base model available"),
    ("end-model-data", "End model data", "data of the instruction/fine-tuning stage available"),
    ("base-model-weights", "Base model weights", "base model weights openly available"),
    ("end-model-weights", "End model weights", "end model weights openly available"),
    ("training-code", "Training code", "source code for training openly available"),
    ("code-documentation", "Code documentation", "the source code is documented"),
    ("hardware-architecture", "Hardware architecture", "the training hardware and set-up documented"),
    ("preprint", "Preprint", "an archived preprint describing the system"),
    ("paper", "Paper", "a peer-reviewed paper describing the system"),
    ("model-card", "Model card", "a model card in a standard format"),
    ("datasheet", "Datasheet", "a datasheet for the training data"),
    ("licence", "Licence", "the licence is OSI-approved or otherwise open, without use restrictions"),
)


def overall_grade(score: float) -> str:
    """The index publishes a score, not an overall grade; openness names the grade of the index's own scale
    nearest to the score (open 1, partial 0.5, closed 0; a tie goes to partial): below 0.25 closed, above
    0.75 open. Read the score for anything finer."""
    if score < 0.25:
        return "closed"
    if score > 0.75:
        return "open"
    return "partial"
