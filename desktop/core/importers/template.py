"""The fill-in template: layout (from the model) + catalogs (+ a report) → 填报模板.xlsx.

    layout.SHEETS ─┐
    catalogs ──────┼──write_template──> workbook: one sheet per form, a hidden 代码表
    Report | None ─┘

Each sheet is generated from `layout`, so a field added to the model appears here
and in the importer at once. Headers are frozen and carry notes (comments) saying
what the column holds and in which unit; codes and enumerations get drop-down
lists from the hidden 代码表 sheet. An empty template has one grey 「示例」 row per
table (skipped on import); a template written from a report holds its figures and
reads back (`workbook.import_workbook`) to an equal report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import catalog
from desktop.core.atomic import replacing
from desktop.core.editions import edition_ids
from desktop.core.errors import JuesuanError
from desktop.core.importers import layout
from desktop.core.importers.layout import (
    EXAMPLE,
    FORM_HEADERS,
    MARKER,
    PRIOR_CLASS_PREFIX,
    FormSheet,
    Kind,
    Leaf,
    TableSheet,
)
from desktop.core.model import FundKind, Report, UnitKind
from desktop.core.money import UNITS
from desktop.core.vocabulary import SANGONG_ITEMS, Names, ReasonKey, ReasonKind, reason_key

MAX_CELL_TEXT = 32767  # Excel's limit per cell
MAX_NUMBER_DIGITS = 15  # Excel keeps 15 significant digits; longer amounts go as text
TOTAL_CODE = "合计"  # the 年初预算 line for the whole (code '')

_FONT = "宋体"
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FILL = PatternFill("solid", fgColor="EDEDED")
_HEADER_FONT = Font(name=_FONT, bold=True)
_EXAMPLE_FONT = Font(name=_FONT, color="808080", italic=True)
_NOTE_FONT = Font(name=_FONT, color="7F7F7F", size=9)
_AUTHOR = "决算公开助手"
_CODE_KINDS = (Kind.CODE_ITEM, Kind.CODE_ANY, Kind.CODE_ECON, Kind.CODE_CUSTOM)
_VALIDATION_ROWS = 1000  # drop-down lists reach this far below the last written row


class TemplateError(JuesuanError):
    """A report whose text cannot be stored in a workbook cell."""


# Example rows of an empty template (values by leaf path), shown grey and skipped on import.
EXAMPLES: dict[str, dict[str, Any]] = {
    layout.LEDGER.name: {
        "code": "2010350",
        "income.general_budget": Decimal("81100.00"),
        "spending.basic": Decimal("81100.00"),
        "fiscal.general_basic": Decimal("81100.00"),
    },
    layout.BUDGET.name: {"code": "201", "amount": Decimal("1600000.00")},
    layout.ECON.name: {"code": "30101", "basic": Decimal("600000.00")},
    layout.VEHICLE_ITEMS.name: {"label": "燃油费", "amount": Decimal("5000.00")},
    layout.REASONS.name: {"key": "total", "text": "业务量增加，项目支出相应增加"},
    layout.SELF_EVALS.name: {
        "name": "公共资源交易平台维护费",
        "department": "某某局（001）",
        "unit": "某某中心",
        "goal": "保障交易平台全年稳定运行",
        "achieved": "平台全年稳定运行，未发生故障",
    },
    layout.FUNDING.name: {
        layout.PROJECT: "公共资源交易平台维护费",
        "source": "市县区财政资金",
        "budgeted": Decimal("200000.00"),
        "full_year": Decimal("200000.00"),
        "executed": Decimal("198000.00"),
    },
    layout.INDICATORS.name: {
        layout.PROJECT: "公共资源交易平台维护费",
        "level1": "产出指标",
        "level2": "数量指标",
        "level3": "系统运维次数",
        "weight": Decimal("10"),
        "target": "≥12次",
        "actual": "12次",
        "score": Decimal("10"),
    },
    layout.UNIT_FUNDING.name: {
        "source": "财政拨款",
        "budgeted": Decimal("3000000.00"),
        "full_year": Decimal("3200000.00"),
        "executed": Decimal("3150000.00"),
    },
    layout.UNIT_TASKS.name: {
        "name": "公共资源交易服务",
        "content": "为进场交易项目提供场地、信息和见证服务",
        "achieved": "全年完成交易项目1200个",
    },
    layout.UNIT_TEXTS.name: {"key": "problems", "text": "预算编制的准确性有待提高。"},
    layout.UNIT_INDICATORS.name: {
        "level1": "效益指标",
        "level2": "社会效益指标",
        "level3": "交易服务质量",
        "weight": Decimal("20"),
        "target": "稳步提升",
        "actual": "达成预期指标",
    },
    layout.CUSTOM_CODES.name: {"code": "2011399", "name": "其他商贸事务支出"},
}

# Reasons the text usually asks for: listed (without text) in an empty template.
COMMON_REASONS = (
    reason_key(ReasonKind.TOTAL),
    reason_key(ReasonKind.FISCAL),
    reason_key(ReasonKind.GENERAL),
    reason_key(ReasonKind.SANGONG),
    *(reason_key(ReasonKind.SANGONG, item) for item in SANGONG_ITEMS),
    reason_key(ReasonKind.ADMIN_COST),
)


def _about(key: str, report: Report) -> str:
    """The 说明 column beside a reason key: what the officer is asked ('' when unknown)."""
    parsed = ReasonKey.parse(key)
    return parsed.describe(Names.of(report)) if parsed.known else ""


# ---------------------------------------------------------------- values


def get_path(obj: object, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _digits(value: Decimal) -> int:
    return len(value.as_tuple().digits)


def _cell_value(leaf: Leaf, value: Any) -> Any:
    """The model value as the cell holds it."""
    if value is None:
        return None
    kind = leaf.kind
    if kind in (Kind.MONEY, Kind.DECIMAL, Kind.DECIMAL_REQUIRED):
        assert isinstance(value, Decimal)
        # A number Excel can hold exactly stays a number (officers add them up);
        # a longer one goes as text so no digit is lost.
        return value if _digits(value) <= MAX_NUMBER_DIGITS else str(value)
    if kind is Kind.BOOL:
        return "是" if value else "否"
    if kind in (Kind.UNIT_KIND, Kind.FUND_KIND):
        assert isinstance(value, UnitKind | FundKind)
        return value.value
    if kind is Kind.LINES:
        return "\n".join(value)
    if kind is Kind.CODE_ANY and value == "":
        return TOTAL_CODE
    if isinstance(value, str) and value == "":
        return None
    return value


def _put(ws: Worksheet, row: int, col: int, value: Any, where: str) -> Cell | MergedCell:
    cell = ws.cell(row, col)
    try:
        cell.value = value
    except IllegalCharacterError:
        raise TemplateError(f"{where} 含有 Excel 不能保存的控制字符，请删去后再导出") from None
    if isinstance(value, str):
        if len(value) > MAX_CELL_TEXT:
            raise TemplateError(
                f"{where} 的文字有 {len(value)} 字，超过 Excel 单元格上限 {MAX_CELL_TEXT} 字"
            )
        cell.data_type = "s"  # literal text: a leading = + - @ never becomes a formula
    return cell


# Named styles: assigning one is a lookup, where building Font/Border objects per cell
# made a 2,000-row template take seconds.
_STYLES: dict[str, dict[str, Any]] = {
    "jz-money": {"number_format": "#,##0.00"},
    "jz-code": {"number_format": "@"},  # typed codes stay text (no 2010350 → 2.01E+06)
    "jz-text": {"alignment": Alignment(wrap_text=True, vertical="top")},
    "jz-plain": {},
    "jz-note": {"alignment": Alignment(wrap_text=True, vertical="top"), "font": _NOTE_FONT},
}


def _register_styles(wb: Workbook) -> None:
    for name, attrs in _STYLES.items():
        style = NamedStyle(name=name, font=Font(name=_FONT), border=_BORDER)
        for attr, value in attrs.items():
            setattr(style, attr, value)
        wb.add_named_style(style)
    wb.add_named_style(NamedStyle(name="jz-code-blank", number_format="@"))


def _style_name(leaf: Leaf | None) -> str:
    if leaf is None:
        return "jz-note"
    if leaf.kind is Kind.MONEY:
        return "jz-money"
    if leaf.kind in _CODE_KINDS:
        return "jz-code"
    if leaf.kind in (Kind.TEXT, Kind.LINES, Kind.KEY):
        return "jz-text"
    return "jz-plain"


def _style_value(cell: Cell | MergedCell, leaf: Leaf | None) -> None:
    cell.style = _style_name(leaf)


def _comment(text: str) -> Comment:
    c = Comment(text, _AUTHOR)
    c.width = 320
    c.height = 110
    return c


# ---------------------------------------------------------------- drop-down lists


class _Lists:
    """The hidden 代码表 sheet: one column per drop-down list, with names beside codes."""

    def __init__(self, wb: Workbook, year: int) -> None:
        self.ws = wb.create_sheet(layout.LISTS_SHEET)
        self.ws.sheet_state = "hidden"
        self.col = 1
        self.ranges: dict[str, str] = {}
        functional = catalog.functional()
        economic = catalog.economic()
        items = [(e.code, e.name_for(year)) for e in functional if e.level == "项"]
        any_level = [
            (TOTAL_CODE, "年初预算总数"),
            *((e.code, e.name_for(year)) for e in functional),
        ]
        econ = [(e.code, e.name_for(year)) for e in economic if e.level == "款"]
        self._add("items", "功能分类项级编码", items)
        self._add("any", "功能分类编码", any_level)
        self._add("econ", "经济分类款级编码", econ)
        self._add("kinds", "单位性质", [(k.value, "") for k in UnitKind])
        self._add("funds", "资金性质", [(k.value, "") for k in FundKind])
        self._add("editions", "公开表版式", [(e, "") for e in edition_ids()])

    def _add(self, key: str, title: str, rows: list[tuple[str, str]]) -> None:
        c = self.col
        self.ws.cell(1, c, title)
        self.ws.cell(1, c + 1, "名称")
        for i, (code, name) in enumerate(rows, start=2):
            self.ws.cell(i, c, code).data_type = "s"
            if name:
                self.ws.cell(i, c + 1, name)
        letter = get_column_letter(c)
        self.ranges[key] = f"'{layout.LISTS_SHEET}'!${letter}$2:${letter}${len(rows) + 1}"
        self.col += 2

    def validation(self, kind: Kind) -> DataValidation | None:
        source = {
            Kind.CODE_ITEM: "items",
            Kind.CODE_ANY: "any",
            Kind.CODE_ECON: "econ",
            Kind.UNIT_KIND: "kinds",
            Kind.FUND_KIND: "funds",
            Kind.EDITION: "editions",
        }.get(kind)
        if source is not None:
            dv = DataValidation(type="list", formula1=f"={self.ranges[source]}", allow_blank=True)
        elif kind is Kind.BOOL:
            dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        elif kind is Kind.AMOUNT_UNIT:
            dv = DataValidation(type="list", formula1=f'"{",".join(UNITS)}"', allow_blank=True)
        else:
            return None
        # Codes: the bundled catalog is partial, so a code outside the list only warns.
        dv.errorStyle = "warning" if kind in _CODE_KINDS else "stop"
        dv.showErrorMessage = True
        dv.errorTitle = "不在列表中"
        dv.error = (
            "科目表中没有这个编码；如确有此科目，请在「自定义科目」表中补充名称"
            if kind in _CODE_KINDS
            else "请从下拉列表中选择"
        )
        return dv


# ---------------------------------------------------------------- sheets


def _write_form(
    ws: Worksheet, sheet: FormSheet, report: Report, lists: _Lists, extra: list[tuple[str, Any]]
) -> None:
    """Label/value rows; `extra` are additional (label, amount) rows (上年数 by 类)."""
    for col, (text, width) in enumerate(zip(FORM_HEADERS, (42, 56, 48), strict=True), start=1):
        cell = ws.cell(1, col, text)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.cell(1, 1).comment = _comment(sheet.note)
    ws.freeze_panes = "B2"
    row = 2
    for leaf in sheet.leaves:
        ws.cell(row, 1, leaf.title).style = "jz-plain"
        value = _form_value(report, leaf)
        where = f"「{sheet.name}」的「{leaf.title}」"
        _style_value(_put(ws, row, 2, _cell_value(leaf, value), where), leaf)
        ws.cell(row, 3, leaf.note).style = "jz-note"
        dv = lists.validation(leaf.kind)
        if dv is not None:
            dv.add(f"B{row}")
            ws.add_data_validation(dv)
        row += 1
    money = Leaf("", "", "", Kind.MONEY, False, "")
    for label_text, amount in extra:
        ws.cell(row, 1, label_text).style = "jz-plain"
        _style_value(_put(ws, row, 2, _cell_value(money, amount), label_text), money)
        ws.cell(row, 3, "金额，单位：元").style = "jz-note"
        row += 1


def _form_value(report: Report, leaf: Leaf) -> Any:
    if leaf.path.startswith("unit_self_eval."):
        # No evaluation: every cell blank (not its defaults), so none is read back.
        evaluation = report.unit_self_eval
        if evaluation is None:
            return None
        return get_path(evaluation, leaf.path.removeprefix("unit_self_eval."))
    return get_path(report, leaf.path)


def _write_table(
    ws: Worksheet,
    sheet: TableSheet,
    rows: Iterable[dict[str, Any]],
    lists: _Lists,
    example: dict[str, Any] | None,
) -> None:
    columns = sheet.columns
    _table_header(ws, sheet)
    r = sheet.first_data_row
    if example is not None:
        _table_row(ws, sheet, r, example, where=f"「{sheet.name}」示例")
        marker = ws.cell(r, 1, EXAMPLE)
        for c in range(1, len(columns) + 2):
            ws.cell(r, c).font = _EXAMPLE_FONT
            ws.cell(r, c).fill = _EXAMPLE_FILL
        marker.alignment = Alignment(horizontal="center")
        r += 1
    for values in rows:
        _table_row(ws, sheet, r, values, where=f"「{sheet.name}」第{r}行")
        r += 1
    last = max(r - 1, sheet.first_data_row) + _VALIDATION_ROWS
    for i, column in enumerate(columns, start=2):
        if column.leaf is None:
            continue
        letter = get_column_letter(i)
        span = f"{letter}{sheet.first_data_row}:{letter}{last}"
        dv = lists.validation(column.leaf.kind)
        if column.leaf.path == "level1":
            dv = _level1()
        elif column.leaf.path == layout.PROJECT:
            dv = _project_names()
        if dv is not None:
            dv.add(span)
            ws.add_data_validation(dv)
        if column.leaf.kind in _CODE_KINDS:
            # Codes typed later in the column stay text too (the format is the cell's).
            for rr in range(r, r + 200):
                ws.cell(rr, i).style = "jz-code-blank"


def _project_names() -> DataValidation:
    """项目资金/项目指标 rows pick their project from the 项目自评 sheet's names."""
    sheet = layout.SELF_EVALS.name
    index = [c.leaf.path if c.leaf else "" for c in layout.SELF_EVALS.columns].index("name")
    col = get_column_letter(index + 2)
    dv = DataValidation(type="list", formula1=f"='{sheet}'!${col}$3:${col}$5000", allow_blank=True)
    dv.errorStyle = "warning"
    dv.showErrorMessage = True
    dv.errorTitle = "项目名称"
    dv.error = f"「{sheet}」表中没有这个项目；请先在那里填写项目，名称须一致"
    return dv


