"""codes.*: 功能/经济 codes well formed, known, and typed once."""

from __future__ import annotations

import dataclasses

from desktop.core.checks import codes
from desktop.core.model import CustomCode
from tests.helpers.reports import A, basic_row, clean_report, findings_of, with_econ


def test_clean_report_has_no_code_findings() -> None:
    report = clean_report()
    for r in codes.RULES:
        assert findings_of(r, report) == [], r.id


def test_functional_level_reports_a_row_that_is_not_a_xiang() -> None:
    report = dataclasses.replace(clean_report(), ledger=(basic_row("20103", 10),))
    [f] = findings_of(codes.functional_level, report)
    assert f.location.row == "20103" and "7位" in f.message


def test_functional_unknown_reports_a_code_outside_the_catalog() -> None:
    report = dataclasses.replace(clean_report(), ledger=(basic_row("2010398", 10),))
    [f] = findings_of(codes.functional_unknown, report)
    assert "2010398" in f.message


def test_functional_unknown_accepts_a_code_the_officer_added() -> None:
    report = dataclasses.replace(
        clean_report(),
        ledger=(basic_row("2010398", 10),),
        custom_codes=(CustomCode("2010398", "自行增加的科目"),),
    )
    assert findings_of(codes.functional_unknown, report) == []


def test_duplicate_reports_a_code_typed_twice() -> None:
    report = clean_report()
    report = dataclasses.replace(report, ledger=(*report.ledger, basic_row("2010301", 1)))
    [f] = findings_of(codes.duplicate_rows, report)
    assert f.location.row == "2010301" and "2行" in f.message


def test_duplicate_reports_an_economic_code_typed_twice() -> None:
    report = clean_report()
    report = dataclasses.replace(report, econ=(*report.econ, report.econ[0]))
    [f] = findings_of(codes.duplicate_rows, report)
    assert f.location.row == "30101"


def test_economic_unknown_reports_a_class_or_unknown_code() -> None:
    report = with_econ(with_econ(clean_report(), "302", basic=A(1)), "30298", basic=A(1))
    found = findings_of(codes.economic_unknown, report)
    assert [f.location.row for f in found] == ["302", "30298"]


def test_duplicate_reports_a_budget_line_typed_twice() -> None:
    from decimal import Decimal

    from desktop.core.model import BudgetLine

    report = dataclasses.replace(
        clean_report(),
        budget=(BudgetLine("201", Decimal("1.00")), BudgetLine("201", Decimal("2.00"))),
    )
    [f] = findings_of(codes.duplicate_rows, report)
    assert f.location.row == "201" and "2行" in f.message
