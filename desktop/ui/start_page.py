"""The start page shown when no project is open: 新建 (in the edition chosen beside it: every
edition in templates/editions/) / 打开 / 打开示例, recent files, and on the first run a short
welcome that points at the samples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import samples
from desktop.core.editions import all_editions


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
        subtitle = QLabel("录入一次决算数据，实时审核前后是否一致，一键生成部门决算公开表。")
        subtitle.setStyleSheet("color: #5a6270;")

        self.welcome = QLabel(
            "<b>欢迎使用！</b>第一次使用，建议先打开下面的一个示例：示例已填好一个单位全年的决算数据，"
            "可以浏览各张表单、审核结果和预览，并试着生成公开表和 PDF 报告。"
            "准备好后，点击“新建项目”填写本单位的决算。<br>"
            "<span style='color:#5a6270'>本软件完全离线运行，数据只保存在您的电脑上。</span>"
        )
        self.welcome.setWordWrap(True)
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.welcome.setStyleSheet(
            "QLabel { background: #eaf2fb; border: 1px solid #b9d3ee; border-radius: 4px;"
            " padding: 10px; }"
        )
        self.welcome.hide()

        new = QPushButton("新建项目(&N)")
        new.setToolTip("从空白开始填写一个单位的年度决算（Ctrl+N）")
        new.clicked.connect(self.new_requested)
        open_ = QPushButton("打开项目(&O)…")
        open_.setToolTip("打开已保存的 .juesuan 项目文件，也可打开旧版的 .juesuan.json（Ctrl+O）")
        open_.clicked.connect(self.open_requested)
        self.new_button, self.open_button = new, open_
        for b in (new, open_):
            b.setMinimumHeight(44)
            b.setMinimumWidth(220)

        self.edition = QComboBox()
        self.edition.setToolTip("新建项目使用的公开版式（省份、年度）；以后可在“单位信息”中更改")
        for e in all_editions():
            self.edition.addItem(f"{e.province} {e.year}年度：{e.name}", e.id)

        grid = QGridLayout()
        grid.addWidget(new, 0, 0)
        grid.addWidget(open_, 0, 1)
        grid.addWidget(QLabel("新建项目的版式："), 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.edition, 1, 1)
        row = 2
        self.sample_buttons: dict[str, QPushButton] = {}
        for name, description in samples.SAMPLES.items():
            button = QPushButton(f"打开示例(&{row})：{description}")
            self.sample_buttons[name] = button
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
        box.setFixedWidth(640)  # a fixed width keeps the wrapped welcome's height right
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(16)
        inner.addWidget(self.welcome)
        inner.addSpacing(8)
        inner.addLayout(grid)
        inner.addSpacing(24)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent)
        # A wrapped label in a fixed-width box: give it the height its text needs there
        # (the centring layout asks for size hints, not height-for-width).
        margins = inner.contentsMargins()
        width = box.width() - margins.left() - margins.right()
        self.welcome.setMinimumHeight(self.welcome.heightForWidth(width))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def chosen_edition(self) -> str | None:
        """The id of the edition chosen for a new project (None when there is none)."""
        value = self.edition.currentData()
        return value if isinstance(value, str) else None

    def choose_edition(self, edition_id: str) -> None:
        index = self.edition.findData(edition_id)
        if index >= 0:
            self.edition.setCurrentIndex(index)

    def set_welcome(self, visible: bool) -> None:
        self.welcome.setVisible(visible)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{Path(p).name}    —    {Path(p).parent}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_label.setVisible(bool(paths))
