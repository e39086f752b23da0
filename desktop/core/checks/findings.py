"""Findings: what a check says about a report, with a location the UI can jump to.

Checks never raise for a user's mistake; they return `Finding`s. A rule is a plain
function `(report, derived) -> Iterable[Finding]` described by a `Rule` record and
listed in the one registry tuple in `desktop.core.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.money import Money, format_amount, nz

if TYPE_CHECKING:
    from desktop.core.derive import Derived
    from desktop.core.model import Report


class Severity(StrEnum):
    ERROR = "错误"  # blocks publishing
    WARNING = "警告"  # must be looked at
    HINT = "提示"  # advice

    @property
    def rank(self) -> int:
        return {"错误": 0, "警告": 1, "提示": 2}[self.value]


class Form(StrEnum):
    """The forms of the app, where a finding's location lives."""

    UNIT = "单位信息"
    OVERVIEW = "概况"
    LEDGER = "收入支出（按功能科目）"
    ECON = "基本支出明细（按经济科目）"
    SANGONG = "“三公”经费"
    STATS = "政府采购与资产"
    PRIOR = "上年数与原因说明"
    SELF_EVAL = "项目绩效自评"
    UNIT_EVAL = "部门整体自评"


@dataclass(frozen=True)
class Location:
    form: Form
    row: str = ""  # 科目 code, project name, or a row key of the form
    field: str = ""  # model field name within the row

    def __str__(self) -> str:
        parts = [self.form.value, self.row, self.field]
        return " / ".join(p for p in parts if p)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str

    def as_json(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "form": self.location.form.value,
            "row": self.location.row,
            "field": self.location.field,
            "message": self.message,
        }


Check = Callable[["Report", "Derived"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check
    reads: frozenset[Form]  # the forms whose edits can change this rule's findings

    def finding(self, location: Location, message: str) -> Finding:
        return Finding(self.id, self.severity, location, message)


def rule(id: str, severity: Severity, description: str, *reads: Form) -> Callable[[Check], Rule]:
    """Decorator turning a check function into a `Rule` record (not registered)."""

    def wrap(fn: Check) -> Rule:
        return Rule(id, severity, description, fn, frozenset(reads))

    return wrap


def yuan(value: Money) -> str:
    """An amount for a message: 元 with separators; '空' for no figure."""
    return "空" if value is None else f"{format_amount(value)}元"


def mismatch(expected: Money, found: Money) -> str:
    """「应为X，实为Y，相差Z」 — the standard tail of a figure mismatch."""
    diff = nz(found) - nz(expected)
    return f"应为{yuan(expected)}，实为{yuan(found)}，相差{format_amount(diff)}元"
