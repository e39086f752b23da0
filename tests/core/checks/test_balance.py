"""balance.*: 公开01 and 公开04 balance, and the carry-overs typed against them."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core import samples
from desktop.core.checks import balance
from desktop.core.derive import derive
from desktop.core.model import FiscalAmounts, FiscalSpending, Income, Report, Spending
from desktop.core.money import nz, to_unit
from tests.data.published import datong_2024
from tests.helpers.reports import A, clean_report, findings_of, with_balances, with_row


def test_closing_accepts_the_computed_carry_over() -> None:
    assert findings_of(balance.closing_balance, clean_report()) == []


def test_closing_reports_a_declared_figure_that_does_not_balance() -> None:
    report = with_balances(clean_report(), declared_closing=A(5_000))
    [f] = findings_of(balance.closing_balance, report)
    assert f.location.field == "declared_closing"
    assert "应为0.00元，实为5,000.00元，多填5,000.00元" in f.message


def test_closing_reports_spending_beyond_the_money_available() -> None:
    report = with_balances(clean_report(), declared_closing=None, distribution=A(10))
    [f] = findings_of(balance.closing_balance, report)
    assert "负数" in f.message and "-10.00" in f.message


def test_fiscal_closing_accepts_balanced_sources() -> None:
    report = with_balances(
        clean_report(), declared_fiscal_closing=FiscalAmounts(general_budget=A(0))
    )
    assert findings_of(balance.fiscal_closing, report) == []


def test_fiscal_closing_reports_a_declared_source_that_does_not_balance() -> None:
    report = with_balances(
        clean_report(), declared_fiscal_closing=FiscalAmounts(general_budget=A(300))
    )
    [f] = findings_of(balance.fiscal_closing, report)
    assert f.location.field == "general_budget"
    assert "一般公共预算财政拨款" in f.message and "实为300.00元，多填300.00元" in f.message


def test_fiscal_closing_reports_a_source_spent_beyond_its_income() -> None:
    report = with_row(
        clean_report(),
        "2130101",  # 政府性基金 spending with no 政府性基金 income
        spending=Spending(project=A(50)),
        fiscal=FiscalSpending(fund_project=A(50)),
        income=Income(other=A(50)),
    )
    report = with_balances(report, declared_closing=None)
    [f] = findings_of(balance.fiscal_closing, report)
    assert f.location.field == "gov_fund" and "-50.00" in f.message


# ---------------------------------------------------------------- the status bar's line


def test_balance_status_of_the_published_report() -> None:
    report = samples.load("datong-2024")
    text, tone = balance.balance_status(report, derive(report))
    assert tone is balance.Tone.OK and text.endswith(" 元 ✓")
    m = re.fullmatch(r"收入总计 ([\d,]+\.\d\d) = 支出总计 ([\d,]+\.\d\d) 元 ✓", text)
    assert m is not None and m[1] == m[2]
    published = datong_2024.TABLES["公开01"]["31"][0]  # 总计, 万元
    assert to_unit(Decimal(m[1].replace(",", "")), "万元") == Decimal(published)


def test_balance_status_says_which_side_is_larger() -> None:
    report = samples.load("datong-2024")
    d = derive(report)
    typed = with_balances(report, declared_closing=nz(d.balances.closing) + A(1_000))
    text, tone = balance.balance_status(typed, derive(typed))
    assert tone is balance.Tone.ERROR and "≠" in text and text.endswith("✗ 支出总计多1,000.00元")
    short = with_balances(report, declared_closing=nz(d.balances.closing) - A(2_500))
    text, tone = balance.balance_status(short, derive(short))
    assert tone is balance.Tone.ERROR and text.endswith("✗ 收入总计多2,500.00元")


def test_balance_status_follows_the_checks() -> None:
    """The computed 年末结转和结余 balances the sums by construction: the line takes the
    checks' word, and shows no ✓ while anything stands or the checks are still running."""
    report = samples.load("datong-2024")
    d = derive(report)
    text, tone = balance.balance_status(report, d, errors=3, warnings=6)
    assert tone is balance.Tone.ERROR and "错误 3 个" in text and "✓" not in text
    text, tone = balance.balance_status(report, d, warnings=6)
    assert tone is balance.Tone.WARNING and "警告 6 个" in text and "✓" not in text
    text, tone = balance.balance_status(report, d, checked=False)
    assert tone is balance.Tone.PENDING and "✓" not in text
    assert "5,848,346.00" in text  # the sums are shown all the same


def test_an_empty_project_is_not_yet_filled_in() -> None:
    report = Report()
    text, tone = balance.balance_status(report, derive(report))
    assert tone is balance.Tone.BLANK and text == "收支：尚未填报"
