"""Word renderer of a table grid: the third renderer of the one `Grid` (after Excel and PDF).

    Grid + text width ──grid_blocks──> title · 公开NN表 · 部门名称/年度/金额单位 line ·
                                       a real Word table · 注 line · empty-table 说明

The table is what an officer can edit in Word: fixed column widths (the grid's, scaled to
the page's text width, so no table runs past the margin), merged header cells from the
grid's merges (``gridSpan`` across, ``vMerge`` down), the header rows repeated on every
page (``tblHeader``) and shaded as in the PDF, rows kept whole across pages, thin borders,
amounts right-aligned as the grid prints them (``1,234.56``; the grid's number format),
bold 合计/类 rows. Long-form prose rows of an attachment stand unboxed, as in the other
two renderers. The type size follows the width available per character, as in the PDF.
The page's orientation is the caller's (`word`): one section per run of landscape tables.

A long-form sheet (a 自评分析报告, a 评价报告) is set as the document it stands for, as the
PDF sets it (`long_form`): its label and title, its cover block on a page of its own, then
headings, paragraphs at text size and each run of table rows a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.exporters.long_form import DATE_LINE, blocks, cover_end, is_long_form, row_kind
from desktop.core.exporters.word_xml import (
    BODY_FONT,
    HEADING_FONT,
    Look,
    paragraph,
    pt,
    run,
    twips,
)
from desktop.core.grid import Align, Cell, Grid, Style

TABLE_STYLE = "JuesuanTable"  # the paragraph style of cell text (宋体, single spacing)
NOTE_STYLE = "JuesuanTableNote"
TITLE_STYLE = "JuesuanTableTitle"
PROSE_STYLE = "JuesuanBody"  # body text, as the report's text parts
ANNEX_STYLES = {1: "JuesuanAnnex1", 2: "JuesuanAnnex2", 3: "JuesuanAnnex3"}  # a 附件's headings
BOLD = frozenset({Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING})
UNBOXED = frozenset({Style.TEXT, Style.HEADING})
HEADER_SHADE = "F2F2F2"  # the PDF's header rows (0.95 grey)
LEADING = 1.18  # × the type size, as the PDF sets cell text
CELL_MARGIN = 57  # twips (1 mm) left and right of a cell's text
_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def type_size(grid: Grid, text_width_pt: float) -> float:
    """The table's type size: what the width per character allows, 5.5–9 pt, in half points
    (the PDF's rule, `pdf._base_size`)."""
    return round(max(5.5, min(9.0, text_width_pt / sum(grid.widths) * 1.9)) * 2) / 2


NEARLY_ONE_PAGE = 1.45  # a table at most this much taller than a page is set to fit one
SMALLEST = 6.5  # points: never smaller to fit
_WIDE = re.compile("[\u2e80-\U0010ffff]")  # characters a full em wide (CJK, full-width)


def fitted_size(grid: Grid, text_width: int, text_height: int) -> float:
    """The table's type size (`type_size`), smaller — as the PDF sets it, step by step,
    never below `SMALLEST` — when that keeps a table nearly one page tall on one page
    (公开04's last rows, a 自评表's last lines). Word fits nothing itself: the height is
    estimated from the text each row wraps to at its columns' widths."""
    size = type_size(grid, text_width / 20)
    if not text_height:
        return size
    widths = column_twips(grid, text_width)
    room = text_height / 20
    for _ in range(6):
        used = estimated_height(grid, widths, size)
        if used <= room or used > NEARLY_ONE_PAGE * room or size <= SMALLEST:
            break
        size = max(SMALLEST, round(size * 0.92 * 2) / 2)
    return size


def estimated_height(grid: Grid, widths: list[int], size: float) -> float:
    """Points the grid takes with its title block and notes at `size` (an estimate: a
    full-width character is `size` wide, any other 0.55 of it)."""
    spans = {(m.row, m.col): m for m in grid.merges}
    lines = [1] * len(grid.cells)
    for r, row in enumerate(grid.cells):
        for c, cell in enumerate(row):
            text = cell.text
            if not text:
                continue
            m = spans.get((r, c))
            cols, rows = (m.cols, m.rows) if m else (1, 1)
            width = (sum(widths[c : c + cols]) - 2 * CELL_MARGIN) / 20
            share = -(-_wrapped(text, width, size) // rows)
            for covered in range(r, r + rows):
                lines[covered] = max(lines[covered], share)
    body = sum(n * size * LEADING + 2.2 for n in lines)  # 2.2: the cells' top and bottom
    notes = sum(_wrapped(t, sum(widths) / 20, 9) for t in (grid.note, grid.empty_note) if t)
    return 16 * 1.45 + 4 + 2 * (9 * 1.3 + 2) + body + notes * 9 * 1.3 + 6


def _wrapped(text: str, width: float, size: float) -> int:
    """Lines `text` wraps to in `width` points at `size`."""
    total = 0
    for piece in text.split("\n"):
        wide = len(_WIDE.findall(piece))
        length = wide * size + (len(piece) - wide) * size * 0.55
        total += max(1, -(-int(length) // max(1, int(width))))
    return total


def column_twips(grid: Grid, text_width: int) -> list[int]:
    """The grid's relative widths scaled to `text_width` twips exactly."""
    total = sum(grid.widths)
    widths = [int(w / total * text_width) for w in grid.widths]
    widths[-1] += text_width - sum(widths)
    return widths


@dataclass(frozen=True)
class GridBlocks:
    """A grid as body XML: the title's runs (its paragraph the caller's, to decorate with a
    bookmark, a 目录 entry or a page break), the runs of a label line above it (a long-form
    sheet's 「附件1」; "" for none) and everything after it."""

    title_runs: str
    rest: str
    label_runs: str = ""


def grid_blocks(grid: Grid, text_width: int, text_height: int = 0) -> GridBlocks:
    """The grid as Word blocks for a page whose text is `text_width` twips wide and, when
    given, `text_height` twips tall (a nearly-one-page table is then set smaller to fit)."""
    if is_long_form(grid):
        return long_form_blocks(grid, text_width)
    size = fitted_size(grid, text_width, text_height)
    label = grid.label or f"{grid.number}表"
    info = _info_line(grid, text_width)
    parts = [
        paragraph(run(label), style=NOTE_STYLE, align="right", keep_next=True),
        info,
        SEPARATOR,
        _table(grid, column_twips(grid, text_width), size),
    ]
    if grid.note:
        parts.append(paragraph(run(grid.note), style=NOTE_STYLE))
    if grid.no_data:
        parts.append(paragraph(run(grid.empty_note), style=NOTE_STYLE))
    return GridBlocks(run(grid.title), "".join(parts))


def long_form_blocks(grid: Grid, text_width: int) -> GridBlocks:
    """A long-form sheet as a document: the year under the title; the cover block (the
    headings before the first numbered one, the date lower down) ending its page; then
    headings, paragraphs and tables."""
    kinds = [row_kind(row) for row in grid.cells]
    end = cover_end(grid, kinds)
    out = []
    if grid.year_label:
        out.append(
            paragraph(
                run(grid.year_label, Look(size=12)),
                style=PROSE_STYLE,
                align="center",
                extra_ppr='<w:ind w:firstLine="0"/>',
            )
        )
    for i, row in enumerate(grid.cells[:end]):
        text = row[0].text
        last = i == end - 1
        breaks = '<w:r><w:br w:type="page"/></w:r>' if last else ""
        # the PDF's spacing: 24 mm above the block, 10 pt between its lines, 30 mm above a date
        if DATE_LINE.fullmatch(text):
            look, align, before, indent = Look(font=BODY_FONT, size=14), "center", twips(30), 0
        else:
            look, align, before, indent = Look(font=HEADING_FONT, size=14), "left", 200, 720
        before += twips(24) if i == 0 else 0
        spacing = f'<w:spacing w:before="{before}"/><w:ind w:left="{indent}"/>'
        out.append(paragraph(run(text, look) + breaks, align=align, extra_ppr=spacing))
    for block in blocks(grid, kinds, end):
        if block.kind == "paragraph":
            out.append(paragraph(run(block.text), style=PROSE_STYLE))
        elif block.kind == "heading":
            out.append(paragraph(run(block.text), style=ANNEX_STYLES[block.level]))
        elif block.grid is not None:
            part = block.grid
            widths = column_twips(part, text_width)
            out.append(_table(part, widths, type_size(part, text_width / 20)))
            out.append(SEPARATOR.replace("<w:keepNext/>", ""))  # tables apart (see SEPARATOR)
    if grid.note:
        out.append(paragraph(run(grid.note), style=NOTE_STYLE))
    label = run(grid.label, Look(font=HEADING_FONT, size=12))
    return GridBlocks(run(grid.title), "".join(out), label_runs=label)


# Two tables one after the other are one table to Word (and LibreOffice): a paragraph a
# point and a half high keeps the info line's row out of the table under it.
SEPARATOR = paragraph(
    "",
    style=NOTE_STYLE,
    keep_next=True,
    extra_ppr='<w:spacing w:before="0" w:after="0" w:line="30" w:lineRule="exact"/>',
)


def _info_line(grid: Grid, text_width: int) -> str:
    """部门名称 at the left, 年度 centred, 金额单位 at the right: a borderless row over half,
    a quarter and a quarter of the width, as the PDF sets it (a long unit name wraps in its
    half instead of pushing the others along)."""
    widths = [text_width // 2, text_width // 4, text_width - text_width // 2 - text_width // 4]
    spots = [(grid.org_label, "left"), (grid.year_label, "center"), (grid.unit_label, "right")]
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>'
        f"{paragraph(run(text), style=NOTE_STYLE, align=align, keep_next=True)}</w:tc>"
        for w, (text, align) in zip(widths, spots, strict=True)
    )
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    none = "".join(
        f'<w:{side} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{text_width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f"<w:tblGrid>{grid_cols}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr></w:tbl>"
    )


def _table(grid: Grid, widths: list[int], size: float) -> str:
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="24" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f"<w:tblGrid>{grid_cols}</w:tblGrid>"
    )
    starts = {(m.row, m.col): m for m in grid.merges}
    below: dict[tuple[int, int], int] = {}  # (row, col) under a merge's first row → its cols
    beside: set[tuple[int, int]] = set()  # cells a merge covers in its own rows, but first
    for m in grid.merges:
        for r in range(m.row, m.row + m.rows):
            for c in range(m.col, m.col + m.cols):
                if c != m.col:
                    beside.add((r, c))
            if r != m.row:
                below[(r, m.col)] = m.cols
    rows = []
    for r, cells in enumerate(grid.cells):
        header = r < grid.header_rows
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else _KEEP_ROW
        out = [f"<w:tr>{trpr}"]
        for c, cell in enumerate(cells):
            if (r, c) in beside:
                continue
            span = below.get((r, c))
            if span is not None:  # under a merged cell: continues it
                out.append(_cell(Cell(), _span(widths, c, span), span, "continue", header, size))
                continue
            first = starts.get((r, c))
            cols = first.cols if first else 1
            vmerge = "restart" if first and first.rows > 1 else ""
            out.append(_cell(cell, _span(widths, c, cols), cols, vmerge, header, size))
        out.append("</w:tr>")
        rows.append("".join(out))
    return f"{head}{''.join(rows)}</w:tbl>"


_KEEP_ROW = "<w:trPr><w:cantSplit/></w:trPr>"
_NO_BORDERS = (
    "<w:tcBorders>"
    + "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right"))
    + "</w:tcBorders>"
)


def _leading(size: float) -> str:
    """The exact line pitch of cell text, the PDF's (`pdf_grid.LEADING` × the size)."""
    return f'<w:spacing w:after="0" w:line="{round(size * LEADING * 20)}" w:lineRule="exact"/>'


def _span(widths: list[int], col: int, cols: int) -> int:
    return sum(widths[col : col + cols])


def _cell(cell: Cell, width: int, cols: int, vmerge: str, header: bool, size: float) -> str:
    tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cols > 1:
        tcpr.append(f'<w:gridSpan w:val="{cols}"/>')
    if vmerge == "restart":
        tcpr.append('<w:vMerge w:val="restart"/>')
    elif vmerge:
        tcpr.append("<w:vMerge/>")
    if cell.style in UNBOXED:
        tcpr.append(_NO_BORDERS)
    if header and cell.style not in UNBOXED:
        tcpr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/>')
    tcpr.append(f'<w:vAlign w:val="{"top" if cell.style is Style.TEXT else "center"}"/>')
    text = cell.text
    look = Look(bold=cell.style in BOLD, size=size)
    # the paragraph mark in the cell's size too: an empty cell is no taller than its row
    mark = f'<w:rPr><w:sz w:val="{pt(size)}"/></w:rPr>'
    align = _ALIGN[cell.align]
    ppr = (
        f'<w:pPr><w:pStyle w:val="{TABLE_STYLE}"/>{_leading(size)}'
        f'<w:jc w:val="{align}"/>{mark}</w:pPr>'
    )
    return (
        f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>"
        f"<w:p>{ppr}{run(text, look) if text else ''}</w:p></w:tc>"
    )
