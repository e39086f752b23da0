"""Balance identities of 公开01/04 and the carry-overs typed against their computation."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.core.checks.findings import Finding, Form, Location, Severity, mismatch, rule
from desktop.core.derive import FISCAL_SOURCES, Derived
from desktop.core.model import Report
from desktop.core.money import nz

SOURCE_NAMES = {
    "general_budget": "一般公共预算财政拨款",
    "gov_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
}


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
            f"支出和结余分配超过了可用资金，年末结转和结余算得为负数（{computed}元）",
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
        loc = Location(Form.LEDGER, f"年末财政拨款结转和结余（{SOURCE_NAMES[source]}）", source)
        if typed is not None and nz(typed) != nz(f.closing):
            yield fiscal_closing.finding(
                loc, f"{SOURCE_NAMES[source]}年末结转和结余：{mismatch(f.closing, typed)}"
            )
        if f.closing is not None and f.closing < 0:
            yield fiscal_closing.finding(
                loc,
                f"{SOURCE_NAMES[source]}支出超过了年初结转和本年收入之和，"
                f"年末结转和结余算得为负数（{f.closing}元）",
            )


RULES = (closing_balance, fiscal_closing)
