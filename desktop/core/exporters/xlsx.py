"""Excel renderer: [Grid] → one workbook, one print-ready sheet per table.

Each sheet looks like the official table: the title merged and bold (宋体), 「公开NN表」
at the right, the 部门名称/年度/金额单位 line, the grid with thin borders, wrapped and
centred headers, amounts right-aligned as ``#,##0.00`` (blank for no figure), then the
注 line and, for an empty table, 「说明：本表无数据」. Print setup: A4, landscape where
the edition says so, one page wide, header rows repeated, centred horizontally.

Every text cell is written as a string, never a formula: officer text such as
``=HYPERLINK(…)`` or ``+1`` stays literal text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.atomic import replacing
from desktop.core.grid import Align, Grid, Style, decimal_places
from desktop.core.grid import Cell as GridCell

FONT = "宋体"
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_ROWS = 3  # title, 公开NN表, 部门名称/年度/金额单位


def sheet_name(grid: Grid) -> str:
    return storable(grid.sheet or _label(grid)).replace("\n", " ")


def _label(grid: Grid) -> str:
    return grid.label or f"{grid.number}表"


# What XML 1.0 cannot hold (openpyxl refuses most of it with IllegalCharacterError):
# control characters but tab/newline/return, lone surrogates, U+FFFE/U+FFFF.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(text: str) -> str:
    """Text a workbook can hold. Word's manual line break (\\v) and page break (\\f),
    pasted with an officer's text, become new lines; other control characters go."""
    if text.isprintable():  # the common case, without a regex pass
        return text
    return _UNSTORABLE.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def put_text(cell: Cell | MergedCell, text: str) -> None:
    """Write literal text: a leading = + - @ never turns into a formula."""
    cell.value = storable(text)
    cell.data_type = "s"


def write_workbook(grids: Sequence[Grid], path: Path, *, title: str, author: str) -> Path:
    wb = Workbook()
    for blank in list(wb.worksheets):
        wb.remove(blank)
    styles: StyleCache = {}  # per workbook: a style record indexes the workbook's lists
    for grid in grids:
        _write_sheet(wb.create_sheet(sheet_name(grid)), grid, styles)
    wb.properties.title = storable(title)
    wb.properties.creator = storable(author)
    wb.properties.lastModifiedBy = storable(author)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, verb="写出") as out:
        wb.save(out)
    return path


