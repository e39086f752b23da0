"""A section that folds to its one-line header, so a small screen keeps its rows for
the grid: the header says what the section holds (and, folded, a summary of it).

The window remembers each section's state by its object name (`MainWindow.save_layout`),
and `forms.base.show_widget` unfolds a section to show a cell inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QToolButton, QVBoxLayout, QWidget


class Collapsible(QFrame):
    toggled = Signal(bool)  # expanded

    def __init__(self, title: str, body: QWidget, *, name: str, expanded: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self._title = title
        self._summary = ""
        self.body = body
        self.header = QToolButton()
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setCheckable(True)
        self.header.setStyleSheet("QToolButton { font-weight: bold; border: none; }")
        self.header.toggled.connect(self.set_expanded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(body)
        self.header.setChecked(expanded)
        self.set_expanded(expanded)

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()

    def set_expanded(self, on: bool) -> None:
        if self.header.isChecked() != on:
            self.header.setChecked(on)  # comes back here
            return
        self.body.setVisible(on)
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self._retitle()
        self.toggled.emit(on)

    def set_title(self, title: str) -> None:
        self._title = title
        self._retitle()

    def set_summary(self, summary: str) -> None:
        """What the header says while folded (beside the title)."""
        self._summary = summary
        self._retitle()

    def _retitle(self) -> None:
        folded = f"　{self._summary}" if self._summary and not self.expanded else ""
        self.header.setText(f"{self._title}{folded}")
        self.header.setToolTip("收起" if self.expanded else "展开")
