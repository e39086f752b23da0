"""SheetView: a QTableView that behaves like the spreadsheet the officer knows.

Enter moves down and Tab moves right (also after typing into a cell), typing over a
cell replaces it, Ctrl+C copies the selection as tab-separated text, Ctrl+V pastes a
block copied from Excel/WPS at the current cell (one value over a selection fills it),
Delete empties the selection, Esc brings back the value of a cell whose typed text was
refused. Typing into a computed cell says at once why it takes none. Tab at the last
column (Shift+Tab at the first) moves on to the next control, as out of any field.
All edits go through the model (`SheetModel`).
"""

from __future__ import annotations

import csv
import io
from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QWidget,
)

from desktop.ui.models.sheet import SheetModel


class FrozenBand(Protocol):
    """What the sheet needs to know of the frozen columns laid over it."""

    count: int

    def band_width(self) -> int: ...


def parse_clipboard(text: str) -> list[list[str]]:
    """Rows of cells from Excel/WPS clipboard text (tabs between cells, quoted line breaks)."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if '"' in text:
        # csv refuses a field longer than its limit (131,072 characters by default) with
        # an exception; any field of the clipboard is read, and too long a text is then
        # refused by the edit with the field's own limit and a message.
        if csv.field_size_limit() <= len(text):
            csv.field_size_limit(min(len(text) + 1, 2**31 - 1))
        rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    else:
        rows = [line.split("\t") for line in text.split("\n")]
    return rows


class _Delegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        editor = super().createEditor(parent, option, index)
        if index.data(Qt.ItemDataRole.TextAlignmentRole):
            align = Qt.AlignmentFlag(int(index.data(Qt.ItemDataRole.TextAlignmentRole)))
            if hasattr(editor, "setAlignment"):
                editor.setAlignment(align)
        return editor


class SheetView(QTableView):
    message = Signal(str)  # for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_Delegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        fm = self.fontMetrics()
        # Excel's row height (20 px at 96 dpi): 18 rows of a grid fit a 1366×768 screen
        self.verticalHeader().setDefaultSectionSize(fm.height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(True)
        self._saved: tuple[int, int] | None = None
        self.frozen: FrozenBand | None = None  # set by widgets.frozen.FrozenColumns

    # ------------------------------------------------------------ model

    def sheet(self) -> SheetModel | None:
        model = self.model()
        return model if isinstance(model, SheetModel) else None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.sheet()
        if old is not None:
            old.refused.disconnect(self._refused)
            old.modelAboutToBeReset.disconnect(self._remember)
            old.modelReset.disconnect(self._restore)
        super().setModel(model)
        sheet = self.sheet()
        if sheet is None:
            return
        sheet.refused.connect(self._refused)
        sheet.modelAboutToBeReset.connect(self._remember)
        sheet.modelReset.connect(self._restore)
        self.verticalHeader().setVisible(sheet.show_row_numbers)
        self.apply_widths()

    def apply_widths(self) -> None:
        sheet = self.sheet()
        if sheet is None:
            return
        unit = self.fontMetrics().horizontalAdvance("0")
        for col, chars in enumerate(sheet.widths):
            self.setColumnWidth(col, int(chars * unit) + 14)

    def _remember(self) -> None:
        current = self.currentIndex()
        self._saved = (current.row(), current.column()) if current.isValid() else None

    def _restore(self) -> None:
        sheet = self.sheet()
        if self._saved is None or sheet is None or sheet.rowCount() == 0:
            return
        row = min(self._saved[0], sheet.rowCount() - 1)
        col = min(self._saved[1], sheet.columnCount() - 1)
        self.setCurrentIndex(sheet.index(row, col))

    def _refused(self, text: str) -> None:
        self.message.emit(text)
        self._tip(text)

    def _tip(self, text: str) -> None:
        rect = self.visualRect(self.currentIndex())
        if self.isVisible() and rect.isValid():
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), text, self)

    # ------------------------------------------------------------ moving like Excel

    def move_to(self, row: int, col: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = max(0, min(row, model.rowCount() - 1))
        col = max(0, min(col, model.columnCount() - 1))
        index = model.index(row, col)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """As QTableView, but a cell is never left hidden under frozen columns."""
        frozen = self.frozen
        if frozen is None or not index.isValid():
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        keep = bar.value()
        super().scrollTo(index, hint)
        if index.column() < frozen.count:
            bar.setValue(keep)  # a frozen cell is always in view: only scroll vertically
            return
        left = self.visualRect(index).left()
        band = frozen.band_width()
        if left < band:
            bar.setValue(bar.value() - (band - left))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if not current.isValid():
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter
            self.move_to(current.row() + 1, current.column())
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:  # Tab
            if self._last_column(1):
                self.leave(forward=True)
            else:
                self.move_to(current.row(), current.column() + 1)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:  # Shift+Tab
            if self._last_column(-1):
                self.leave(forward=False)
            else:
                self.move_to(current.row(), current.column() - 1)

    def leave(self, *, forward: bool) -> None:
        """To the next (or previous) control of the window, as Tab out of a field."""
        # QAbstractItemView.focusNextPrevChild keeps Tab inside while tab-key navigation
        # is on; QWidget's moves the focus along the window's tab chain.
        QWidget.focusNextPrevChild(self, forward)

    def edit(  # type: ignore[override]
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        """As Qt's, but a double-click on a cell that takes no typing says why."""
        if trigger is None:  # the public slot: edit this cell now
            super().edit(index)
            return True
        if trigger == QAbstractItemView.EditTrigger.DoubleClicked and self._locked(index):
            return False
        # Qt asks with no event too (the current cell moved): its answer, as it was
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def _locked(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """Say why `index` takes no typing, when it takes none."""
        sheet = self.sheet()
        if sheet is None or not index.isValid():
            return False
        if sheet.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        self._refused(sheet.why_locked(index.row(), index.column()))
        return True

    def _last_column(self, step: int) -> bool:
        """The current cell is the last visible one in the direction of `step` (Tab)."""
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return True
        col = current.column() + step
        while 0 <= col < model.columnCount():
            if not self.isColumnHidden(col):
                return False
            col += step
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and not editing:
            back = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            if self._last_column(-1 if back else 1):
                self.leave(forward=not back)
                return
        if not editing:
            if event.key() == Qt.Key.Key_Escape:
                sheet = self.sheet()
                if sheet is not None and sheet.discard_refused(self.selected()):
                    self.message.emit("已恢复原值")
                    return
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            typed = event.text()
            if (
                typed
                and typed.isprintable()
                and modifiers
                in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self._locked(self.currentIndex())
            ):
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.currentIndex()
                up = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.move_to(current.row() + (-1 if up else 1), current.column())
                return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ clipboard

    def selected(self) -> list[QModelIndex]:
        model = self.selectionModel()
        indexes = model.selectedIndexes() if model is not None else []
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return indexes

    def copy(self) -> str:
        sheet = self.sheet()
        if sheet is None:
            return ""
        text = sheet.copy_text(self.selected())
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> bool:
        sheet = self.sheet()
        current = self.currentIndex()
        if sheet is None or not current.isValid():
            self.message.emit("请先选中要粘贴到的起始单元格")
            return False
        block = parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return False
        selected = self.selected()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # One value over a selection fills it, as in Excel.
            top = min(i.row() for i in selected)
            left = min(i.column() for i in selected)
            rows = max(i.row() for i in selected) - top + 1
            cols = max(i.column() for i in selected) - left + 1
            chosen = {(i.row(), i.column()) for i in selected}
            fill = [
                [block[0][0] if (top + r, left + c) in chosen else "" for c in range(cols)]
                for r in range(rows)
            ]
            return sheet.paste(top, left, fill)
        done = sheet.paste(current.row(), current.column(), block)
        if done:
            self._select_block(current.row(), current.column(), block)
        return done

    def _select_block(self, top: int, left: int, block: list[list[str]]) -> None:
        model = self.sheet()
        if model is None:
            return
        bottom = min(top + len(block), model.rowCount()) - 1
        right = min(left + max(len(r) for r in block), model.columnCount()) - 1
        if bottom < top or right < left:
            return
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        sel = self.selectionModel()
        sel.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        sel.setCurrentIndex(model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate)

    def clear_selection(self) -> bool:
        sheet = self.sheet()
        return sheet.clear(self.selected()) if sheet is not None else False