def _write_sheet(ws: Worksheet, grid: Grid, styles: StyleCache) -> None:
    n = grid.n_cols
    last = get_column_letter(n)
    for i, width in enumerate(grid.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width * 1.1 + 1

    ws.merge_cells(f"A1:{last}1")
    put_text(ws["A1"], grid.title)
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32

    put_text(ws.cell(2, n), _label(grid))
    ws.cell(2, n).font = Font(name=FONT, size=10)
    ws.cell(2, n).alignment = Alignment(horizontal="right")

    _title_line(ws, grid)

    top = _TITLE_ROWS + 1
    for r, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            _put(ws.cell(top + r, c + 1), cell, styles)
    for m in grid.merges:
        merge(ws, top + m.row, m.col + 1, top + m.row + m.rows - 1, m.col + m.cols)
    needed = _row_lines(grid)
    for r, lines in enumerate(needed):
        base = 16.0 if r < grid.header_rows else 15.0
        ws.row_dimensions[top + r].height = max(
            base * lines + 4, 20 if r < grid.header_rows else 18
        )

    below = top + len(grid.cells)
    for text in _footer_lines(grid):
        ws.merge_cells(start_row=below, start_column=1, end_row=below, end_column=n)
        put_text(ws.cell(below, 1), text)
        ws.cell(below, 1).font = Font(name=FONT, size=9)
        ws.cell(below, 1).alignment = Alignment(wrap_text=True, vertical="top")
        per_line = max(20, int(sum(grid.widths) * 0.9))
        ws.row_dimensions[below].height = 15 * sum(
            1 + len(part) // per_line for part in text.split("\n")
        )
        below += 1

    _print_setup(ws, grid, top)


def merge(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge a styled range, every covered cell taking the first cell's whole style.

    openpyxl's `merge_cells` re-derives a border for each edge cell from the first one,
    hashing a new Border per cell — four fifths of the workbook's time with the 800-odd
    merges of a sample. A copy of the first cell's style record gives every edge the
    same box (spreadsheets draw a merged range's border from its edge cells and ignore
    the inner ones), as openpyxl's own clean-up does, replacing covered cells by
    `MergedCell`s in the sheet's cell map."""
    ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    ws.merged_cells.add(MergedCellRange(ws, ref))
    style: Any = ws.cell(first_row, first_col)
    cells: dict[tuple[int, int], Any] = getattr(ws, "_cells")  # noqa: B009 (not in the stubs)
    for row in range(first_row, last_row + 1):
        for col in range(first_col, last_col + 1):
            if (row, col) != (first_row, first_col):
                covered: Any = MergedCell(ws, row=row, column=col)
                covered._style = copy(style._style)
                cells[(row, col)] = covered


def _title_line(ws: Worksheet, grid: Grid) -> None:
    """部门名称 left, 年度 centre, 金额单位 right — split over the table's columns."""
    n = grid.n_cols
    if not grid.org_label and not grid.unit_label:  # only the 年度, centred on the page
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=n)
        spots = [(1, grid.year_label, "center")]
    elif n >= 4:
        left_end = max(2, n // 2)
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=left_end)
        if n - 1 > left_end + 1:
            ws.merge_cells(start_row=3, start_column=left_end + 1, end_row=3, end_column=n - 1)
        spots = [
            (1, grid.org_label, "left"),
            (left_end + 1, grid.year_label, "center"),
            (n, grid.unit_label, "right"),
        ]
    else:
        spots = [
            (1, grid.org_label, "left"),
            (2, grid.year_label, "center"),
            (n, grid.unit_label, "right"),
        ]
    for col, text, align in spots:
        cell = ws.cell(3, col)
        put_text(cell, text)
        cell.font = Font(name=FONT, size=10)
        cell.alignment = Alignment(horizontal=align, vertical="center")
    ws.row_dimensions[3].height = 20


_HORIZONTAL = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
StyleCache = dict[tuple[object, ...], StyleArray]


def _put(target: Cell | MergedCell, cell: GridCell, styles: StyleCache) -> None:
    number_format: str | None = None
    if isinstance(cell.value, Decimal):
        target.value = cell.value
        places = decimal_places(cell.value)
        number_format = AMOUNT_FORMAT if places == 2 else f"#,##0.{'0' * places}"
    elif isinstance(cell.value, int):
        target.value = cell.value
        number_format = COUNT_FORMAT
    elif cell.value is not None:
        put_text(target, str(cell.value))
    # A workbook has a few dozen distinct cell styles; openpyxl hashes every font, border
    # and alignment assigned, which dominated writing. The first cell of each style is
    # styled in full, the others take a copy of its style record.
    key = (cell.style, cell.align, cell.is_amount, number_format)
    styled: Any = target  # `_style` is openpyxl's record of a cell's style (its stubs omit it)
    cached = styles.get(key)
    if cached is not None:
        styled._style = copy(cached)
        return
    bold = cell.style in (Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING)
    target.font = Font(name=FONT, size=10, bold=bold)
    if cell.style not in (Style.HEADING, Style.TEXT):  # long-form prose stands unboxed
        target.border = _BORDER
    if number_format is not None:
        target.number_format = number_format
    target.alignment = Alignment(
        horizontal=_HORIZONTAL[cell.align],
        vertical="top" if cell.style is Style.TEXT else "center",
        wrap_text=not cell.is_amount,
        indent=1 if cell.align is not Align.CENTER else 0,
    )
    styles[key] = copy(styled._style)


def _row_lines(grid: Grid) -> list[int]:
    """Printed lines each row needs: a merged cell wraps over the width of all its columns,
    and a cell merged down shares its lines among the rows it covers."""
    spans = {(m.row, m.col): m for m in grid.merges}
    needed = [1] * len(grid.cells)
    for r, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            m = spans.get((r, c))
            cols, rows = (m.cols, m.rows) if m else (1, 1)
            width = sum(grid.widths[c : c + cols]) + (cols - 1) / 1.1
            share = -(-_lines(cell, width) // rows)
            for rr in range(r, r + rows):
                needed[rr] = max(needed[rr], share)
    return needed


def _lines(cell: GridCell, width: float) -> int:
    """Printed lines a wrapped text cell needs in a column `width` characters wide."""
    if cell.is_amount or cell.value is None:
        return 1
    # A CJK character is about two character widths of the column unit.
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in cell.text)
    return max(1, -(-units // max(1, int(width * 1.1) - 1)))


def _footer_lines(grid: Grid) -> list[str]:
    lines = [grid.note] if grid.note else []
    if grid.no_data:
        from desktop.core.grid import NO_DATA_TEXT

        lines.append(NO_DATA_TEXT)
    return lines


def _print_setup(ws: Worksheet, grid: Grid, top: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    props = ws.sheet_properties.pageSetUpPr or PageSetupProperties()
    props.fitToPage = True
    ws.sheet_properties.pageSetUpPr = props
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    last_header = top + grid.header_rows - 1 if grid.header_rows else _TITLE_ROWS
    ws.print_title_rows = f"1:{last_header}"
    footer = ws.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = "第 &P 页，共 &N 页"
    if grid.header_rows:
        ws.freeze_panes = f"A{top + grid.header_rows}"
