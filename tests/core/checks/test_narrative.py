"""narrative.*: last year's figures and the reasons the 情况说明 needs."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from desktop.core import samples
from desktop.core.checks import narrative
from desktop.core.checks.findings import Rule
from desktop.core.derive import derive
from desktop.core.model import CodeAmount, SangongAmounts, UnitKind
from desktop.core.money import ratio, to_unit
from desktop.core.vocabulary import ReasonKey
from tests.data.published import datong_2024
from tests.helpers.reports import (
    A,
    basic_row,
    clean_report,
    findings_of,
    with_actual,
    with_prior,
    with_reason,
    with_stats,
    with_unit,
)


@pytest.mark.parametrize("r", narrative.RULES, ids=lambda r: r.id)
def test_clean_report_has_no_narrative_findings(r: Rule) -> None:
    assert findings_of(r, clean_report()) == []


def test_comparisons_follow_the_text() -> None:
    from desktop.core.derive import derive

    report = clean_report()
    keys = [str(c.key) for c in narrative.comparisons(report, derive(report))]
    assert keys == [
        "total",
        "total",
        "fiscal",
        "fiscal",
        "general",
        "general_class:201",
        "general_class:208",
        "general_class:221",
        "sangong",
        "sangong:abroad",
        "sangong:vehicle_purchase",
        "sangong:vehicle_operation",
        "sangong:reception",
        "admin_cost",
    ]


# ---------------------------------------------------------------- reasons


@pytest.mark.parametrize(
    "key",
    [
        "total",
        "fiscal",
        "general",
        "general_class:201",
        "sangong",
        "sangong:vehicle_operation",
        "admin_cost",
    ],
)
def test_reason_missing_reports_each_changed_figure_without_a_reason(key: str) -> None:
    report = with_reason(clean_report(), key, "")
    [f] = findings_of(narrative.reason_missing, report)
    assert (f.location.row, f.location.field) == (key, "reasons")
    assert "原因未填写" in f.message


def test_reason_missing_states_the_change() -> None:
    [f] = findings_of(narrative.reason_missing, with_reason(clean_report(), "total", "  "))
    assert f.message.startswith(
        "收入总计本年1,700,000.00元，上年1,600,000.00元，增加100,000.00元，增长6.25%"
    )


def test_reason_missing_needs_no_reason_for_an_unchanged_figure() -> None:
    report = with_reason(clean_report(), "sangong:reception", "")
    assert findings_of(narrative.reason_missing, report) == []


def test_reason_missing_ignores_a_change_that_rounds_away_in_wan() -> None:
    # 30元 less than last year prints as the same 万元 figure: 「与上年持平」.
    report = with_prior(clean_report(), admin_cost=A(399_970))
    report = with_reason(report, "admin_cost", "")
    assert findings_of(narrative.reason_missing, report) == []
    report = with_unit(report, amount_unit="元")
    assert len(findings_of(narrative.reason_missing, report)) == 1


def test_reason_direction_reports_a_fall_explained_as_a_rise() -> None:
    report = with_reason(clean_report(), "general", "人员及项目的减少")  # the figure rose
    [f] = findings_of(narrative.reason_direction, report)
    assert f.location.row == "general"
    assert "增加100,000.00元" in f.message and "“减少”" in f.message


def test_reason_direction_reports_a_rise_explained_as_a_fall() -> None:
    report = with_reason(clean_report(), "sangong:vehicle_operation", "新增一辆执法车，油费增加")
    [f] = findings_of(narrative.reason_direction, report)
    assert "减少5,000.00元" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "人员经费增加，项目支出减少",  # both ways: nothing to say
        "公务用车未增加",  # negated
        "项目完工",  # no direction at all
    ],
)
def test_reason_direction_is_silent_when_the_text_names_no_single_direction(text: str) -> None:
    report = with_reason(clean_report(), "general", text)
    assert findings_of(narrative.reason_direction, report) == []


def test_stated_direction() -> None:
    assert narrative.stated_direction("社保缴费基数调整，缴费增加") == 1
    assert narrative.stated_direction("燃油费减少") == -1
    assert narrative.stated_direction("没有增加公务用车") == 0


# ---------------------------------------------------------------- prior-year figures


def test_prior_missing_reports_each_missing_figure() -> None:
    report = with_prior(clean_report(), income_total=None, sangong=SangongAmounts(abroad=A(0)))
    found = findings_of(narrative.prior_missing, report)
    assert [(f.location.row, f.location.field) for f in found] == [
        ("total", "income_total"),
        ("sangong:vehicle_purchase", "sangong.vehicle_purchase"),
        ("sangong:vehicle_operation", "sangong.vehicle_operation"),
        ("sangong:reception", "sangong.reception"),
    ]


def test_prior_missing_needs_no_admin_cost_of_an_institution() -> None:
    report = with_unit(clean_report(), kind=UnitKind.INSTITUTION)
    report = with_prior(with_stats(report, admin_cost=None), admin_cost=None)
    assert findings_of(narrative.prior_missing, report) == []


def test_prior_missing_needs_no_figure_the_unit_does_not_have() -> None:
    report = with_prior(with_actual(clean_report(), abroad=None), sangong=SangongAmounts())
    found = findings_of(narrative.prior_missing, report)
    assert "sangong:abroad" not in [f.location.row for f in found]


def test_prior_class_missing_reports_an_empty_breakdown_once() -> None:
    report = with_prior(clean_report(), general_by_class=())
    [f] = findings_of(narrative.prior_class_missing, report)
    assert "201、208、221" in f.message


def test_prior_class_missing_reports_a_class_missing_from_the_breakdown() -> None:
    report = with_prior(
        clean_report(),
        general_by_class=(CodeAmount("201", A(1_420_000)), CodeAmount("208", A(110_000))),
    )
    [f] = findings_of(narrative.prior_class_missing, report)
    assert f.location.row == "general_class:221"


def test_prior_class_missing_asks_nothing_of_a_mistyped_code() -> None:
    """「abcdefg」 typed as a 项 makes no 类 「abc」 whose 上年数 could be asked for (the codes
    rules report the 项); every key the rule names is one the vocabulary knows."""
    base = clean_report()
    report = dataclasses.replace(base, ledger=(*base.ledger, basic_row("abcdefg", 1000)))
    assert all(
        ReasonKey.parse(f.location.row).known
        for f in findings_of(narrative.prior_class_missing, report)
    )
    assert findings_of(narrative.prior_class_missing, report) == []


# ---------------------------------------------------------------- what the reasons form shows


def _published_change(text: str) -> tuple[Decimal, str]:
    """「减少2,673,654.00元（下降31.37%）」 → (−267.37 in 万元, "-31.37")."""
    m = re.fullmatch(r"(增加|减少)([\d,]+\.\d\d)元（(增长|下降)([\d.]+)%）", text)
    assert m is not None, text
    sign = -1 if m[1] == "减少" else 1
    wan = to_unit(Decimal(m[2].replace(",", "")), "万元")
    assert wan is not None
    return sign * wan, f"{'-' if sign < 0 else ''}{m[4]}"


def test_comparison_text_states_the_change_the_published_text_states() -> None:
    report = samples.load("datong-2024")
    d = derive(report)
    listed = narrative.comparisons(report, d)
    published = datong_2024.TEXT
    for key, section, stem in (
        ("total", "一", "income_total"),
        ("fiscal", "四", "fiscal_income_total"),
        ("general", "五(一)", "gpb_expenditure"),
    ):
        text = narrative.comparison_text(report, d, ReasonKey.parse(key), listed)
        amount, rate = _published_change(text)
        assert amount == Decimal(published[section][f"{stem}_change"]), key
        assert rate == published[section][f"{stem}_change_rate"], key
    # listed or not, the same words
    assert narrative.comparison_text(report, d, ReasonKey.parse("total")) == (
        narrative.comparison_text(report, d, ReasonKey.parse("total"), listed)
    )


def test_comparison_text_of_a_budget_difference_gives_both_figures_and_the_completion() -> None:
    report = samples.load("datong-2024")
    text = narrative.comparison_text(report, derive(report), ReasonKey.parse("budget_class:201"))
    m = re.fullmatch(r"年初预算([\d,]+\.\d\d)元，决算([\d,]+\.\d\d)元，完成([\d.]+)%", text)
    assert m is not None, text
    published = datong_2024.TEXT["五(三)"]
    budget, actual = (Decimal(x.replace(",", "")) for x in (m[1], m[2]))
    assert to_unit(budget, "万元") == Decimal(published["class_201_budget"])
    assert to_unit(actual, "万元") == Decimal(published["class_201_actual"])
    assert m[3] == str(ratio(actual, budget))  # in 元: 88.37 (the text, in 万元, says 88.38)


def test_comparison_text_without_last_years_figure_or_a_comparison() -> None:
    report = with_prior(clean_report(), income_total=None)
    d = derive(report)
    text = narrative.comparison_text(report, d, ReasonKey.parse("total"))
    assert text.endswith("，上年未填") and re.fullmatch(r"本年[\d,]+\.\d\d元，上年未填", text)
    assert narrative.comparison_text(report, d, ReasonKey.parse("other_matters")) == ""
    flat = with_prior(clean_report(), admin_cost=clean_report().stats.admin_cost)
    assert narrative.comparison_text(flat, derive(flat), ReasonKey.parse("admin_cost")).endswith(
        "，与上年持平"
    )


def test_prior_row_is_where_a_prior_figure_sits_on_the_form() -> None:
    assert narrative.prior_row("income_total") == "total"
    assert narrative.prior_row("fiscal_spending_total") == "fiscal"
    assert narrative.prior_row("sangong.abroad") == "sangong:abroad"
