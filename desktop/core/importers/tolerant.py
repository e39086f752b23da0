"""Tolerant reading of an officer's own ledger sheet → 项 rows, checked against its own sums.

    worksheet (openpyxl, merged cells known)
      ──find_header──> header rows found by their labels (科目编码 / 功能分类科目编码 /
                       科目代码 …), merged and two-row headings combined into one title
                       per column: 「财政拨款收入：一般公共预算财政拨款」
      ──classify──> a model field per column (income.*, spending.*, fiscal.*,
                    fiscal_opening.*) or a check column (本年收入合计, 本年支出合计 …)
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
from desktop.core.importers.layout import LEDGER, build
from desktop.core.importers.problems import ImportProblem
from desktop.core.model import CustomCode, LedgerRow
from desktop.core.money import ZERO, AmountUnit, Money, format_amount, nz

HEADER_SEARCH_ROWS = 40  # the header is near the top; a title block is a few rows
MAX_HEADER_ROWS = 4
CODE_LABELS = (
    "科目编码",
    "功能分类科目编码",
    "支出功能分类科目编码",
    "功能科目编码",
    "科目代码",
    "功能分类科目代码",
    "科目编号",
    "编码",
)
NAME_LABELS = ("科目名称", "功能分类科目名称", "名称", "科目")
TOTAL_LABELS = ("合计", "总计", "本年合计", "合 计", "总 计")

_SOURCES = (  # keyword in the heading → (Income field, FiscalSpending prefix)
    ("一般公共预算", "general_budget", "general"),
    ("政府性基金", "gov_fund", "fund"),
    ("国有资本经营", "state_capital", "capital"),
)
_SPENDING = (
    ("基本支出", "spending.basic"),
    ("项目支出", "spending.project"),
    ("上缴上级", "spending.remit_superior"),
    ("经营支出", "spending.operating"),
    ("对附属单位补助", "spending.affiliate_grant"),
)
_INCOME = (
    ("上级补助", "income.superior_grant"),
    ("经营收入", "income.operating"),  # before 事业: 「事业单位经营收入」 is 经营
    ("事业收入", "income.business"),
    ("附属单位上缴", "income.affiliate_remit"),
    ("其他收入", "income.other"),
)
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


def normalize(text: str) -> str:
    """A heading without spaces, line breaks, width differences or unit suffixes."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[(（](万?元)[)）]$", "", s)
    return s


def _is_code_label(text: str) -> bool:
    return text in CODE_LABELS or text.endswith(("科目编码", "科目代码"))


def classify(parts: list[str]) -> str | None:
    """The model field (or check column) a column heading names; None if none.

    `parts` are the normalized heading texts from the top header row down, e.g.
    ``["财政拨款支出", "一般公共预算财政拨款", "基本支出"]``. The nearest part that says
    收入 or 支出 decides whether a source (一般公共预算 …) means income or spending.
    """
    if not parts:
        return None
    leaf = parts[-1]
    whole = "/".join(parts)
    if _is_code_label(leaf):
        return "code"
    if leaf in NAME_LABELS or leaf.endswith("科目名称"):
        return "name"
    if "栏次" in whole or "行次" in whole:
        return None
    context = ""
    for p in reversed(parts):
        if "支出" in p:
            context = "支出"
            break
        if "收入" in p:
            context = "收入"
            break
    source = next((s for s in _SOURCES if s[0] in whole), None)
    if "年初" in whole and ("结转" in whole or "结余" in whole):
        return f"fiscal_opening.{source[1]}" if source else None
    if "年末" in whole or "结余分配" in whole or "使用非财政拨款" in whole:
        return None
    if context == "支出":
        if source is not None:
            if "基本" in whole:
                return f"fiscal.{source[2]}_basic"
            if "项目" in whole:
                return f"fiscal.{source[2]}_project"
            return f"check.fiscal_{source[2]}"
        for keyword, path in _SPENDING:
            if keyword in leaf:
                return path
        if leaf in ("合计", "小计") or whole.endswith("支出合计"):
            return "check.spending_total"
        return None
    if source is not None:
        return f"income.{source[1]}"
    for keyword, path in _INCOME:
        if keyword in whole:
            return path
    if "财政拨款" in whole:
        return "check.income_fiscal"
    if context == "收入" and (leaf in ("合计", "小计") or "收入合计" in whole):
        return "check.income_total"
    return None


# ---------------------------------------------------------------- the header


@dataclass(frozen=True)
class Header:
    first_row: int
    last_row: int
    code_col: int
    titles: dict[int, list[str]]  # column → heading parts, top down
    unit: AmountUnit

    @property
    def data_row(self) -> int:
        return self.last_row + 1


