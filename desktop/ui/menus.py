"""The window's menus, their actions and shortcuts, and the 帮助 menu's commands.

    Menus(window) ── 文件 / 编辑 / 视图 / 帮助 on window.menuBar()
      each action ──triggered──> a command of the window (new_project, save, generate,
                                 select_page, focus_next_area …) or of its checker
      project_actions ──> enabled only while a project is shown (MainWindow.show_central)
    shortcut_list(menu bar) ──> 快捷键 dialog: read from the actions, so it cannot drift

The window keeps the actions it exposes (save_action, undo_action …) as its own attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QWidget

from desktop import __version__
from desktop.core import samples
from desktop.ui.paths import AppPaths

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

APP_NAME = "决算公开助手"

# The keys of the grids and the findings, which no menu action carries.
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    (
        "Tab / Shift+Tab",
        "表格中向右/向左移动；在最后一列（第一列）时移到下一个（上一个）控件",
    ),
    ("Enter / Shift+Enter", "表格中确认输入并向下/向上移动"),
    ("Esc", "取消正在输入的内容；输入未被接受的单元格恢复原值"),
    ("Delete", "清空所选单元格"),
    ("Ctrl+C / Ctrl+V", "复制所选单元格 / 粘贴从 Excel、WPS 复制的区域"),
    ("Alt+Shift+E / W / H", "审核结果中显示或隐藏 错误 / 警告 / 提示"),
)


def action(
    parent: QObject,
    text: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    tip: str = "",
) -> QAction:
    made = QAction(text, parent)
    if shortcut is not None:
        made.setShortcut(shortcut)
    if tip:
        made.setStatusTip(tip)
    made.triggered.connect(slot)
    return made


class Menus:
    """The menu bar's menus and the actions the window and its tests reach."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self._file_menu(bar.addMenu("文件(&F)"))
        self._edit_menu(bar.addMenu("编辑(&E)"))
        self.project_actions = [
            self.save_action,
            self.save_as_action,
            self.generate_action,
            self.find_action,
        ]
        self._view_menu(bar.addMenu("视图(&V)"))
        self._help_menu(bar.addMenu("帮助(&H)"))

    def _file_menu(self, file_menu: QMenu) -> None:
        w = self.window
        self.new_action = action(w, "新建项目(&N)", w.new_project, QKeySequence.StandardKey.New)
        self.open_action = action(w, "打开项目(&O)…", w.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = action(w, "保存(&S)", w.save, QKeySequence.StandardKey.Save)
        self.save_as_action = action(w, "另存为(&A)…", w.save_as, QKeySequence("Ctrl+Shift+S"))
        self.generate_action = action(
            w,
            "生成公开材料(&G)…",
            w.generate,
            QKeySequence("Ctrl+G"),
            "生成 Excel 公开表和 PDF 报告",
        )
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        samples_menu = file_menu.addMenu("打开示例(&M)")
        for i, (name, description) in enumerate(samples.SAMPLES.items(), 1):
            samples_menu.addAction(
                action(w, f"&{i} {description}", lambda _=False, n=name: w.open_sample(n))
            )
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.generate_action)
        file_menu.addSeparator()
        file_menu.addAction(action(w, "退出(&X)", w.close, QKeySequence.StandardKey.Quit))

    def _edit_menu(self, edit_menu: QMenu) -> None:
        w = self.window
        stack = w.document.undo_stack
        self.undo_action = stack.createUndoAction(w, "撤销(&U)")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(w, "重做(&R)")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = action(w, "查找科目(&F)", w.open_find, QKeySequence.StandardKey.Find)
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(action(w, "重新审核(&C)", w.checker.recheck, QKeySequence("F5")))

    def _view_menu(self, view_menu: QMenu) -> None:
        w = self.window
        for i, page in enumerate(w.pages):
            key = str((i + 1) % 10)  # Ctrl+1 … Ctrl+9, then Ctrl+0
            go = action(
                w,
                f"&{key} {page.title}" if i < 10 else page.title,
                lambda _=False, n=i: w.select_page(n),
                QKeySequence(f"Ctrl+{key}") if i < 10 else None,
            )
            view_menu.addAction(go)
            self.project_actions.append(go)
        view_menu.addSeparator()
        self.cycle_action = action(
            w,
            "切换到下一区域(&Q)",
            w.focus_next_area,
            QKeySequence("F6"),
            "在表单列表、当前表单和审核结果之间切换",
        )
        view_menu.addAction(self.cycle_action)
        self.project_actions.append(self.cycle_action)
        # the dock's own toggle action takes its changing title; this one keeps a short name
        findings = action(w, "审核结果(&J)", w.findings_dock.setVisible)
        findings.setCheckable(True)
        w.findings_dock.visibilityChanged.connect(findings.setChecked)
        view_menu.addAction(findings)
        self.project_actions.append(findings)

    def _help_menu(self, help_menu: QMenu) -> None:
        w = self.window
        self.keys_action = action(w, "快捷键(&K)", w.show_shortcuts, QKeySequence("F1"))
        help_menu.addAction(self.keys_action)
        help_menu.addAction(action(w, "打开日志文件夹(&L)", w.open_log_folder))
        help_menu.addAction(action(w, "关于(&A)", w.about))

    def _fill_recent(self) -> None:
        w = self.window
        self.recent_menu.clear()
        recent = w.recent_files()
        for p in recent:
            self.recent_menu.addAction(action(w, p, lambda _=False, x=p: w.open_path(Path(x))))
        if not recent:
            none = self.recent_menu.addAction("（无）")
            none.setEnabled(False)


def shortcut_list(bar: QMenuBar) -> list[tuple[str, str]]:
    """Every key the window answers: its menus' shortcuts (read from the actions, so
    the list cannot drift from them), then the keys of the grids and the findings."""
    out: list[tuple[str, str]] = []
    for menu in bar.findChildren(QMenu):
        for act in menu.actions():
            keys = "、".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()
            )
            # 「&3 收入支出…」 → 「收入支出…」, 「保存(&S)」 → 「保存」
            name = re.sub(r"^&\w\s+", "", act.text()).split("(&")[0].replace("&", "")
            if act.statusTip():
                name = f"{name}（{act.statusTip()}）"
            if keys and (keys, name) not in out:
                out.append((keys, name))
    return out + list(WIDGET_KEYS)


def open_log_folder(paths: AppPaths) -> bool:
    folder = paths.logs
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def about(parent: QWidget, paths: AppPaths, recovery_folder: Path) -> None:
    QMessageBox.about(
        parent,
        f"关于{APP_NAME}",
        f"<b>{APP_NAME}</b> {__version__}<br><br>"
        "离线运行：数据只保存在本机，软件不联网、不检查更新、不上传任何内容。<br><br>"
        f"设置：{paths.settings_file}<br>"
        f"自动恢复副本：{recovery_folder}<br>"
        f"日志：{paths.log_file}",
    )
