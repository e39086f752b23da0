"""Tolerant reading of an officer's own ledger sheet → 项 rows, checked against its own sums.

    worksheet ──headings.find_header / classify──> a model field per column
      ──rows──> 项 rows (7 digits) → LedgerRow; 类/款 subtotal rows and 合计 rows are
                not data but are compared with the sums of their 项 rows

Codes may be numbers (2010350.0) or text with spaces; amounts may be text; a sheet
whose title rows say 万元 is converted to 元. Every disagreement — a subtotal or
合计 that is not the sum of its 项 rows, a row total that is not the sum of its
parts, an unreadable code or amount — is an `ImportProblem`; the caller refuses
the import while any remains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import catalog
from desktop.core.importers import cells
from desktop.core.importers.cells import CellError
from desktop.core.importers.headings import (
    HEADER_SEARCH_ROWS,
    TOTAL_LABELS,
    Header,
    classify,
    find_header,
    normalize,
)
from desktop.core.importers.layout import LEDGER, build
from desktop.core.importers.problems import ImportProblem
from desktop.core.model import CustomCode, LedgerRow
from desktop.core.money import ZERO, AmountUnit, Money, format_amount, nz

# A check column → the field columns it must equal the sum of, in the same row.
CHECK_PARTS: dict[str, tuple[str, ...]] = {
    "check.income_total": (
        "income.general_budget",
        "income.gov_fund",
        "income.state_capital",
        "income.superior_grant",
        "income.business",
        "income.operating",
        "income.affiliate_remit",
        "income.other",
    ),
    "check.income_fiscal": ("income.general_budget", "income.gov_fund", "income.state_capital"),
    "check.spending_total": (
        "spending.basic",
        "spending.project",
        "spending.remit_superior",
        "spending.operating",
        "spending.affiliate_grant",
    ),
    "check.fiscal_general": ("fiscal.general_basic", "fiscal.general_project"),
    "check.fiscal_fund": ("fiscal.fund_basic", "fiscal.fund_project"),
    "check.fiscal_capital": ("fiscal.capital_basic", "fiscal.capital_project"),
}
_LABEL_OF = {
    "code": "科目编码",
    "name": "科目名称",
    "check.income_total": "本年收入合计",
    "check.income_fiscal": "财政拨款收入",
    "check.spending_total": "本年支出合计",
    "check.fiscal_general": "一般公共预算财政拨款支出",
    "check.fiscal_fund": "政府性基金预算财政拨款支出",
    "check.fiscal_capital": "国有资本经营预算财政拨款支出",
}


_Problem = Callable[[int, int, str], None]  # (row, column, message) of one sheet


# ---------------------------------------------------------------- reading


@dataclass
class LedgerSheet:
    """What an officer's ledger sheet held: 项 rows, new 科目, problems and notes."""

    sheet: str
    rows: tuple[LedgerRow, ...] = ()
    custom_codes: tuple[CustomCode, ...] = ()
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Line:
    row: int
    code: str  # '' for a 合计 row
    name: str
    figures: dict[str, Money]  # column key → amount
    unreadable: set[str] = field(default_factory=set)  # keys whose cell was refused

    @property
    def title(self) -> str:
        if not self.code:
            return "合计行"
        return f"「{self.code} {self.name}」" if self.name else f"「{self.code}」"


