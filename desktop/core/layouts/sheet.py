"""Placing cells into a grid: rows of (cell, column span, row span) → cells and merges.

    [(Cell, cols, rows), …] per row ──Sheet.add_row──> Sheet.cells + Sheet.merges ──> Grid
                                                        └─fit_widths──> Grid.widths

Shared by the 公开 tables (`tables`) and the self-evaluation forms (`self_eval_tables`):
cells go left to right into the first free slot, like an HTML table, so a cell spanning
down takes its slots in the rows below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from desktop.core.errors import BindingError
from desktop.core.grid import Align, Cell, Merge, Style

Item = tuple[Cell, int, int]  # a cell and its column/row span, as `Sheet.add_row` takes them

_EMPTY = Cell()


@cache
def _covered(style: Style, align: Align) -> Cell:
    """What a slot under a merged cell holds: nothing, in the cell's look (a form's
    thousands of covered slots share a handful of these)."""
    return Cell(None, style, align)


@dataclass
class Sheet:
    """Places cells left to right into the first free slot, like an HTML table."""

    n_cols: int
    cells: list[list[Cell]] = field(default_factory=list)
    taken: list[list[bool]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    cursor: int = 0  # the row the next add_row fills

    def _ensure(self, rows: int) -> None:
        while len(self.cells) < rows:
            self.cells.append([_EMPTY] * self.n_cols)  # cells are frozen: one serves all
            self.taken.append([False] * self.n_cols)

    def add_row(self, items: Sequence[Item]) -> None:
        r = self.cursor
        self.cursor += 1
        self._ensure(r + 1)
        col = 0
        for cell, cols, rows in items:
            while col < self.n_cols and self.taken[r][col]:
                col += 1  # slots taken by a cell spanning down from above
            if col + cols > self.n_cols:
                raise BindingError(f"版式第 {r + 1} 行的单元格超出了 {self.n_cols} 列")
            self._ensure(r + rows)
            for rr in range(r, r + rows):
                for cc in range(col, col + cols):
                    self.taken[rr][cc] = True
                    self.cells[rr][cc] = _covered(cell.style, cell.align)
            self.cells[r][col] = cell
            if cols > 1 or rows > 1:
                self.merges.append(Merge(r, col, rows, cols))
            col += cols

    def unfilled_row(self) -> int | None:
        """The first row (0-based) with a slot no cell covers; None when every row is full."""
        return next((r for r, taken in enumerate(self.taken) if not all(taken)), None)


def fit_widths(widths: tuple[float, ...], sheet: Sheet) -> tuple[float, ...]:
    """Widen a column so the longest figure in its own (not merged across) cells fits:
    元 figures are longer than the layout's widths, which suit 万元."""
    across = {(m.row, m.col) for m in sheet.merges if m.cols > 1}
    out = list(widths)
    for r, row in enumerate(sheet.cells):
        for c, cell in enumerate(row):
            if type(cell.value) is Decimal and (r, c) not in across:
                out[c] = max(out[c], len(cell.text) * 1.15 + 1.5)
    return tuple(out)
