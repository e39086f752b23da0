"""Excel renderer: [Grid] → one workbook, one print-ready sheet per table.

Each sheet looks like the official table: the title merged and bold (宋体), 「公开NN表」
at the right, the 部门名称/年度/金额单位 line, the grid with thin borders, wrapped and
centred headers, amounts right-aligned as ``#,##0.00`` (blank for no figure), then the
注 line and, for an empty table, 「说明：本表无数据」. Print setup: A4, landscape where
the edition says so, one page wide, header rows repeated, centred horizontally.

Every text cell is written as a string, never a formula: officer text such as
``=HYPERLINK(…)`` or ``+1`` stays literal text.

Written with xlsxwriter, which writes cells straight out with a format from a small
cache; openpyxl (which the importers and the fill-in template use) re-derived a style
and a border per cell and merged range, and took 35 s for a workbook of 1,000 projects.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from io import StringIO
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.packager import Packager  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from desktop.core.atomic import Stream, replacing
from desktop.core.grid import Align, Grid, Style, decimal_places
from desktop.core.grid import Cell as GridCell

if TYPE_CHECKING:
    from desktop.core.exporters.xlsx_text import TextSheet

FONT = "宋体"
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"
_PADDING = 5 / 7  # a column's padding, in character widths
_TITLE_ROWS = 3  # title, 公开NN表, 部门名称/年度/金额单位
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDE = re.compile("[\u2e80-\U0010ffff]")  # characters two column units wide (CJK)
_BOLD = (Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING)


def sheet_name(grid: Grid) -> str:
    """The sheet's tab: the grid's, as Excel takes it (`tab_name`)."""
    return tab_name(grid.sheet or _label(grid))


def tab_name(text: str) -> str:
    """`text` as a sheet's tab: at most 31 UTF-16 units, none of []:*?/\\, no apostrophe
    at either end."""
    name = _SHEET_FORBIDDEN.sub("_", storable(text).replace("\n", " "))
    while len(name.encode("utf-16-le")) > 62:
        name = name[:-1]
    return name.strip("'") or "Sheet"


def _label(grid: Grid) -> str:
    return grid.label or f"{grid.number}表"


# What XML 1.0 cannot hold: control characters but tab/newline/return, lone surrogates,
# U+FFFE/U+FFFF.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(text: str) -> str:
    """Text a workbook can hold. Word's manual line break (\\v) and page break (\\f),
    pasted with an officer's text, become new lines; other control characters go."""
    if text.isprintable():  # the common case, without a regex pass
        return text
    return _UNSTORABLE.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


class _Packed(StringIO):
    """XML text kept deflated in memory: what xlsxwriter would write to a temporary file.

    A streamed workbook's 5,000 sheets made 10,000 temporary files (each sheet's rows,
    then each sheet's XML), and making a file beside others being written took half a
    millisecond here (7 s of system time in all), more where a virus scanner looks at
    each one; their text deflates to a seventh. Written to in small pieces, deflated a
    piece of up to `CHUNK` characters at a time (each on its own: a deflate stream kept
    open holds a quarter of a MB, 5,000 of them over a GB), read back whole (`text`)."""

    CHUNK = 1 << 20

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[str] = []
        self._size = 0
        self._packed: list[bytes] = []

    def write(self, s: str) -> int:
        self._pending.append(s)
        self._size += len(s)
        if self._size >= self.CHUNK:
            self.pack()
        return len(s)

    def pack(self) -> None:
        """Deflate what was written since the last time."""
        if self._pending:
            self._packed.append(zlib.compress("".join(self._pending).encode("utf-8"), 1))
            self._pending, self._size = [], 0

    def text(self) -> str:
        """Everything written so far (more may be written after)."""
        done = "".join(zlib.decompress(piece).decode("utf-8") for piece in self._packed)
        return done + "".join(self._pending)

    def getvalue(self) -> str:  # how the workbook reads a part kept in memory
        return self.text()


