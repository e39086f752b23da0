"""Importing a filled-in template: values as officers type them, every problem at once,
and files refused before they are parsed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.errors import JuesuanError
from desktop.core.importers import (
    ImportProblem,
    WorkbookFileError,
    WorkbookImportError,
    import_workbook,
    layout,
    read_workbook,
    workbook_file,
    write_template,
)
from desktop.core.importers.cells import CellError, count_of, money_of, text_of
from desktop.core.model import (
    CustomCode,
    FiscalSpending,
    Income,
    LedgerRow,
    Spending,
    UnitKind,
)


def test_openpyxl_parses_xml_through_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def fill(path: Path, edit: Callable[[dict[str, Worksheet]], None]) -> Path:
    """Open a template as an officer would, change cells, save."""
    wb = load_workbook(path)
    sheets = {name: wb[name] for name in wb.sheetnames}
    edit(sheets)  # type: ignore[arg-type]
    wb.save(path)
    return path


def form_row(ws: Worksheet, label: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == label:
            return r
    raise KeyError(label)


def test_values_as_officers_type_them(tmp_path: Path) -> None:
    def edit(s: dict[str, Worksheet]) -> None:
        unit = s["单位信息"]
        unit.cell(form_row(unit, "单位名称"), 2, " 测试中心 ")
        unit.cell(form_row(unit, "单位编码"), 2, 32003)  # typed as a number
        unit.cell(form_row(unit, "单位性质"), 2, "行政")
        unit.cell(form_row(unit, "是否汇总（部门）决算"), 2, "是")
        unit.cell(form_row(unit, "汇总范围内的单位"), 2, "甲单位；乙单位\n丙单位")
        unit.cell(form_row(unit, "人员情况：编制数"), 2, "12人")
        ledger = s["收入支出"]
        ledger["A3"] = None  # an officer overwrites the example row and clears the marker
        for col, value in zip(
            "BCDLQ",
            [2010350, "（名称不读取）", "１，２３４．５０元", 1234.5, "1,234.50"],
            strict=True,
        ):
            ledger[f"{col}3"] = value
        ledger["B4"] = " 2010301 "
        ledger["D4"] = 0.1 + 0.2  # a formula's float: 0.30000000000000004 → 0.30
        ledger["L4"] = "—"  # no figure
        ledger["B5"] = "2010398"
        ledger["C5"] = "其他一般公共服务支出（本单位）"
        ledger["D5"] = "0.5万元"

    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    result = read_workbook(path)
    r = result.report
    assert r.unit.name == " 测试中心 "  # text is kept as typed
    assert r.unit.code == "32003"
    assert r.unit.kind is UnitKind.ADMIN and r.unit.consolidated is True
    assert r.unit.member_units == ("甲单位", "乙单位", "丙单位")
    assert r.overview.staff.authorized == 12
    assert r.ledger == (
        LedgerRow(
            "2010350",
            income=Income(general_budget=Decimal("1234.50")),
            spending=Spending(basic=Decimal("1234.50")),
            fiscal=FiscalSpending(general_basic=Decimal("1234.50")),
        ),
        LedgerRow("2010301", income=Income(general_budget=Decimal("0.30"))),
        LedgerRow("2010398", income=Income(general_budget=Decimal("5000.00"))),
    )
    assert r.custom_codes == (CustomCode("2010398", "其他一般公共服务支出（本单位）"),)
    assert any("2010398" in n and "自定义科目" in n for n in result.notes)


def test_every_problem_is_reported_with_sheet_row_and_column(tmp_path: Path) -> None:
    def edit(s: dict[str, Worksheet]) -> None:
        unit = s["单位信息"]
        unit.cell(form_row(unit, "决算年度"), 2, "二〇二四")
        unit.cell(form_row(unit, "单位性质"), 2, "机关")
        unit.cell(form_row(unit, "公开表版式"), 2, "yunnan-2024")
        unit["A40"] = "我加的一行"
        unit["B40"] = "内容"
        ledger = s["收入支出"]
        ledger["B4"], ledger["D4"], ledger["L4"] = "2010350", "1,234.567", 1234.567
        ledger["B5"], ledger["D5"] = 20103, 100
        ledger["B6"], ledger["D6"] = "201035X", 100
        ledger["D7"] = 100  # amount without a code
        sangong = s["三公"]
        sangong.cell(form_row(sangong, "购置公务用车（辆）"), 2, 1.5)
        s["经济分类"]["B4"], s["经济分类"]["D4"] = "3010", 10
        s["项目自评"]["B4"] = "平台维护"
        s["项目自评"]["B5"] = "平台维护"
        s["项目资金"]["B4"], s["项目资金"]["C4"] = "不存在的项目", "财政资金"
        s["项目指标"]["B4"], s["项目指标"]["C4"] = "平台维护", "产出指标"  # no 分值

    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path)
    got = [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]
    assert got == [
        ("单位信息", 6, "B", "决算年度：「二〇二四」不是整数"),
        (
            "单位信息",
            7,
            "B",
            "单位性质：「机关」不是单位性质，应为行政单位、参公事业单位、事业单位之一",
        ),
        (
            "单位信息",
            11,
            "B",
            "公开表版式：「yunnan-2024」不是可选的公开表版式（可选：henan-2024、shanxi-2022、shanxi-2024）",
        ),
        ("单位信息", 40, "A", "不认识的项目「我加的一行」（请勿修改A列的项目名称）"),
        (
            "收入支出",
            4,
            "D",
            "一般公共预算财政拨款收入：金额「1,234.567」无法识别：金额最多保留两位小数（分）",
        ),
        (
            "收入支出",
            4,
            "L",
            "基本支出：数值「1234.567」超过两位小数，金额只能精确到分"
            "（如是公式计算的结果，请用 ROUND(…,2) 取整到分）",
        ),
        (
            "收入支出",
            5,
            "B",
            "科目代码：「20103」是款级编码；收支按项（7位）填写，类、款由软件汇总",
        ),
        ("收入支出", 6, "B", "科目代码：「201035X」不是功能分类科目编码（编码只含数字）"),
        ("收入支出", 7, "B", "科目代码不能为空"),
        ("经济分类", 4, "B", "经济分类科目代码：「3010」不是经济分类科目编码（应为3、5位数字）"),
        ("三公", 12, "B", "购置公务用车（辆）：「1.5」不是整数"),
        ("项目自评", 5, "B", "项目名称「平台维护」重复（第4行已有），资金和指标无法对应"),
        ("项目资金", 4, "B", "项目「不存在的项目」不在「项目自评」表中，请先在那里填写该项目"),
        ("项目指标", 4, "F", "分值不能为空"),
    ]
    assert str(caught.value.problems[0]) == "工作表「单位信息」 B6：决算年度：「二〇二四」不是整数"
    assert "共 14 处问题" in str(caught.value)


def test_year_and_unit_kind_are_never_left_to_a_default(tmp_path: Path) -> None:
    def edit(s: dict[str, Worksheet]) -> None:
        unit = s["单位信息"]
        unit.cell(form_row(unit, "决算年度"), 2).value = None
        unit.cell(form_row(unit, "单位性质"), 2).value = None

    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path)
    assert [p.message for p in caught.value.problems] == [
        "决算年度：不能为空，请填写四位年份",
        "单位性质：不能为空，请选择单位性质",
    ]


def test_project_names_offered_from_the_self_evaluation_sheet(tmp_path: Path) -> None:
    ws = load_workbook(write_template(tmp_path / "t.xlsx"))["项目资金"]
    (dv,) = [d for d in ws.data_validations.dataValidation if "B3" in str(d.sqref)]
    assert dv.formula1 == "='项目自评'!$B$3:$B$5000"


def test_a_template_with_a_deleted_key_column_is_refused(tmp_path: Path) -> None:
    def edit(s: dict[str, Worksheet]) -> None:
        s["经济分类"].delete_cols(2)

    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    with pytest.raises(WorkbookImportError) as caught:
        import_workbook(path)
    assert caught.value.problems == (
        ImportProblem("经济分类", 2, None, "缺少「经济分类科目代码」列（请使用本软件生成的模板）"),
    )


def test_a_deleted_optional_column_or_sheet_means_no_figures(tmp_path: Path) -> None:
    def edit(s: dict[str, Worksheet]) -> None:
        s["收入支出"].delete_cols(8)  # 经营收入: the unit has none
        s["收入支出"]["A3"] = None
        s["收入支出"]["B3"] = "2010350"
        wb = s["项目指标"].parent
        wb.remove(s["项目指标"])

    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    report = import_workbook(path)
    assert report.ledger[0].income.general_budget == Decimal("81100.00")
    assert report.ledger[0].income.operating is None


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (9.029999999999999, "9.03"),  # how Excel may store 9.03
        (1578752, "1578752.00"),
        (1578752.0, "1578752.00"),
        (0.30000000000000004, "0.30"),
        ("1,234.56", "1234.56"),
        ("１２３４．５６", "1234.56"),
        ("  1234.5 ", "1234.50"),
        ("1.2万元", "12000.00"),
        ("-", None),
        ("——", None),
        (None, None),
    ],
)
def test_money_cells(value: object, expected: str | None) -> None:
    got = money_of(value)
    assert got == (Decimal(expected) if expected else None)
    assert got is None or got.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1234.567, "超过两位小数"),
        (1e16, "金额过大"),
        (True, "逻辑值"),
        ("12,34", "千分位"),
        ("abc", "不是数字"),
    ],
)
def test_money_cells_refused(value: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        money_of(value)


def test_dates_and_counts() -> None:
    import datetime as dt

    with pytest.raises(CellError, match="日期"):
        money_of(dt.datetime(2024, 1, 5))
    assert text_of(dt.datetime(2024, 12, 31)) == "2024-12-31"
    assert count_of("3辆") == 3 and count_of(4.0) == 4 and count_of("") is None
    with pytest.raises(CellError, match="负数"):
        count_of(-1)


# ---------------------------------------------------------------- files refused


def test_missing_folder_and_non_xlsx_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbookFileError, match="找不到文件"):
        import_workbook(tmp_path / "nope.xlsx")
    with pytest.raises(WorkbookFileError, match="文件夹"):
        import_workbook(tmp_path)
    (tmp_path / "a.xlsx").write_text("科目编码,金额\n", encoding="utf-8")
    with pytest.raises(WorkbookFileError, match="不是 Excel 工作簿"):
        import_workbook(tmp_path / "a.xlsx")
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(WorkbookFileError, match="另存为"):
        import_workbook(tmp_path / "b.xls")
    with zipfile.ZipFile(tmp_path / "c.xlsx", "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    with pytest.raises(WorkbookFileError, match="不是 Excel 工作簿"):
        import_workbook(tmp_path / "c.xlsx")


def test_a_damaged_workbook_is_one_clear_error(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/workbook.xml":
                body = body[: len(body) // 2]  # truncated XML
            dst.writestr(item, body)
    (tmp_path / "broken.xlsx").write_bytes(data.getvalue())
    with pytest.raises(WorkbookFileError, match="损坏"):
        import_workbook(tmp_path / "broken.xlsx")


def test_oversized_file_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_template(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook_file, "MAX_WORKBOOK_BYTES", 10_000)
    opened: list[Path] = []
    monkeypatch.setattr(workbook_file, "open_workbook", lambda p, **kw: opened.append(p))
    with pytest.raises(WorkbookFileError, match="文件过大"):
        import_workbook(path)
    assert opened == []


def test_zip_bomb_like_workbook_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        # 40 MB of one repeated byte compresses about a thousandfold.
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(WorkbookFileError, match="压缩炸弹"):
        import_workbook(path)


def test_absurd_total_uncompressed_size_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_template(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook_file, "MAX_UNCOMPRESSED_BYTES", 100_000)
    with pytest.raises(WorkbookFileError, match="解压后过大"):
        import_workbook(path)


def test_errors_are_juesuan_errors() -> None:
    assert issubclass(WorkbookImportError, JuesuanError)
    assert issubclass(WorkbookFileError, JuesuanError)


def test_every_template_sheet_is_read(tmp_path: Path) -> None:
    """A sheet the importer skipped would lose its figures silently."""
    names = [s.name for s in layout.SHEETS]
    path = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert [n for n in wb.sheetnames if n != layout.LISTS_SHEET] == names


def test_a_template_of_an_earlier_version_with_科目编码_still_imports(tmp_path: Path) -> None:
    """Earlier templates headed the code columns 「科目编码」; the forms now say 「科目代码」,
    as the published tables do."""

    def edit(s: dict[str, Worksheet]) -> None:
        for ws in s.values():
            for row in ws.iter_rows(min_row=1, max_row=3):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.endswith("科目代码"):
                        cell.value = cell.value.replace("科目代码", "科目编码")
                        renamed.append(cell.value)

    renamed: list[str] = []
    path = fill(write_template(tmp_path / "t.xlsx"), edit)
    assert "经济分类科目编码" in renamed and "科目编码" in renamed
    import_workbook(path)  # no 缺少「…」列
