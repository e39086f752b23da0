"""One published table (a core `Grid`) as a read-only Qt table: the 预览 of the Excel sheet.

    build_tables(report) ──> Grid ──GridModel──> QTableView (+ setSpan for each Merge)

The same cells, merges, emphasis and alignment the workbook writer uses; the view only
maps `Style` to a font and a background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.grid import Align, Grid, Style

Index = QModelIndex | QPersistentModelIndex

_ALIGN = {
    Align.LEFT: Qt.AlignmentFlag.AlignLeft,
    Align.CENTER: Qt.AlignmentFlag.AlignHCenter,
    Align.RIGHT: Qt.AlignmentFlag.AlignRight,
}
_BOLD = {Style.HEADER, Style.TOTAL, Style.CLASS, Style.HEADING}
HEADER_BG = QColor("#eef1f5")


class GridModel(QAbstractTableModel):
    def __init__(self, grid: Grid | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self._bold = QFont()
        self._bold.setBold(True)

    def set_grid(self, grid: Grid | None) -> None:
        same_shape = (
            grid is not None
            and self.grid is not None
            and len(grid.cells) == len(self.grid.cells)
            and grid.n_cols == self.grid.n_cols
            and grid.merges == self.grid.merges
        )
        if same_shape and grid is not None:
            self.grid = grid
            if grid.cells:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(grid.cells) - 1, grid.n_cols - 1)
                )
            return
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return len(self.grid.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return self.grid.n_cols

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self.grid.cells) and 0 <= c < self.grid.n_cols):
            return None
        cell = self.grid.cells[r][c]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = cell.text
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 10 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_ALIGN[cell.align] | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if cell.style in _BOLD else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(HEADER_BG) if cell.style is Style.HEADER else None
        return None