class _Sheet:
    """Cell values with merged ranges resolved to their top-left value (header zone)."""

    def __init__(self, ws: Worksheet, rows: int) -> None:
        self.ws = ws
        self.rows = rows
        self.width = ws.max_column or 1
        self.grid: list[tuple[Any, ...]] = [
            tuple(r) for r in ws.iter_rows(min_row=1, max_row=rows, values_only=True)
        ]
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            if rng.min_row > rows:
                continue
            for r in range(rng.min_row, min(rng.max_row, rows) + 1):
                for c in range(rng.min_col, min(rng.max_col, self.width) + 1):
                    self.merged[(r, c)] = (rng.min_row, rng.min_col)

    def raw(self, r: int, c: int) -> Any:
        if r > len(self.grid):
            return None
        row = self.grid[r - 1]
        return row[c - 1] if c <= len(row) else None

    def value(self, r: int, c: int) -> Any:
        top = self.merged.get((r, c))
        return self.raw(*top) if top else self.raw(r, c)

    def text(self, r: int, c: int) -> str:
        return normalize(cells.text_of(self.value(r, c)))

    def merged_from_above(self, r: int, c: int) -> bool:
        top = self.merged.get((r, c))
        return top is not None and top[0] < r


def _amount_like(value: Any) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        return cells.money_of(value) is not None
    except CellError:
        return False


def find_header(ws: Worksheet) -> Header | None:
    """The header block of a ledger sheet, found by its code column's label."""
    limit = min(ws.max_row or 0, HEADER_SEARCH_ROWS + MAX_HEADER_ROWS)
    if limit == 0:
        return None
    sheet = _Sheet(ws, limit)
    found: tuple[int, int] | None = None
    for r in range(1, min(limit, HEADER_SEARCH_ROWS) + 1):
        for c in range(1, sheet.width + 1):
            if (r, c) in sheet.merged and sheet.merged[(r, c)] != (r, c):
                continue
            if _is_code_label(sheet.text(r, c)):
                found = (r, c)
                break
        if found:
            break
    if found is None:
        return None
    k, code_col = found
    first = k
    # Up: a heading merged down into the label's row starts the header above it.
    while first > 1 and any(
        sheet.merged_from_above(first, c) and sheet.merged[(first, c)][0] == first - 1
        for c in range(1, sheet.width + 1)
    ):
        first -= 1
    last = k
    while last < min(limit, first + MAX_HEADER_ROWS - 1) and _header_like(
        sheet, last + 1, code_col, first
    ):
        last += 1
    titles = {c: _title(sheet, first, last, c) for c in range(1, sheet.width + 1)}
    unit: AmountUnit = "元"
    above = " ".join(sheet.text(r, c) for r in range(1, first) for c in range(1, sheet.width + 1))
    heads = " ".join("/".join(t) for t in titles.values())
    if "万元" in above or "(万元)" in heads or "（万元）" in heads:
        unit = "万元"
    return Header(first, last, code_col, {c: t for c, t in titles.items() if t}, unit)


def _header_like(sheet: _Sheet, r: int, code_col: int, first: int) -> bool:
    if sheet.merged_from_above(r, code_col):
        return sheet.merged[(r, code_col)][0] >= first
    if sheet.raw(r, code_col) is not None:
        return False
    texts = [sheet.raw(r, c) for c in range(1, sheet.width + 1)]
    present = [v for v in texts if v is not None and cells.text_of(v).strip()]
    if not present:
        return False
    for v in present:
        t = normalize(cells.text_of(v))
        if t in TOTAL_LABELS or t == "栏次" or _amount_like(v):
            return False
    return True


def _title(sheet: _Sheet, first: int, last: int, c: int) -> list[str]:
    parts: list[str] = []
    for r in range(first, last + 1):
        text = sheet.text(r, c)
        if not text and (r, c) not in sheet.merged and r < last:
            text = _group_to_left(sheet, r, c)
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return parts


def _group_to_left(sheet: _Sheet, r: int, c: int) -> str:
    """An unmerged group heading written once above several sub-columns."""
    if not sheet.text(r + 1, c):
        return ""
    j = c - 1
    while j >= 1 and not sheet.text(r, j) and (r, j) not in sheet.merged and sheet.text(r + 1, j):
        j -= 1
    if j >= 1 and sheet.text(r, j) and sheet.text(r + 1, j) and (r, j) not in sheet.merged:
        return sheet.text(r, j)
    return ""


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
        keys = {classify(t) for t in header.titles.values()}
        if any(k and "." in k and not k.startswith("check.") for k in keys):
            return str(ws.title)
    return None


