"""The bundled samples reproduce the figures their published reports print.

Expected values come from tests/data/published/ (transcribed by hand from
shared/reference/); the derived figures are rounded to the report's unit per cell.
Where the published report contradicts itself, the module's KNOWN_ERRORS says so
and the sample follows the tables.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType

import pytest

from desktop.core import samples
from desktop.core.derive import Derived, derive
from desktop.core.money import Money, to_unit
from tests.data.published import datong_2024, jincheng_2022

PUBLISHED = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}

COLUMNS = {
    "income": [
        "income.total",
        "income.fiscal",
        "income.superior_grant",
        "income.business",
        "income.operating",
        "income.affiliate_remit",
        "income.other",
    ],
    "spending": [
        "spending.total",
        "spending.basic",
        "spending.project",
        "spending.remit_superior",
        "spending.operating",
        "spending.affiliate_grant",
    ],
    "general": ["fiscal.general", "fiscal.general_basic", "fiscal.general_project"],
}
# Table numbers of the same content differ between the two editions.
NUMBERS = {
    "shanxi-2024": {
        "income": "公开02",
        "spending": "公开03",
        "general": "公开05",
        "sangong": "公开09",
    },
    "shanxi-2022": {
        "income": "公开02",
        "spending": "公开03",
        "general": "公开05",
        "sangong": "公开07",
    },
}


def shown(value: Money, unit: str) -> str:
    """A figure as a published cell shows it: blank for none or zero."""
    v = to_unit(value, unit)  # type: ignore[arg-type]
    return "" if v is None or v == 0 else f"{v:.2f}"


def _case(name: str) -> tuple[Derived, ModuleType]:
    return derive(samples.load(name)), PUBLISHED[name]


@pytest.mark.parametrize("name", PUBLISHED)
@pytest.mark.parametrize("kind", ["income", "spending", "general"])
def test_code_tables(name: str, kind: str) -> None:
    d, pub = _case(name)
    table = pub.TABLES[NUMBERS[pub.EDITION][kind]]
    listed = [code for code in table if code != "合计"]
    assert listed == [c for c in d.order if d.line(c)[COLUMNS[kind][0]]]
    for code, published in table.items():
        line = d.line("" if code == "合计" else code)
        assert [shown(line[k], pub.UNIT) for k in COLUMNS[kind]] == published, code


@pytest.mark.parametrize("name", PUBLISHED)
def test_table_01_and_04_by_class_and_totals(name: str) -> None:
    d, pub = _case(name)
    t01, t04 = pub.TABLES["公开01"], pub.TABLES["公开04"]
    b, u = d.balances, pub.UNIT
    assert t01["27"] == [shown(b.income_total, u)]
    assert t01["31"] == [shown(b.grand_total_in, u)] == t01["62"]
    assert t01["59"] == [shown(b.distribution, u)]
    assert t01["60"] == [shown(b.closing, u)]
    assert t04["27"] == [shown(d.fiscal["total"].income, u)]
    assert t04["1"] == [shown(d.fiscal["general_budget"].income, u)]
    fiscal_cols = ["fiscal.total", "fiscal.general", "fiscal.fund", "fiscal.capital"]
    classes = [e for e in d.functional if e.level == "类"]
    printed = {c.code: c for c in classes}
    for row in range(33, 59):  # 公开04 类 rows 33–58 map to 公开01 rows 32–57
        values = t04[str(row)]
        if any(values):
            code = _class_with_spending(d, values[1], u)
            assert code in printed
            assert [shown(d.line(code)[k], u) for k in fiscal_cols] == values
            assert t01[str(row - 1)] == [shown(d.line(code)["spending.total"], u)]
    assert t04["59"] == [shown(d.totals[k], u) for k in fiscal_cols]


def _class_with_spending(d: Derived, published: str, unit: str) -> str:
    matches = [c for c in d.class_codes() if shown(d.line(c)["fiscal.general"], unit) == published]
    assert len(matches) == 1
    return matches[0]


def test_datong_table_01_spending_total_is_the_published_rounding_case() -> None:
    d, pub = _case("datong-2024")
    # KNOWN_ERRORS (kind rounding): 本年支出合计 584.55 while the 类 rows add to 584.54.
    assert pub.TABLES["公开01"]["58"] == [shown(d.balances.spending_total, "万元")] == ["584.55"]
    class_rows = sum(Decimal(pub.TABLES["公开01"][str(r)][0] or 0) for r in range(32, 58))
    assert class_rows == Decimal("584.54")


@pytest.mark.parametrize("name", PUBLISHED)
def test_table_06_economic_detail(name: str) -> None:
    d, pub = _case(name)
    table = pub.TABLES["公开06"]
    two_columns = pub.EDITION == "shanxi-2022"
    for code, published in table.items():
        if code == "人员经费合计":
            fig: tuple[Money, Money] = (d.econ.personnel_total, d.econ.personnel_basic)
        elif code == "公用经费合计":
            fig = (d.econ.public_total, d.econ.public_basic)
        else:
            basic, amount = d.econ.lines.get(code, (None, None))
            fig = (amount, basic)
        figures = [fig[0], fig[1]] if two_columns else [fig[1]]
        for value, cell in zip(figures, published, strict=True):
            if cell == "——":
                assert value is None, code  # 基本建设 cells print a dash: never a figure
            else:
                assert shown(value, pub.UNIT) == cell, code


@pytest.mark.parametrize("name", PUBLISHED)
def test_sangong_table(name: str) -> None:
    d, pub = _case(name)
    s, u = d.sangong, pub.UNIT
    row = []
    for a, vehicle, whole in (
        (s.budget, s.budget_vehicle, s.budget_total),
        (s.actual, s.actual_vehicle, s.actual_total),
    ):
        row += [
            shown(whole, u),
            shown(a.abroad, u),
            shown(vehicle, u),
            shown(a.vehicle_purchase, u),
            shown(a.vehicle_operation, u),
            shown(a.reception, u),
        ]
    assert pub.TABLES[NUMBERS[pub.EDITION]["sangong"]]["1"] == row


@pytest.mark.parametrize("name", PUBLISHED)
def test_table_10_statistics(name: str) -> None:
    d, pub = _case(name)
    r, u, t = d.report, pub.UNIT, pub.TABLES["公开10"]
    p = r.stats.procurement
    assert t["1"] == [shown(d.procurement_total, u)]
    assert [t["2"], t["3"], t["4"]] == [
        [shown(p.goods, u)],
        [shown(p.works, u)],
        [shown(p.services, u)],
    ]
    admin = shown(r.stats.admin_cost, u)
    kind = r.unit.kind.value
    assert t["5"] == [admin if kind == "行政单位" else ""]
    assert t["6"] == [admin if kind == "参公事业单位" else ""]
    assert t["7"] == [str(d.vehicle_total or "")]
    v = r.stats.assets.vehicles
    counts = [
        v.ministerial,
        v.principal,
        v.confidential,
        v.emergency,
        v.law_enforcement,
        v.special,
        v.retiree,
        v.other,
    ]
    assert [t[str(i)] for i in range(8, 16)] == [[str(n) if n else ""] for n in counts]
    assert t["17"] == [str(r.stats.assets.equipment_over_1m or "")]


@pytest.mark.parametrize("name", PUBLISHED)
def test_empty_tables_have_no_figures(name: str) -> None:
    d, pub = _case(name)
    assert d.fiscal["gov_fund"].spending is None and d.fiscal["gov_fund"].income is None
    assert d.fiscal["state_capital"].spending is None
    fund, capital = ("公开07", "公开08") if pub.EDITION == "shanxi-2024" else ("公开08", "公开09")
    assert {fund, capital} == pub.NO_DATA
