"""Import: a filled-in template (or an officer's own ledger sheet) → Report.

    FILE.xlsx ──check_workbook_file──> (size, zip sanity) ──openpyxl read_only──> rows
        ──forms, tables (sheets) / tolerant ledger──> values + [ImportProblem]
        ──all problems? raise WorkbookImportError : Report (+ notes)

The file is judged before any XML is parsed (`workbook_file`); the sheets are read
cell by cell (`sheets`) and here assembled into a report. Every cell that cannot be
read becomes an `ImportProblem` and reading goes on; at the end any problem means
`WorkbookImportError` carrying all of them, so nothing half-read ever reaches a
project file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

from desktop.core import catalog
from desktop.core.importers import layout, tolerant
from desktop.core.importers.layout import FormSheet, TableSheet, build
from desktop.core.importers.problems import ImportProblem, WorkbookImportError
from desktop.core.importers.sheets import (
    FormValues,
    Reader,
    Record,
    is_template_table,
    read_form,
    read_table,
)
from desktop.core.importers.workbook_file import (
    MAX_UNCOMPRESSED_BYTES as MAX_UNCOMPRESSED_BYTES,
)
from desktop.core.importers.workbook_file import MAX_WORKBOOK_BYTES as MAX_WORKBOOK_BYTES
from desktop.core.importers.workbook_file import (
    Row,
    check_workbook_file,
    formula_problems,
    open_workbook,
    sheet_rows,
)
from desktop.core.model import (
    CustomCode,
    LedgerRow,
    Reason,
    Report,
    SelfEval,
    UnitSelfEval,
)

# ---------------------------------------------------------------- building records


def _records_of(sheet: TableSheet, tables: dict[str, list[Record]]) -> tuple[Any, ...]:
    """The records a table sheet held, as its model records."""
    return tuple(build(sheet.record, rec.values) for rec in tables.get(sheet.name, []))


@dataclass
class WorkbookRead:
    """What a workbook held: the report, and notes worth telling the officer."""

    report: Report
    notes: list[str]


def read_workbook(path: str | os.PathLike[str], *, ledger_sheet: str | None = None) -> WorkbookRead:
    """Read a filled-in template (or a ledger sheet) into a report; raise on any problem.

    `ledger_sheet` names a sheet in the officer's own layout to read as the 收入支出
    ledger (header rows found by their labels, see `tolerant`); without it, a
    workbook that is not a template is searched for such a sheet.
    """
    p = check_workbook_file(path)
    wb = open_workbook(p, read_only=True)
    try:
        names = list(wb.sheetnames)
        rows = {name: sheet_rows(wb, name, p) for name in names if _wanted(name, ledger_sheet)}
    finally:
        wb.close()
    reader = Reader()
    ledger_rows = rows.get(layout.LEDGER.name)
    is_template = layout.UNIT_FORM.name in names or (
        ledger_rows is not None and is_template_table(ledger_rows)
    )
    if is_template:
        _sheets_present(names, ledger_sheet, reader)
    form, tables = _read_sheets(rows, ledger_sheet, reader)
    ledger: tuple[LedgerRow, ...] = ()
    custom: list[CustomCode] = []
    tolerant_name = _tolerant_sheet(names, rows, ledger_sheet, reader)
    if tolerant_name is not None or (not is_template and ledger_sheet is None):
        ledger, custom, tolerant_name = _read_own_ledger(p, tolerant_name, reader)
    elif layout.LEDGER.name in tables:
        ledger = _records_of(layout.LEDGER, tables)

    read = [*rows, *([tolerant_name] if tolerant_name and tolerant_name not in rows else [])]
    reader.problems += formula_problems(p, read)
    report = _assemble(form, tables, ledger, custom, reader)
    if reader.problems:
        raise WorkbookImportError(sorted(reader.problems, key=_place(names)))
    return WorkbookRead(report, reader.notes)


def _read_sheets(
    rows: dict[str, list[Row]], ledger_sheet: str | None, reader: Reader
) -> tuple[FormValues, dict[str, list[Record]]]:
    """The template's form sheets as values and its table sheets as records, in the
    layout's order; a ledger sheet in the officer's own layout is left for `tolerant`."""
    form = FormValues()
    tables: dict[str, list[Record]] = {}
    for sheet in layout.SHEETS:
        if sheet.name not in rows:
            continue
        if isinstance(sheet, FormSheet):
            read_form(rows[sheet.name], sheet, reader, form)
        elif sheet is layout.LEDGER and (
            ledger_sheet is not None or not is_template_table(rows[sheet.name])
        ):
            continue  # read tolerantly
        else:
            tables[sheet.name] = read_table(rows[sheet.name], sheet, reader)
    return form, tables


def _read_own_ledger(
    p: Path, name: str | None, reader: Reader
) -> tuple[tuple[LedgerRow, ...], list[CustomCode], str | None]:
    """The ledger rows and 科目 of the officer's own sheet `name` (None: the sheet is
    searched for), and the sheet read (None: none found, a problem)."""
    # merged header cells are only known outside read-only mode
    full = open_workbook(p, read_only=False)
    try:
        if name is None:
            name = tolerant.find_ledger_sheet(full)
            if name is None:
                reader.problem(
                    "",
                    None,
                    None,
                    "这不是本软件的填报模板，也没有找到含「科目编码」等表头的收支表；"
                    "请用「juesuan template」生成模板填写，或用 --ledger-sheet 指定工作表",
                )
                return (), [], None
            reader.notes.append(f"已从工作表「{name}」读取收支数据")
        got = tolerant.read_ledger_sheet(full[name])
        reader.problems += got.problems
        reader.notes += got.notes
        return got.rows, list(got.custom_codes), name
    finally:
        full.close()


def _place(names: list[str]) -> Callable[[ImportProblem], tuple[int, int, int]]:
    """Problems in the order an officer walks the workbook: sheet, row, column."""

    def key(p: ImportProblem) -> tuple[int, int, int]:
        sheet = names.index(p.sheet) if p.sheet in names else -1
        column = column_index_from_string(p.column) if p.column else 0
        return (sheet, p.row or 0, column)

    return key


def import_workbook(path: str | os.PathLike[str], *, ledger_sheet: str | None = None) -> Report:
    """`read_workbook` without the notes."""
    return read_workbook(path, ledger_sheet=ledger_sheet).report


# The sheets of a template without which an import would be a silent guess: the year
# and edition (never the model's defaults), and the figures.
_REQUIRED_SHEETS = (layout.UNIT_FORM.name, layout.LEDGER.name)


def _sheets_present(names: list[str], ledger_sheet: str | None, reader: Reader) -> None:
    """A template's sheets that are missing (or renamed): required ones are problems,
    the others notes; sheets the template does not have are named too."""
    ours = {s.name for s in layout.SHEETS}
    strangers = [n for n in names if n not in ours and n != ledger_sheet]
    hint = f"（工作簿中另有：{'、'.join(strangers)}；如是改了名字的工作表，请改回原名）"
    missing = [s.name for s in layout.SHEETS if s.name not in names]
    for name in missing:
        if name in _REQUIRED_SHEETS and not (name == layout.LEDGER.name and ledger_sheet):
            reader.problem(name, None, None, f"工作簿中没有这个工作表{hint if strangers else ''}")
    optional = [n for n in missing if n not in _REQUIRED_SHEETS]
    if optional:
        reader.notes.append(f"工作簿中没有以下工作表，相应内容未导入：{'、'.join(optional)}")
    if strangers:
        reader.notes.append(f"以下工作表不是模板中的，未导入：{'、'.join(strangers)}")


def _wanted(name: str, ledger_sheet: str | None) -> bool:
    return name == ledger_sheet or any(s.name == name for s in layout.SHEETS)


def _tolerant_sheet(
    names: list[str],
    rows: dict[str, list[Row]],
    ledger_sheet: str | None,
    reader: Reader,
) -> str | None:
    """The sheet to read as an officer's own ledger, if any."""
    if ledger_sheet is not None:
        if ledger_sheet not in names:
            reader.problem(
                ledger_sheet, None, None, f"工作簿中没有这个工作表（有：{'、'.join(names)}）"
            )
            return None
        if ledger_sheet != layout.LEDGER.name and layout.LEDGER.name in rows:
            reader.notes.append(
                f"按指定读取了「{ledger_sheet}」作为收支数据，未读取「{layout.LEDGER.name}」表"
            )
        return ledger_sheet
    ledger_rows = rows.get(layout.LEDGER.name)
    if ledger_rows is not None and not is_template_table(ledger_rows):
        return layout.LEDGER.name
    return None