def find_ledger_sheet(wb: Workbook) -> str | None:
    """The first sheet whose header names a code column and at least one figure."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        header = find_header(ws)
        if header is None:
            continue
        if any(_is_field(classify(t)) for t in header.titles.values()):
            return str(ws.title)
    return None


NO_HEADER = (
    f"没有找到表头：前{HEADER_SEARCH_ROWS}行中没有「科目编码」「功能分类科目编码」"
    "「科目代码」之类的列名"
)
NO_FIGURES = "找到了表头，但没有认出任何收入或支出列（如「一般公共预算财政拨款」「基本支出」）"


def _is_field(key: str | None) -> bool:
    """A key naming a model field (income.…, fiscal.…), not code/name or a check column."""
    return key is not None and "." in key and not key.startswith("check.")


def read_ledger_sheet(ws: Worksheet) -> LedgerSheet:
    """The 项 rows of a sheet in the officer's own layout, checked against its sums."""
    name = str(ws.title)
    out = LedgerSheet(name)
    found: list[tuple[int, int, str]] = []  # (row, column, message) → sorted at the end

    def problem(row: int, col: int, message: str) -> None:
        found.append((row, col, message))

    header = find_header(ws)
    if header is None:
        out.problems.append(ImportProblem(name, None, None, NO_HEADER))
        return out
    columns = _columns(header, name, out, problem)
    if not any(_is_field(k) for k in columns.values()):
        out.problems.append(ImportProblem(name, header.last_row, None, NO_FIGURES))
        return out
    if header.unit == "万元":
        out.notes.append(
            f"工作表「{name}」的金额单位是万元，已换算为元（万元数只有两位小数，请核对）"
        )
    items, subtotals, totals = _lines(ws, header, columns, problem)
    _check_lines(items, subtotals, totals, columns, header, problem)
    out.rows = tuple(_ledger_row(line, columns) for line in items if _has_figures(line, columns))
    out.custom_codes = _custom_codes([*subtotals, *items], out)
    _name_notes(items, out)
    found.sort(key=lambda f: (f[0], f[1]))
    out.problems += [
        ImportProblem(name, r, get_column_letter(c) if c else None, m) for r, c, m in found
    ]
    return out


def _lines(
    ws: Worksheet, header: Header, columns: dict[int, str], problem: _Problem
) -> tuple[list[_Line], list[_Line], list[_Line]]:
    """The sheet's 项 rows, its 类/款 subtotal rows and its 合计 rows."""
    name_col = next((c for c, k in columns.items() if k == "name"), None)
    items: list[_Line] = []
    subtotals: list[_Line] = []
    totals: list[_Line] = []
    start = header.data_row
    for r, row in enumerate(ws.iter_rows(min_row=start, values_only=True), start=start):
        line = _read_row(r, tuple(row), header, columns, name_col, problem)
        if line is None:
            continue
        if line.code == "":
            totals.append(line)
        elif len(line.code) == 7:
            items.append(line)
        else:
            subtotals.append(line)
    return items, subtotals, totals


def _check_lines(
    items: list[_Line],
    subtotals: list[_Line],
    totals: list[_Line],
    columns: dict[int, str],
    header: Header,
    problem: _Problem,
) -> None:
    """Each 项 row against its own total columns; subtotals and 合计 against their 项 rows."""
    # A 万元 sheet rounds each cell to 0.01万元 (100元): a sum of n cells may drift by
    # up to 50元 per cell without anyone having made a mistake.
    per_cell = Decimal(50) if header.unit == "万元" else ZERO
    for line in items:
        _check_row(line, columns, per_cell, problem)
    for line in subtotals:
        children = [i for i in items if i.code.startswith(line.code)]
        _check_sum(line, children, columns, header.code_col, per_cell, problem)
    for line in totals:
        _check_sum(line, items, columns, header.code_col, per_cell, problem)


