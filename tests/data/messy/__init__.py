"""Generated messy workbooks: officers' own ledger sheets as they really look.

`write_messy_ledger` writes the ledger of a small unit the way it comes out of an
officer's Excel: a title block, a two-row header with merged cells (财政拨款收入 over
its sources), a 栏次 row, 类/款 subtotal rows, a code stored as the number 2010350.0,
another as text with spaces, amounts as text with thousands separators, a note line,
and a trailing 合计 row. With ``clean=False`` it also has the mistakes a checker must
find: a bad code, an amount that is not a number, a row total that disagrees with its
parts, and a wrong 合计.

    row  code          what
    7    201           类 subtotal (consistent)
    8    20103         款 subtotal (consistent)
    9    2010350.0     事业运行: code as a float, amounts as text
    10   " 2010301 "   行政运行: code as text with spaces
    11   20103A1       a bad code (clean: absent)
    12   208 / 13 20805 subtotals
    14   2080505       本年支出合计 139,900 ≠ 基本 139,901 (clean: equal);
                       一般公共预算基本支出 "1399,01" (clean: 139901)
    15   合计          基本支出 1,802,000 ≠ 1,802,652 (clean: right)
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

SHEET = "收支台账"
HEADERS = {  # column → (row 3 text, row 4 text); a None row-4 text merges rows 3–4
    "A": ("功能分类科目编码", None),
    "B": ("科目名称", None),
    "C": ("本年收入合计", None),
    "D": ("财政拨款收入", "一般公共预算财政拨款"),
    "E": (None, "政府性基金预算财政拨款"),
    "F": ("其他收入", None),
    "G": ("本年支出合计", None),
    "H": ("基本支出", None),
    "I": ("项目支出", None),
    "J": ("一般公共预算财政拨款支出", "基本支出"),
    "K": (None, "项目支出"),
}


def write_messy_ledger(path: Path, *, clean: bool = False, wan: bool = False) -> Path:
    """Write the workbook described in the module docstring; `wan` puts it in 万元."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    wb.create_sheet("说明")["A1"] = "本工作簿由财务人员自行整理"
    ws["A1"] = "2024年度收入支出决算表"
    ws.merge_cells("A1:K1")
    ws["A2"] = "单位名称：测试中心"
    ws["H2"] = "金额单位：万元" if wan else "金额单位：元"
    for col, (top, sub) in HEADERS.items():
        if top is not None:
            ws[f"{col}3"] = top
        if sub is not None:
            ws[f"{col}4"] = sub
        elif top is not None:
            ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:E3")
    ws.merge_cells("J3:K3")
    ws.append(["栏次", "", *range(1, 10)])  # row 5
    ws.append([])  # row 6: an empty row between 栏次 and the data

    spent = 139901 if clean else 139900  # 2080505 本年支出合计
    basic_total = 1802652 if clean else 1802000  # 合计 基本支出
    name_201 = "一般公共服务支出"
    name_20103 = "政府办公厅（室）及相关机构事务"
    name_2080505 = "机关事业单位基本养老保险缴费支出"
    bad = ("20103A1", "其他政府办公厅（室）及相关机构事务支出")
    # Columns A–K as in HEADERS: code, name, 本年收入合计, 一般公共预算, 政府性基金, 其他收入,
    # 本年支出合计, 基本, 项目, 一般公共预算基本, 一般公共预算项目.
    # fmt: off
    rows: list[tuple[object, ...]] = [
        (201, name_201, 1662751, 1659852, None, 2899, 1662751, 1662751, None, 1659852),
        ("20103", name_20103, 1662751, 1659852, None, 2899, 1662751, 1662751, None, 1659852),
        (2010350.0, "事业运行", "81,100.00", "81100", None, None, 81100, "81,100.00", None,
         81100, "-"),
        (" 2010301 ", "行政运行", 1581651, 1578752, None, "2,899.00", 1581651, 1581651, None,
         1578752),
        () if clean else (*bad, 100, 100, None, None, 100, 100, None, 100),
        (208, "社会保障和就业支出", 139901, 139901, None, None, spent, 139901, None, 139901),
        (20805, "行政事业单位养老支出", 139901, 139901, None, None, spent, 139901, None, 139901),
        (2080505, name_2080505, 139901, 139901, None, None, spent, 139901, None,
         139901 if clean else "1399,01"),
        (None, "合计", 1802652, 1799753, None, 2899, 1662751 + spent, basic_total, None,
         1799753),
        ("注：本表根据财务账簿整理。",),
    ]
    # fmt: on
    for cells in rows:
        ws.append(list(cells))
    if wan:
        _to_wan(ws)
    wb.save(path)
    return path


def _to_wan(ws: object) -> None:
    """Every number from row 7 down divided by 10,000 (as an officer's 万元 sheet holds it)."""
    from decimal import Decimal

    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(ws, Worksheet)
    for cells in ws.iter_rows(min_row=7, min_col=3):
        for cell in cells:
            v = cell.value
            if isinstance(v, int):
                cell.value = float(Decimal(v) / 10000)
            elif isinstance(v, str) and v.replace(",", "").replace(".", "").isdigit():
                cell.value = str(Decimal(v.replace(",", "")) / 10000)
