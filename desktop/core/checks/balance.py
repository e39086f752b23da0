"""Balance identities of 公开01/04 and the carry-overs typed against their computation;
`balance_status` is the one-line 收入总计 = 支出总计 the window's status bar shows, told
by the checks: no ✓ while a 错误 or 警告 stands or the checks have not finished, and
「尚未填报」 before the first figure."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple

from desktop.core.checks.findings import Finding, Form, Location, Severity, mismatch, rule, yuan
from desktop.core.derive import FISCAL_SOURCES, Derived
from desktop.core.model import Report
from desktop.core.money import format_amount, nz, total
from desktop.core.vocabulary import FISCAL_CLOSING_NAMES, SOURCE_NAMES


@rule(
    "balance.closing",
    Severity.ERROR,
    "年末结转和结余：填报数应等于 收入合计+使用非财政拨款结余+年初结转和结余−支出合计−结余分配",
    Form.LEDGER,
)
def closing_balance(report: Report, d: Derived) -> Iterator[Finding]:
    declared = report.balances.declared_closing
    computed = d.balances.closing
    if declared is not None and nz(declared) != nz(computed):
        yield closing_balance.finding(
            Location(Form.LEDGER, "年末结转和结余", "declared_closing"),
            f"年末结转和结余与收支不平衡：{mismatch(computed, declared)}",
        )
    if computed is not None and computed < 0:
        yield closing_balance.finding(
            Location(Form.LEDGER, "年末结转和结余", "declared_closing"),
            f"支出和结余分配超过了可用资金，年末结转和结余算得为负数（{yuan(computed)}）",
        )


@rule(
    "balance.fiscal_closing",
    Severity.ERROR,
    "财政拨款结转和结余（分来源）：年初+本年收入=本年支出+年末，且年末不得为负",
    Form.LEDGER,
)
def fiscal_closing(report: Report, d: Derived) -> Iterator[Finding]:
    declared = report.balances.declared_fiscal_closing
    for source in FISCAL_SOURCES:
        f = d.fiscal[source]
        typed = getattr(declared, source)
        loc = Location(Form.LEDGER, FISCAL_CLOSING_NAMES[source], source)
        if typed is not None and nz(typed) != nz(f.closing):
            yield fiscal_closing.finding(
                loc, f"{SOURCE_NAMES[source]}年末结转和结余：{mismatch(f.closing, typed)}"
            )
        if f.closing is not None and f.closing < 0:
            yield fiscal_closing.finding(
                loc,
                f"{SOURCE_NAMES[source]}支出超过了年初结转和本年收入之和，"
                f"年末结转和结余算得为负数（{yuan(f.closing)}）",
            )


class Tone(StrEnum):
    """How the status line is shown: what the checks say, not the two sums alone."""

    OK = "ok"  # the sides agree and the finished checks found no 错误 or 警告
    WARNING = "warning"  # 警告 stand
    ERROR = "error"  # the sides disagree, or 错误 stand
    PENDING = "pending"  # the checks have not finished
    BLANK = "blank"  # nothing typed yet


class BalanceStatus(NamedTuple):
    text: str
    tone: Tone


def is_blank(d: Derived) -> bool:
    """No figure on either side of 公开01 yet (a new project)."""
    b = d.balances
    return b.grand_total_in is None and b.spending_total is None


def balance_status(
    report: Report, d: Derived, *, errors: int = 0, warnings: int = 0, checked: bool = True
) -> BalanceStatus:
    """「收入总计 X = 支出总计 Y 元 ✓」 only when the sides agree and the finished checks
    (`checked`) found no 错误 and no 警告; else the line says what stands (「… · 错误 3 个」),
    or 「… ≠ … ✗ 收入总计多Z元」, or 「尚未填报」. The right side takes the officer's typed
    年末结转和结余 where there is one (the computed one balances by construction, so
    the sums alone agree whatever else is wrong: hence the checks' word)."""
    if is_blank(d):
        return BalanceStatus("收支：尚未填报", Tone.BLANK)
    b = d.balances
    closing = report.balances.declared_closing
    right = nz(
        total((b.spending_total, b.distribution, closing if closing is not None else b.closing))
    )
    left = nz(b.grand_total_in)
    ok = left == right
    sides = (
        f"收入总计 {format_amount(left)} {'=' if ok else '≠'} 支出总计 {format_amount(right)} 元"
    )
    if not ok:
        larger = "收入总计" if left > right else "支出总计"
        return BalanceStatus(f"{sides} ✗ {larger}多{yuan(abs(left - right))}", Tone.ERROR)
    if errors:
        return BalanceStatus(f"{sides} · 审核有错误 {errors} 个", Tone.ERROR)
    if not checked:
        return BalanceStatus(f"{sides} · 正在审核…", Tone.PENDING)
    if warnings:
        return BalanceStatus(f"{sides} · 审核有警告 {warnings} 个", Tone.WARNING)
    return BalanceStatus(f"{sides} ✓", Tone.OK)


RULES = (closing_balance, fiscal_closing)