class _Sheet(Worksheet):  # type: ignore[misc]
    """A worksheet written row by row, as the streamed workbook (xlsxwriter's
    constant_memory mode) needs: each row leaves the writer once the next begins — here
    into a `_Packed` buffer, not a temporary file.

    xlsxwriter's `merge_range` writes a range's cells at once, rows ahead included, which
    that mode cannot take; here a merged range is declared and its cells, blank in the
    first cell's format, are written with their rows."""

    def _initialize(self, init_data: dict[str, Any]) -> None:
        streamed = init_data["constant_memory"]
        super()._initialize({**init_data, "constant_memory": False})  # no temporary file
        if streamed:
            self.constant_memory = True
            self.row_data_fh = self.fh = _Packed()
            self.row_data_filename = None

    def declare_merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.merge.append([first_row, first_col, last_row, last_col])

    def finished(self) -> None:
        """The sheet's rows are all written (but the last, which xlsxwriter writes when
        the workbook is assembled): deflated until then."""
        if isinstance(self.row_data_fh, _Packed):
            self.row_data_fh.pack()

    def _opt_close(self) -> None:
        pass  # nothing to close: the rows are in memory

    def _opt_reopen(self) -> None:
        self.fh = self.row_data_fh  # the last row is written there before assembly

    def _write_optimized_sheet_data(self) -> None:
        """The <sheetData> element from the rows kept (xlsxwriter reads its temporary
        file back here)."""
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        self.fh.write(self.row_data_fh.text())
        self.row_data_fh = _Packed()  # the sheet's rows let go
        self._xml_end_tag("sheetData")


class _Packager(Packager):  # type: ignore[misc]
    """Each part of a streamed workbook (a sheet's XML above all) kept `_Packed` in memory
    rather than in a temporary file."""

    def _filename(self, xml_filename: str) -> _Packed:
        if self.filenames:  # the parts are written one after the other: the last is done
            self.filenames[-1][0].pack()
        part = _Packed()
        self.filenames.append((part, xml_filename, False))
        return part


class _Workbook(xlsxwriter.Workbook):  # type: ignore[misc]
    """xlsxwriter checks a new sheet's name against every sheet before it, which is
    quadratic in sheets (13 s for the 5,000 of a 300-unit department); here a set does.
    Names are Excel-valid already (`sheet_name`); a name taken is numbered on."""

    def __init__(self, path: str | Stream, options: dict[str, Any]) -> None:
        super().__init__(path, options)
        self._taken: set[str] = set()

    def add_sheet(self, name: str) -> _Sheet:
        unique, n = name, 1
        while unique.lower() in self._taken:
            n += 1
            suffix = f"({n})"
            unique = name[: 31 - len(suffix)] + suffix
        self._taken.add(unique.lower())
        sheet: _Sheet = self.add_worksheet(unique, worksheet_class=_Sheet)
        return sheet

    def _check_sheetname(self, sheetname: str, is_chartsheet: bool = False) -> str:
        return sheetname  # made valid and unique by `sheet_name` and `add_sheet`

    def _get_packager(self) -> Packager:
        if not self.constant_memory:
            return super()._get_packager()
        # the parts as `_Packed` text: the workbook reads them back as parts in memory
        self.in_memory = True
        return _Packager()


