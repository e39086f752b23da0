"""The navigation list with its 错误/警告 badges, and the 审核结果 (findings) dock with its
错误/警告/提示 filter (rows hidden in the view; the model keeps every finding).

The dock's title bar is one line — the summary, the filters, 收起/展开 — and folded the
dock is that line alone, so a 1366×768 screen keeps its rows for the forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from desktop.core.checks import Finding, Severity
from desktop.ui.checker import LiveChecker
from desktop.ui.models.findings import COUNTS_ROLE, FINDING_ROLE, FindingsModel, NavModel

Index = QModelIndex | QPersistentModelIndex

QWIDGETSIZE_MAX = (1 << 24) - 1

BADGE = {0: QColor("#d32f2f"), 1: QColor("#ef8f00")}


class BadgeDelegate(QStyledItemDelegate):
    """Paints the form's name and, at the right, a red pill for 错误 and an orange one for 警告."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        counts = index.data(COUNTS_ROLE) or (0, 0)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        fm = opt.fontMetrics
        right = opt.rect.right() - 6
        pills = []
        for kind, n in ((1, counts[1]), (0, counts[0])):
            if n:
                label = str(n)
                w = max(fm.horizontalAdvance(label) + 12, fm.height() + 2)
                h = fm.height() + 2
                rect = QRect(right - w, opt.rect.center().y() - h // 2, w, h)
                pills.append((rect, label, BADGE[kind]))
                right -= w + 4
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, label, color in pills:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        text_rect = QRect(
            opt.rect.left() + 10, opt.rect.top(), right - opt.rect.left() - 12, opt.rect.height()
        )
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 60, max(size.height(), option.fontMetrics.height() + 16))


class NavList(QListView):
    def __init__(self, model: NavModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(BadgeDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)


class FindingsDock(QDockWidget):
    """Every finding of the checks; double-click (or Enter) jumps to its cell or field."""

    activated = Signal(object)  # Finding
    folded_changed = Signal(bool)

    def __init__(
        self,
        model: FindingsModel,
        checker: LiveChecker,
        parent: QWidget | None = None,
        *,
        blank: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__("审核结果", parent)
        self._blank = blank  # nothing typed yet: there is nothing to have found
        self.setObjectName("findings")
        self.model = model
        self._checker = checker
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        unit = self.view.fontMetrics().horizontalAdvance("中")
        self.view.setColumnWidth(0, unit * 3 + 12)
        self.view.setColumnWidth(1, unit * 11)
        self.view.setColumnWidth(2, unit * 20)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated.connect(self._activate)

        self.filters: dict[Severity, QToolButton] = {}
        self.summary = QLabel("审核结果")
        self.summary.setStyleSheet("font-weight: bold;")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.summary)
        bar.addSpacing(12)
        bar.addWidget(QLabel("显示："))
        for severity, key in zip(Severity, "EWH", strict=True):
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setToolTip(f"显示或隐藏“{severity.value}”（Alt+Shift+{key}）")
            button.setShortcut(f"Alt+Shift+{key}")
            button.toggled.connect(self.apply_filter)
            bar.addWidget(button)
            self.filters[severity] = button
        self.hidden_note = QLabel()
        self.hidden_note.setStyleSheet("color: #5a6270;")
        bar.addWidget(self.hidden_note)
        bar.addStretch(1)
        keys = QLabel("双击定位 · F6 切换区域 · F1 快捷键")
        keys.setStyleSheet("color: #5a6270;")
        bar.addWidget(keys)
        self.fold_button = QToolButton()
        self.fold_button.setAutoRaise(True)
        self.fold_button.setCheckable(True)
        self.fold_button.toggled.connect(self._show_folded)
        bar.addWidget(self.fold_button)
        title = QWidget()
        title.setLayout(bar)
        self.setTitleBarWidget(title)
        self.setWidget(self.view)
        self._open_height = 0  # the height to open to again, once folded
        self._show_folded(False)
        model.modelReset.connect(self.apply_filter)
        checker.updated.connect(self._retitle)
        self._retitle()

    @property
    def folded(self) -> bool:
        return self.fold_button.isChecked()

    def set_folded(self, on: bool) -> None:
        """Fold the dock to its one-line title bar, or open it again."""
        self.fold_button.setChecked(on)

    def _show_folded(self, on: bool) -> None:
        window = self.parentWidget()
        if on and self.view.isVisible():
            self._open_height = self.height()
        self.view.setVisible(not on)
        title = self.titleBarWidget()
        if on and title is not None:
            self.setMaximumHeight(title.sizeHint().height() + 2)
        else:
            self.setMaximumHeight(QWIDGETSIZE_MAX)
            if isinstance(window, QMainWindow) and self._open_height:
                window.resizeDocks([self], [self._open_height], Qt.Orientation.Vertical)
        self.fold_button.setArrowType(Qt.ArrowType.UpArrow if on else Qt.ArrowType.DownArrow)
        self.fold_button.setText("展开" if on else "收起")
        self.fold_button.setToolTip("展开审核结果列表" if on else "收起为一行")
        self.fold_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.folded_changed.emit(on)

    def shown(self, severity: Severity) -> bool:
        return self.filters[severity].isChecked()

    def set_shown(self, severity: Severity, on: bool) -> None:
        self.filters[severity].setChecked(on)

    def apply_filter(self) -> None:
        """Hide the rows whose severity is switched off."""
        hidden = 0
        for row in range(self.model.rowCount()):
            off = not self.shown(self.model.finding(row).severity)
            self.view.setRowHidden(row, off)
            hidden += off
        self.hidden_note.setText(f"已隐藏 {hidden} 条" if hidden else "")

    def visible_findings(self) -> list[Finding]:
        return [
            self.model.finding(r)
            for r in range(self.model.rowCount())
            if not self.view.isRowHidden(r)
        ]

    def _activate(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE) if index.isValid() else None
        if finding is None and index.isValid():
            finding = self.model.finding(index.row())
        if isinstance(finding, Finding):
            self.activated.emit(finding)

    def _retitle(self) -> None:
        idx = self._checker.index
        for severity, button in self.filters.items():
            button.setText(f"{severity.value} {idx.total(severity)}")
        errors, warnings, hints = (idx.total(s) for s in Severity)
        if not idx.findings and self._blank():
            title = "审核结果：尚未填报"
        elif not idx.findings and self._checker.busy:
            title = "审核结果：正在审核…"
        elif not idx.findings:
            title = "审核结果：未发现问题 ✓"
        else:
            title = f"审核结果：错误 {errors} 个，警告 {warnings} 个，提示 {hints} 个"
        self.setWindowTitle(title)
        self.summary.setText(title)