def _assemble(
    form: FormValues,
    tables: dict[str, list[Record]],
    ledger: tuple[LedgerRow, ...],
    custom_from_ledger: list[CustomCode],
    reader: Reader,
) -> Report:
    values: dict[str, Any] = dict(form.values)
    t = tables.get
    reasons = tuple(
        Reason(rec.values["key"], rec.values["text"])
        for rec in t(layout.REASONS.name, [])
        if rec.values.get("text")  # a listed key without text is no reason yet
    )
    values.update(
        {
            "ledger": ledger,
            "budget": _records_of(layout.BUDGET, tables),
            "econ": _records_of(layout.ECON, tables),
            "sangong.vehicle_operation_items": _records_of(layout.VEHICLE_ITEMS, tables),
            "prior.general_by_class": tuple(form.prior_classes),
            "reasons": reasons,
            "self_evals": _self_evals(tables, reader),
            "custom_codes": _custom_codes(tables, custom_from_ledger, reader),
        }
    )
    unit_eval = _unit_self_eval(values, tables)
    if unit_eval is not None:
        values["unit_self_eval"] = unit_eval
    report: Report = build(Report, values)
    return report


def _custom_codes(
    tables: dict[str, list[Record]], custom_from_ledger: list[CustomCode], reader: Reader
) -> tuple[CustomCode, ...]:
    """The 科目 of the 自定义科目 sheet, then those the officer's ledger added, then
    those the ledger and budget rows name that the catalog does not have (a note each)."""
    custom = [build(CustomCode, rec.values) for rec in tables.get(layout.CUSTOM_CODES.name, [])]
    known = {c.code for c in custom}
    functional = catalog.functional()
    for c in custom_from_ledger:
        if c.code not in known:
            custom.append(c)
            known.add(c.code)
    for sheet in (layout.LEDGER, layout.BUDGET):
        for rec in tables.get(sheet.name, []):
            code = rec.values.get("code", "")
            name = rec.info.get(layout.INFO_NAME, "")
            if code and name and code not in functional and code not in known:
                custom.append(CustomCode(code, name))
                known.add(code)
                reader.notes.append(f"科目「{code} {name}」不在科目表中，已作为自定义科目导入")
    return tuple(custom)