def _columns(header: Header, sheet: str, out: LedgerSheet, problem: _Problem) -> dict[int, str]:
    """Column → field key, one column per key; unrecognized headings are noted."""
    columns: dict[int, str] = {}
    first_of: dict[str, int] = {}
    unused: list[str] = []
    for c, parts in sorted(header.titles.items()):
        key = classify(parts)
        if c == header.code_col:
            key = "code"
        if key is None:
            unused.append(f"{get_column_letter(c)}「{'：'.join(parts)}」")
            continue
        if key in first_of:
            problem(
                header.last_row,
                c,
                f"「{'：'.join(parts)}」和{get_column_letter(first_of[key])}列都被识别为"
                f"「{_label(key)}」，无法确定用哪一列；请修改其中一列的列名",
            )
            continue
        first_of[key] = c
        columns[c] = key
    fiscal_income = [k for k in CHECK_PARTS["check.income_fiscal"] if k in first_of]
    if "check.income_fiscal" in first_of and not fiscal_income:
        # 公开02 has one 财政拨款收入 column for all three sources: most units have
        # only 一般公共预算 income, but it is a guess the officer must confirm.
        c = first_of["check.income_fiscal"]
        columns[c] = "income.general_budget"
        out.notes.append(
            f"工作表「{sheet}」的「财政拨款收入」没有按来源分列，已全部作为一般公共预算财政拨款收入导入，"
            "如含政府性基金或国有资本经营预算拨款，请在导入后修改"
        )
    if unused:
        out.notes.append(f"工作表「{sheet}」中未导入的列：{'、'.join(unused)}")
    return columns


def _label(key: str) -> str:
    if key in _LABEL_OF:
        return _LABEL_OF[key]
    for column in LEDGER.columns:
        if column.leaf is not None and column.leaf.path == key:
            return column.label or column.header
    return key


# 「2010350 事业运行」 in one cell: a code, then a name starting with a Chinese character
# (「20103A1」 is a bad code, not 20103 named A1).
_CODE_IN_TEXT = re.compile(r"^(\d{3}|\d{5}|\d{7})([\u4e00-\u9fff（(].*)$")


def _read_row(
    r: int,
    row: tuple[Any, ...],
    header: Header,
    columns: dict[int, str],
    name_col: int | None,
    problem: _Problem,
) -> _Line | None:
    """A 科目 row or a 合计 row; None (with a problem when figures would be lost) otherwise."""

    def at(c: int) -> Any:
        return row[c - 1] if c <= len(row) else None

    raw_code = at(header.code_col)
    try:
        code = cells.code_of(raw_code)
    except CellError as exc:
        problem(r, header.code_col, f"科目编码：{exc}")
        return None
    name = cells.text_of(at(name_col)).strip() if name_col else ""
    figures, unreadable = _figures(r, at, header.unit, columns, problem)
    code, name = _split_code(code, name)
    if code.isdigit() and len(code) in (3, 5, 7):
        return _Line(r, code, name, figures, unreadable)
    if not code.isdigit() and _is_total(code or name):
        return _Line(r, "", name, figures, unreadable)
    has_figures = bool(unreadable) or any(v is not None for v in figures.values())
    message = _skipped_row_problem(code, name, raw_code, has_figures)
    if message:
        problem(r, header.code_col, message)
    return None


def _figures(
    r: int, at: Callable[[int], Any], unit: AmountUnit, columns: dict[int, str], problem: _Problem
) -> tuple[dict[str, Money], set[str]]:
    """A row's amounts by column key, and the keys whose cell was refused."""
    figures: dict[str, Money] = {}
    unreadable: set[str] = set()
    for c, key in columns.items():
        if key in ("code", "name"):
            continue
        try:
            figures[key] = cells.money_of(at(c), unit)
        except CellError as exc:
            problem(r, c, f"{_label(key)}：{exc}")
            unreadable.add(key)
    return figures, unreadable


def _split_code(code: str, name: str) -> tuple[str, str]:
    """「2010350事业运行」 in the code cell: the code, and the name unless one is given."""
    m = _CODE_IN_TEXT.match(code) if code and not code.isdigit() else None
    if m is None:
        return code, name
    return m.group(1), name or m.group(2).strip()


def _is_total(text: str) -> bool:
    label = normalize(text)
    return label in TOTAL_LABELS or label.startswith(("合计", "总计"))


def _skipped_row_problem(code: str, name: str, raw_code: Any, has_figures: bool) -> str | None:
    """Why a row that is neither a 科目 nor a 合计 loses figures; None when nothing is lost."""
    bad_code = f"科目编码「{cells.shown(raw_code)}」不是功能分类科目编码（应为3、5或7位数字）"
    if code.isdigit():  # digits, but not 3, 5 or 7 of them
        return bad_code
    if code == "栏次" or normalize(name) == "栏次" or not has_figures:
        return None
    return bad_code if code else "这一行有金额但没有科目编码，无法导入"


