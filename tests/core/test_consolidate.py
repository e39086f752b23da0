"""Consolidation (汇总): a department's tables are the sums of its units' tables.

Two units: the 大同 sample and a copy of it (another name, every amount doubled, part of
one 项 moved to a 项 the first unit does not use — with the project paid from it — one reason
reworded). The expected
figures are each unit's own derived figures and table cells, added up here.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.core import project_file, samples
from desktop.core.checks import Severity, run_checks
from desktop.core.consolidate import ConsolidationError, consolidate
from desktop.core.derive import TYPED_KEYS, derive
from desktop.core.grid import Grid
from desktop.core.model import (
    FiscalSpending,
    Income,
    LedgerRow,
    PriorYear,
    Reason,
    Report,
    Spending,
    money_fields,
)
from desktop.core.tables import build_tables
from tests.test_cli import juesuan

MOVED = Decimal("100000.00")  # from 2010399 (B's project spending) to 2010302
MOVED_PROJECT = "J律师顾问费"  # 50,000元 in the sample: B (doubled) spent the moved 100,000


def doubled(obj: Any) -> Any:
    """Every amount of a record ×2 (counts, scores and weights untouched)."""
    if isinstance(obj, tuple):
        return tuple(doubled(x) for x in obj)
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    money = set(money_fields(type(obj)))
    changes = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if f.name in money:
            changes[f.name] = None if v is None else v * 2
        else:
            changes[f.name] = doubled(v)
    return dataclasses.replace(obj, **changes)


def unit_b(a: Report) -> Report:
    b = doubled(a)
    rows = []
    for row in b.ledger:
        if row.code == "2010399":
            row = dataclasses.replace(
                row,
                income=dataclasses.replace(
                    row.income, general_budget=row.income.general_budget - MOVED
                ),
                spending=dataclasses.replace(row.spending, project=row.spending.project - MOVED),
                fiscal=dataclasses.replace(
                    row.fiscal, general_project=row.fiscal.general_project - MOVED
                ),
            )
        rows.append(row)
    rows.append(
        LedgerRow(
            "2010302",
            income=Income(general_budget=MOVED),
            spending=Spending(project=MOVED),
            fiscal=FiscalSpending(general_project=MOVED),
        )
    )
    reasons = tuple(Reason(r.key, "分中心业务量增加") if r.key == "total" else r for r in b.reasons)
    # the project whose (doubled) 执行数 is the moved spending is now paid under 2010302
    projects = tuple(
        dataclasses.replace(p, code="2010302") if p.name == MOVED_PROJECT else p
        for p in b.self_evals
    )
    return dataclasses.replace(
        b,
        self_evals=projects,
        unit=dataclasses.replace(b.unit, name="大同市公共资源交易中心分中心", code="032004"),
        ledger=tuple(rows),
        reasons=reasons,
    )


@pytest.fixture(scope="module")
def units() -> tuple[Report, Report, Report]:
    a = samples.load("datong-2024")
    b = unit_b(a)
    return a, b, consolidate([a, b], "大同市公共资源交易中心（汇总）")


def plus(x: Any, y: Any) -> Any:
    if x is None:
        return y
    if y is None:
        return x
    return x + y


def test_each_unit_is_clean_and_so_is_the_department(units: tuple[Report, ...]) -> None:
    for report in units:
        errors = [f for f in run_checks(report) if f.severity is Severity.ERROR]
        assert errors == [], [f.message for f in errors]


def test_derived_figures_are_the_sums(units: tuple[Report, Report, Report]) -> None:
    a, b, dept = units
    da, db, dd = derive(a), derive(b), derive(dept)
    codes = set(da.lines) | set(db.lines)
    assert set(dd.lines) == codes
    assert "2010302" in codes and "2010302" not in da.lines  # a 项 only B uses
    for code in codes:
        for key in (*TYPED_KEYS, "income.total", "spending.total", "fiscal.total"):
            assert dd.line(code)[key] == plus(da.line(code)[key], db.line(code)[key]), (code, key)
    for field in dataclasses.fields(dd.balances):
        n = field.name
        assert getattr(dd.balances, n) == plus(getattr(da.balances, n), getattr(db.balances, n)), n
    for source in dd.fiscal:
        for field in dataclasses.fields(dd.fiscal[source]):
            n = field.name
            expected = plus(getattr(da.fiscal[source], n), getattr(db.fiscal[source], n))
            assert getattr(dd.fiscal[source], n) == expected, (source, n)
    for code in set(da.econ.lines) | set(db.econ.lines):
        pa, pb = da.econ.lines.get(code, (None, None)), db.econ.lines.get(code, (None, None))
        assert dd.econ.lines[code] == (plus(pa[0], pb[0]), plus(pa[1], pb[1])), code
    assert dd.econ.personnel_basic == plus(da.econ.personnel_basic, db.econ.personnel_basic)
    assert dd.sangong.actual_total == plus(da.sangong.actual_total, db.sangong.actual_total)
    assert dd.sangong.budget_total == plus(da.sangong.budget_total, db.sangong.budget_total)
    assert dd.procurement_total == plus(da.procurement_total, db.procurement_total)
    assert dd.vehicle_total == plus(da.vehicle_total, db.vehicle_total)
    assert dd.budget("") == plus(da.budget(""), db.budget(""))


def _rows(grid: Grid) -> dict[tuple[Any, ...], list[Any]]:
    """Rows keyed by their text cells (labels, codes, names), numbered when repeated."""
    out: dict[tuple[Any, ...], list[Any]] = {}
    seen: Counter[tuple[str, ...]] = Counter()
    for row in grid.cells:
        label = tuple(c.text for c in row if not isinstance(c.value, Decimal | int))
        seen[label] += 1
        out[(*label, seen[label])] = [c.value for c in row]
    return out


def test_published_tables_are_the_sums(units: tuple[Report, Report, Report]) -> None:
    a, b, dept = units
    grids = zip(build_tables(a, "元"), build_tables(b, "元"), build_tables(dept, "元"), strict=True)
    checked = 0
    for ga, gb, gd in grids:
        assert ga.number == gb.number == gd.number
        ra, rb, rd = _rows(ga), _rows(gb), _rows(gd)
        assert set(rd) == set(ra) | set(rb), gd.number
        for key, cells in rd.items():
            ca = ra.get(key, [None] * len(cells))
            cb = rb.get(key, [None] * len(cells))
            for i, value in enumerate(cells):
                if isinstance(value, Decimal | int) or isinstance(ca[i], Decimal | int):
                    assert value == plus(ca[i], cb[i]), (gd.number, key, i)
                    checked += 1
    assert checked > 200  # the amount cells of all 公开 tables


def test_units_recorded_and_listed(units: tuple[Report, Report, Report]) -> None:
    a, b, dept = units
    assert dept.unit.consolidated is True
    assert dept.unit.member_units == (a.unit.name, b.unit.name)
    assert dept.unit.name == "大同市公共资源交易中心（汇总）"
    assert (dept.unit.year, dept.unit.edition, dept.unit.kind) == (2024, "shanxi-2024", a.unit.kind)
    assert dept.overview.organization == ""  # the text lists the members (test_members)
    assert dept.overview.duties == a.overview.duties  # both units wrote the same


def test_texts_kept_only_where_all_units_agree(units: tuple[Report, Report, Report]) -> None:
    a, _b, dept = units
    keys = [r.key for r in dept.reasons]
    assert "total" not in keys  # B explains its change differently: the checks will ask
    assert keys == [r.key for r in a.reasons if r.key != "total"]


def test_self_evaluations_collected_with_unit_prefix_on_collision(
    units: tuple[Report, Report, Report],
) -> None:
    a, b, dept = units
    assert len(dept.self_evals) == len(a.self_evals) + len(b.self_evals)
    first = a.self_evals[0].name
    names = [s.name for s in dept.self_evals]
    assert f"{a.unit.name}：{first}" in names and f"{b.unit.name}：{first}" in names
    lone = consolidate([a, dataclasses.replace(b, self_evals=())], "部门").self_evals
    assert [s.name for s in lone] == [s.name for s in a.self_evals]


def test_prior_year_summed_only_where_every_unit_has_it(
    units: tuple[Report, Report, Report],
) -> None:
    a, b, dept = units
    assert dept.prior.income_total == a.prior.income_total + b.prior.income_total
    assert dept.prior.general_by_class[0].amount == (
        a.prior.general_by_class[0].amount + b.prior.general_by_class[0].amount
    )
    partial = consolidate(
        [a, dataclasses.replace(b, prior=PriorYear(income_total=Decimal("1.00")))], "部门"
    )
    assert partial.prior.income_total == a.prior.income_total + Decimal("1.00")
    assert partial.prior.spending_total is None  # B has none: a partial sum would mislead
    assert partial.prior.general_by_class == ()


def test_none_plus_none_stays_none() -> None:
    a = Report(unit=dataclasses.replace(Report().unit, name="甲"), ledger=(LedgerRow("2010301"),))
    b = Report(
        unit=dataclasses.replace(Report().unit, name="乙"),
        ledger=(LedgerRow("2010301", income=Income(other=Decimal("1.00"))),),
    )
    (row,) = consolidate([a, b], "部门").ledger
    assert row.income.other == Decimal("1.00")
    assert row.income.general_budget is None and row.spending.basic is None


def test_refusals_name_the_units() -> None:
    a = samples.load("datong-2024")
    other_year = samples.load("jincheng-2022")
    with pytest.raises(ConsolidationError, match="年度不同") as caught:
        consolidate([a, other_year], "部门")
    assert a.unit.name in str(caught.value) and "2022年度" in str(caught.value)
    same_year = dataclasses.replace(
        other_year, unit=dataclasses.replace(other_year.unit, year=2024)
    )
    with pytest.raises(ConsolidationError, match=r"版式不同.*shanxi-2022"):
        consolidate([a, same_year], "部门")
    with pytest.raises(ConsolidationError, match="不止一次"):
        consolidate([a, a], "部门")
    with pytest.raises(ConsolidationError, match="部门名称"):
        consolidate([a], " ")
    with pytest.raises(ConsolidationError, match="没有要汇总"):
        consolidate([], "部门")


@pytest.mark.slow  # juesuan in new processes
def test_cli_consolidate(tmp_path: Path) -> None:
    a = samples.load("datong-2024")
    paths = []
    for report, name in ((a, "a"), (unit_b(a), "b")):
        paths.append(tmp_path / f"{name}.juesuan")
        project_file.save(report, paths[-1])
    out = tmp_path / "dept.juesuan"
    r = juesuan("consolidate", *map(str, paths), "-o", str(out), "--name", "汇总部门")
    assert r.returncode == 0, r.stderr
    dept = project_file.load(out)
    assert dept.unit.consolidated and len(dept.unit.member_units) == 2
    r = juesuan("check", str(out))
    assert r.returncode == 0, r.stdout
    r = juesuan(
        "consolidate", str(paths[0]), str(paths[0]), "-o", str(tmp_path / "x.json"), "--name", "部"
    )
    assert r.returncode == 2 and "不止一次" in r.stderr and "Traceback" not in r.stderr
