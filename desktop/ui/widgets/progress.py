"""What the window shows while a project opens: which project, the step it is at, a bar
that moves with the steps, and 取消. The window keeps answering while it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


class OpeningPanel(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label.setStyleSheet("color: #5a6270;")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(360)
        self.cancel_button = QPushButton("取消(&C)")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.step_label)
        layout.addSpacing(12)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def start(self, name: str, steps: int) -> None:
        self.title.setText(f"正在打开 {name}")
        self.step_label.setText("")
        self.bar.setRange(0, steps)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)

    def step(self, n: int, text: str) -> None:
        """Step `n` (from 0) of the range given to `start` is running."""
        self.bar.setValue(n)
        self.step_label.setText(f"{text}……（第 {n + 1} 步，共 {self.bar.maximum()} 步）")
