"""sums.*: typed totals against their typed parts."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.checks import sums
from desktop.core.checks.findings import Rule
from desktop.core.model import (
    Balances,
    BudgetLine,
    FiscalAmounts,
    FiscalSpending,
    Income,
    NamedAmount,
    Report,
    Spending,
)
from tests.helpers.reports import (
    A,
    clean_report,
    findings_of,
    with_balances,
    with_row,
    with_sangong,
)


@pytest.mark.parametrize("r", sums.RULES, ids=lambda r: r.id)
def test_clean_report_has_no_sum_findings(r: Rule) -> None:
    assert findings_of(r, clean_report()) == []


# ---------------------------------------------------------------- 年初预算


def budget(*lines: tuple[str, int]) -> Report:
    return dataclasses.replace(clean_report(), budget=tuple(BudgetLine(c, A(a)) for c, a in lines))


def test_budget_rollup_accepts_levels_that_add_up() -> None:
    report = budget(
        ("", 1_800_000),
        ("201", 1_600_000),
        ("20103", 1_600_000),
        ("2010301", 1_100_000),
        ("2010302", 500_000),
        ("208", 120_000),
        ("221", 80_000),
    )
    assert findings_of(sums.budget_rollup, report) == []


def test_budget_rollup_reports_a_class_that_is_not_the_sum_of_its_kuan() -> None:
    report = budget(("201", 1_600_000), ("20103", 1_500_000), ("20105", 50_000))
    [f] = findings_of(sums.budget_rollup, report)
    assert f.location.row == "201" and f.location.field == "budget.amount"
    assert "一般公共服务支出（类）" in f.message
    assert "应为1,550,000.00元，实为1,600,000.00元，多填50,000.00元" in f.message


def test_budget_rollup_rolls_xiang_up_through_an_untyped_kuan() -> None:
    report = budget(("201", 1_600_000), ("2010301", 1_000_000), ("2010302", 500_000))
    [f] = findings_of(sums.budget_rollup, report)
    assert f.location.row == "201" and "实为1,600,000.00元，多填100,000.00元" in f.message


def test_budget_rollup_reports_the_total_against_the_classes() -> None:
    report = budget(("", 2_000_000), ("201", 1_600_000), ("208", 120_000))
    [f] = findings_of(sums.budget_rollup, report)
    assert f.location.row == "合计" and "年初预算合计" in f.message


def test_budget_rollup_compares_the_total_with_a_kuan_through_its_class() -> None:
    [f] = findings_of(sums.budget_rollup, budget(("", 1), ("20103", 7)))
    assert f.location.row == "合计" and "应为7.00元，实为1.00元，少填6.00元" in f.message


def test_budget_rollup_ignores_a_level_typed_alone() -> None:
    assert findings_of(sums.budget_rollup, budget(("20103", 7))) == []


# ---------------------------------------------------------------- 财政拨款 within nature


def test_fiscal_within_nature_reports_fiscal_basic_beyond_basic() -> None:
    report = with_row(
        clean_report(),
        "2010301",
        fiscal=FiscalSpending(general_basic=A(900_000), fund_basic=A(200_000)),
    )
    [f] = findings_of(sums.fiscal_within_nature, report)
    assert f.location.row == "2010301" and f.location.field == "spending.basic"
    assert "1,100,000.00元" in f.message and "超出100,000.00元" in f.message


def test_fiscal_within_nature_reports_project_without_a_project_figure() -> None:
    report = with_row(clean_report(), "2010302", spending=Spending())
    [f] = findings_of(sums.fiscal_within_nature, report)
    assert f.location.field == "spending.project" and "超过了该科目的项目支出（未填）" in f.message


def test_fiscal_within_nature_accepts_a_partly_fiscal_nature() -> None:
    report = with_row(
        clean_report(),
        "2010301",
        income=Income(general_budget=A(1_000_000), business=A(5_000)),
        spending=Spending(basic=A(1_005_000)),
    )
    assert findings_of(sums.fiscal_within_nature, report) == []


# ---------------------------------------------------------------- each source per 项


def test_fiscal_source_by_code_reports_spending_beyond_opening_and_income() -> None:
    report = with_row(clean_report(), "2080505", income=Income(general_budget=A(100_000)))
    [f] = findings_of(sums.fiscal_source_by_code, report)
    assert f.location.row == "2080505" and f.location.field == "income.general_budget"
    assert "超出20,000.00元" in f.message


def test_fiscal_source_by_code_counts_the_opening_carry_over() -> None:
    report = with_row(
        clean_report(),
        "2080505",
        income=Income(general_budget=A(100_000)),
        fiscal_opening=FiscalAmounts(general_budget=A(20_000)),
    )
    assert findings_of(sums.fiscal_source_by_code, report) == []


# ---------------------------------------------------------------- carry-overs


def test_carryover_reports_a_fiscal_opening_larger_than_the_whole() -> None:
    report = with_row(
        clean_report(), "2080505", fiscal_opening=FiscalAmounts(general_budget=A(20_000))
    )
    report = dataclasses.replace(report, balances=Balances(opening=A(5_000)))
    found = findings_of(sums.carryover_within_total, report)
    assert [f.location.row for f in found] == ["年初结转和结余"]
    assert "（各科目之和）还少15,000.00元" in found[0].message


def test_carryover_reports_non_fiscal_spending_beyond_its_money() -> None:
    # 财政拨款 carried 20,000 into next year, but non-fiscal spending of 30,000 had no money.
    report = with_row(
        clean_report(),
        "2080505",
        income=Income(general_budget=A(140_000)),
        spending=Spending(basic=A(150_000)),
    )
    report = with_balances(report, declared_closing=None)
    found = findings_of(sums.carryover_within_total, report)
    assert [f.location.row for f in found] == ["年末结转和结余"]


def test_carryover_accepts_fiscal_parts_within_the_whole() -> None:
    report = with_row(
        clean_report(), "2080505", fiscal_opening=FiscalAmounts(general_budget=A(20_000))
    )
    report = dataclasses.replace(report, balances=Balances(opening=A(20_000)))
    assert findings_of(sums.carryover_within_total, report) == []


# ---------------------------------------------------------------- 三公 subtotals


def test_reception_split_reports_domestic_and_overseas_not_adding_up() -> None:
    report = with_sangong(clean_report(), overseas_reception=A(1_000))
    [f] = findings_of(sums.reception_split, report)
    assert f.location.row == "reception"
    assert "应为20,000.00元，实为21,000.00元，多填1,000.00元" in f.message


def test_reception_split_reports_foreign_affairs_beyond_domestic() -> None:
    report = with_sangong(clean_report(), foreign_affairs_reception=A(25_000))
    [f] = findings_of(sums.reception_split, report)
    assert f.location.field == "foreign_affairs_reception" and "超出5,000.00元" in f.message


def test_reception_split_needs_a_split_to_check() -> None:
    report = with_sangong(
        clean_report(),
        domestic_reception=None,
        overseas_reception=None,
        foreign_affairs_reception=None,
    )
    assert findings_of(sums.reception_split, report) == []


def test_vehicle_operation_items_beyond_the_actual() -> None:
    s = clean_report().sangong
    items = (*s.vehicle_operation_items, NamedAmount("过路费", A(500)))
    report = with_sangong(clean_report(), vehicle_operation_items=items)
    [f] = findings_of(sums.vehicle_operation_items, report)
    assert "超出500.00元" in f.message


def test_vehicle_operation_items_may_name_only_the_main_uses() -> None:
    s = clean_report().sangong
    report = with_sangong(clean_report(), vehicle_operation_items=s.vehicle_operation_items[:1])
    assert findings_of(sums.vehicle_operation_items, report) == []
