"""Import: a filled-in template (or an officer's own ledger sheet) → Report.

    FILE.xlsx ──check_workbook_file──> (size, zip sanity) ──openpyxl read_only──> rows
        ──forms, tables (layout) / tolerant ledger──> values + [ImportProblem]
        ──all problems? raise WorkbookImportError : Report (+ notes)

The file is judged before any XML is parsed: too large, not an .xlsx, or expanding
to an absurd size (a zip bomb) is refused with `WorkbookFileError`. openpyxl parses
the XML through defusedxml (entity expansion refused); the import refuses to run
without it. Every cell that cannot be read becomes an `ImportProblem` and reading
goes on; at the end any problem means `WorkbookImportError` carrying all of them, so
nothing half-read ever reaches a project file. Amounts go through
`money.parse_amount` (see `cells`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import warnings
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml import DEFUSEDXML

from desktop.core import catalog, limits
from desktop.core.editions import edition_ids
from desktop.core.importers import cells, layout, tolerant
from desktop.core.importers.cells import CellError
from desktop.core.importers.layout import (
    EXAMPLE,
    MARKER,
    PRIOR_CLASS_PREFIX,
    FormSheet,
    Kind,
    Leaf,
    TableSheet,
    build,
)
from desktop.core.importers.problems import ImportProblem, WorkbookFileError, WorkbookImportError
from desktop.core.importers.template import TOTAL_CODE
from desktop.core.model import (
    BudgetLine,
    CodeAmount,
    CustomCode,
    EconRow,
    FundingLine,
    FundKind,
    Indicator,
    LedgerRow,
    NamedAmount,
    Reason,
    Report,
    SelfEval,
    UnitSelfEval,
)
from desktop.core.money import UNITS

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024  # an input workbook is a few MB at most
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # all parts together, as the zip declares them
MAX_MEMBER_RATIO = 200  # a part expanding more than this …
RATIO_FLOOR_BYTES = 32 * 1024 * 1024  # … and to more than this is a zip bomb
MAX_MEMBERS = 10_000

Row = Sequence[Any]


# ---------------------------------------------------------------- the file


def check_workbook_file(path: str | os.PathLike[str]) -> Path:
    """Refuse, before parsing anything, a file that is not a sane .xlsx."""
    p = Path(path)
    try:
        info = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise WorkbookFileError(f"找不到文件：{p}") from None
    except OSError as exc:
        raise WorkbookFileError(f"无法读取文件：{p}（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookFileError(f"这是一个文件夹，不是 Excel 工作簿：{p}")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never end
        raise WorkbookFileError(f"这不是普通文件（而是设备、管道等），不能作为工作簿读取：{p}")
    size = info.st_size
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookFileError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，"
            f"上限 {MAX_WORKBOOK_BYTES // 1024 // 1024} MB），不像是填报用的工作簿：{p}"
        )
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookFileError(f"无法读取文件：{p}（{exc.strerror or exc}）") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookFileError(
            f"这是旧版 .xls 或加密的工作簿，请在 Excel/WPS 中另存为不加密的 .xlsx 后再导入：{p}"
        )
    if not head.startswith(b"PK"):
        raise WorkbookFileError(f"不是 Excel 工作簿（.xlsx）：{p}")
    try:
        with zipfile.ZipFile(p) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, OSError):
        raise WorkbookFileError(damaged(p)) from None
    if len(members) > MAX_MEMBERS:
        raise WorkbookFileError(f"工作簿内部文件过多（{len(members)} 个），拒绝读取：{p}")
    # Declared sizes are what zipfile will inflate to at most: it stops at file_size
    # and a lying header then fails its CRC, so checking them bounds the work.
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookFileError(
            f"工作簿解压后过大（{total / 1024 / 1024:.0f} MB），疑似压缩炸弹，拒绝读取：{p}"
        )
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > RATIO_FLOOR_BYTES and ratio > MAX_MEMBER_RATIO:
            raise WorkbookFileError(
                f"工作簿中的「{m.filename}」压缩比异常（{ratio:.0f} 倍），"
                f"疑似压缩炸弹，拒绝读取：{p}"
            )
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise WorkbookFileError(f"不是 Excel 工作簿（.xlsx）：{p}")
    return p


def open_workbook(path: Path, *, read_only: bool, data_only: bool = True) -> Workbook:
    """openpyxl over a checked file; formulas give the values Excel last computed."""
    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise WorkbookFileError("缺少 defusedxml 组件，出于安全原因不读取工作簿，请重新安装本软件")
    try:
        with warnings.catch_warnings():
            # openpyxl warns (in English, on stderr) about parts it skips or repairs;
            # what matters reaches the officer as problems and notes
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=read_only, data_only=data_only, keep_links=False)
    except _MALFORMED:
        raise WorkbookFileError(damaged(path)) from None


# What openpyxl raises on malformed parts: xml.etree's ParseError is a SyntaxError,
# defusedxml's refusals are ValueErrors, a sheet pointing at a shared string, a style or
# a part that is not there gives IndexError or KeyError, a wrong attribute TypeError …
_MALFORMED = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
    OverflowError,
    OSError,
)


def damaged(path: Path, sheet: str = "") -> str:
    """The one message for a workbook whose parts cannot be read."""
    part = f"（工作表「{sheet}」）" if sheet else ""
    return (
        f"工作簿已损坏或格式不受支持{part}，无法读取：{path}。"
        "请在 Excel/WPS 中打开，另存为新的 .xlsx 后再导入"
    )


def sheet_rows(wb: Workbook, name: str, path: Path | None = None) -> list[Row]:
    """All rows of a read-only sheet as value tuples (row i at index i-1)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a date cell out of range: read below
            ws = wb[name]
            reset = getattr(ws, "reset_dimensions", None)
            if reset is not None:
                # Some writers record a wrong used range; read what is really there.
                reset()
            return [tuple(r) for r in ws.iter_rows(values_only=True)]
    except _MALFORMED:
        raise WorkbookFileError(damaged(path or Path(""), name)) from None


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def has_formulas(path: Path) -> bool:
    """Whether any sheet of the (checked) workbook holds a formula, without parsing it."""
    try:
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
                if sheet and _FORMULA.search(zf.read(member)):
                    return True
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        raise WorkbookFileError(damaged(path)) from None
    return False


