"""The template's sheets read cell by cell: rows of values → model values and problems.

    rows ──read_form──> FormValues (report paths → values)
    rows ──read_table──> [Record] (leaf paths → values, per row)

Each cell goes through `convert` for its layout leaf (amounts through
`money.parse_amount`, see `cells`); a cell that cannot be read becomes a problem in the
`Reader` and reading goes on, so the officer sees every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from desktop.core import catalog, limits
from desktop.core.editions import edition_ids
from desktop.core.importers import cells, layout
from desktop.core.importers.cells import CellError
from desktop.core.importers.layout import FormSheet, Kind, Leaf, TableSheet
from desktop.core.importers.problems import ImportProblem
from desktop.core.importers.template import TOTAL_CODE
from desktop.core.importers.workbook_file import Row
from desktop.core.model import CodeAmount, FundKind
from desktop.core.money import UNITS


def _at(row: Row, col: int) -> Any:
    """The value in 1-based column `col`, None beyond the row's end."""
    return row[col - 1] if 0 < col <= len(row) else None


# ---------------------------------------------------------------- collecting


@dataclass
class Reader:
    """Problems and notes gathered across the whole workbook."""

    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, sheet: str, row: int | None, col: int | None, message: str) -> None:
        letter = get_column_letter(col) if col else None
        self.problems.append(ImportProblem(sheet, row, letter, message))


def convert(leaf: Leaf, raw: Any) -> Any:
    """A cell as the model value of `leaf` (None / '' for empty); CellError if unreadable."""
    k = leaf.kind
    if k is Kind.MONEY:
        return cells.money_of(raw)
    if k is Kind.COUNT:
        return cells.count_of(raw)
    if k is Kind.YEAR:
        return cells.year_of(raw)  # never left to the model's default year
    if k in (Kind.DECIMAL, Kind.DECIMAL_REQUIRED):
        return cells.decimal_of(raw)
    if k is Kind.BOOL:
        return cells.bool_of(raw) if raw is not None else None
    if k is Kind.UNIT_KIND:
        kind = cells.unit_kind_of(raw)
        if kind is None:  # decides 机关运行经费 and wording: never a silent default
            raise CellError("不能为空，请选择单位性质")
        return kind
    if k is Kind.FUND_KIND:
        chosen = cells.choice_of(raw, [f.value for f in FundKind], "资金性质")
        return None if chosen is None else FundKind(chosen)
    if k is Kind.AMOUNT_UNIT:
        return cells.choice_of(raw, list(UNITS), "金额单位")
    if k is Kind.EDITION:
        return cells.choice_of(raw, edition_ids(), "公开表版式")
    if k is Kind.LINES:
        return tuple(_within(line, leaf.most) for line in cells.lines_of(raw))
    if k is Kind.KEY:
        return _within(cells.text_of(raw).strip(), leaf.most)
    if k is Kind.TEXT:
        return _within(cells.text_of(raw), leaf.most)
    return _code(k, raw)


def _within(text: str, most: int) -> str:
    if len(text) > most:
        raise CellError(limits.too_long(text, most))
    return text


def _code(kind: Kind, raw: Any) -> str:
    code = cells.code_of(raw)
    if code == "":
        return ""
    if kind is Kind.CODE_ANY and code == TOTAL_CODE:
        return ""
    levels = {
        Kind.CODE_ITEM: (7,),
        Kind.CODE_ANY: (3, 5, 7),
        Kind.CODE_CUSTOM: (3, 5, 7),
        Kind.CODE_ECON: (3, 5),
    }[kind]
    what = "经济分类" if kind is Kind.CODE_ECON else "功能分类"
    if code in (TOTAL_CODE, "总计", "小计"):
        raise CellError(f"「{code}」行不用填写，合计由软件计算")
    if not code.isdigit():
        raise CellError(f"「{cells.shown(raw)}」不是{what}科目编码（编码只含数字）")
    if len(code) not in levels:
        if kind is Kind.CODE_ITEM and len(code) in (3, 5):
            level = catalog.LEVELS[len(code)]
            raise CellError(f"「{code}」是{level}级编码；收支按项（7位）填写，类、款由软件汇总")
        expected = "、".join(str(n) for n in levels)
        raise CellError(f"「{code}」不是{what}科目编码（应为{expected}位数字）")
    return code


def _is_total(leaf: Leaf, raw: Any) -> bool:
    """The 年初预算 line for the whole: code 合计, kept as the model's code ''."""
    return leaf.kind is Kind.CODE_ANY and cells.text_of(raw).strip() == TOTAL_CODE


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


# ---------------------------------------------------------------- forms


@dataclass
class FormValues:
    values: dict[str, Any] = field(default_factory=dict)  # Report paths
    prior_classes: list[CodeAmount] = field(default_factory=list)


