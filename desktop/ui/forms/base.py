"""What every form page shares: its place in the navigation, jumping to a finding, and
committing what is still being typed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Form, Location
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.models.sheet import SheetModel
from desktop.ui.widgets.bound import Binder
from desktop.ui.widgets.collapsible import Collapsible
from desktop.ui.widgets.sheet import SheetView


class FormPage(QWidget):
    """A page of the main window. Subclasses build their widgets in __init__."""

    message = Signal(str)  # for the status bar
    title = ""
    form: Form | None = None

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__()
        self.document = document
        self.checker = checker
        self.binder = Binder(document, checker, self.form) if self.form is not None else None
        if self.binder is not None:
            self.binder.message.connect(self.message)
        self.sheets: list[SheetView] = []

    def sheet(self, model: SheetModel, *, fit: bool = False) -> SheetView:
        """A SheetView over `model`, wired to the status bar; `fit`: as tall as its rows."""
        view = SheetView(self)
        view.setModel(model)
        view.message.connect(self.message)
        self.sheets.append(view)
        if fit:
            fit_height(view)
            model.modelReset.connect(lambda: fit_height(view))
        return view

    def focus_location(self, location: Location) -> bool:
        """Show the cell or field a finding points to; False if this page has none."""
        for exact in (True, False):  # the cell itself, else any cell of its row
            for view in self.sheets:
                model = view.sheet()
                if model is None or model.form is not location.form:
                    continue
                index = model.locate(location.row, location.field, exact=exact)
                if index.isValid():
                    reveal(view, index)
                    return True
            if exact and self.binder is not None:
                widget = self.binder.widget_for(location.row, location.field)
                if widget is not None:
                    show_widget(widget)
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return False

    def commit_pending(self) -> None:
        if self.binder is not None:
            self.binder.commit_pending()

    def refresh_all(self) -> None:
        """After another project was opened."""
        if self.binder is not None:
            self.binder.refresh()


def show_widget(widget: QWidget) -> None:
    """Bring `widget` into view: select the tabs holding it, unfold the sections holding
    it, scroll the areas holding it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Collapsible) and not parent.expanded:
            parent.set_expanded(True)
        grand = parent.parentWidget()
        tabs = grand.parentWidget() if grand is not None else None
        if isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(parent)
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = grand


def reveal(view: SheetView, index: QModelIndex) -> None:
    show_widget(view)
    view.setCurrentIndex(index)
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    view.setFocus(Qt.FocusReason.OtherFocusReason)


def fit_height(view: SheetView) -> None:
    """Make a small fixed table exactly as tall and at least as wide as its cells."""
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    cols = model.columnCount() if model is not None else 0
    header = view.horizontalHeader().sizeHint().height()
    body = (
        sum(view.rowHeight(r) for r in range(rows))
        if rows
        else view.verticalHeader().defaultSectionSize()
    )
    frame = 2 * view.frameWidth()
    width = sum(view.columnWidth(c) for c in range(cols))
    if view.verticalHeader().isVisible():
        width += view.verticalHeader().sizeHint().width()
    view.setFixedHeight(header + body + frame + 2)
    view.setMinimumWidth(width + frame + 2)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.horizontalHeader().setStretchLastSection(True)


def group(title: str, *widgets: QWidget, note: str = "") -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    if note:
        layout.addWidget(hint(note))
    for w in widgets:
        layout.addWidget(w)
    return box


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5a6270;")
    return label


def list_page(view: QWidget, *buttons: QWidget, note: str = "", margins: bool = True) -> QWidget:
    """A grid with its add/remove buttons underneath (and an optional note above)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    if note:
        layout.addWidget(hint(note))
    layout.addWidget(view, 1)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    layout.addLayout(row)
    return page


class _Rows(Protocol):
    def remove(self, rows: Sequence[int]) -> bool: ...


def remove_button(model: _Rows, view: SheetView, text: str = "删除所选(&D)") -> QPushButton:
    """A button removing the rows of `view` that have a selected cell from `model`."""
    button = QPushButton(text)
    button.clicked.connect(lambda: model.remove(sorted({i.row() for i in view.selected()})))
    return button


def scrolled(page: QWidget, inner: QWidget) -> None:
    """Fill `page` with a borderless scroll area holding `inner` (a long form)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