def _level1() -> DataValidation:
    """一级指标 as the self-evaluation tables name them; others only warn."""
    dv = DataValidation(
        type="list", formula1='"产出指标,效益指标,满意度指标,成本指标"', allow_blank=True
    )
    dv.errorStyle = "warning"
    return dv


def _table_header(ws: Worksheet, sheet: TableSheet) -> None:
    columns = sheet.columns
    marker = ws.cell(1, 1, MARKER)
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    marker.comment = _comment(f"{sheet.note}。本列写有「{EXAMPLE}」的灰色行是示例，不会导入")
    ws.column_dimensions["A"].width = 6
    i = 0
    while i < len(columns):
        col = i + 2
        column = columns[i]
        head = ws.cell(1, col, column.header)
        if not column.label:
            ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
            head.comment = _comment(column.note)
            i += 1
        else:
            j = i
            while (
                j + 1 < len(columns)
                and columns[j + 1].label
                and (columns[j + 1].header == column.header)
            ):
                j += 1
            if j > i:
                ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=j + 2)
            for k in range(i, j + 1):
                sub = ws.cell(2, k + 2, columns[k].label)
                sub.comment = _comment(columns[k].note)
            i = j + 1
    for c in range(1, len(columns) + 2):
        for rr in (1, 2):
            cell = ws.cell(rr, c)
            cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, column in enumerate(columns, start=2):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.row_dimensions[2].height = 42
    frozen = 2
    for i, column in enumerate(columns[:3], start=2):
        if column.leaf is None or column.leaf.kind in (*_CODE_KINDS, Kind.KEY):
            frozen = i + 1
    ws.freeze_panes = f"{get_column_letter(frozen)}3"


