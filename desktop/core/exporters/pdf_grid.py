"""A table `Grid` on PDF pages: laid out once, split between rows, drawn in three strokes.

    Grid + column widths (pt) + type size ──layout_grid──> GridTable (a reportlab Flowable)
        wrap   the laid-out height (the layout never depends on the frame)
        split  at a row boundary no merge crosses, header rows repeated on the next page;
               a block taller than a whole frame is cut inside, between lines of text
        draw   header shading, every line of text, every cell's box as one path

reportlab's general `Table` measures each cell through `Paragraph`s (markup parsing,
CJK line breaking) and strokes each cell's borders one segment at a time; most of the
PDF's time went there. The published tables need far less — fixed column widths, two
faces, a thin box round each cell or merged span, shaded header rows — so this module
lays a grid out directly, with the same faces, sizes, paddings, leading and vertical
centring the `Table` used, and the PDF looks the same (issue 11 measures the speed).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.core.exporters.fonts import FontSet
from desktop.core.exporters.linebreak import Measure, fill, split_by_character, units
from desktop.core.exporters.pdf_textops import place, show
from desktop.core.grid import Align, Cell, Grid, Merge, Style

PAD_LEFT = PAD_RIGHT = 3.0  # a figure never touches the rule
PAD_TOP, PAD_BOTTOM = 1.2, 1.4
LEADING = 1.18  # × the type size
BORDER = 0.5
HEADER_SHADE = colors.Color(0.95, 0.95, 0.95)
BOLD = frozenset({Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING})
UNBOXED = frozenset({Style.TEXT, Style.HEADING})  # prose rows of a long-form sheet

FIGURE = re.compile(r"[-+−－]?[\d,.]+%?")  # a cell that is a figure: its column's one digit face


@cache
def _char_width(font: str, ch: str) -> float:
    return stringWidth(ch, font, 1000)


@lru_cache(maxsize=1 << 14)
def _width(text: str, font: str, size: float) -> float:
    """A string's width; the labels of a form recur in every one of a report's 附件 (nine
    in ten widths measured are ones measured before)."""
    return stringWidth(text, font, size)


def break_lines(text: str, font: str, size: float, room: float) -> list[tuple[str, float]]:
    """`text` as the lines it prints on within `room` points, each with its width (the
    width it is placed by: closing punctuation hanging at its end left out).

    The rules of `linebreak`: no line starts with closing punctuation or ends with
    opening punctuation, a figure with its sign, %, and unit is never split unless it is
    wider than the column, no last line of one lone character. A line break in the text
    starts a new line. No text, no lines."""
    if not text:
        return []
    lines: list[tuple[str, float]] = []
    for para in text.split("\n"):
        width = _width(para, font, size)
        if width <= room:
            lines.append((para, width))
            continue
        lines += _wrapped(para, font, size, room)
    return lines


@lru_cache(maxsize=1 << 12)
def _wrapped(para: str, font: str, size: float, room: float) -> tuple[tuple[str, float], ...]:
    """A paragraph of a cell broken into lines (a form's labels recur in every 附件)."""
    measure = _measure(para, font, size)
    items = units(para, measure)
    return tuple((ln.text, ln.width) for ln in fill(items, room, split=split_by_character(measure)))


@lru_cache(maxsize=1 << 12)
def _widest_piece(text: str, font: str, size: float) -> float:
    """The widest piece of `text` a line never breaks inside (a figure with its unit)."""
    return max((u.width for u in units(text, _measure(text, font, size))), default=0.0)


def _measure(text: str, font: str, size: float) -> Measure:
    """The width of text[a:b] in one face, by running sums (linear in the text)."""
    advance = [0.0]
    for ch in text:
        advance.append(advance[-1] + _char_width(font, ch))
    scale = size / 1000
    return lambda a, b: (advance[b] - advance[a]) * scale


def cell_font(cell: Cell, fonts: FontSet, text: str | None = None) -> str:
    """A bold cell's face, except a figure: every figure of a column in the table face, so
    a 类 row's amounts do not print in other digits than the rows below it. `text`: the
    cell's text when the caller has it already."""
    if cell.style in BOLD and not (
        isinstance(cell.value, (Decimal, int))
        or FIGURE.fullmatch(cell.text if text is None else text)
    ):
        return fonts.heading
    return fonts.table


def fit_columns(grid: Grid, widths: Sequence[float], fonts: FontSet, size: float) -> list[float]:
    """The columns sized from their content, the total width kept. The room columns do
    not need for their own widest body text (money columns wider than their largest
    figure; a column gives at most a quarter of its width) goes first to columns too
    narrow for a piece never broken (「≤197,921.60元」), then to columns whose text would
    wrap (a 科目名称), each up to half its width again."""
    pads = PAD_LEFT + PAD_RIGHT
    n = len(widths)
    want = [0.0] * n  # the widest body text on one line
    floor = [0.0] * n  # the widest piece never broken
    merged = {
        (m.row + r, m.col + c)
        for m in grid.merges
        if m.cols > 1
        for r in range(m.rows)
        for c in range(m.cols)
    }
    for r in range(grid.header_rows, len(grid.cells)):
        for c, cell in enumerate(grid.cells[r]):
            if c >= n or cell.value is None or (r, c) in merged or cell.style in UNBOXED:
                continue
            text = cell.text
            if not text:
                continue
            font = cell_font(cell, fonts, text)
            for part in text.split("\n"):
                w = _width(part, font, size) + pads
                want[c] = max(want[c], w)
                if w > widths[c]:  # it wraps: how wide its widest unbreakable piece is
                    floor[c] = max(floor[c], _widest_piece(part, font, size) + pads)
    spare = [max(0.0, widths[c] - max(want[c], widths[c] * 0.75)) for c in range(n)]
    # a column of prose that wraps whatever it gets lends a little to an unbreakable piece
    lend = [
        max(0.0, min(widths[c] * 0.15, widths[c] - floor[c])) if want[c] > 1.5 * widths[c] else 0.0
        for c in range(n)
    ]
    out = list(widths)
    for goal in (floor, [min(want[c], widths[c] * 1.5) for c in range(n)]):
        if goal is floor:
            spare = [spare[c] + lend[c] for c in range(n)]
        else:  # what prose columns lent and no piece needed is theirs again
            spare = [max(0.0, spare[c] - lend[c]) for c in range(n)]
        deficit = [max(0.0, goal[c] - out[c]) for c in range(n)]
        need, have = sum(deficit), sum(spare)
        moved = min(need, have)
        if moved < 0.5:
            continue
        for c in range(n):
            out[c] += deficit[c] / need * moved - spare[c] / have * moved
            spare[c] -= spare[c] / have * moved
    return out


@dataclass(frozen=True)
class Placed:
    """One cell or merged span as laid out: where it sits and the lines it prints."""

    row: int  # within its table (fragment)
    col: int
    rows: int
    cols: int
    lines: tuple[tuple[str, float], ...]
    font: str
    align: Align
    boxed: bool


class _Layout:
    """A grid laid out once: every cell placed, every row's height, and where a page may
    end. A table split over pages never copies it: each fragment is a range of its rows."""

    __slots__ = ("below", "breakable", "cells", "first_cell", "header_rows", "heights", "keep")

    def __init__(
        self, cells: Sequence[Placed], heights: Sequence[float], keep: Sequence[bool], head: int
    ) -> None:
        self.cells, self.heights = tuple(cells), tuple(heights)
        n = len(self.heights)
        self.keep = tuple(keep) or (False,) * n  # row r keeps with row r + 1
        self.header_rows = head
        below = [0.0]  # below[r]: the height of rows 0 … r-1, added in order
        for h in self.heights:
            below.append(below[-1] + h)
        self.below = below
        # Cells run row by row: the cells placed at rows a … b-1 are those from
        # first_cell[a] up to first_cell[b].
        first, i = [], 0
        for r in range(n + 1):
            while i < len(self.cells) and self.cells[i].row < r:
                i += 1
            first.append(i)
        if any(a.row > b.row for a, b in zip(self.cells, self.cells[1:], strict=False)):
            raise ValueError("cells must be given row by row")
        self.first_cell = first
        # A page may end at boundary r (above row r) unless a merged span crosses it or
        # row r-1 is a heading or header row in the body (it goes over with what it heads).
        crossed = [False] * (n + 1)
        for p in self.cells:
            for r in range(p.row + 1, p.row + p.rows):
                crossed[r] = True
        self.breakable = [
            r == n or (r > 0 and not crossed[r] and not self.keep[r - 1]) for r in range(n + 1)
        ]


class GridTable(Flowable):
    """A laid-out grid. `frame_height` is the tallest a page frame of its orientation is:
    a block of rows taller than that can never move to a fresh page whole, so it is cut.

    A fragment of a split table shows the header rows, then rows `start` … `stop`-1 of the
    layout it shares with the whole table: splitting a table of n rows over its pages
    costs O(n) in all, not a copy of the rest of the table at every page break."""

    def __init__(
        self,
        cells: Sequence[Placed],
        heights: Sequence[float],
        widths: Sequence[float],
        *,
        size: float,
        header_rows: int,
        frame_height: float,
        keep: Sequence[bool] = (),
    ) -> None:
        super().__init__()
        layout = _Layout(cells, heights, keep, header_rows)
        head = min(header_rows, len(layout.heights))
        self._place(layout, tuple(widths), size, frame_height, head, len(layout.heights))

    def _place(
        self,
        layout: _Layout,
        widths: tuple[float, ...],
        size: float,
        frame_height: float,
        start: int,
        stop: int,
    ) -> None:
        self.layout, self.widths, self.size, self.frame_height = layout, widths, size, frame_height
        self.header_rows = layout.header_rows
        self._head = min(layout.header_rows, len(layout.heights))  # header rows it has
        self.start, self.stop = start, stop
        self.leading = size * LEADING
        self.width = sum(widths)
        below = layout.below
        if start == self._head:  # the table's own first rows: their height as added up
            self.height = below[stop]
        else:
            self.height = below[self._head] + (below[stop] - below[start])
        self.hAlign = "CENTER"

    def _view(self, start: int, stop: int) -> GridTable:
        """The header rows and rows start … stop-1 of the same layout."""
        fragment = GridTable.__new__(GridTable)
        Flowable.__init__(fragment)
        fragment._place(self.layout, self.widths, self.size, self.frame_height, start, stop)
        return fragment

    def _rows_shown(self) -> list[int]:
        """The layout's rows this table shows, top to bottom."""
        return [*range(self._head), *range(self.start, self.stop)]

    @property
    def heights(self) -> list[float]:
        return [self.layout.heights[r] for r in self._rows_shown()]

    @property
    def keep(self) -> list[bool]:
        return [self.layout.keep[r] for r in self._rows_shown()]

    def _placed(self) -> list[tuple[Placed, int, int]]:
        """Each cell shown, with its first row and its number of rows in this table."""
        lay, head, start, stop = self.layout, self._head, self.start, self.stop
        shift = head - start
        first = lay.first_cell
        out = [(p, p.row, p.rows) for p in lay.cells[: first[head]]]
        for p in lay.cells[first[start] : first[stop]]:
            out.append((p, p.row + shift, min(p.row + p.rows, stop) - p.row))
        return out

    @property
    def cells(self) -> list[Placed]:
        """The cells as placed in this table (rows counted from its own first row)."""
        return [
            p if (row, rows) == (p.row, p.rows) else replace(p, row=row, rows=rows)
            for p, row, rows in self._placed()
        ]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    # ---------------------------------------------------------------- splitting

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lay, start, stop = self.layout, self.start, self.stop
        if stop <= start:
            return []
        header = lay.below[self._head]
        room = availHeight - header
        used, cut = 0.0, 0
        for r in range(start, stop):
            used += lay.heights[r]
            if used > room + 1e-6:
                break
            if lay.breakable[r + 1]:
                cut = r + 1
        if cut and cut < stop:
            cut = self._no_lone_row(start, cut, stop)
            if cut == start:
                return []  # one row would stand alone under the header: all to the next page
            return [self._view(start, cut), self._view(cut, stop)]
        if cut:
            return [self]
        # Not one whole block fits. If it would fit a fresh page, let it go there.
        block_end = next((r for r in range(start + 1, stop + 1) if lay.breakable[r]), stop)
        block = sum(lay.heights[start:block_end])
        # reportlab marks a flowable it has already moved once: on that fresh page, cut.
        if header + block <= self.frame_height + 1e-6 and not getattr(self, "_postponed", 0):
            return []
        return self._standalone()._cut_inside(room)

    def _no_lone_row(self, start: int, cut: int, stop: int) -> int:
        """Where to end this page instead of `cut` so that neither page shows a single body
        row under its header: the next page gets at least two rows (the cut moves up to an
        earlier boundary), and this one too, unless the table was already moved once."""
        breakable = self.layout.breakable
        if stop - cut == 1:
            earlier = next((b for b in range(cut - 1, start + 1, -1) if breakable[b]), None)
            if earlier is not None:
                cut = earlier
        if cut - start == 1 and not getattr(self, "_postponed", 0):
            return start
        return cut

    def _standalone(self) -> GridTable:
        """This fragment as a table of its own (the rare cut inside a block edits rows)."""
        if self.start == self._head and self.stop == len(self.layout.heights):
            return self
        return self._with(self.cells, self.heights, self.keep)

    def _cut_inside(self, room: float) -> list[Flowable]:
        """Cut the first body block, taller than a page, to end within `room` points."""
        head, heights = self.header_rows, list(self.layout.heights)
        used, r = 0.0, head
        while r < len(heights) and used + heights[r] <= room:
            used += heights[r]
            r += 1
        # rows head..r-1 fit whole; row r is cut, keeping the lines that fit in what is left
        keep = math.floor((room - used - PAD_TOP - PAD_BOTTOM) / self.leading + 1e-6)
        if keep < 1 and r == head:
            return []  # not even a line: try the next page
        if keep < 1:
            return [self._copy_rows(0, r), self._copy_rows(r, len(heights))]
        upper, lower = self._split_row(r, keep)
        return [upper._copy_rows(0, r + 1), lower._copy_rows(r + 1, len(lower.layout.heights))]

    def _split_row(self, r: int, keep: int) -> tuple[GridTable, GridTable]:
        """The table with row `r` as two rows: its first `keep` lines, then the rest. Both
        results are the same table (one for each side of the cut) — each side is sliced."""
        lay, lead, pads = self.layout, self.leading, PAD_TOP + PAD_BOTTOM
        upper_cells: list[Placed] = []
        lower_cells: list[Placed] = []
        rest_lines = 0
        for p in lay.cells:
            if p.row <= r < p.row + p.rows:
                # the lines that fit above the cut, given the rows of the span above row r
                above = sum(lay.heights[p.row : r])
                fit = min(len(p.lines), math.floor((above + keep * lead) / lead + 1e-6))
                top = replace(p, rows=r - p.row + 1, lines=p.lines[:fit])
                bottom = replace(p, row=r + 1, rows=p.row + p.rows - r, lines=p.lines[fit:])
                rest_lines = max(rest_lines, len(bottom.lines))
                upper_cells.append(top)
                lower_cells.append(bottom)
            else:
                moved = replace(p, row=p.row + 1) if p.row > r else p
                upper_cells.append(moved)
                lower_cells.append(moved)
        heights = list(lay.heights)
        new = [
            *heights[:r],
            keep * lead + pads,
            max(1, rest_lines) * lead + pads,
            *heights[r + 1 :],
        ]
        k = lay.keep
        kept = [*k[:r], False, *k[r:]]
        # a span that began above row r now begins below the cut, after cells of rows
        # between: the layout takes its cells row by row
        lower_cells.sort(key=lambda p: (p.row, p.col))
        return self._with(upper_cells, new, kept), self._with(lower_cells, new, kept)

    def _with(
        self, cells: Sequence[Placed], heights: Sequence[float], keep: Sequence[bool]
    ) -> GridTable:
        return GridTable(
            cells,
            heights,
            self.widths,
            size=self.size,
            header_rows=self.header_rows,
            frame_height=self.frame_height,
            keep=keep,
        )

    def _copy_rows(self, a: int, b: int) -> GridTable:
        """Rows a..b-1 under the header rows (a == 0: the table's own first rows), as a
        table of its own: a merged span cut at a or b keeps its part, its text where it
        starts. Only for the cut inside a block; page breaks between blocks are views."""
        lay = self.layout
        head = self.header_rows if a >= self.header_rows else 0
        keep = [*range(head), *range(a, b)]
        index = {old: new for new, old in enumerate(keep)}
        cells = []
        for p in lay.cells:
            first = max(p.row, a) if p.row >= head else p.row
            last = min(p.row + p.rows, b) if p.row >= head else p.row + p.rows
            if first >= last or first not in index:
                continue
            lines = p.lines if first == p.row else ()  # a span's text prints where it starts
            cells.append(replace(p, row=index[first], rows=last - first, lines=lines))
        return self._with(cells, [lay.heights[r] for r in keep], [lay.keep[r] for r in keep])

    # ---------------------------------------------------------------- drawing

    def draw(self) -> None:
        canvas = self.canv
        row_heights = self.layout.heights
        tops = [self.height]
        for r in self._rows_shown():
            tops.append(tops[-1] - row_heights[r])
        lefts = [0.0]
        for w in self.widths:
            lefts.append(lefts[-1] + w)
        placed = self._placed()
        canvas.saveState()
        if self.header_rows:
            canvas.setFillColor(HEADER_SHADE)
            bottom = tops[self.header_rows]
            canvas.rect(0, bottom, self.width, self.height - bottom, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
        text = canvas.beginText()
        font = ""
        for p, row, rows in placed:
            if not p.lines:
                continue
            if p.font != font:
                font = p.font
                text.setFont(font, self.size, self.leading)
            x0, x1 = lefts[p.col], lefts[p.col + p.cols]
            top, bottom = tops[row], tops[row + rows]
            # vertically centred as reportlab's Table centres a cell's lines
            y = bottom + (PAD_BOTTOM + (top - bottom) - PAD_TOP + len(p.lines) * self.leading) / 2
            y -= self.size
            for line, width in p.lines:
                if p.align is Align.RIGHT:
                    x = x1 - PAD_RIGHT - width
                elif p.align is Align.CENTER:
                    x = (x0 + PAD_LEFT + x1 - PAD_RIGHT - width) / 2
                else:
                    x = x0 + PAD_LEFT
                place(text, x, y)
                show(text, line)
                y -= self.leading
        canvas.drawText(text)
        boxes = canvas.beginPath()
        for p, row, rows in placed:
            if p.boxed:
                top, bottom = tops[row], tops[row + rows]
                x0 = lefts[p.col]
                boxes.rect(x0, bottom, lefts[p.col + p.cols] - x0, top - bottom)
        canvas.setLineWidth(BORDER)
        canvas.setStrokeColor(colors.black)
        canvas.drawPath(boxes, stroke=1, fill=0)
        canvas.restoreState()


def layout_grid(
    grid: Grid,
    widths: Sequence[float],
    fonts: FontSet,
    size: float,
    frame_height: float,
    *,
    note: str = "",
) -> GridTable:
    """The grid's cells as lines in their faces, and each row's height: the tallest of its
    cells (a row of nothing but empty cells only its paddings, as a spacer); a merged span
    too short for its text lengthens its last row.

    `note` (the 注 or 备注 under the table) is set as an unboxed last row across the
    table, kept with the row above it: a page never holds the note alone."""
    if note:
        n, last = len(widths), len(grid.cells)
        cells_with_note = (*grid.cells, (Cell(note, Style.TEXT), *(Cell(),) * (n - 1)))
        merges = (*grid.merges, Merge(last, 0, 1, n)) if n > 1 else grid.merges
        grid = replace(grid, cells=cells_with_note, merges=merges)
    leading, pads = size * LEADING, PAD_TOP + PAD_BOTTOM
    spans = {(m.row, m.col): m for m in grid.merges}
    covered = {
        (m.row + r, m.col + c)
        for m in grid.merges
        for r in range(m.rows)
        for c in range(m.cols)
        if r or c
    }
    cells: list[Placed] = []
    heights: list[float] = []
    keep = [
        r >= grid.header_rows and any(c.style in (Style.HEADER, Style.HEADING) for c in row)
        for r, row in enumerate(grid.cells)
    ]
    if note and len(keep) > 1:
        keep[-2] = True
    for r, row in enumerate(grid.cells):
        texts = [cell.text for cell in row]  # each cell's text made once (amounts formatted)
        height = leading + pads if any(texts) else pads
        for c, cell in enumerate(row):
            if (r, c) in covered:
                continue
            m = spans.get((r, c))
            rows, cols = (m.rows, m.cols) if m else (1, 1)
            text = texts[c]
            font = cell_font(cell, fonts, text)
            room = (widths[c] if cols == 1 else sum(widths[c : c + cols])) - PAD_LEFT - PAD_RIGHT
            lines = tuple(break_lines(text, font, size, room))
            boxed = cell.style not in UNBOXED
            cells.append(Placed(r, c, rows, cols, lines, font, cell.align, boxed))
            if rows == 1:
                height = max(height, len(lines) * leading + pads)
        heights.append(height)
    for p in cells:
        if p.rows > 1:
            short = len(p.lines) * leading + pads - sum(heights[p.row : p.row + p.rows])
            if short > 0:
                heights[p.row + p.rows - 1] += short
    return GridTable(
        cells,
        heights,
        widths,
        size=size,
        header_rows=grid.header_rows,
        frame_height=frame_height,
        keep=keep,
    )
