"""The requirements of the Open Source AI Definition 1.0, in MOF component names.

Source: Open Source Initiative, "The Open Source AI Definition – 1.0" (2024-10-28,
opensource.org/ai/open-source-ai-definition), its checklist (opensource.org/ai/checklist, which names
the MOF components each requirement is met by) and FAQ (opensource.org/ai/faq: training data classes).
The 0.0.9 reading follows the draft 0.0.9 checklist, where any one data component was enough for
Data Information.
"""

from __future__ import annotations

NAME = "Open Source AI Definition"
VERSION = "1.0"
SOURCE = (
    "OSI, The Open Source AI Definition 1.0 (2024-10-28), opensource.org/ai/open-source-ai-definition, "
    "and its checklist, opensource.org/ai/checklist"
)

DATA_COMPONENTS = ("Datasets", "Data card", "Research paper", "Technical report")
"""Data Information in the 1.0 checklist: training data described and listed."""

CODE_REQUIREMENTS: tuple[tuple[str, str, str], ...] = (
    ("code.data-preprocessing", "Data preprocessing code", "Code: data processing and filtering"),
    ("code.training", "Training code", "Code: training, validation and testing"),
    (
        "code.supporting-libraries",
        "Supporting libraries and tools",
        "Code: supporting libraries (tokenisers, hyperparameter search …)",
    ),
    ("code.inference", "Inference code", "Code: inference"),
    ("code.architecture", "Model architecture", "Code: model architecture"),
)
PARAMETERS = "Model parameters (Final)"

IF_USED = frozenset({"Supporting libraries and tools"})
"""Code the definition asks for only where the release used it: "For example, if used, this shall
include … supporting libraries like tokenizers and hyperparameters search code" (OSAID 1.0, "Code").
Many releases train with public libraries and publish no separate one; the OSI's own review passed
OLMo, whose records list none. Its absence is a caveat, never a failure."""

SUGGESTED_CODE = "Apache-2.0"
"""An OSI-approved licence to name in what-would-change text."""
SUGGESTED_WEIGHTS = "Apache-2.0"
SUGGESTED_DOCUMENT = "CC-BY-4.0"