def read_ledger_sheet(ws: Worksheet) -> LedgerSheet:
    """The 项 rows of a sheet in the officer's own layout, checked against its sums."""
    name = str(ws.title)
    out = LedgerSheet(name)
    found: list[tuple[int, int, str]] = []  # (row, column, message) → sorted at the end

    def problem(row: int, col: int, message: str) -> None:
        found.append((row, col, message))

    header = find_header(ws)
    if header is None:
        out.problems.append(
            ImportProblem(
                name,
                None,
                None,
                f"没有找到表头：前{HEADER_SEARCH_ROWS}行中没有「科目编码」「功能分类科目编码」"
                "「科目代码」之类的列名",
            )
        )
        return out
    columns = _columns(header, name, out, problem)
    if not any("." in k and not k.startswith("check.") for k in columns.values()):
        out.problems.append(
            ImportProblem(
                name,
                header.last_row,
                None,
                "找到了表头，但没有认出任何收入或支出列（如「一般公共预算财政拨款」「基本支出」）",
            )
        )
        return out
    if header.unit == "万元":
        out.notes.append(
            f"工作表「{name}」的金额单位是万元，已换算为元（万元数只有两位小数，请核对）"
        )

    name_col = next((c for c, k in columns.items() if k == "name"), None)
    items: list[_Line] = []
    subtotals: list[_Line] = []
    totals: list[_Line] = []
    for r, row in enumerate(
        ws.iter_rows(min_row=header.data_row, values_only=True), start=header.data_row
    ):
        line = _read_row(r, tuple(row), header, columns, name_col, problem)
        if line is None:
            continue
        if line.code == "":
            totals.append(line)
        elif len(line.code) == 7:
            items.append(line)
        else:
            subtotals.append(line)

    # A 万元 sheet rounds each cell to 0.01万元 (100元): a sum of n cells may drift by
    # up to 50元 per cell without anyone having made a mistake.
    tolerance_per_cell = Decimal(50) if header.unit == "万元" else ZERO
    for line in items:
        _check_row(line, columns, tolerance_per_cell, problem)
    for line in subtotals:
        children = [i for i in items if i.code.startswith(line.code)]
        _check_sum(line, children, columns, header.code_col, tolerance_per_cell, problem)
    for line in totals:
        _check_sum(line, items, columns, header.code_col, tolerance_per_cell, problem)

    out.rows = tuple(_ledger_row(line, columns) for line in items if _has_figures(line, columns))
    out.custom_codes = _custom_codes([*subtotals, *items], out)
    _name_notes(items, out)
    found.sort(key=lambda f: (f[0], f[1]))
    out.problems += [
        ImportProblem(name, r, get_column_letter(c) if c else None, m) for r, c, m in found
    ]
    return out


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
    def at(c: int) -> Any:
        return row[c - 1] if c <= len(row) else None

    raw_code = at(header.code_col)
    name = cells.text_of(at(name_col)).strip() if name_col else ""
    try:
        code = cells.code_of(raw_code)
    except CellError as exc:
        problem(r, header.code_col, f"科目编码：{exc}")
        return None
    figures: dict[str, Money] = {}
    unreadable: set[str] = set()
    for c, key in columns.items():
        if key in ("code", "name"):
            continue
        try:
            figures[key] = cells.money_of(at(c), header.unit)
        except CellError as exc:
            problem(r, c, f"{_label(key)}：{exc}")
            unreadable.add(key)
    has_figures = bool(unreadable) or any(v is not None for v in figures.values())
    if code and not code.isdigit():
        m = _CODE_IN_TEXT.match(code)
        if m:  # 「2010350事业运行」: code and name in one cell
            code, name = m.group(1), name or m.group(2).strip()
    if not code or not code.isdigit():
        label = normalize(code or name)
        if label in TOTAL_LABELS or label.startswith("合计") or label.startswith("总计"):
            return _Line(r, "", name, figures, unreadable)
        if code == "栏次" or normalize(name) == "栏次":
            return None
        if code and has_figures:
            problem(
                r,
                header.code_col,
                f"科目编码「{cells.shown(raw_code)}」不是功能分类科目编码（应为3、5或7位数字）",
            )
        elif has_figures:
            problem(r, header.code_col, "这一行有金额但没有科目编码，无法导入")
        return None
    if len(code) not in (3, 5, 7):
        problem(
            r,
            header.code_col,
            f"科目编码「{cells.shown(raw_code)}」不是功能分类科目编码（应为3、5或7位数字）",
        )
        return None
    return _Line(r, code, name, figures, unreadable)


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
        if "." in k and not k.startswith("check.") and line.figures.get(k) is not None
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