def formula_problems(path: Path, sheets: Sequence[str]) -> list[ImportProblem]:
    """A formula whose result the file does not hold (it was written by a program, not
    saved by Excel/WPS) would read as "no figure": each is a problem at its cell."""
    if not sheets or not has_formulas(path):
        return []
    formulas = open_workbook(path, read_only=True, data_only=False)
    values = open_workbook(path, read_only=True)
    problems: list[ImportProblem] = []
    try:
        for name in sheets:
            if name not in formulas.sheetnames:
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    # the same part parsed twice: rows and cells pair up one to one
                    pairs = zip(
                        formulas[name].iter_rows(),
                        values[name].iter_rows(values_only=True),
                        strict=False,
                    )
                    for cells_f, cached in pairs:
                        for cell, value in zip(cells_f, cached, strict=False):
                            if getattr(cell, "data_type", None) == "f" and value is None:
                                problems.append(
                                    ImportProblem(
                                        name,
                                        cell.row,
                                        get_column_letter(int(cell.column or 1)),
                                        "这是公式，但文件中没有它的计算结果（文件未经 Excel/WPS "
                                        "计算保存）：请在 Excel/WPS 中打开、保存后再导入，"
                                        "或改为填写数值",
                                    )
                                )
            except _MALFORMED:
                raise WorkbookFileError(damaged(path, name)) from None
    finally:
        formulas.close()
        values.close()
    return problems


def _at(row: Row, col: int) -> Any:
    """The value in 1-based column `col`, None beyond the row's end."""
    return row[col - 1] if 0 < col <= len(row) else None


# ---------------------------------------------------------------- collecting


@dataclass
class _Reader:
    """Problems and notes gathered across the whole workbook."""

    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, sheet: str, row: int | None, col: int | None, message: str) -> None:
        letter = get_column_letter(col) if col else None
        self.problems.append(ImportProblem(sheet, row, letter, message))


def _convert(leaf: Leaf, raw: Any) -> Any:
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
class _FormValues:
    values: dict[str, Any] = field(default_factory=dict)  # Report paths
    prior_classes: list[CodeAmount] = field(default_factory=list)


