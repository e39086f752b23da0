"""Findings: what a check says about a report, with a location the UI can jump to.

Checks never raise for a user's mistake; they return `Finding`s. A rule is a plain
function `(report, derived) -> Iterable[Finding]` described by a `Rule` record and
listed in the one registry tuple in `desktop.core.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.locations import Form, Location
from desktop.core.money import Money, format_amount, nz

if TYPE_CHECKING:
    from desktop.core.derive import Derived
    from desktop.core.editions import Edition
    from desktop.core.model import Report


class Severity(StrEnum):
    ERROR = "错误"  # blocks publishing
    WARNING = "警告"  # must be looked at
    HINT = "提示"  # advice

    @property
    def rank(self) -> int:
        return {"错误": 0, "警告": 1, "提示": 2}[self.value]


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
    # Its findings keep a report from being published final even as 警告 (a project not
    # yet scored): `exporters.publishing_blockers` lists them beside the 错误.
    blocks: bool = False

    def finding(self, location: Location, message: str) -> Finding:
        return Finding(self.id, self.severity, location, message)

    def describe(self, edition: Edition | None = None) -> str:
        """The description with each table it names (``{general}``: a `TableRole`) as
        `edition` numbers it (「公开05」), or by its title where there is no edition."""
        from desktop.core.vocabulary import TableRole, table_reference

        return self.description.format_map(
            {role.value: table_reference(edition, role) for role in TableRole}
        )


def rule(
    id: str, severity: Severity, description: str, *reads: Form, blocks: bool = False
) -> Callable[[Check], Rule]:
    """Decorator turning a check function into a `Rule` record (not registered)."""

    def wrap(fn: Check) -> Rule:
        return Rule(id, severity, description, fn, frozenset(reads), blocks)

    return wrap


def yuan(value: Money) -> str:
    """An amount for a message: 元 with thousands separators; 「（未填）」 for no figure."""
    return "（未填）" if value is None else f"{format_amount(value)}元"


def more_or_less(diff: Decimal, show: Callable[[Decimal], str] = yuan, *, verb: str = "") -> str:
    """A difference with the side that is larger: 「多1,000.00元」 / 「少填1,000.00元」.

    `diff` is the figure at the finding's location minus what it should be; `show`
    formats its size (元 with separators unless told otherwise: 分, 辆)."""
    return f"{'多' if diff > 0 else '少'}{verb}{show(abs(diff))}"


def mismatch(expected: Money, found: Money) -> str:
    """「应为X元，实为Y元，少填Z元」 — the standard tail of a figure mismatch: `found` is
    what was typed where the finding points, `expected` what it should be (no figure
    counts as 0.00元 there)."""
    should = yuan(nz(expected))
    if found is None:
        return f"应为{should}，实际未填，{more_or_less(-nz(expected), verb='填')}"
    return f"应为{should}，实为{yuan(found)}，{more_or_less(found - nz(expected), verb='填')}"


__all__ = [
    "Check",
    "Finding",
    "Form",
    "Location",
    "Rule",
    "Severity",
    "mismatch",
    "more_or_less",
    "rule",
    "yuan",
]
