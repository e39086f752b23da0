"""cross.*: one figure on two forms, or two figures bound by definition."""

from __future__ import annotations

import pytest

from desktop.core.checks import cross
from desktop.core.checks.findings import Rule
from desktop.core.model import UnitKind, Vehicles
from tests.helpers.reports import (
    A,
    clean_report,
    findings_of,
    with_actual,
    with_assets,
    with_econ,
    with_procurement,
    with_sangong,
    with_stats,
    with_unit,
)


@pytest.mark.parametrize("r", cross.RULES, ids=lambda r: r.id)
def test_clean_report_has_no_cross_findings(r: Rule) -> None:
    assert findings_of(r, clean_report()) == []


# ---------------------------------------------------------------- 公开05 vs 公开06


def test_econ_basic_reports_detail_that_misses_the_ledger() -> None:
    report = with_econ(clean_report(), "30201", basic=A(190_000))
    [f] = findings_of(cross.econ_basic, report)
    assert f.location.form.name == "ECON" and f.location.field == "basic"
    assert "应为1,200,000.00元，实为1,190,000.00元，少填10,000.00元" in f.message


def test_econ_basic_reports_a_missing_detail() -> None:
    report = clean_report()
    report = with_econ(report, "30101", basic=None)
    assert len(findings_of(cross.econ_basic, report)) == 1


def test_econ_project_is_silent_while_no_project_detail_is_typed() -> None:
    assert findings_of(cross.econ_project, clean_report()) == []


def test_econ_project_reports_project_detail_that_misses_the_ledger() -> None:
    report = with_econ(clean_report(), "30227", project=A(450_000))
    [f] = findings_of(cross.econ_project, report)
    assert "应为500,000.00元，实为450,000.00元" in f.message


def test_econ_project_accepts_a_complete_project_detail() -> None:
    report = with_econ(
        with_econ(clean_report(), "30227", project=A(450_000)), "31007", project=A(50_000)
    )
    assert findings_of(cross.econ_project, report) == []


# ---------------------------------------------------------------- 三公 vs 经济分类


def test_sangong_econ_reports_reception_differing_from_30217() -> None:
    report = with_actual(clean_report(), reception=A(22_000))
    [f] = findings_of(cross.sangong_econ, report)
    assert f.location.row == "reception" and f.location.field == "actual.reception"
    assert (
        "30217" in f.message
        and "“三公”表填22,000.00元，比经济分类的20,000.00元多2,000.00元" in f.message
    )


def test_sangong_econ_sums_both_vehicle_purchase_lines() -> None:
    report = with_actual(clean_report(), vehicle_purchase=A(250_000))
    report = with_econ(with_econ(report, "31013", project=A(200_000)), "30913", project=A(40_000))
    [f] = findings_of(cross.sangong_econ, report)
    assert "比经济分类的240,000.00元多10,000.00元" in f.message
    report = with_econ(report, "30913", project=A(50_000))
    assert findings_of(cross.sangong_econ, report) == []


def test_sangong_econ_needs_both_figures() -> None:
    report = with_actual(clean_report(), abroad=A(9_000))  # no 30212 line typed
    assert findings_of(cross.sangong_econ, report) == []


def test_sangong_counts_reports_money_without_the_count() -> None:
    report = with_actual(clean_report(), abroad=A(9_000))
    found = findings_of(cross.sangong_counts, report)
    assert [f.location.field for f in found] == ["abroad_groups", "abroad_people"]


def test_sangong_counts_reports_a_count_without_money() -> None:
    report = with_sangong(clean_report(), vehicles_bought=1)
    [f] = findings_of(cross.sangong_counts, report)
    assert f.location.row == "vehicle_purchase" and "购置车辆数填为1" in f.message


def test_sangong_counts_accepts_vehicles_held_without_running_costs() -> None:
    report = with_actual(clean_report(), vehicle_operation=A(0))
    assert findings_of(cross.sangong_counts, report) == []


# ---------------------------------------------------------------- 机关运行经费


def test_admin_cost_kind_requires_the_figure_of_an_admin_unit() -> None:
    report = with_stats(clean_report(), admin_cost=None)
    [f] = findings_of(cross.admin_cost_kind, report)
    assert f.location.field == "admin_cost" and "行政单位" in f.message


def test_admin_cost_kind_refuses_the_figure_of_an_institution() -> None:
    report = with_unit(clean_report(), kind=UnitKind.INSTITUTION)
    [f] = findings_of(cross.admin_cost_kind, report)
    assert "事业单位" in f.message and "400,000.00元" in f.message


def test_admin_cost_kind_accepts_an_institution_without_it() -> None:
    report = with_stats(with_unit(clean_report(), kind=UnitKind.INSTITUTION), admin_cost=None)
    assert findings_of(cross.admin_cost_kind, report) == []


def test_admin_cost_public_reports_a_figure_unlike_public_spending() -> None:
    report = with_stats(
        with_unit(clean_report(), kind=UnitKind.CIVIL_SERVICE_LIKE), admin_cost=A(380_000)
    )
    [f] = findings_of(cross.admin_cost_public, report)
    assert "应为400,000.00元，实为380,000.00元" in f.message


# ---------------------------------------------------------------- vehicles and procurement


def test_vehicle_total_reports_a_total_unlike_its_categories() -> None:
    report = with_assets(clean_report(), declared_vehicle_total=3)
    [f] = findings_of(cross.vehicle_total, report)
    assert "应为各类车辆数之和2辆，实填3辆，多填1辆" in f.message


def test_vehicles_held_reports_more_than_the_fleet() -> None:
    report = with_assets(clean_report(), vehicles=Vehicles(principal=1), declared_vehicle_total=1)
    [f] = findings_of(cross.vehicles_held, report)
    assert f.location.form.name == "SANGONG" and "多1辆" in f.message


def test_procurement_sme_reports_sme_beyond_the_total() -> None:
    report = with_procurement(clean_report(), sme=A(160_000))
    [f] = findings_of(cross.procurement_sme, report)
    assert f.location.field == "sme" and "超出10,000.00元" in f.message


def test_procurement_sme_reports_small_micro_beyond_sme() -> None:
    report = with_procurement(clean_report(), sme=None)
    [f] = findings_of(cross.procurement_sme, report)
    assert f.location.field == "small_micro" and "超出60,000.00元" in f.message