def _read_form(rows: list[Row], sheet: FormSheet, reader: _Reader, out: _FormValues) -> None:
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
        if sheet is layout.PRIOR_FORM and label.startswith(PRIOR_CLASS_PREFIX):
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
            value = _convert(leaf, raw)
        except CellError as exc:
            reader.problem(sheet.name, r, 2, f"{leaf.label}：{exc}")
            continue
        if not _empty(value):
            out.values[leaf.path] = value


def _prior_class(
    label: str, raw: Any, sheet: str, r: int, reader: _Reader, out: _FormValues
) -> None:
    code = label.removeprefix(PRIOR_CLASS_PREFIX).split(" ")[0].strip()
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
class _Record:
    row: int
    values: dict[str, Any]  # leaf path → value, only cells that hold something
    info: dict[str, str]  # informational columns by header


def is_template_table(rows: list[Row]) -> bool:
    return bool(rows) and cells.text_of(_at(rows[0], 1)).strip() == MARKER


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
        out.setdefault(key, c)
    return out


def _read_table(rows: list[Row], sheet: TableSheet, reader: _Reader) -> list[_Record]:
    found = _header_keys(rows)
    where: dict[int, layout.Column] = {}
    for column in sheet.columns:
        col = found.get(column.key)
        if col is None:
            if column.leaf is not None and column.leaf.required:
                title = "：".join(t for t in column.key if t)
                reader.problem(sheet.name, 2, None, f"缺少「{title}」列（请使用本软件生成的模板）")
                return []
            continue
        where[col] = column
    expected = {c.key for c in sheet.columns}
    for key in found:
        if key not in expected:
            title = "：".join(t for t in key if t)
            reader.notes.append(f"工作表「{sheet.name}」的「{title}」列不是模板中的列，未导入")
    records: list[_Record] = []
    for r, row in enumerate(rows[2:], start=3):
        if cells.text_of(_at(row, 1)).strip() == EXAMPLE:
            continue
        values: dict[str, Any] = {}
        info: dict[str, str] = {}
        bad = False
        for col, column in where.items():
            raw = _at(row, col)
            if column.leaf is None:
                info[column.header] = cells.text_of(raw).strip()
                continue
            try:
                value = _convert(column.leaf, raw)
            except CellError as exc:
                reader.problem(sheet.name, r, col, f"{column.leaf.label}：{exc}")
                bad = True
                continue
            if not _empty(value) or (value == "" and _is_total(column.leaf, raw)):
                values[column.leaf.path] = value
        if not values and not bad:
            continue  # an empty row (its 科目名称 alone is no content)
        for col, column in where.items():
            leaf = column.leaf
            if leaf is not None and leaf.required and leaf.path not in values and not bad:
                reader.problem(sheet.name, r, col, f"{leaf.label}不能为空")
                bad = True
        if not bad:
            records.append(_Record(r, values, info))
    return records


# ---------------------------------------------------------------- building records


def _records_of(cls: type, records: list[_Record]) -> tuple[Any, ...]:
    return tuple(build(cls, rec.values) for rec in records)


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
    reader = _Reader()
    ledger_rows = rows.get(layout.LEDGER.name)
    is_template = layout.UNIT_FORM.name in names or (
        ledger_rows is not None and is_template_table(ledger_rows)
    )
    if is_template:
        _sheets_present(names, ledger_sheet, reader)
    form = _FormValues()
    tables: dict[str, list[_Record]] = {}
    for sheet in layout.SHEETS:
        if sheet.name not in rows:
            continue
        if isinstance(sheet, FormSheet):
            _read_form(rows[sheet.name], sheet, reader, form)
        elif sheet is layout.LEDGER and (
            ledger_sheet is not None or not is_template_table(rows[sheet.name])
        ):
            continue  # read below, tolerantly
        else:
            tables[sheet.name] = _read_table(rows[sheet.name], sheet, reader)

    ledger: tuple[LedgerRow, ...] = ()
    custom: list[CustomCode] = []
    tolerant_name = _tolerant_sheet(names, rows, ledger_sheet, reader)
    if tolerant_name is not None or (not is_template and ledger_sheet is None):
        # merged header cells are only known outside read-only mode
        full = open_workbook(p, read_only=False)
        try:
            if tolerant_name is None:
                tolerant_name = tolerant.find_ledger_sheet(full)
                if tolerant_name is None:
                    reader.problem(
                        "",
                        None,
                        None,
                        "这不是本软件的填报模板，也没有找到含「科目编码」等表头的收支表；"
                        "请用「juesuan template」生成模板填写，或用 --ledger-sheet 指定工作表",
                    )
                else:
                    reader.notes.append(f"已从工作表「{tolerant_name}」读取收支数据")
            if tolerant_name is not None:
                got = tolerant.read_ledger_sheet(full[tolerant_name])
                ledger = got.rows
                custom += got.custom_codes
                reader.problems += got.problems
                reader.notes += got.notes
        finally:
            full.close()
    elif layout.LEDGER.name in tables:
        ledger = _records_of(LedgerRow, tables[layout.LEDGER.name])

    read = [*rows, *([tolerant_name] if tolerant_name and tolerant_name not in rows else [])]
    reader.problems += formula_problems(p, read)
    report = _assemble(form, tables, ledger, custom, reader)
    if reader.problems:
        raise WorkbookImportError(sorted(reader.problems, key=_place(names)))
    return WorkbookRead(report, reader.notes)


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