def read_form(rows: list[Row], sheet: FormSheet, reader: Reader, out: FormValues) -> None:
    by_title = {leaf.title: leaf for leaf in sheet.leaves}
    seen: dict[str, int] = {}
    for r, row in enumerate(rows[1:], start=2):
        label = cells.text_of(_at(row, 1)).strip()
        raw = _at(row, 2)
        if not label:
            if raw is not None and cells.text_of(raw).strip():
                reader.problem(sheet.name, r, 2, "这一行有内容但A列没有项目名称")
            continue
        if label in seen:
            reader.problem(sheet.name, r, 1, f"「{label}」重复出现（第{seen[label]}行已有）")
            continue
        seen[label] = r
        if sheet is layout.PRIOR_FORM and label.startswith(layout.PRIOR_CLASS_PREFIX):
            _prior_class(label, raw, sheet.name, r, reader, out)
            continue
        leaf = by_title.get(label)
        if leaf is None:
            if raw is not None and cells.text_of(raw).strip():
                reader.problem(
                    sheet.name, r, 1, f"不认识的项目「{label}」（请勿修改A列的项目名称）"
                )
            continue
        try:
            value = convert(leaf, raw)
        except CellError as exc:
            reader.problem(sheet.name, r, 2, f"{leaf.label}：{exc}")
            continue
        if not _empty(value):
            out.values[leaf.path] = value


def _prior_class(label: str, raw: Any, sheet: str, r: int, reader: Reader, out: FormValues) -> None:
    code = label.removeprefix(layout.PRIOR_CLASS_PREFIX).split(" ")[0].strip()
    if not (code.isdigit() and len(code) == 3):
        reader.problem(sheet, r, 1, f"「{label}」中没有3位的类级编码")
        return
    try:
        amount = cells.money_of(raw)
    except CellError as exc:
        reader.problem(sheet, r, 2, f"上年{code}类：{exc}")
        return
    if amount is not None:
        out.prior_classes.append(CodeAmount(code, amount))


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Record:
    row: int
    values: dict[str, Any]  # leaf path → value, only cells that hold something
    info: dict[str, str]  # informational columns by header


def is_template_table(rows: list[Row]) -> bool:
    return bool(rows) and cells.text_of(_at(rows[0], 1)).strip() == layout.MARKER


def _header_keys(rows: list[Row]) -> dict[tuple[str, str], int]:
    """(upper, lower) header text → column, reading the two header rows of a table."""
    top = rows[0] if rows else ()
    sub = rows[1] if len(rows) > 1 else ()
    width = max(len(top), len(sub))
    out: dict[tuple[str, str], int] = {}
    group = ""
    for c in range(2, width + 1):
        upper = cells.text_of(_at(top, c)).strip()
        lower = cells.text_of(_at(sub, c)).strip()
        if upper:
            group = upper if lower else ""
            key = (upper, lower)
        elif lower and group:
            key = (group, lower)  # under a merged group heading
        elif lower:
            key = (lower, "")
        else:
            continue
        out.setdefault((FORMER_LABELS.get(key[0], key[0]), FORMER_LABELS.get(key[1], key[1])), c)
    return out


# Column labels the templates of earlier versions used: their files still import.
FORMER_LABELS = {"科目编码": "科目代码", "经济分类科目编码": "经济分类科目代码"}


def read_table(rows: list[Row], sheet: TableSheet, reader: Reader) -> list[Record]:
    where = _columns(rows, sheet, reader)
    if where is None:
        return []
    records: list[Record] = []
    for r, row in enumerate(rows[2:], start=3):
        if cells.text_of(_at(row, 1)).strip() == layout.EXAMPLE:
            continue
        record = _record(row, r, where, sheet, reader)
        if record is not None:
            records.append(record)
    return records


def _columns(rows: list[Row], sheet: TableSheet, reader: Reader) -> dict[int, layout.Column] | None:
    """The table's columns by where its header rows put them; None (a problem) when a
    required one is missing. A column the template does not have is a note."""
    found = _header_keys(rows)
    where: dict[int, layout.Column] = {}
    for column in sheet.columns:
        col = found.get(column.key)
        if col is None:
            if column.leaf is not None and column.leaf.required:
                title = "：".join(t for t in column.key if t)
                reader.problem(sheet.name, 2, None, f"缺少「{title}」列（请使用本软件生成的模板）")
                return None
            continue
        where[col] = column
    expected = {c.key for c in sheet.columns}
    for key in found:
        if key not in expected:
            title = "：".join(t for t in key if t)
            reader.notes.append(f"工作表「{sheet.name}」的「{title}」列不是模板中的列，未导入")
    return where


def _record(
    row: Row, r: int, where: dict[int, layout.Column], sheet: TableSheet, reader: Reader
) -> Record | None:
    """Row `r` of the table as a record; None for an empty row or one with a problem."""
    values: dict[str, Any] = {}
    info: dict[str, str] = {}
    bad = False
    for col, column in where.items():
        raw = _at(row, col)
        if column.leaf is None:
            info[column.header] = cells.text_of(raw).strip()
            continue
        try:
            value = convert(column.leaf, raw)
        except CellError as exc:
            reader.problem(sheet.name, r, col, f"{column.leaf.label}：{exc}")
            bad = True
            continue
        if not _empty(value) or (value == "" and _is_total(column.leaf, raw)):
            values[column.leaf.path] = value
    if bad:
        return None
    if not values:
        return None  # an empty row (its 科目名称 alone is no content)
    for col, column in where.items():
        leaf = column.leaf
        if leaf is not None and leaf.required and leaf.path not in values:
            reader.problem(sheet.name, r, col, f"{leaf.label}不能为空")
            return None
    return Record(r, values, info)