def _unit_self_eval(values: dict[str, Any], tables: dict[str, list[Record]]) -> UnitSelfEval | None:
    """The unit's own evaluation, its form's values taken out of `values`; None when no
    cell of the form and no row of its tables holds anything."""
    evaluation = {
        k.removeprefix("unit_self_eval."): v
        for k, v in values.items()
        if k.startswith("unit_self_eval.")
    }
    for k in [k for k in values if k.startswith("unit_self_eval.")]:
        del values[k]
    lists = {
        layout.UNIT_TABLES[sheet.name]: _records_of(sheet, tables)
        for sheet in layout.SHEETS
        if isinstance(sheet, TableSheet) and sheet.name in layout.UNIT_TABLES
    }
    if not evaluation and not any(lists.values()):
        return None
    unit_eval: UnitSelfEval = dataclasses.replace(build(UnitSelfEval, evaluation), **lists)
    return unit_eval


def _self_evals(tables: dict[str, list[Record]], reader: Reader) -> tuple[SelfEval, ...]:
    projects: dict[str, tuple[int, dict[str, Any]]] = {}
    for rec in tables.get(layout.SELF_EVALS.name, []):
        name = rec.values["name"]
        if name in projects:
            reader.problem(
                layout.SELF_EVALS.name,
                rec.row,
                2,
                f"项目名称「{name}」重复（第{projects[name][0]}行已有），资金和指标无法对应",
            )
            continue
        projects[name] = (rec.row, rec.values)
    funding: dict[str, list[Any]] = {n: [] for n in projects}
    indicators: dict[str, list[Any]] = {n: [] for n in projects}
    for sheet, bucket in ((layout.FUNDING, funding), (layout.INDICATORS, indicators)):
        for rec in tables.get(sheet.name, []):
            values = dict(rec.values)
            name = values.pop(layout.PROJECT)
            if name not in bucket:
                reader.problem(
                    sheet.name,
                    rec.row,
                    2,
                    f"项目「{name}」不在「{layout.SELF_EVALS.name}」表中，请先在那里填写该项目",
                )
                continue
            bucket[name].append(build(sheet.record, values))
    return tuple(
        dataclasses.replace(
            build(SelfEval, values),
            funding=tuple(funding[name]),
            indicators=tuple(indicators[name]),
        )
        for name, (_row, values) in projects.items()
    )


__all__ = [
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "WorkbookRead",
    "check_workbook_file",
    "import_workbook",
    "read_workbook",
]