def _sheets_present(names: list[str], ledger_sheet: str | None, reader: _Reader) -> None:
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
    reader: _Reader,
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
    form: _FormValues,
    tables: dict[str, list[_Record]],
    ledger: tuple[LedgerRow, ...],
    custom_from_ledger: list[CustomCode],
    reader: _Reader,
) -> Report:
    values: dict[str, Any] = dict(form.values)
    t = tables.get

    custom = [build(CustomCode, rec.values) for rec in t(layout.CUSTOM_CODES.name, [])]
    known = {c.code for c in custom}
    functional = catalog.functional()
    for c in custom_from_ledger:
        if c.code not in known:
            custom.append(c)
            known.add(c.code)
    for sheet in (layout.LEDGER, layout.BUDGET):
        for rec in t(sheet.name, []):
            code = rec.values.get("code", "")
            name = rec.info.get(layout.INFO_NAME, "")
            if code and name and code not in functional and code not in known:
                custom.append(CustomCode(code, name))
                known.add(code)
                reader.notes.append(f"科目「{code} {name}」不在科目表中，已作为自定义科目导入")

    reasons = tuple(
        Reason(rec.values["key"], rec.values["text"])
        for rec in t(layout.REASONS.name, [])
        if rec.values.get("text")  # a listed key without text is no reason yet
    )
    values.update(
        {
            "ledger": ledger,
            "budget": _records_of(BudgetLine, t(layout.BUDGET.name, [])),
            "econ": _records_of(EconRow, t(layout.ECON.name, [])),
            "sangong.vehicle_operation_items": _records_of(
                NamedAmount, t(layout.VEHICLE_ITEMS.name, [])
            ),
            "prior.general_by_class": tuple(form.prior_classes),
            "reasons": reasons,
            "self_evals": _self_evals(tables, reader),
            "custom_codes": tuple(custom),
        }
    )
    evaluation = {
        k.removeprefix("unit_self_eval."): v
        for k, v in values.items()
        if k.startswith("unit_self_eval.")
    }
    for k in [k for k in values if k.startswith("unit_self_eval.")]:
        del values[k]
    lists = {
        layout.UNIT_TABLES[sheet.name]: _records_of(sheet.record, t(sheet.name, []))
        for sheet in layout.SHEETS
        if isinstance(sheet, TableSheet) and sheet.name in layout.UNIT_TABLES
    }
    # Any cell of the form or any row of its tables means the unit evaluated itself.
    if evaluation or any(lists.values()):
        values["unit_self_eval"] = dataclasses.replace(build(UnitSelfEval, evaluation), **lists)
    report: Report = build(Report, values)
    return report


def _self_evals(tables: dict[str, list[_Record]], reader: _Reader) -> tuple[SelfEval, ...]:
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
    funding: dict[str, list[FundingLine]] = {n: [] for n in projects}
    indicators: dict[str, list[Indicator]] = {n: [] for n in projects}
    for sheet, cls, into in (
        (layout.FUNDING, FundingLine, funding),
        (layout.INDICATORS, Indicator, indicators),
    ):
        bucket: dict[str, list[Any]] = into
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
            bucket[name].append(build(cls, values))
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
