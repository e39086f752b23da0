"""values.*: signs, cents and magnitudes of single amounts and counts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from desktop.core.checks import values
from desktop.core.checks.findings import Form, Rule
from desktop.core.model import EconRow, Income, Overview, Spending, Staff
from tests.helpers.reports import (
    A,
    clean_report,
    findings_of,
    with_balances,
    with_econ,
    with_prior,
    with_row,
    with_sangong,
    with_unit,
)


@pytest.mark.parametrize("r", values.RULES, ids=lambda r: r.id)
def test_clean_report_has_no_value_findings(r: Rule) -> None:
    assert findings_of(r, clean_report()) == []


def test_typed_amounts_names_every_place() -> None:
    places = {(form, row, field) for form, row, field, _ in values.typed_amounts(clean_report())}
    assert (Form.LEDGER, "2010302", "spending.project") in places
    assert (Form.ECON, "30231", "basic") in places
    assert (Form.SANGONG, "reception", "actual.reception") in places
    assert (Form.STATS, "政府采购", "sme") in places
    assert (Form.PRIOR, "general_class:208", "general_by_class") in places
    assert (Form.PRIOR, "sangong:vehicle_operation", "sangong.vehicle_operation") in places


# ---------------------------------------------------------------- negative


def test_negative_reports_a_negative_spending() -> None:
    report = with_row(clean_report(), "2010301", spending=Spending(basic=A("-5")))
    [f] = findings_of(values.negative, report)
    assert (f.location.row, f.location.field) == ("2010301", "spending.basic")
    assert "-5.00元" in f.message


def test_negative_reports_a_negative_count() -> None:
    report = with_sangong(clean_report(), domestic_people=-3)
    [f] = findings_of(values.negative, report)
    assert f.location.field == "domestic_people" and "-3" in f.message


def test_negative_reports_a_negative_staff_figure() -> None:
    report = dataclasses.replace(clean_report(), overview=Overview(staff=Staff(in_service=-1)))
    [f] = findings_of(values.negative, report)
    assert f.location.form is Form.OVERVIEW


def test_negative_allows_a_negative_distribution() -> None:
    report = with_balances(clean_report(), distribution=A("-100"), declared_closing=A(100))
    assert findings_of(values.negative, report) == []


# ---------------------------------------------------------------- precision


def test_precision_reports_three_decimals() -> None:
    report = with_econ(clean_report(), "30201", basic=Decimal("199999.995"))
    [f] = findings_of(values.precision, report)
    assert (f.location.form, f.location.row) == (Form.ECON, "30201")
    assert "金额199,999.995元超过两位小数" in f.message


def test_precision_accepts_trailing_zeros() -> None:
    report = with_econ(clean_report(), "30201", basic=Decimal("200000.000"))
    assert findings_of(values.precision, report) == []


# ---------------------------------------------------------------- magnitudes


def test_magnitude_large_reports_ten_billion() -> None:
    report = with_prior(clean_report(), income_total=Decimal("16000000000.00"))
    [f] = findings_of(values.magnitude_large, report)
    assert (f.location.row, f.location.field) == ("total", "income_total")
    assert "16,000,000,000.00元" in f.message


def test_magnitude_large_accepts_a_big_but_plausible_figure() -> None:
    report = with_prior(clean_report(), income_total=Decimal("9999999999.99"))
    assert findings_of(values.magnitude_large, report) == []


def test_magnitude_small_reports_a_figure_typed_in_wan() -> None:
    # 12.5 typed as 万元 into a 元 field: prints 0.00万元 among figures of 8–100万元.
    report = with_row(
        clean_report(),
        "2010302",
        income=Income(general_budget=A(500_000), other=A("12.5")),
        spending=Spending(project=A("500012.50")),
    )
    [f] = findings_of(values.magnitude_small, report)
    assert (f.location.row, f.location.field) == ("2010302", "income.other")
    assert "显示为0.00万元" in f.message


def test_magnitude_small_is_silent_when_publishing_in_yuan() -> None:
    report = with_econ(with_unit(clean_report(), amount_unit="元"), "30204", basic=A(50))
    assert findings_of(values.magnitude_small, report) == []


def test_magnitude_small_is_silent_when_the_unit_is_small_anyway() -> None:
    report = clean_report()
    small = tuple(EconRow(r.code, basic=A(40)) for r in report.econ)
    report = dataclasses.replace(report, econ=small, ledger=())
    assert findings_of(values.magnitude_small, report) == []
