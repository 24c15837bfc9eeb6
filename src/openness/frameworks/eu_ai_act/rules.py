"""The EU AI Act's open-source provisions as openness checks them.

Sources: Regulation (EU) 2024/1689 (the AI Act), Art. 2(12), Art. 51, Art. 53(1)-(2), Recitals 102-104
(eur-lex.europa.eu/eli/reg/2024/1689/oj); Commission guidelines on the scope of obligations for
general-purpose AI models, C(2025) 5045 (18 July 2025): indicative criterion of more than 10^23 FLOP.
"""

from __future__ import annotations

NAME = "EU AI Act open-source exemptions"
VERSION = "2024/1689"
SOURCE = (
    "Regulation (EU) 2024/1689, Art. 2(12), 51, 53(2), Recitals 102-104; Commission guidelines "
    "C(2025) 5045 (2025-07-18)"
)
NOTICE = (
    "Not legal advice: openness checks public evidence against the text of the AI Act; "
    "ask a qualified lawyer before relying on it."
)

GPAI_INDICATIVE_FLOP = 1e23
"""Commission guidelines C(2025) 5045: a model trained with more than 10^23 FLOP that can generate
language, text-to-image or text-to-video is indicatively a general-purpose AI model."""
SYSTEMIC_RISK_FLOP = 1e25
"""Art. 51(2): presumed to have high-impact capabilities (systemic risk) above 10^25 FLOP."""

ALWAYS_APPLY: tuple[tuple[str, str], ...] = (
    (
        "Art. 53(1)(c)",
        "put in place a policy to comply with Union copyright law, including text-and-data-"
        "mining opt-outs (Art. 4(3) of Directive (EU) 2019/790)",
    ),
    (
        "Art. 53(1)(d)",
        "draw up and make publicly available a sufficiently detailed summary of the content "
        "used for training, following the AI Office's template",
    ),
)
EXEMPTED: tuple[tuple[str, str], ...] = (
    ("Art. 53(1)(a)", "technical documentation of the model for the AI Office (Annex XI)"),
    ("Art. 53(1)(b)", "information and documentation for downstream providers (Annex XII)"),
)
SYSTEMIC: tuple[tuple[str, str], ...] = (
    (
        "Art. 55",
        "model evaluation, systemic-risk assessment and mitigation, incident reporting, "
        "cybersecurity (obligations of providers of GPAI models with systemic risk)",
    ),
)
