"""Facts only the user knows, given as ``--declare KEY=VALUE``: the keys openness understands and how
their values are read. Pure parsing; an unreadable value is an ``InputError``."""

from __future__ import annotations

import re
from collections.abc import Mapping

from openness.errors import InputError

KEYS: dict[str, str] = {
    "monetised": "yes|no: a price, paid support or platform services tied to the release, or personal "
    "data used beyond security and interoperability (EU AI Act Recital 103)",
    "systemic-risk": "yes|no: the model is a general-purpose AI model with systemic risk (EU AI Act Art. 51)",
    "training-flop": "number: cumulative training compute in floating-point operations (e.g. 3e23)",
    "parameters": "number: parameter count (e.g. 7e9 or 7B)",
    "training-tokens": "number: training tokens (e.g. 2e12 or 2T)",
    "high-risk": "yes|no: an AI system built on the model is high-risk (EU AI Act Art. 6)",
    "prohibited": "yes|no: an AI system built on it falls under Art. 5 (prohibited practices)",
    "art50": "yes|no: an AI system built on it falls under Art. 50 (transparency duties)",
    "peer-reviewed": "yes|no: the research paper is peer-reviewed (European Open Source AI Index)",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
MAX_NUMBER = 1e60
"""Above any real training compute, parameter or token count; a product of two stays finite."""
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([kmbt])?\s*$", re.IGNORECASE)


def parse_pair(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` as a (key, value) pair, the key checked against ``KEYS``."""
    key, sep, value = text.partition("=")
    key = key.strip().lower()
    if not sep or not value.strip():
        raise InputError(f"--declare '{text}' is not KEY=VALUE", hint="e.g. --declare monetised=no")
    if key not in KEYS:
        raise InputError(f"--declare: unknown key '{key}'", hint="known keys: " + ", ".join(sorted(KEYS)))
    value = value.strip()
    if key in ("training-flop", "parameters", "training-tokens"):
        number(key, value)
    elif value.lower() not in _YES | _NO:
        raise InputError(f"--declare {key}: '{value}' is not yes or no")
    return key, value


def flag(declarations: Mapping[str, str], key: str) -> bool | None:
    """A yes/no declaration, or None when not declared."""
    value = declarations.get(key)
    if value is None:
        return None
    low = value.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise InputError(f"declaration {key}: '{value}' is not yes or no")


def number(key: str, value: str) -> float:
    m = _NUMBER.match(value)
    if m is None:
        raise InputError(f"declaration {key}: '{value}' is not a number", hint="e.g. 3e23, 7e9 or 7B")
    scale = _SUFFIX[m.group(2).lower()] if m.group(2) else 1.0
    result = float(m.group(1)) * scale
    if result > MAX_NUMBER:  # also catches overflow to inf, which JSON cannot hold
        raise InputError(f"declaration {key}: '{value}' is too large", hint=f"at most {MAX_NUMBER:.0e}")
    return result


def quantity(declarations: Mapping[str, str], key: str) -> float | None:
    value = declarations.get(key)
    return None if value is None else number(key, value)
