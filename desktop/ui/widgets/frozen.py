"""Frozen leading columns for a wide grid (科目代码 and 科目名称 of the ledger), as Excel's
冻结窗格: the standard Qt "frozen column" pattern.

    SheetView (every column, scrolls both ways)
      └─ FrozenColumns: a second QTableView laid over its left edge, same model and same
         selection model, showing only the first `count` columns; it follows the sheet's
         vertical scrolling, row heights, column widths and size

The overlay never takes the keyboard focus: typing, paste and Enter/Tab stay with the
sheet, which keeps its current cell clear of the overlay (`SheetView.scrollTo`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from desktop.ui.widgets.sheet import SheetView


class FrozenColumns(QTableView):
    def __init__(self, sheet: SheetView, count: int) -> None:
        super().__init__(sheet)
        self.sheet_view = sheet
        self.count = count
        self.setModel(sheet.model())
        self.setSelectionModel(sheet.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(sheet.selectionMode())
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QTableView { border-right: 2px solid #9aa5b5; }")
        self.verticalHeader().setDefaultSectionSize(sheet.verticalHeader().defaultSectionSize())
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        sheet.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        sheet.frozen = self

        sheet.horizontalHeader().sectionResized.connect(self._column_resized)
        sheet.verticalHeader().sectionResized.connect(self._row_resized)
        sheet.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(sheet.verticalScrollBar().setValue)
        self.clicked.connect(self._clicked)
        model = self.model()
        if model is not None:
            model.modelReset.connect(self.sync)
            model.layoutChanged.connect(self.sync)
        sheet.installEventFilter(self)
        sheet.viewport().stackUnder(self)
        self.sync()
        self.show()

    def band_width(self) -> int:
        """How much of the sheet's left edge the overlay covers."""
        return sum(
            self.sheet_view.columnWidth(c)
            for c in range(self.count)
            if not self.sheet_view.isColumnHidden(c)
        )

    def sync(self) -> None:
        """Columns, rows and geometry again (after a reset, a resize, a width change)."""
        sheet = self.sheet_view
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        for c in range(columns):
            self.setColumnHidden(c, c >= self.count)
            if c < self.count:
                self.setColumnWidth(c, sheet.columnWidth(c))
        self._place()

    def _place(self) -> None:
        sheet = self.sheet_view
        header = sheet.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header)
        self.setGeometry(
            sheet.verticalHeader().width() + sheet.frameWidth(),
            sheet.frameWidth(),
            self.band_width() + 2,
            sheet.viewport().height() + header,
        )
        self.verticalScrollBar().setValue(sheet.verticalScrollBar().value())

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.setColumnWidth(column, new)
            self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    def _clicked(self, _index: QModelIndex) -> None:
        self.sheet_view.setFocus(Qt.FocusReason.MouseFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.sheet_view and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.LayoutRequest,
        ):
            self._place()
        return super().eventFilter(watched, event)
