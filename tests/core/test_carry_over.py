"""Carrying last year's report into this year's: 上年数, 年初结转和结余, catalog notes.

Last year is the 晋城 2022 sample; the expected 上年数 are the figures the published
2022 report printed (tests/data/published/jincheng_2022.py), not the code's output.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core import project_file, samples
from desktop.core.carry_over import CarryOverError, OtherUnitError, carry_over
from desktop.core.errors import JuesuanError
from desktop.core.model import (
    CodeAmount,
    CustomCode,
    EconRow,
    FiscalAmounts,
    Income,
    LedgerRow,
    Overview,
    PriorYear,
    Reason,
    Report,
    UnitInfo,
)
from tests.data.published import jincheng_2022 as published
from tests.test_cli import juesuan


def published_amount(table: str, row: str, col: int = 0) -> Decimal | None:
    text = published.TABLES[table][row][col]
    return Decimal(text) if text not in ("", "——") else None


def this_year_of(last: Report) -> Report:
    """The same unit a year later, before anything was carried over."""
    return replace(
        last,
        unit=replace(last.unit, year=last.unit.year + 1),
        prior=PriorYear(),
        reasons=(Reason("total", "本年自己的原因"),),
    )


def test_prior_year_figures_are_last_years_published_figures() -> None:
    last = samples.load("jincheng-2022")
    report, notes = carry_over(this_year_of(last), last)
    p = report.prior
    assert p.income_total == published_amount("公开01", "31")  # 收入总计
    assert p.spending_total == published_amount("公开01", "62")  # 支出总计
    assert p.fiscal_income_total == published_amount("公开04", "32")  # 财政拨款 收入总计
    assert p.fiscal_spending_total == published_amount("公开04", "64")  # 财政拨款 支出总计
    assert p.general_spending == published_amount("公开05", "合计")
    assert p.general_by_class == tuple(
        CodeAmount(code, published_amount("公开05", code)) for code in ("201", "208", "210", "221")
    )
    # 公开07 (2022) columns 7–12 are 决算数: 合计, 出国, 车辆小计, 购置, 运行维护, 接待.
    assert p.sangong.vehicle_operation == published_amount("公开07", "1", 10)
    for field, col in (("abroad", 7), ("vehicle_purchase", 9), ("reception", 11)):
        assert (getattr(p.sangong, field) or 0) == (published_amount("公开07", "1", col) or 0)
    assert p.admin_cost is None  # a 事业单位: no 机关运行经费
    assert report.reasons == (Reason("total", "本年自己的原因"),)  # this year's reasons stay
    assert any(n.startswith("已按上年项目文件填写上年数：收入总计 9,361,502.66元") for n in notes)


def test_refuses_a_file_that_is_not_last_year() -> None:
    last = samples.load("jincheng-2022")
    this = samples.load("datong-2024")
    with pytest.raises(CarryOverError, match="应选择2023年度的项目文件") as caught:
        carry_over(this, last)
    assert isinstance(caught.value, JuesuanError)
    with pytest.raises(CarryOverError):
        carry_over(last, last)


def _last_with_closings() -> Report:
    """晋城 2022 with money left at year end: 5,000 on 2010350, 300 on a 项 not used later."""
    last = samples.load("jincheng-2022")
    ledger = []
    for row in last.ledger:
        if row.code == "2010350":
            income = replace(row.income, general_budget=row.income.general_budget + 5000)
            row = replace(row, income=income)
        ledger.append(row)
    ledger.append(LedgerRow("2010398", income=Income(gov_fund=Decimal("300.00"))))
    return replace(
        last,
        ledger=tuple(ledger),
        custom_codes=(CustomCode("2010398", "上年自设科目"),),
    )


def test_opening_balances_proposed_from_last_years_closing() -> None:
    last = _last_with_closings()
    this = this_year_of(samples.load("jincheng-2022"))
    this = replace(this, ledger=tuple(r for r in this.ledger))
    report, notes = carry_over(this, last)
    assert report.balances.opening == Decimal("5300.00")
    rows = {r.code: r for r in report.ledger}
    assert rows["2010350"].fiscal_opening == FiscalAmounts(general_budget=Decimal("5000.00"))
    assert rows["2010398"] == LedgerRow(
        "2010398", fiscal_opening=FiscalAmounts(gov_fund=Decimal("300.00"))
    )
    assert report.custom_codes == (CustomCode("2010398", "上年自设科目"),)
    assert "年初结转和结余按上年年末数填为 5,300.00元" in notes
    assert any("2 处" in n and "1 个科目本年没有收支" in n for n in notes)
    # Everything else of this year's report is untouched.
    assert report.ledger[: len(this.ledger)] != this.ledger
    assert [r.income for r in report.ledger[: len(this.ledger)]] == [r.income for r in this.ledger]


def test_figures_typed_this_year_are_kept_and_noted() -> None:
    last = _last_with_closings()
    this = this_year_of(samples.load("jincheng-2022"))
    ledger = tuple(
        replace(r, fiscal_opening=FiscalAmounts(general_budget=Decimal("4000.00")))
        if r.code == "2010350"
        else r
        for r in this.ledger
    )
    this = replace(
        this,
        ledger=ledger,
        balances=replace(this.balances, opening=Decimal("4300.00")),
        prior=PriorYear(income_total=Decimal("1.00")),
    )
    report, notes = carry_over(this, last)
    rows = {r.code: r for r in report.ledger}
    assert rows["2010350"].fiscal_opening.general_budget == Decimal("4000.00")
    assert report.balances.opening == Decimal("4300.00")
    assert any("2010350" in n and "保留已填的数" in n for n in notes)
    assert any(n.startswith("年初结转和结余已填 4,300.00元") for n in notes)
    # 上年数 come from last year's file, which is authoritative; the change is noted.
    assert report.prior.income_total == Decimal("9366802.66")
    assert any(n.startswith("上年收入总计原填 1.00元") for n in notes)


def test_empty_overview_and_unit_fields_taken_from_last_year() -> None:
    last = samples.load("jincheng-2022")
    this = Report(unit=UnitInfo(year=2023, edition="shanxi-2022"))
    report, notes = carry_over(this, last)
    assert report.overview.duties == last.overview.duties
    assert report.unit.name == last.unit.name and report.unit.code == last.unit.code
    assert any("职责、机构设置、单位名称" in n for n in notes)
    kept = Report(unit=UnitInfo(name="新名称", year=2023), overview=Overview(duties="本年新职责"))
    report, notes = carry_over(kept, last, other_unit=True)  # renamed, knowingly
    assert (report.unit.name, report.overview.duties) == ("新名称", "本年新职责")
    assert notes[0].startswith("注意：上年项目文件不是同一个单位") and "新名称" in notes[0]


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("新名称", "", "单位名称上年为「晋城市公共资源交易中心」，本年为「新名称」"),
        ("", "999999", "单位编码"),
    ],
)
def test_last_year_of_another_unit_is_refused_unless_asked(name: str, code: str, says: str) -> None:
    last = samples.load("jincheng-2022")
    this = Report(unit=UnitInfo(name=name, code=code, year=2023, edition="shanxi-2022"))
    with pytest.raises(OtherUnitError, match=says):
        carry_over(this, last)
    report, notes = carry_over(this, last, other_unit=True)
    assert report.prior.income_total is not None and says in notes[0]


def test_catalog_changes_between_the_years_are_reported() -> None:
    last = replace(
        samples.load("jincheng-2022"),
        unit=replace(samples.load("jincheng-2022").unit, year=2023),
    )
    last = replace(
        last,
        econ=(*last.econ, EconRow("31001", project=Decimal("1000.00"))),
        ledger=(*last.ledger, LedgerRow("2990101", income=Income(other=Decimal("1.00")))),
    )
    this = replace(samples.load("datong-2024"), prior=PriorYear())
    _, notes = carry_over(this, last, other_unit=True)  # 晋城's year against 大同's
    assert "经济分类科目名称有调整：31001「房屋构筑物构建」改为「房屋建筑物购建」" in notes
    assert "本年新增的经济分类科目：31206 其他资本性补助" in notes
    assert any(
        n.startswith("上年使用的功能分类科目不在本年科目表中") and "2990101" in n for n in notes
    )


@pytest.mark.slow  # juesuan in new processes
def test_cli_carryover(tmp_path: Path) -> None:
    last_path = tmp_path / "2022.juesuan"
    this_path = tmp_path / "2023.juesuan"
    out = tmp_path / "out.juesuan"
    last = samples.load("jincheng-2022")
    project_file.save(last, last_path)
    project_file.save(this_year_of(last), this_path)
    r = juesuan("carryover", str(this_path), "--from", str(last_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "已按上年项目文件填写上年数" in r.stdout
    assert project_file.load(out).prior.income_total == Decimal("9361502.66")
    r = juesuan("carryover", str(this_path), "--from", str(last_path), "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    r = juesuan(
        "carryover", str(last_path), "--from", str(this_path), "-o", str(tmp_path / "x.json")
    )
    assert r.returncode == 2 and "年度" in r.stderr and "Traceback" not in r.stderr
