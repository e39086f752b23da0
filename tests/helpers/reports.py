"""Small reports for rule tests: one consistent report, and one-line ways to break it.

`clean_report()` is a 行政单位 publishing in 万元 whose every figure agrees with every
other, so each check rule finds nothing in it; a test changes the one figure its rule
reads (`with_row`, `with_sangong`, … or plain `dataclasses.replace`) and expects the
finding. The figures are round on purpose so a reader can add them up by eye:

    项        一般公共预算收入   基本        项目
    2010301   1,000,000          1,000,000
    2010302     500,000                      500,000
    2080505     120,000            120,000
    2210201      80,000             80,000
    合计      1,700,000          1,200,000   500,000

    经济分类 基本: 30101 600,000 + 30108 120,000 + 30113 80,000 (人员 800,000)
                 30201 200,000 + 30211 150,000 + 30217 20,000 + 30231 30,000 (公用 400,000)
    三公: 接待 20,000 (= 30217), 运行维护 30,000 (= 30231), 出国 0, 购置 0; 保有 2 辆
    上年: 总计 1,600,000 → 本年 1,700,000 (增加), 每个增减都写了原因
"""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.core.checks.findings import Finding, Rule
from desktop.core.derive import derive
from desktop.core.model import (
    Assets,
    Balances,
    BudgetLine,
    CodeAmount,
    EconRow,
    FiscalSpending,
    Income,
    LedgerRow,
    NamedAmount,
    PriorYear,
    Procurement,
    Reason,
    Report,
    Sangong,
    SangongAmounts,
    Spending,
    Statistics,
    UnitInfo,
    UnitKind,
    Vehicles,
)
from desktop.core.money import amount


def A(text: str | int) -> Any:
    """An amount literal in 元."""
    return amount(text)


def basic_row(code: str, value: str | int) -> LedgerRow:
    """A 项 paid wholly from 一般公共预算 as 基本支出."""
    v = A(value)
    return LedgerRow(
        code,
        income=Income(general_budget=v),
        spending=Spending(basic=v),
        fiscal=FiscalSpending(general_basic=v),
    )


def project_row(code: str, value: str | int) -> LedgerRow:
    """A 项 paid wholly from 一般公共预算 as 项目支出."""
    v = A(value)
    return LedgerRow(
        code,
        income=Income(general_budget=v),
        spending=Spending(project=v),
        fiscal=FiscalSpending(general_project=v),
    )


