"""The start page shown when no project is open: 新建 / 打开 / 打开示例, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import samples


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal(str)
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("决算公开助手")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("录入一次决算数据，实时审核前后是否一致，一键生成公开01–10表。")
        subtitle.setStyleSheet("color: #5a6270;")

        new = QPushButton("新建项目")
        new.setToolTip("从空白开始填写一个单位的年度决算（Ctrl+N）")
        new.clicked.connect(self.new_requested)
        open_ = QPushButton("打开项目…")
        open_.setToolTip("打开已保存的 .juesuan.json 项目文件（Ctrl+O）")
        open_.clicked.connect(self.open_requested)
        for b in (new, open_):
            b.setMinimumHeight(44)
            b.setMinimumWidth(220)

        grid = QGridLayout()
        grid.addWidget(new, 0, 0)
        grid.addWidget(open_, 0, 1)
        row = 1
        for name, description in samples.SAMPLES.items():
            button = QPushButton(f"打开示例：{description}")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, n=name: self.sample_requested.emit(n))
            grid.addWidget(button, row, 0, 1, 2)
            row += 1

        self.recent = QListWidget()
        self.recent.setMaximumHeight(180)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.recent_label = QLabel("最近打开的项目")

        box = QWidget()
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(24)
        inner.addLayout(grid)
        inner.addSpacing(24)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{Path(p).name}    —    {Path(p).parent}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_label.setVisible(bool(paths))
