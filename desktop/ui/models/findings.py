"""The checks' findings as a list model (the 审核结果 panel) and the form list's badges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.core.checks import Finding, Form, Severity
from desktop.core.vocabulary import describe_location
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument

Index = QModelIndex | QPersistentModelIndex

SEVERITY_COLOR = {
    Severity.ERROR: QColor("#c62828"),
    Severity.WARNING: QColor("#b26a00"),
    Severity.HINT: QColor("#1f5fa8"),
}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2
FORM_ROLE = Qt.ItemDataRole.UserRole + 3


class FindingsModel(QAbstractTableModel):
    headers = ("级别", "表单", "位置", "说明")

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(checker)
        self._document = document
        self._checker = checker
        self._findings: list[Finding] = list(checker.findings)
        checker.updated.connect(self._reload)

    def _reload(self) -> None:
        if self._checker.changed is not None and not self._checker.changed:
            return  # the same findings
        self.beginResetModel()
        self._findings = list(self._checker.findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        f = self._findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f.severity.value
            if col == 1:
                return f.location.form.value
            if col == 2:
                names = self._document.names()
                return describe_location(f.location, names, with_form=False)
            return f.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.message}\n（规则 {f.rule}）"
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QBrush(SEVERITY_COLOR[f.severity])
        if role == FINDING_ROLE:
            return f
        return None


class NavModel(QAbstractListModel):
    """The forms in the navigation list; COUNTS_ROLE gives (错误, 警告) for the badge."""

    def __init__(self, pages: Sequence[tuple[str, Form | None]], checker: LiveChecker) -> None:
        super().__init__(checker)
        self._pages = list(pages)
        self._checker = checker
        checker.updated.connect(self._recount)

    def _recount(self) -> None:
        if self._pages:
            self.dataChanged.emit(self.index(0), self.index(len(self._pages) - 1), [COUNTS_ROLE])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._pages):
            return None
        title, form = self._pages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            if form is None:
                return None
            errors, warnings = self._checker.index.count(form)
            return f"{title}：错误 {errors} 个，警告 {warnings} 个"
        if role == COUNTS_ROLE:
            return self._checker.index.count(form) if form is not None else (0, 0)
        if role == FORM_ROLE:
            return form
        return None
