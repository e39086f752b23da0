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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.core.exporters.fonts import FontSet
from desktop.core.grid import Align, Grid, Style

PAD_LEFT = PAD_RIGHT = 2.0
PAD_TOP, PAD_BOTTOM = 1.0, 1.2
LEADING = 1.18  # × the type size
BORDER = 0.5
HEADER_SHADE = colors.Color(0.95, 0.95, 0.95)
BOLD = frozenset({Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING})
UNBOXED = frozenset({Style.TEXT, Style.HEADING})  # prose rows of a long-form sheet

# Line-breaking rules of Chinese typesetting (禁则): these never start a line …
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’％%…·,.;:?!)]}")
# … and these never end one.
NO_LINE_END = frozenset("（《「『【〈“‘([{")


def _wordish(ch: str) -> bool:
    """Part of a run of Latin letters or digits that should not be broken ("2024", "APP")."""
    return ch.isascii() and (ch.isalnum() or ch in ".,%-_/")


@cache
def _char_width(font: str, ch: str) -> float:
    return stringWidth(ch, font, 1000)


def break_lines(text: str, font: str, size: float, room: float) -> list[tuple[str, float]]:
    """`text` as the lines it prints on within `room` points, each with its width.

    Breaks between any two CJK characters, never inside a run of Latin letters or
    digits that fits a line, never after opening punctuation; closing punctuation that
    would start a line hangs at the end of the one before. A line break in the text
    starts a new line. No text, no lines."""
    if not text:
        return []
    lines: list[tuple[str, float]] = []
    for para in text.split("\n"):
        width = stringWidth(para, font, size)
        if width <= room:
            lines.append((para, width))
            continue
        lines += _wrap(para, font, size, room)
    return lines


def _wrap(para: str, font: str, size: float, room: float) -> list[tuple[str, float]]:
    lines: list[tuple[str, float]] = []
    limit = room * 1000 / size
    start, n = 0, len(para)
    while start < n:
        acc, i = 0.0, start
        while i < n and (acc + (w := _char_width(font, para[i])) <= limit or i == start):
            acc += w
            i += 1
        if i < n and para[i] in NO_LINE_START and not (_wordish(para[i]) and _wordish(para[i - 1])):
            # closing punctuation hangs into the margin (行末悬挂) rather than start a line
            # or pull a character down with it; the line is placed by its other characters
            line = para[start:i].rstrip(" ")
            end = i + 1
            while end < n and para[end] in NO_LINE_START and not _wordish(para[end]):
                end += 1  # 」。 hang together
            lines.append((line + para[i:end], stringWidth(line, font, size)))
            start = end
        else:
            end = i if i == n else _break_point(para, start, i)
            line = para[start:end].rstrip(" ")
            lines.append((line, stringWidth(line, font, size)))
            start = end
        while start < n and para[start] == " ":  # a space at a break is not printed
            start += 1
    return lines


def _break_point(s: str, start: int, i: int) -> int:
    """Where to end the line that overflows at `s[i]` (start < i < len(s))."""
    if s[i] == " ":
        return i
    if _wordish(s[i]) and _wordish(s[i - 1]):
        j = i - 1
        while j > start and _wordish(s[j - 1]):
            j -= 1
        if j > start:
            return j
    if s[i - 1] in NO_LINE_END and i - 1 > start:
        return i - 1
    return i


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


