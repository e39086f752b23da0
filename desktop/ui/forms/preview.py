"""预览: each 公开 table as the workbook will print it, from the same `Grid`.

    Report ──tables.build_tables──> [Grid] ──GridModel + setSpan──> read-only QTableView

Rebuilt a moment after each edit while the page is shown (a few milliseconds), and
when the page is shown again after edits elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import JuesuanError
from desktop.core.grid import NO_DATA_TEXT, Grid
from desktop.core.tables import build_tables
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.edits import Change
from desktop.ui.forms.base import FormPage
from desktop.ui.models.grid import GridModel


class PreviewPage(FormPage):
    title = "预览"
    form = None

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.grids: list[Grid] = []
        self._dirty = True
        self.model = GridModel(parent=self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show_current)

        self.title_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label = QLabel()
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.org_label = QLabel()
        self.year_label = QLabel()
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unit_label = QLabel()
        self.unit_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setShowGrid(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setStyleSheet("QTableView { gridline-color: #8a8f98; }")

        meta = QHBoxLayout()
        meta.addWidget(self.org_label, 2)
        meta.addWidget(self.year_label, 1)
        meta.addWidget(self.unit_label, 1)
        sheet = QWidget()
        sl = QVBoxLayout(sheet)
        sl.setContentsMargins(8, 0, 8, 0)
        sl.addWidget(self.number_label)
        sl.addWidget(self.title_label)
        sl.addLayout(meta)
        sl.addWidget(self.table, 1)
        sl.addWidget(self.note_label)
        sl.addWidget(self.error_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(sheet)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.rebuild)
        document.changed.connect(self._on_changed)

    def _on_changed(self, _change: Change) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild()

    def rebuild(self) -> None:
        """Build every table of the report's edition again and show the chosen one."""
        self._timer.stop()
        self._dirty = False
        try:
            self.grids = build_tables(self.document.report)
        except JuesuanError as exc:
            self.grids = []
            self.error_label.setText(f"无法生成预览：{exc}")
            self.error_label.show()
        else:
            self.error_label.hide()
        names = [f"{g.label or g.number + '表'}　{g.title}" for g in self.grids]
        current = max(self.list.currentRow(), 0)
        if names != [self.list.item(i).text() for i in range(self.list.count())]:
            self.list.blockSignals(True)
            self.list.clear()
            self.list.addItems(names)
            self.list.blockSignals(False)
        if self.grids:
            self.list.setCurrentRow(min(current, len(self.grids) - 1))
            self._show_current(self.list.currentRow())
        else:
            self.model.set_grid(None)

    def _show_current(self, row: int) -> None:
        if not 0 <= row < len(self.grids):
            return
        grid = self.grids[row]
        old = self.model.grid
        self.model.set_grid(grid)
        self.title_label.setText(grid.title)
        self.number_label.setText(grid.label or f"{grid.number}表")
        self.org_label.setText(grid.org_label)
        self.year_label.setText(grid.year_label)
        self.unit_label.setText(grid.unit_label)
        notes = [grid.note] if grid.note else []
        if grid.no_data:
            notes.append(NO_DATA_TEXT)
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))
        if old is None or old.merges != grid.merges or len(old.cells) != len(grid.cells):
            self.table.clearSpans()
            for m in grid.merges:
                self.table.setSpan(m.row, m.col, m.rows, m.cols)
        unit = self.fontMetrics().horizontalAdvance("0")
        for col, width in enumerate(grid.widths):
            self.table.setColumnWidth(col, int(width * unit) + 6)
        line = self.fontMetrics().height()
        for r in range(len(grid.cells)):
            self.table.setRowHeight(r, line + 10 if r >= grid.header_rows else line * 2 + 10)