class _Formats:
    """The workbook's cell formats, one per distinct look (a workbook has a few dozen)."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.cache: dict[tuple[tuple[str, object], ...], Any] = {}
        self.cells: dict[tuple[Style, Align, str | None], Any] = {}

    def get(self, **props: object) -> Any:
        key = tuple(sorted(props.items()))
        fmt = self.cache.get(key)
        if fmt is None:
            fmt = self.cache[key] = self.wb.add_format({"font_name": FONT, **props})
        return fmt

    def text(self, size: int, align: str, *, bold: bool = False) -> Any:
        return self.get(font_size=size, align=align, valign="vcenter", bold=bold)

    def cell(self, cell: GridCell, number_format: str | None) -> Any:
        key = (cell.style, cell.align, number_format)
        fmt = self.cells.get(key)
        if fmt is not None:
            return fmt
        props: dict[str, object] = {
            "font_size": 10,
            "bold": cell.style in _BOLD,
            "align": cell.align.value,
            "valign": "top" if cell.style is Style.TEXT else "vcenter",
            # amounts (and only they) carry a number format: they never wrap
            "text_wrap": number_format is None or number_format == COUNT_FORMAT,
            "indent": 0 if cell.align is Align.CENTER else 1,
        }
        if cell.style not in (Style.HEADING, Style.TEXT):  # long-form prose stands unboxed
            props.update(border=1, border_color="#000000")
        if number_format is not None:
            props["num_format"] = number_format
        fmt = self.cells[key] = self.get(**props)
        return fmt


# Up to this many sheets a workbook is assembled in memory (≈130 KB a sheet: 150 MB at
# the most); beyond, it is streamed (inline strings, each sheet deflated as it is done),
# which keeps memory flat but is a fifth slower and a third larger at 1,000 projects.
IN_MEMORY_SHEETS = 1_200


DRAFT_HEADER = '&C&"宋体,Bold"&14草稿 · 未经审核，不得公开'


def write_workbook(
    grids: Iterable[Grid | TextSheet],
    path: Path,
    *,
    title: str,
    author: str,
    draft: bool = False,
) -> Path:
    """Write one sheet per grid (or sheet of prose, `xlsx_text.TextSheet`) to `path`.
    `grids` is read once, in order, so it may be a generator: no grid needs to outlive its
    sheet. A `draft` says 草稿 in every sheet's page header (on screen in Excel's page
    layout, and on every printed page).

    A workbook of up to `IN_MEMORY_SHEETS` sheets is assembled in memory as xlsxwriter
    does. A larger one (a department's thousands of 附件) is streamed: each row leaves the
    writer as the next begins and each sheet's XML is kept deflated (`_Packed`), so
    memory grows by a seventh of the text, and no temporary file is made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {
        # officer text is never a formula, a number or a link (text is written with
        # write_string anyway; these keep any other path literal too)
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    ahead = iter(grids)
    first = list(islice(ahead, IN_MEMORY_SHEETS + 1))
    if len(first) <= IN_MEMORY_SHEETS:
        _write(_handed_out(first), path, {**options, "in_memory": True}, title, author, draft)
        return path
    _write(chain(first, ahead), path, {**options, "constant_memory": True}, title, author, draft)
    return path


def _handed_out(grids: list[Grid | TextSheet]) -> Iterator[Grid | TextSheet]:
    """The grids in order, each let go as it is handed out: a thousand grids freed at
    once when the workbook is done held the interpreter (and the window) for 50–80 ms."""
    grids.reverse()
    while grids:
        yield grids.pop()


def _write(
    grids: Iterable[Grid | TextSheet],
    path: Path,
    options: dict[str, Any],
    title: str,
    author: str,
    draft: bool,
) -> None:
    from desktop.core.exporters.xlsx_text import write_text_sheet

    # the whole workbook or the previous file as it was (`desktop.core.atomic`)
    with replacing(path, verb="写出") as out:
        wb = _Workbook(out, options)
        try:
            formats = _Formats(wb)
            for grid in grids:
                if isinstance(grid, Grid):
                    sheet = wb.add_sheet(sheet_name(grid))
                    _write_sheet(sheet, grid, formats)
                else:  # a sheet of the report's prose: 封面, 目录, 概况 …
                    sheet = wb.add_sheet(tab_name(grid.name))
                    write_text_sheet(sheet, grid, formats)
                    page_setup(sheet, landscape=False)
                if draft:
                    sheet.set_header(DRAFT_HEADER, {"margin": 0.3})
                if options.get("constant_memory"):
                    sheet.finished()
            properties = {"title": storable(title), "author": storable(author)}
            if draft:
                properties.update(subject="草稿", keywords="草稿")
            wb.set_properties(properties)
            wb.close()
            sheets = wb.worksheets_objs  # let go a sheet at a time, not in one cascade
            wb.sheetnames.clear()
            while sheets:
                sheets.pop()
        except BaseException:
            wb.fileclosed = True  # its destructor would assemble it again, to no file
            raise


class _Rows:
    """Writes a sheet's cells in row order, merged ranges declared as they start."""

    def __init__(self, ws: _Sheet) -> None:
        self.ws = ws
        self.covered: dict[tuple[int, int], Any] = {}  # a merged range's other cells

    def merge(self, row: int, col: int, rows: int, cols: int, fmt: Any) -> None:
        if rows == 1 and cols == 1:
            return
        self.ws.declare_merge(row, col, row + rows - 1, col + cols - 1)
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                if (r, c) != (row, col):
                    self.covered[(r, c)] = fmt

    def blank_covered(self, row: int, first_col: int, last_col: int) -> None:
        """Blank cells of merged ranges in this row's columns first_col … last_col."""
        for c in range(first_col, last_col + 1):
            fmt = self.covered.pop((row, c), None)
            if fmt is not None:
                self.ws.write_blank(row, c, None, fmt)


def _write_sheet(ws: _Sheet, grid: Grid, formats: _Formats) -> None:
    n = grid.n_cols
    rows = _Rows(ws)
    for i, width in enumerate(grid.widths):
        # xlsxwriter adds Excel's cell padding (5 px of a 7 px digit) to the width it
        # stores; the widths here are meant as stored, as the workbook always had them
        ws.set_column(i, i, width * 1.1 + 1 - _PADDING)

    title = formats.text(16, "center", bold=True)
    ws.set_row(0, 32)
    ws.write_string(0, 0, storable(grid.title), title)
    rows.merge(0, 0, 1, n, title)
    rows.blank_covered(0, 1, n - 1)

    ws.write_string(1, n - 1, storable(_label(grid)), formats.get(font_size=10, align="right"))
    _title_line(ws, rows, grid, formats)

    top = _TITLE_ROWS  # the grid's first row (0-based)
    spans = {(m.row, m.col): m for m in grid.merges}
    height = 32.0 + 15 + 20  # the title block's rows, in points
    for r, (cells, lines) in enumerate(zip(grid.cells, _row_lines(grid), strict=True)):
        base = 16.0 if r < grid.header_rows else 15.0
        row_height = max(base * lines + 4, 20 if r < grid.header_rows else 18)
        height += row_height
        ws.set_row(top + r, row_height)
        for c, cell in enumerate(cells):
            blank = rows.covered.pop((top + r, c), None)
            if blank is not None:
                ws.write_blank(top + r, c, None, blank)
                continue
            fmt = _format(cell, formats)
            _put(ws, top + r, c, cell.value, fmt)
            m = spans.get((r, c))
            if m is not None:  # every cell of a merged range in its first cell's format
                rows.merge(top + r, c, m.rows, m.cols, fmt)

    below = top + len(grid.cells)
    footer = formats.get(font_size=9, text_wrap=True, valign="top")
    for text in _footer_lines(grid):
        per_line = max(20, int(sum(grid.widths) * 0.9))
        row_height = 15 * sum(1 + len(part) // per_line for part in text.split("\n"))
        height += row_height
        ws.set_row(below, row_height)
        ws.write_string(below, 0, storable(text), footer)
        rows.merge(below, 0, 1, n, footer)
        rows.blank_covered(below, 1, n - 1)
        below += 1

    _print_setup(ws, grid, height)


# A4 in points, less the margins _print_setup sets (0.5 in left and right, 0.6 in top and
# bottom): what one printed page holds.
_PAGE = (595.0 - 72, 842.0 - 86.4)
NEARLY_ONE_PAGE = 1.45  # a table at most this much taller than a page is fitted to one


def pages_tall(grid: Grid, height: float) -> int:
    """1 when the sheet, fitted to the page's width, is at most `NEARLY_ONE_PAGE` pages
    tall (公开04's last rows and its 注 would spill onto a second page): Excel then scales
    it to one page, as the original prints it; else 0, as many pages tall as it needs."""
    if any(row and row[0].style is Style.TEXT for row in grid.cells):
        return 0  # a report of paragraphs (自评分析报告) runs over its pages as written
    page_w, page_h = (_PAGE[1], _PAGE[0]) if grid.landscape else _PAGE
    # a column `w` characters wide as stored is about 7 w + 5 pixels, 0.75 pt each
    width = sum((w * 1.1 + 1) * 7 + 5 for w in grid.widths) * 0.75
    printed = height * min(1.0, page_w / width)
    return 1 if printed <= NEARLY_ONE_PAGE * page_h else 0


def _title_line(ws: _Sheet, rows: _Rows, grid: Grid, formats: _Formats) -> None:
    """部门名称 left, 年度 centre, 金额单位 right — split over the table's columns."""
    n = grid.n_cols
    if not grid.org_label and not grid.unit_label:  # only the 年度, centred on the page
        spots = [(0, n - 1, grid.year_label, "center")]
    elif n >= 4:
        left_end = max(2, n // 2)  # the last column of the left part (1-based)
        middle_end = n - 1 if n - 1 > left_end + 1 else left_end + 1
        spots = [
            (0, left_end - 1, grid.org_label, "left"),
            (left_end, middle_end - 1, grid.year_label, "center"),
            (n - 1, n - 1, grid.unit_label, "right"),
        ]
    else:
        spots = [
            (0, 0, grid.org_label, "left"),
            (1, 1, grid.year_label, "center"),
            (n - 1, n - 1, grid.unit_label, "right"),
        ]
    ws.set_row(2, 20)
    for first, last, text, align in spots:
        fmt = formats.text(10, align)
        ws.write_string(2, first, storable(text), fmt)  # a later spot on a column wins
        rows.merge(2, first, 1, last - first + 1, fmt)
    rows.blank_covered(2, 0, n - 1)


def _format(cell: GridCell, formats: _Formats) -> Any:
    """A grid cell's format: amounts as #,##0.00 (or the third decimal a 万元 figure has)."""
    value = cell.value
    if isinstance(value, Decimal):
        places = decimal_places(value)
        return formats.cell(cell, AMOUNT_FORMAT if places == 2 else f"#,##0.{'0' * places}")
    if isinstance(value, int):
        return formats.cell(cell, COUNT_FORMAT)
    return formats.cell(cell, None)


def _put(ws: Any, row: int, col: int, value: str | Decimal | int | None, fmt: Any) -> None:
    """One grid cell's value; text always as a string, never a formula."""
    if isinstance(value, (Decimal, int)):
        ws.write_number(row, col, value, fmt)
    elif value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_string(row, col, storable(value), fmt)


def _row_lines(grid: Grid) -> list[int]:
    """Printed lines each row needs: a merged cell wraps over the width of all its columns,
    and a cell merged down shares its lines among the rows it covers."""
    spans = {(m.row, m.col): m for m in grid.merges}
    needed = [1] * len(grid.cells)
    for r, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            value = cell.value
            if value is None or isinstance(value, Decimal):
                continue  # one line, which every row has
            m = spans.get((r, c))
            cols, rows = (m.cols, m.rows) if m else (1, 1)
            width = sum(grid.widths[c : c + cols]) + (cols - 1) / 1.1
            share = -(-_lines(str(value), width) // rows)
            for rr in range(r, r + rows):
                needed[rr] = max(needed[rr], share)
    return needed


def _lines(text: str, width: float) -> int:
    """Printed lines a wrapped text needs in a column `width` characters wide."""
    # A CJK character is about two character widths of the column unit.
    units = len(text) + len(_WIDE.findall(text))
    return max(1, -(-units // max(1, int(width * 1.1) - 1)))


def _footer_lines(grid: Grid) -> list[str]:
    lines = [grid.note] if grid.note else []
    if grid.no_data:
        lines.append(grid.empty_note)
    return lines


def _print_setup(ws: Any, grid: Grid, height: float) -> None:
    # one page wide; one tall when nearly
    page_setup(ws, landscape=grid.landscape, tall=pages_tall(grid, height))
    # the title block, and the header rows under it, print on every page
    ws.repeat_rows(0, _TITLE_ROWS + grid.header_rows - 1)
    if grid.header_rows:
        ws.freeze_panes(_TITLE_ROWS + grid.header_rows, 0)


def page_setup(ws: Any, *, landscape: bool, tall: int = 0) -> None:
    """A4, one page wide and `tall` pages tall (0: as many as needed), centred, the page
    number in the footer."""
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, tall)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header("", {"margin": 0.3})
    ws.set_footer("&C第 &P 页，共 &N 页", {"margin": 0.3})
