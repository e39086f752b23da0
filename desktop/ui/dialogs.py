"""Small modal questions, each behind an `ask()` classmethod that tests replace.

Every question the app puts to the officer goes through here (except errors, which
are `desktop.ui.errors`), so a test can answer it without a modal loop.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.project_file import LEGACY_SUFFIX, SUFFIX, with_suffix

# Saving writes NAME.juesuan only; opening also takes NAME.juesuan.json of earlier versions.
PROJECT_FILTER = f"决算公开项目 (*{SUFFIX})"
OPEN_FILTER = f"决算公开项目 (*{SUFFIX} *{LEGACY_SUFFIX});;所有文件 (*)"

SaveAnswer = Literal["save", "discard", "cancel"]


def _three_ways(
    parent: QWidget | None, title: str, text: str, info: str, go: str, other: str
) -> int:
    """A warning with a default action (`go`, 0), another that loses something (`other`,
    1) and 取消 (2, also Esc): the index of the one clicked."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(info)
    buttons = [
        box.addButton(go, QMessageBox.ButtonRole.AcceptRole),
        box.addButton(other, QMessageBox.ButtonRole.DestructiveRole),
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole),
    ]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[2])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(buttons) if b is clicked), 2)


class SaveChangesDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, name: str) -> SaveAnswer:
        answers: tuple[SaveAnswer, ...] = ("save", "discard", "cancel")
        return answers[
            _three_ways(
                parent,
                "保存修改",
                f"「{name}」有尚未保存的修改。",
                "关闭前要保存吗？",
                "保存",
                "不保存",
            )
        ]


ChangedAnswer = Literal["replace", "save_as", "cancel"]


class ChangedOnDiskDialog:
    """The project file changed on disk since it was opened or saved here (another window
    or the command line saved it): save elsewhere (the default), replace it, or not save."""

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> ChangedAnswer:
        answers: tuple[ChangedAnswer, ...] = ("save_as", "replace", "cancel")
        return answers[
            _three_ways(
                parent,
                "文件已被修改",
                f"「{path.name}」在打开（或上次保存）之后已被其他窗口或程序修改。",
                "覆盖会丢失那些修改。可以另存为新文件，之后再比较两份文件。",
                "另存为…",
                "覆盖",
            )
        ]


class RestoreDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, name: str, when: datetime) -> bool:
        answer = QMessageBox.question(
            parent,
            "恢复未保存的修改",
            f"「{name}」有一份自动保存的恢复副本（{when:%Y-%m-%d %H:%M}），"
            "比项目文件更新，可能是上次程序意外退出时留下的。\n\n要恢复这些修改吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


class ConfirmDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class OpenProjectDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, folder: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "打开项目", folder, OPEN_FILTER)
        return Path(name) if name else None


class SaveProjectDialog:
    """Where to save: a name typed without the suffix gets ``.juesuan`` (a name the officer
    gives as ``X.juesuan.json``, an earlier version's file, is kept as given)."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> Path | None:
        while True:
            name, _ = QFileDialog.getSaveFileName(parent, "保存项目", suggested, PROJECT_FILTER)
            if not name:
                return None
            path = with_suffix(name)
            # The dialog asked about replacing the name as typed; the name with the suffix
            # added may be another file that exists: ask about that one, as Windows would.
            if path == Path(name) or not path.exists():
                return path
            if ConfirmDialog.ask(parent, "确认另存为", f"{path.name} 已存在。\n要替换它吗？"):
                return path
            suggested = str(path)


class FolderDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, folder: str = "") -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, "选择输出文件夹", folder)
        return Path(name) if name else None


class NewCodeDialog:
    """The name of a 科目 the catalog does not know, so it can be added to the report."""

    @classmethod
    def ask(cls, parent: QWidget | None, code: str) -> str | None:
        name, ok = QInputDialog.getText(
            parent,
            "添加目录外的科目",
            f"科目 {code} 不在内置的功能分类目录中。\n"
            "请输入它的科目名称（将作为自定义科目保存在项目中）：",
        )
        return name.strip() if ok and name.strip() else None


class TextDialog:
    """One line of text (a project's name)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value.strip() if ok and value.strip() else None


class ShortcutsDialog(QDialog):
    """快捷键: every key and what it does, in a table the officer can read at a glance."""

    def __init__(self, parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("快捷键")
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["按键", "作用"])
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @classmethod
    def show_list(cls, parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
        dialog = cls(parent, rows)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: it may stay open beside the form