def _table_row(
    ws: Worksheet, sheet: TableSheet, r: int, values: dict[str, Any], *, where: str
) -> None:
    for i, column in enumerate(sheet.columns, start=2):
        key = column.leaf.path if column.leaf else column.header
        raw = values.get(key)
        value = _cell_value(column.leaf, raw) if column.leaf else raw
        cell = _put(ws, r, i, value, f"{where}「{column.label or column.header}」")
        _style_value(cell, column.leaf)


# ---------------------------------------------------------------- rows from a report


def _flat(record: object, sheet: TableSheet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in sheet.columns:
        if column.leaf is not None and column.leaf.path != layout.PROJECT:
            out[column.leaf.path] = get_path(record, column.leaf.path)
    return out


def _functional_name(report: Report, code: str) -> str:
    if code == "":
        return "年初预算总数"
    custom = {c.code: c.name for c in report.custom_codes}
    return catalog.functional().name(code, report.unit.year) or custom.get(code, "")


def _table_rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
    rows = _ROWS.get(sheet.name)
    if rows is None:  # pragma: no cover - a sheet added to layout.SHEETS without rows here
        raise AssertionError(sheet.name)
    return rows(sheet, report)


RowsOf = Callable[[TableSheet, Report], Iterator[dict[str, Any]]]


def _records(of: Callable[[Report], Iterable[object]]) -> RowsOf:
    """The rows of a table of records, one per record `of` the report gives."""

    def rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
        return (_flat(record, sheet) for record in of(report))

    return rows


def _coded_rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
    """收入支出 or 年初预算: each row with its 科目's name beside it."""
    records: tuple[Any, ...] = report.ledger if sheet is layout.LEDGER else report.budget
    for rec in records:
        yield {**_flat(rec, sheet), layout.INFO_NAME: _functional_name(report, rec.code)}


def _econ_rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
    economic, year = catalog.economic(), report.unit.year
    for econ in report.econ:
        yield {**_flat(econ, sheet), layout.INFO_NAME: economic.name(econ.code, year)}


def _reason_rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
    for reason in report.reasons:
        yield {**_flat(reason, sheet), layout.INFO_ABOUT: _about(reason.key, report)}


def _project_parts(part: str) -> RowsOf:
    """The rows of a table of each project's `part` (资金, 指标), the project named."""

    def rows(sheet: TableSheet, report: Report) -> Iterator[dict[str, Any]]:
        for se in report.self_evals:
            for record in getattr(se, part):
                yield {layout.PROJECT: se.name, **_flat(record, sheet)}

    return rows


def _unit_part(part: str) -> Callable[[Report], Iterable[object]]:
    """The unit's own evaluation's `part` (none without the evaluation)."""

    def of(report: Report) -> Iterable[object]:
        evaluation = report.unit_self_eval
        return getattr(evaluation, part) if evaluation else ()

    return of


_ROWS: dict[str, RowsOf] = {
    layout.LEDGER.name: _coded_rows,
    layout.BUDGET.name: _coded_rows,
    layout.ECON.name: _econ_rows,
    layout.VEHICLE_ITEMS.name: _records(lambda r: r.sangong.vehicle_operation_items),
    layout.REASONS.name: _reason_rows,
    layout.SELF_EVALS.name: _records(lambda r: r.self_evals),
    layout.FUNDING.name: _project_parts("funding"),
    layout.INDICATORS.name: _project_parts("indicators"),
    **{name: _records(_unit_part(part)) for name, part in layout.UNIT_TABLES.items()},
    layout.CUSTOM_CODES.name: _records(lambda r: r.custom_codes),
}


def prior_class_rows(report: Report) -> list[tuple[str, Any]]:
    """上年数 by 类: every 类 of the catalog, then any other code the report holds."""
    year = report.unit.year
    by_code = {c.code: c.amount for c in report.prior.general_by_class}
    classes = [e.code for e in catalog.functional() if e.level == "类"]
    extra = [c for c in by_code if c not in classes]
    return [
        (
            f"{PRIOR_CLASS_PREFIX}{code} {catalog.functional().name(code, year)}".rstrip(),
            by_code.get(code),
        )
        for code in [*classes, *extra]
    ]


# ---------------------------------------------------------------- the workbook


def write_template(path: str | os.PathLike[str], report: Report | None = None) -> Path:
    """Write the fill-in workbook; with `report`, filled with its figures.

    Raises `TemplateError` when a text cannot be stored in a cell, `SaveError` when the
    file cannot be written (the previous file is then untouched, see `atomic`).
    """
    empty = report is None
    rep = report if report is not None else Report()
    wb = Workbook()
    for blank in list(wb.worksheets):
        wb.remove(blank)
    _register_styles(wb)
    sheets = {sheet.name: wb.create_sheet(sheet.name) for sheet in layout.SHEETS}
    lists = _Lists(wb, rep.unit.year)
    for sheet in layout.SHEETS:
        ws = sheets[sheet.name]
        if isinstance(sheet, FormSheet):
            extra = prior_class_rows(rep) if sheet is layout.PRIOR_FORM else []
            _write_form(ws, sheet, rep, lists, extra)
            continue
        rows: list[dict[str, Any]] = list(_table_rows(sheet, rep))
        if empty and sheet is layout.REASONS:
            rows = [{"key": k, layout.INFO_ABOUT: _about(k, rep)} for k in COMMON_REASONS]
        example = EXAMPLES.get(sheet.name) if empty else None
        if example is not None:
            example = _with_info(sheet, example, rep)
        _write_table(ws, sheet, rows, lists, example)
    wb.properties.title = "决算公开助手填报模板"
    wb.properties.creator = _AUTHOR
    out = Path(path)
    with replacing(out, verb="写出") as stream:
        wb.save(stream)
    return out


def _with_info(sheet: TableSheet, example: dict[str, Any], report: Report) -> dict[str, Any]:
    if sheet is layout.REASONS:
        return {**example, layout.INFO_ABOUT: _about(example["key"], report)}
    code = example.get("code")
    if not isinstance(code, str):
        return example
    if sheet is layout.ECON:
        return {**example, layout.INFO_NAME: catalog.economic().name(code, report.unit.year)}
    if sheet in (layout.LEDGER, layout.BUDGET):
        return {**example, layout.INFO_NAME: _functional_name(report, code)}
    return example


__all__ = ["TemplateError", "write_template"]
