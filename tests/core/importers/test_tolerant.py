"""Officers' own ledger sheets: headers found by their labels, messy cells read, sums checked.

The messy workbook is generated (tests/data/messy/); its mistakes are known, so the
problems it must produce are listed here exactly — sheet, row, column and message.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.core.importers import (
    WorkbookImportError,
    import_workbook,
    read_workbook,
    write_template,
)
from desktop.core.importers.headings import classify, find_header
from desktop.core.importers.tolerant import read_ledger_sheet
from desktop.core.model import FiscalSpending, Income, LedgerRow, Spending
from tests.data.messy import SHEET, write_messy_ledger

A = Decimal


def test_messy_ledger_gives_exactly_the_expected_problems(tmp_path: Path) -> None:
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path)
    got = [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]
    assert got == [
        (SHEET, 11, "A", "科目编码「20103A1」不是功能分类科目编码（应为3、5或7位数字）"),
        (SHEET, 14, "G", "「本年支出合计」为 139,900.00，本行各分项之和为 139,901.00，相差 -1.00"),
        (
            SHEET,
            14,
            "J",
            "一般公共预算财政拨款基本支出：金额「1399,01」无法识别：千分位逗号的位置不对",
        ),
        (
            SHEET,
            15,
            "H",
            "合计行的「基本支出」为 1,802,000.00，各项级科目之和为 1,802,652.00，相差 -652.00",
        ),
    ]


EXPECTED_ROWS = (
    LedgerRow(
        "2010350",
        income=Income(general_budget=A("81100.00")),
        spending=Spending(basic=A("81100.00")),
        fiscal=FiscalSpending(general_basic=A("81100.00")),
    ),
    LedgerRow(
        "2010301",
        income=Income(general_budget=A("1578752.00"), other=A("2899.00")),
        spending=Spending(basic=A("1581651.00")),
        fiscal=FiscalSpending(general_basic=A("1578752.00")),
    ),
    LedgerRow(
        "2080505",
        income=Income(general_budget=A("139901.00")),
        spending=Spending(basic=A("139901.00")),
        fiscal=FiscalSpending(general_basic=A("139901.00")),
    ),
)


def test_clean_version_reads_item_rows_only(tmp_path: Path) -> None:
    path = write_messy_ledger(tmp_path / "台账.xlsx", clean=True)
    result = read_workbook(path)
    assert result.report.ledger == EXPECTED_ROWS
    assert result.notes == [f"已从工作表「{SHEET}」读取收支数据"]


def test_sheet_in_wan_yuan_is_converted(tmp_path: Path) -> None:
    path = write_messy_ledger(tmp_path / "台账.xlsx", clean=True, wan=True)
    result = read_workbook(path, ledger_sheet=SHEET)
    assert result.report.ledger == EXPECTED_ROWS  # 8.11万元 → 81,100.00元 exactly
    assert any("万元" in n for n in result.notes)


def test_header_found_by_labels_with_merged_cells_combined(tmp_path: Path) -> None:
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    ws = load_workbook(path)[SHEET]
    header = find_header(ws)  # type: ignore[arg-type]
    assert header is not None
    assert (header.first_row, header.last_row, header.code_col) == (3, 4, 1)
    assert header.titles[4] == ["财政拨款收入", "一般公共预算财政拨款"]
    assert header.titles[5] == ["财政拨款收入", "政府性基金预算财政拨款"]
    assert header.titles[10] == ["一般公共预算财政拨款支出", "基本支出"]
    assert header.titles[3] == ["本年收入合计"]  # merged down: said once


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (["科目编码"], "code"),
        (["项目", "功能分类科目编码"], "code"),
        (["科目代码"], "code"),
        (["科目名称"], "name"),
        (["本年收入合计"], "check.income_total"),
        (["财政拨款收入", "一般公共预算财政拨款"], "income.general_budget"),
        (["财政拨款收入", "小计"], "check.income_fiscal"),
        (["一般公共预算财政拨款"], "income.general_budget"),
        (["事业单位经营收入"], "income.operating"),
        (["事业收入"], "income.business"),
        (["本年支出合计"], "check.spending_total"),
        (["本年支出", "基本支出"], "spending.basic"),
        (["财政拨款支出", "政府性基金预算财政拨款", "项目支出"], "fiscal.fund_project"),
        (["一般公共预算财政拨款支出", "小计"], "check.fiscal_general"),
        (["年初财政拨款结转和结余", "一般公共预算财政拨款"], "fiscal_opening.general_budget"),
        (["年末结转和结余"], None),
        (["年初结转和结余"], None),  # all sources together: not one of the fiscal openings
        (["科目编号"], "code"),
        (["本年支出", "上缴上级支出"], "spending.remit_superior"),
        (["本年支出", "合计"], "check.spending_total"),
        (["本年收入", "合计"], "check.income_total"),
        (["附属单位上缴收入"], "income.affiliate_remit"),
        (["国有资本经营预算财政拨款收入"], "income.state_capital"),
        (["栏次"], None),
        (["备注"], None),
    ],
)
def test_column_headings_map_to_fields(parts: list[str], key: str | None) -> None:
    assert classify(parts) == key


def _simple_sheet(tmp_path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    path = tmp_path / "simple.xlsx"
    wb.save(path)
    return path


def test_one_row_header_and_code_with_name_in_one_cell(tmp_path: Path) -> None:
    path = _simple_sheet(
        tmp_path,
        [
            ["科目代码", "一般公共预算财政拨款", "基本支出", "项目支出", "备注"],
            ["2010350 事业运行", "100.00", 100, None, "人员经费"],
            ["合计", 100, 100, None, None],
        ],
    )
    result = read_workbook(path)
    assert result.report.ledger == (
        LedgerRow(
            "2010350",
            income=Income(general_budget=A("100.00")),
            spending=Spending(basic=A("100.00")),
        ),
    )
    assert any("未导入的列" in n and "备注" in n for n in result.notes)


def test_unmerged_two_row_header_groups_to_the_left(tmp_path: Path) -> None:
    path = _simple_sheet(
        tmp_path,
        [
            ["科目编码", "科目名称", "财政拨款收入", None, "本年支出", None],
            [None, None, "一般公共预算", "政府性基金预算", "基本支出", "项目支出"],
            ["2120399", "其他城乡社区公共设施支出", 10, 20, None, 30],
        ],
    )
    ledger = import_workbook(path).ledger
    assert ledger == (
        LedgerRow(
            "2120399",
            income=Income(general_budget=A("10.00"), gov_fund=A("20.00")),
            spending=Spending(project=A("30.00")),
        ),
    )


def test_lone_fiscal_income_column_is_read_as_general_budget_with_a_note(tmp_path: Path) -> None:
    path = _simple_sheet(
        tmp_path,
        [
            ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"],
            ["2010301", "行政运行", 120, 100, 20],
        ],
    )
    result = read_workbook(path)
    assert result.report.ledger[0].income == Income(general_budget=A("100.00"), other=A("20.00"))
    assert any("没有按来源分列" in n for n in result.notes)


def test_unknown_codes_with_names_become_custom_codes(tmp_path: Path) -> None:
    path = _simple_sheet(
        tmp_path,
        [
            ["科目编码", "科目名称", "一般公共预算财政拨款"],
            ["2010398", "单位自设科目", 5],
            ["2010350", "事业运营", 5],  # known code, name differs from the catalog
        ],
    )
    result = read_workbook(path)
    assert [c.code for c in result.report.custom_codes] == ["2010398"]
    assert any("名称与科目表不一致" in n and "2010350" in n for n in result.notes)


def test_subtotal_without_items_and_a_row_without_code_are_problems(tmp_path: Path) -> None:
    path = _simple_sheet(
        tmp_path,
        [
            ["科目编码", "科目名称", "一般公共预算财政拨款"],
            ["221", "住房保障支出", 50],
            [None, "住房公积金", 50],
            ["2010301", "行政运行", 10],
        ],
        title="台账",
    )
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path, ledger_sheet="台账")
    assert [(p.row, p.column, p.message) for p in caught.value.problems] == [
        (
            2,
            "A",
            "「221 住房保障支出」是类级科目，表中没有它下面的项级科目，"
            "金额无法导入（收支按项填写）",
        ),
        (3, "A", "这一行有金额但没有科目编码，无法导入"),
    ]


def test_no_header_and_unknown_sheet(tmp_path: Path) -> None:
    path = _simple_sheet(tmp_path, [["随便写的", 1, 2]], title="杂项")
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path)
    assert "这不是本软件的填报模板" in caught.value.problems[0].message
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path, ledger_sheet="杂项")
    assert "没有找到表头" in caught.value.problems[0].message
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path, ledger_sheet="不存在")
    assert caught.value.problems[0].sheet == "不存在"


def test_ledger_sheet_inside_a_template(tmp_path: Path) -> None:
    """--ledger-sheet: the template's other sheets, the officer's own ledger."""
    template = write_template(tmp_path / "t.xlsx")
    messy = load_workbook(write_messy_ledger(tmp_path / "m.xlsx", clean=True))[SHEET]
    wb = load_workbook(template)
    ws = wb.create_sheet("我的台账")
    for row in messy.iter_rows(values_only=True):
        ws.append(list(row))
    for rng in messy.merged_cells.ranges:
        ws.merge_cells(str(rng))
    wb.save(template)
    result = read_workbook(template, ledger_sheet="我的台账")
    assert result.report.ledger == EXPECTED_ROWS
    assert any("未读取「收入支出」表" in n for n in result.notes)


def test_read_ledger_sheet_directly(tmp_path: Path) -> None:
    ws = load_workbook(write_messy_ledger(tmp_path / "m.xlsx", clean=True))[SHEET]
    got = read_ledger_sheet(ws)  # type: ignore[arg-type]
    assert got.rows == EXPECTED_ROWS and got.problems == []