class GridTable(Flowable):
    """A laid-out grid. `frame_height` is the tallest a page frame of its orientation is:
    a block of rows taller than that can never move to a fresh page whole, so it is cut."""

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
        self.keep = tuple(keep) or (False,) * len(heights)  # row r keeps with row r + 1
        self.cells, self.heights, self.widths = tuple(cells), tuple(heights), tuple(widths)
        self.size, self.header_rows, self.frame_height = size, header_rows, frame_height
        self.leading = size * LEADING
        self.width, self.height = sum(self.widths), sum(self.heights)
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    # ---------------------------------------------------------------- splitting

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        n, head = len(self.heights), self.header_rows
        if n <= head:
            return []
        header = sum(self.heights[:head])
        breaks = self._breaks()
        room = availHeight - header
        used, cut = 0.0, 0
        for r in range(head, n):
            used += self.heights[r]
            if used > room + 1e-6:
                break
            if r + 1 in breaks:
                cut = r + 1
        if cut and cut < n:
            return [self._rows(0, cut), self._rows(cut, n)]
        if cut:
            return [self]
        # Not one whole block fits. If it would fit a fresh page, let it go there.
        block_end = next((r for r in range(head + 1, n + 1) if r in breaks), n)
        block = sum(self.heights[head:block_end])
        # reportlab marks a flowable it has already moved once: on that fresh page, cut.
        if header + block <= self.frame_height + 1e-6 and not getattr(self, "_postponed", 0):
            return []
        return self._cut_inside(room)

    def _breaks(self) -> set[int]:
        """Row boundaries a page may end at: none inside a merged span, none right after
        a heading or a header row in the body (it goes over with what it heads)."""
        n = len(self.heights)
        crossed = {r for p in self.cells for r in range(p.row + 1, p.row + p.rows)}
        return {r for r in range(1, n + 1) if r not in crossed and not self.keep[r - 1]} | {n}

    def _cut_inside(self, room: float) -> list[Flowable]:
        """Cut the first body block, taller than a page, to end within `room` points."""
        head, heights = self.header_rows, list(self.heights)
        used, r = 0.0, head
        while r < len(heights) and used + heights[r] <= room:
            used += heights[r]
            r += 1
        # rows head..r-1 fit whole; row r is cut, keeping the lines that fit in what is left
        keep = math.floor((room - used - PAD_TOP - PAD_BOTTOM) / self.leading + 1e-6)
        if keep < 1 and r == head:
            return []  # not even a line: try the next page
        first, rest = self._rows(0, r), None
        if keep >= 1:
            upper, lower = self._split_row(r, keep)
            first = upper._rows(0, r + 1)
            rest = lower._rows(r + 1, len(lower.heights))
        else:
            rest = self._rows(r, len(heights))
        return [first, rest]

    def _split_row(self, r: int, keep: int) -> tuple[GridTable, GridTable]:
        """The table with row `r` as two rows: its first `keep` lines, then the rest. Both
        results are the same table (one for each side of the cut) — each side is sliced."""
        lead, pads = self.leading, PAD_TOP + PAD_BOTTOM
        upper_cells: list[Placed] = []
        lower_cells: list[Placed] = []
        rest_lines = 0
        for p in self.cells:
            if p.row <= r < p.row + p.rows:
                # the lines that fit above the cut, given the rows of the span above row r
                above = sum(self.heights[p.row : r])
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
        heights = list(self.heights)
        new = [
            *heights[:r],
            keep * lead + pads,
            max(1, rest_lines) * lead + pads,
            *heights[r + 1 :],
        ]
        k = self.keep
        kept = [*k[:r], False, *k[r:]]
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

    def _rows(self, a: int, b: int) -> GridTable:
        """Rows a..b-1 under the header rows (a == 0: the table's own first rows)."""
        head = self.header_rows if a >= self.header_rows else 0
        keep = [*range(head), *range(a, b)]
        index = {old: new for new, old in enumerate(keep)}
        cells = []
        for p in self.cells:
            first = max(p.row, a) if p.row >= head else p.row
            last = min(p.row + p.rows, b) if p.row >= head else p.row + p.rows
            if first >= last or first not in index:
                continue
            lines = p.lines if first == p.row else ()  # a span's text prints where it starts
            cells.append(replace(p, row=index[first], rows=last - first, lines=lines))
        return self._with(cells, [self.heights[r] for r in keep], [self.keep[r] for r in keep])

    # ---------------------------------------------------------------- drawing

    def draw(self) -> None:
        canvas = self.canv
        tops = [self.height]
        for h in self.heights:
            tops.append(tops[-1] - h)
        lefts = [0.0]
        for w in self.widths:
            lefts.append(lefts[-1] + w)
        canvas.saveState()
        if self.header_rows:
            canvas.setFillColor(HEADER_SHADE)
            bottom = tops[self.header_rows]
            canvas.rect(0, bottom, self.width, self.height - bottom, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
        text = canvas.beginText()
        font = ""
        for p in self.cells:
            if not p.lines:
                continue
            if p.font != font:
                font = p.font
                text.setFont(font, self.size, self.leading)
            x0, x1 = lefts[p.col], lefts[p.col + p.cols]
            top, bottom = tops[p.row], tops[p.row + p.rows]
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
                text.setTextOrigin(x, y)
                text.textOut(line)
                y -= self.leading
        canvas.drawText(text)
        boxes = canvas.beginPath()
        for p in self.cells:
            if p.boxed:
                top, bottom = tops[p.row], tops[p.row + p.rows]
                x0 = lefts[p.col]
                boxes.rect(x0, bottom, lefts[p.col + p.cols] - x0, top - bottom)
        canvas.setLineWidth(BORDER)
        canvas.setStrokeColor(colors.black)
        canvas.drawPath(boxes, stroke=1, fill=0)
        canvas.restoreState()


def layout_grid(
    grid: Grid, widths: Sequence[float], fonts: FontSet, size: float, frame_height: float
) -> GridTable:
    """The grid's cells as lines in their faces, and each row's height: the tallest of its
    cells (a row of nothing but empty cells only its paddings, as a spacer); a merged span
    too short for its text lengthens its last row."""
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
    for r, row in enumerate(grid.cells):
        blank = not any(cell.text for cell in row)
        height = pads if blank else leading + pads
        for c, cell in enumerate(row):
            if (r, c) in covered:
                continue
            m = spans.get((r, c))
            rows, cols = (m.rows, m.cols) if m else (1, 1)
            font = fonts.heading if cell.style in BOLD else fonts.table
            room = sum(widths[c : c + cols]) - PAD_LEFT - PAD_RIGHT
            lines = tuple(break_lines(cell.text, font, size, room))
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
