"""Two open-weight definitions, criterion by criterion, as data.

Sources:
- OSS Capital, "Open Weights" definition (2023, opencoreventures.com / oss.capital): weights accessible;
  training information (architecture, method, data description and provenance, hyperparameters);
  use and modify for any purpose; no discrimination; training software open source; redistribution.
- Open Weight Definition v0.3 (openweight.org, 2025): ten criteria on the weights' terms modelled on the
  Open Source Definition's ten clauses.

Each licence criterion lists the restriction flags (the AI licence catalogue's vocabulary) that break it.
"""

from __future__ import annotations

NAME = "Open weight definitions"
VERSION = "OSS Capital 2023; OWD 0.3"
SOURCE = "OSS Capital Open Weights definition (2023); Open Weight Definition v0.3 (openweight.org, 2025)"

OSS_CAPITAL = "oss-capital-2023"
OWD = "owd-0.3"
GROUP_NAMES = {OSS_CAPITAL: "OSS Capital Open Weights (2023)", OWD: "Open Weight Definition v0.3"}

# (requirement id, title, flags that break it, fails when the licence is not known to be open)
OSS_CAPITAL_LICENCE: tuple[tuple[str, str, frozenset[str], bool], ...] = (
    (
        "use-modify-any-purpose",
        "Use and modify for any purpose",
        frozenset(
            {
                "acceptable-use-policy",
                "field-of-use",
                "non-commercial",
                "research-only",
                "no-derivatives",
                "no-improving-other-models",
                "revenue-cap",
                "remote-restriction",
                "termination-trigger",
            }
        ),
        True,
    ),
    (
        "no-discrimination",
        "No discrimination against persons, groups or fields",
        frozenset(
            {
                "user-cap",
                "regional-exclusion",
                "field-of-use",
                "acceptable-use-policy",
                "non-commercial",
                "research-only",
            }
        ),
        False,
    ),
    (
        "redistribution",
        "Redistribution allowed",
        frozenset({"no-derivatives", "non-commercial", "user-cap", "revenue-cap"}),
        True,
    ),
)
OWD_LICENCE: tuple[tuple[str, str, frozenset[str], bool], ...] = (
    (
        "free-redistribution",
        "1. Free redistribution",
        frozenset({"revenue-cap", "non-commercial", "user-cap", "research-only"}),
        True,
    ),
    (
        "derived-works",
        "3. Derived works allowed",
        frozenset({"no-derivatives", "no-improving-other-models"}),
        True,
    ),
    ("integrity", "4. Integrity of the authors' weights (naming conditions allowed)", frozenset(), False),
    (
        "no-discrimination-persons",
        "5. No discrimination against persons or groups",
        frozenset({"user-cap", "regional-exclusion", "acceptable-use-policy"}),
        False,
    ),
    (
        "no-discrimination-fields",
        "6. No discrimination against fields of endeavour",
        frozenset({"field-of-use", "non-commercial", "research-only", "acceptable-use-policy"}),
        False,
    ),
    (
        "distribution-of-licence",
        "7. Rights pass with the weights, no additional licence needed",
        frozenset({"user-cap", "termination-trigger"}),
        False,
    ),
    ("not-product-specific", "8. Licence not specific to a product", frozenset(), False),
    (
        "no-restriction-on-other-works",
        "9. Licence does not restrict other works",
        frozenset({"no-improving-other-models"}),
        False,
    ),
    ("technology-neutral", "10. Technology-neutral", frozenset({"remote-restriction"}), False),
)
WEIGHT_FORMATS = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".h5", ".npz", ".msgpack", ".onnx")
