"""Validation rules as data, in the spirit of DHIS2's: left side, operator, right side, importance,
message, and what to do when a value is missing.

Sides are arithmetic over indicators: ``viec_lam`` (this period's actual), ``viec_lam.plan``,
``viec_lam.last`` (same period last year), ``viec_lam.target``, numbers, + - * / and parentheses.
They are parsed with ``ast`` and evaluated by walking the tree: no ``eval``.
"""

from __future__ import annotations

import ast
import operator as op
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from enum import StrEnum

from .model import Report, Workbook
from .vnformat import to_decimal

OPERATORS = {"==": op.eq, "!=": op.ne, "<": op.lt, "<=": op.le, ">": op.gt, ">=": op.ge}
OPERATOR_WORDS = {"==": "bằng", "!=": "khác", "<": "nhỏ hơn", "<=": "không lớn hơn", ">": "lớn hơn",
                  ">=": "không nhỏ hơn"}
FIELDS = ("actual", "plan", "last", "target")
_BINARY = {ast.Add: op.add, ast.Sub: op.sub, ast.Mult: op.mul, ast.Div: op.truediv}


class Missing(StrEnum):
    SKIP_IF_ANY_VALUE_MISSING = "skip_if_any_value_missing"
    SKIP_IF_ALL_VALUES_MISSING = "skip_if_all_values_missing"
    NEVER_SKIP = "never_skip"  # a missing value counts as 0


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    left: str
    operator: str
    right: str
    importance: str  # "error" | "warning"
    message: str
    missing: Missing = Missing.SKIP_IF_ANY_VALUE_MISSING


def references(expression: str) -> list[tuple[str, str]]:
    """(code, field) of every value an expression reads; RuleError if it is not a plain formula."""
    tree = _parse(expression)
    refs: list[tuple[str, str]] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, ast.Expression):
            walk(node.body)
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            walk(node.left)
            walk(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            walk(node.operand)
        elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            pass
        elif isinstance(node, ast.Name):
            refs.append((node.id, "actual"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in FIELDS:
            refs.append((node.value.id, node.attr))
        else:
            raise RuleError(f"công thức “{_short(expression)}” có phần không được phép (chỉ dùng mã chỉ tiêu, "
                            "số, + - * / và ngoặc)")

    try:
        walk(tree)
    except RecursionError:
        raise RuleError(f"công thức “{_short(expression)}” quá dài") from None
    return refs


MAX_FORMULA = 2000  # characters: a rule longer than this is a mistake, and Python's parser would recurse too deep


def _short(expression: str) -> str:
    text = " ".join(expression.split())
    return text if len(text) <= 40 else text[:38] + "…"


def _parse(expression: str) -> ast.Expression:
    if len(expression) > MAX_FORMULA:
        raise RuleError(f"công thức “{_short(expression)}” quá dài (quá {MAX_FORMULA} ký tự)")
    try:
        return ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        raise RuleError(f"“{_short(expression)}” không phải là công thức") from None
    except (RecursionError, MemoryError, ValueError):
        raise RuleError(f"công thức “{_short(expression)}” quá dài hoặc không đọc được") from None


def _evaluate(expression: str, lookup) -> Decimal:
    tree = _parse(expression)

    def value(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp):
            v = value(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Constant):
            return to_decimal(node.value)
        if isinstance(node, ast.Name):
            return lookup(node.id, "actual")
        if isinstance(node, ast.Attribute):
            return lookup(node.value.id, node.attr)
        raise RuleError(f"công thức “{_short(expression)}” có phần không được phép")

    try:
        return value(tree)
    except RecursionError:
        raise RuleError(f"công thức “{_short(expression)}” quá dài") from None


@dataclass(frozen=True)
class Violation:
    rule: Rule
    left: Decimal
    right: Decimal


def check_rule(rule: Rule, workbook: Workbook, report: Report) -> Violation | None:
    """The violation, or None when the rule holds or is skipped for missing values."""
    if rule.operator not in OPERATORS:
        raise RuleError(f"phép so sánh “{_short(rule.operator)}” không có trong chương trình")
    refs = references(rule.left) + references(rule.right)
    for code, _ in refs:
        if workbook.indicator(code) is None:
            raise RuleError(f"không có chỉ tiêu “{code}”")
    present = [getattr(report.values.get(code), field, None) is not None for code, field in refs]
    if rule.missing == Missing.SKIP_IF_ANY_VALUE_MISSING and not all(present):
        return None
    if rule.missing == Missing.SKIP_IF_ALL_VALUES_MISSING and not any(present):
        return None

    def lookup(code: str, field: str) -> Decimal:
        raw = getattr(report.values.get(code), field, None)
        return Decimal(0) if raw is None else to_decimal(raw)

    try:
        left, right = _evaluate(rule.left, lookup), _evaluate(rule.right, lookup)
    except (ZeroDivisionError, DivisionByZero, InvalidOperation, OverflowError):
        return None  # a ratio over nothing cannot be judged
    return None if OPERATORS[rule.operator](left, right) else Violation(rule, left, right)


def parse_rule(data: dict) -> Rule:
    rule = Rule(
        id=str(data.get("id", "")), left=str(data.get("left", "")), operator=str(data.get("operator", "")),
        right=str(data.get("right", "")), importance=str(data.get("importance", "error")),
        message=str(data.get("message", "")),
        missing=Missing(data.get("missing", Missing.SKIP_IF_ANY_VALUE_MISSING.value)),
    )
    if not rule.id or rule.operator not in OPERATORS or rule.importance not in ("error", "warning"):
        raise RuleError(f"quy tắc “{rule.id}” cần có mã, phép so sánh ({', '.join(OPERATORS)}) và mức độ "
                        "(error/warning)")
    references(rule.left)
    references(rule.right)
    if not rule.message:
        raise RuleError(f"quy tắc “{rule.id}” cần có lời nhắn cho người soạn")
    return rule