def clean_report() -> Report:
    """A small report every check rule accepts (see the module docstring)."""
    return Report(
        unit=UnitInfo(
            name="测试局",
            code="001001",
            department="测试主管部门",
            year=2024,
            kind=UnitKind.ADMIN,
            amount_unit="万元",
        ),
        ledger=(
            basic_row("2010301", 1_000_000),
            project_row("2010302", 500_000),
            basic_row("2080505", 120_000),
            basic_row("2210201", 80_000),
        ),
        budget=(
            BudgetLine("201", A(1_600_000)),
            BudgetLine("208", A(120_000)),
            BudgetLine("221", A(80_000)),
        ),
        balances=Balances(declared_closing=A(0)),
        econ=(
            EconRow("30101", basic=A(600_000)),
            EconRow("30108", basic=A(120_000)),
            EconRow("30113", basic=A(80_000)),
            EconRow("30201", basic=A(200_000)),
            EconRow("30211", basic=A(150_000)),
            EconRow("30217", basic=A(20_000)),
            EconRow("30231", basic=A(30_000)),
        ),
        sangong=Sangong(
            budget=SangongAmounts(
                abroad=A(0), vehicle_purchase=A(0), vehicle_operation=A(40_000), reception=A(25_000)
            ),
            actual=SangongAmounts(
                abroad=A(0), vehicle_purchase=A(0), vehicle_operation=A(30_000), reception=A(20_000)
            ),
            abroad_groups=0,
            abroad_people=0,
            vehicles_bought=0,
            vehicles_held=2,
            domestic_reception=A(20_000),
            domestic_batches=10,
            domestic_people=80,
            foreign_affairs_reception=A(0),
            foreign_affairs_batches=0,
            foreign_affairs_people=0,
            overseas_reception=A(0),
            overseas_batches=0,
            overseas_people=0,
            vehicle_operation_items=(
                NamedAmount("燃油费", A(18_000)),
                NamedAmount("保险费", A(7_000)),
                NamedAmount("维修费", A(5_000)),
            ),
        ),
        stats=Statistics(
            procurement=Procurement(
                goods=A(100_000),
                works=A(0),
                services=A(50_000),
                sme=A(120_000),
                small_micro=A(60_000),
            ),
            admin_cost=A(400_000),
            assets=Assets(
                vehicles=Vehicles(principal=1, law_enforcement=1),
                declared_vehicle_total=2,
                equipment_over_1m=0,
            ),
        ),
        prior=PriorYear(
            income_total=A(1_600_000),
            spending_total=A(1_600_000),
            fiscal_income_total=A(1_600_000),
            fiscal_spending_total=A(1_600_000),
            general_spending=A(1_600_000),
            general_by_class=(
                CodeAmount("201", A(1_420_000)),
                CodeAmount("208", A(110_000)),
                CodeAmount("221", A(70_000)),
            ),
            sangong=SangongAmounts(
                abroad=A(0), vehicle_purchase=A(0), vehicle_operation=A(35_000), reception=A(20_000)
            ),
            admin_cost=A(380_000),
        ),
        reasons=(
            Reason("total", "项目经费增加"),
            Reason("fiscal", "项目经费增加"),
            Reason("general", "项目经费增加"),
            Reason("general_class:201", "项目经费增加"),
            Reason("general_class:208", "养老保险缴费基数调整，缴费增加"),
            Reason("general_class:221", "公积金缴存基数提高"),
            Reason("sangong", "公务用车燃油费减少"),
            Reason("sangong:vehicle_operation", "公务用车燃油费减少"),
            Reason("admin_cost", "办公费增加"),
        ),
    )


# ---------------------------------------------------------------- one-line edits


def with_row(report: Report, code: str, **parts: Any) -> Report:
    """Replace parts of the ledger row `code`: ``with_row(r, "2010301", spending=Spending(…))``;
    a code not yet in the ledger is appended as a new row."""
    rows = list(report.ledger)
    for i, row in enumerate(rows):
        if row.code == code:
            rows[i] = dataclasses.replace(row, **parts)
            break
    else:
        rows.append(LedgerRow(code, **parts))
    return dataclasses.replace(report, ledger=tuple(rows))


def with_econ(report: Report, code: str, **figures: Any) -> Report:
    """Set 基本/项目 of the economic row `code` (appended when absent)."""
    rows = list(report.econ)
    for i, row in enumerate(rows):
        if row.code == code:
            rows[i] = dataclasses.replace(row, **figures)
            break
    else:
        rows.append(EconRow(code, **figures))
    return dataclasses.replace(report, econ=tuple(rows))


def with_sangong(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, sangong=dataclasses.replace(report.sangong, **changes))


def with_actual(report: Report, **changes: Any) -> Report:
    """Change 三公 决算数 items (``reception=A(…)``)."""
    s = report.sangong
    return with_sangong(report, actual=dataclasses.replace(s.actual, **changes))


def with_stats(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, stats=dataclasses.replace(report.stats, **changes))


def with_procurement(report: Report, **changes: Any) -> Report:
    p = dataclasses.replace(report.stats.procurement, **changes)
    return with_stats(report, procurement=p)


def with_assets(report: Report, **changes: Any) -> Report:
    return with_stats(report, assets=dataclasses.replace(report.stats.assets, **changes))


def with_prior(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, prior=dataclasses.replace(report.prior, **changes))


def with_unit(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, unit=dataclasses.replace(report.unit, **changes))


def with_balances(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, balances=dataclasses.replace(report.balances, **changes))


def with_reason(report: Report, key: str, text: str) -> Report:
    """Set (or, with text "", clear) the reason for `key`."""
    kept = tuple(r for r in report.reasons if r.key != key)
    added = (Reason(key, text),) if text else ()
    return dataclasses.replace(report, reasons=kept + added)


# ---------------------------------------------------------------- running one rule


def findings_of(rule: Rule, report: Report) -> list[Finding]:
    """The findings of one rule, as the engine would produce them."""
    return list(rule.check(report, derive(report)))