def _fmt(value: Decimal) -> str:
    return format_amount(value)


def _check_row(line: _Line, columns: dict[int, str], per_cell: Decimal, problem: _Problem) -> None:
    """A row's own total columns (本年收入合计 …) against its parts."""
    col_of = {k: c for c, k in columns.items()}
    for check, parts in CHECK_PARTS.items():
        if check not in col_of:
            continue
        present = [p for p in parts if p in col_of]
        stated = line.figures.get(check)
        if not present or stated is None or line.unreadable & {check, *present}:
            continue
        summed = sum((nz(line.figures.get(p)) for p in present), ZERO)
        if abs(stated - summed) > per_cell * (len(present) + 1):
            problem(
                line.row,
                col_of[check],
                f"「{_label(check)}」为 {_fmt(stated)}，本行各分项之和为 {_fmt(summed)}，"
                f"相差 {_fmt(stated - summed)}",
            )


def _check_sum(
    line: _Line,
    children: list[_Line],
    columns: dict[int, str],
    code_col: int,
    per_cell: Decimal,
    problem: _Problem,
) -> None:
    """A 类/款 row or a 合计 row against the sum of the 项 rows it covers."""
    what = line.title
    if line.code and not children:
        if any(v for v in line.figures.values()):
            level = catalog.LEVELS[len(line.code)]
            problem(
                line.row,
                code_col,
                f"{what}是{level}级科目，表中没有它下面的项级科目，金额无法导入（收支按项填写）",
            )
        return
    for c, key in columns.items():
        stated = line.figures.get(key)
        if stated is None or any(key in child.unreadable for child in children):
            continue  # an unreadable cell below is reported already; its sum would mislead
        summed = sum((nz(child.figures.get(key)) for child in children), ZERO)
        if abs(stated - summed) > per_cell * (len(children) + 1):
            under = "其下各项级科目" if line.code else "各项级科目"
            problem(
                line.row,
                c,
                f"{what}的「{_label(key)}」为 {_fmt(stated)}，{under}之和为 {_fmt(summed)}，"
                f"相差 {_fmt(stated - summed)}",
            )


def _has_figures(line: _Line, columns: dict[int, str]) -> bool:
    return any(
        line.figures.get(k) is not None for k in columns.values() if not k.startswith("check.")
    )


def _ledger_row(line: _Line, columns: dict[int, str]) -> LedgerRow:
    values = {
        k: line.figures.get(k)
        for k in columns.values()
        if _is_field(k) and line.figures.get(k) is not None
    }
    row: LedgerRow = build(LedgerRow, {"code": line.code, **values})
    return row


def _custom_codes(lines: list[_Line], out: LedgerSheet) -> tuple[CustomCode, ...]:
    functional = catalog.functional()
    added: dict[str, str] = {}
    for line in sorted(lines, key=lambda x: x.code):
        if line.code not in functional and line.name and line.code not in added:
            added[line.code] = line.name
    if added:
        listed = "、".join(f"{c} {n}" for c, n in added.items())
        out.notes.append(f"科目表中没有的科目已作为自定义科目导入：{listed}")
    return tuple(CustomCode(c, n) for c, n in added.items())


def _plain(name: str) -> str:
    return re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", name))


def _name_notes(items: list[_Line], out: LedgerSheet) -> None:
    functional = catalog.functional()
    odd = [
        f"第{line.row}行 {line.code}（科目表：{entry.name}；表中：{line.name}）"
        for line in items
        if line.name
        and (entry := functional.get(line.code)) is not None
        and _plain(entry.name) != _plain(line.name)
    ]
    if odd:
        shown = "；".join(odd[:10]) + (f" 等{len(odd)}处" if len(odd) > 10 else "")
        out.notes.append(f"以下科目名称与科目表不一致，请核对编码：{shown}")
