"""The main window: navigation of the forms, the findings dock, files, undo, autosave.

    MainWindow ── ProjectDocument (report, path, QUndoStack)
               ── LiveChecker (findings after 150 ms idle, checked on a worker)
               │                                           ── NavList badges, FindingsDock,
               │                                              cell tints, status-bar balance
               ── pages: one FormPage per form, and 预览 (its placeholders jump to their form)
               ── OpenJob: a project is read, derived and checked on a worker thread
               │           while the window shows the progress (and can cancel)
               ── Recovery (autosave after a few seconds idle)
               ── QSettings (recent files, first run, window geometry, splitters, the
                             dock and the sections folded or open)

Nothing is global: the window receives its per-user folders (`AppPaths`), settings,
recovery folder and thread pool, so tests give it temporary ones.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QRunnable,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import __version__
from desktop.core import project_file, samples
from desktop.core.checks import Finding, Form, Location, Severity
from desktop.core.checks.balance import BalanceStatus, Tone, balance_status, is_blank
from desktop.core.editions import proposed_edition
from desktop.core.edits import Change
from desktop.core.errors import JuesuanError
from desktop.core.exporters import Blocker
from desktop.core.model import Report, UnitInfo
from desktop.core.project_file import ChangedOnDiskError
from desktop.core.vocabulary import describe_reason
from desktop.ui.checker import LiveChecker
from desktop.ui.dialogs import (
    ChangedOnDiskDialog,
    OpenProjectDialog,
    RestoreDialog,
    SaveChangesDialog,
    SaveProjectDialog,
    ShortcutsDialog,
)
from desktop.ui.document import ProjectDocument
from desktop.ui.errors import show_error
from desktop.ui.forms.base import FormPage
from desktop.ui.forms.econ import EconPage
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.preview import PreviewPage, location_of
from desktop.ui.forms.prior import PriorPage
from desktop.ui.forms.sangong import SangongPage
from desktop.ui.forms.self_eval import SelfEvalPage
from desktop.ui.forms.stats import StatsPage
from desktop.ui.forms.unit import UnitPage
from desktop.ui.forms.unit_eval import UnitEvalPage
from desktop.ui.generate import GenerateDialog
from desktop.ui.heap import full_collections_paused, long_lived
from desktop.ui.models.findings import FindingsModel, NavModel
from desktop.ui.opening import STEPS as OPEN_STEPS
from desktop.ui.opening import Opened, OpenJob, read_project
from desktop.ui.panels import FindingsDock, NavList
from desktop.ui.paths import AppPaths
from desktop.ui.recovery import Recovery
from desktop.ui.start_page import StartPage
from desktop.ui.widgets.collapsible import Collapsible
from desktop.ui.widgets.progress import OpeningPanel

log = logging.getLogger("juesuan.window")

APP_NAME = "决算公开助手"
MAX_RECENT = 8
PAGES: tuple[type[FormPage], ...] = (
    UnitPage,
    OverviewPage,
    LedgerPage,
    EconPage,
    SangongPage,
    StatsPage,
    PriorPage,
    SelfEvalPage,
    UnitEvalPage,
    PreviewPage,
)


TONE_STYLE = {
    Tone.OK: "color: #1b7f3b;",
    Tone.WARNING: "color: #b26a00; font-weight: bold;",
    Tone.ERROR: "color: #c62828; font-weight: bold;",
    Tone.PENDING: "color: #5a6270;",
    Tone.BLANK: "color: #5a6270;",
}


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside `container` that Tab would stop at."""
    w = container.nextInFocusChain()
    while w is not None and w is not container:
        if (
            container.isAncestorOf(w)
            and not isinstance(w, QScrollArea)  # a long form's frame: its first field
            and w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return w
        w = w.nextInFocusChain()
    return None


def new_report(today: date | None = None, edition_id: str | None = None) -> Report:
    """A blank report for the year just closed, in `edition_id` or else the edition the
    editions' own province and year propose for that year."""
    year = (today or date.today()).year - 1  # a final account is for the year just closed
    if edition_id is None:
        proposed = proposed_edition(year)
        edition_id = proposed.id if proposed is not None else UnitInfo().edition
    return Report(unit=UnitInfo(year=year, edition=edition_id))


@dataclass(frozen=True, eq=False)
class _Opening:
    """A project being opened: how to stop it, and what to do when it is done."""

    cancel: threading.Event
    path: Path | None
    error_title: str
    done: Callable[[Opened], None]
    had_project: bool  # what to go back to if it fails or is cancelled


class _AutosaveSignals(QObject):
    done = Signal(int)  # the document's edit count the copy has
    failed = Signal(object)  # JuesuanError


class _AutosaveJob(QRunnable):
    """The recovery copy of a report (a frozen value) written on a worker."""

    def __init__(self, recovery: Recovery, report: Report, project: Path | None, edits: int):
        super().__init__()
        self.recovery, self.report, self.project, self.edits = recovery, report, project, edits
        self.signals = _AutosaveSignals()  # made on the GUI thread, so its signals queue there

    def run(self) -> None:
        try:
            with full_collections_paused():
                self.recovery.write(self.report, self.project)
        except JuesuanError as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(self.edits)


class MainWindow(QMainWindow):
    opened = Signal(bool)  # an opening ended: True with the project shown; False if not
    autosaved = Signal()  # a recovery copy was written

    def __init__(
        self,
        *,
        paths: AppPaths | None = None,
        settings: QSettings | None = None,
        recovery_dir: Path | None = None,
        pool: QThreadPool | None = None,
        autosave_ms: int = 3000,
        check_delay_ms: int = 150,
    ) -> None:
        super().__init__()
        self.paths = paths or AppPaths.default()
        self.settings = settings or self.paths.open_settings()
        self.first_run = not self.settings.contains("welcomed")
        self.recovery = Recovery(recovery_dir or self.paths.recovery)
        self.pool = pool or QThreadPool(self)
        self.document = ProjectDocument(parent=self)
        self.checker = LiveChecker(self.document, check_delay_ms, self.pool)
        self._autosaved_at = -1
        self._last_folder = str(self.settings.value("last_folder", "") or "")
        self._opening: _Opening | None = None
        self._jobs: set[OpenJob] = set()

        self.pages: list[FormPage] = [cls(self.document, self.checker) for cls in PAGES]
        self.page_stack = QStackedWidget()
        for page in self.pages:
            self.page_stack.addWidget(page)
            page.message.connect(self.show_message)
        self.nav_model = NavModel([(p.title, p.form) for p in self.pages], self.checker)
        self.nav = NavList(self.nav_model)
        self.nav.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.page_stack.setCurrentIndex(max(cur.row(), 0))
        )
        self.nav.setMinimumWidth(200)
        self.preview = self.page(PreviewPage)
        assert isinstance(self.preview, PreviewPage)
        self.preview.jump_requested.connect(self.jump_to)

        workspace = QSplitter(Qt.Orientation.Horizontal)
        workspace.addWidget(self.nav)
        workspace.addWidget(self.page_stack)
        workspace.setStretchFactor(1, 1)
        workspace.setSizes([230, 1050])
        workspace.setChildrenCollapsible(False)
        self.workspace = workspace

        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_project)
        last = self.settings.value("new_edition", "")
        proposed = proposed_edition(date.today().year - 1)
        if isinstance(last, str) and last:
            self.start_page.choose_edition(last)  # the edition the officer last started with
        elif proposed is not None:
            self.start_page.choose_edition(proposed.id)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.recent_requested.connect(lambda p: self.open_path(Path(p)))
        self.opening_panel = OpeningPanel()
        self.opening_panel.cancel_requested.connect(self.cancel_opening)
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.central.addWidget(workspace)
        self.central.addWidget(self.opening_panel)
        self.setCentralWidget(self.central)

        self.findings_model = FindingsModel(self.document, self.checker)
        self.findings_dock = FindingsDock(
            self.findings_model, self.checker, self, blank=self.is_blank
        )
        self.findings_dock.activated.connect(self.goto_finding)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self._dock_sized = False  # the dock's first height is set when the window shows

        self.balance_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.balance_label)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.autosave)
        self._saver = QThreadPool(self)  # recovery copies, one at a time, in order
        self._saver.setMaxThreadCount(1)
        self._autosaving: _AutosaveJob | None = None

        self._build_actions()
        self.document.changed.connect(self._on_changed)
        self.document.stepped.connect(self._on_step)
        self.document.modified_changed.connect(lambda _m: self._retitle())
        self.document.path_changed.connect(self._retitle)
        self.checker.updated.connect(self._show_balance)
        self.resize(1280, 800)
        self.restore_layout()
        self.start_page.set_welcome(self.first_run)
        if self.first_run:
            self.settings.setValue("welcomed", True)
        self.show_start()

    # ------------------------------------------------------------ actions and menus

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        self.new_action = self._action(
            "新建项目(&N)", self.new_project, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            "打开项目(&O)…", self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.save_action = self._action("保存(&S)", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(
            "另存为(&A)…", self.save_as, QKeySequence("Ctrl+Shift+S")
        )
        self.generate_action = self._action(
            "生成公开材料(&G)…",
            self.generate,
            QKeySequence("Ctrl+G"),
            "生成 Excel 公开表和 PDF 报告",
        )
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        samples_menu = file_menu.addMenu("打开示例(&M)")
        for i, (name, description) in enumerate(samples.SAMPLES.items(), 1):
            samples_menu.addAction(
                self._action(f"&{i} {description}", lambda _=False, n=name: self.open_sample(n))
            )
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.generate_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = menu.addMenu("编辑(&E)")
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "撤销(&U)")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "重做(&R)")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._action(
            "查找科目(&F)", self.open_find, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self._action("重新审核(&C)", self.checker.recheck, QKeySequence("F5")))

        self.project_actions = [
            self.save_action,
            self.save_as_action,
            self.generate_action,
            self.find_action,
        ]
        view_menu = menu.addMenu("视图(&V)")
        for i, page in enumerate(self.pages):
            key = str((i + 1) % 10)  # Ctrl+1 … Ctrl+9, then Ctrl+0
            go = self._action(
                f"&{key} {page.title}" if i < 10 else page.title,
                lambda _=False, n=i: self.select_page(n),
                QKeySequence(f"Ctrl+{key}") if i < 10 else None,
            )
            view_menu.addAction(go)
            self.project_actions.append(go)
        view_menu.addSeparator()
        self.cycle_action = self._action(
            "切换到下一区域(&Q)",
            self.focus_next_area,
            QKeySequence("F6"),
            "在表单列表、当前表单和审核结果之间切换",
        )
        view_menu.addAction(self.cycle_action)
        self.project_actions.append(self.cycle_action)
        # the dock's own toggle action takes its changing title; this one keeps a short name
        findings = self._action("审核结果(&J)", self.findings_dock.setVisible)
        findings.setCheckable(True)
        self.findings_dock.visibilityChanged.connect(findings.setChecked)
        view_menu.addAction(findings)
        self.project_actions.append(findings)

        help_menu = menu.addMenu("帮助(&H)")
        self.keys_action = self._action("快捷键(&K)", self.show_shortcuts, QKeySequence("F1"))
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self._action("打开日志文件夹(&L)", self.open_log_folder))
        help_menu.addAction(self._action("关于(&A)", self.about))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for p in recent:
            self.recent_menu.addAction(
                self._action(p, lambda _=False, x=p: self.open_path(Path(x)))
            )
        if not recent:
            none = self.recent_menu.addAction("（无）")
            none.setEnabled(False)

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every key the window answers: its menus' shortcuts (read from the actions, so
        the list cannot drift from them), then the keys of the grids and the findings."""
        out: list[tuple[str, str]] = []
        for menu in self.menuBar().findChildren(QMenu):
            for action in menu.actions():
                keys = "、".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                )
                # 「&3 收入支出…」 → 「收入支出…」, 「保存(&S)」 → 「保存」
                name = re.sub(r"^&\w\s+", "", action.text()).split("(&")[0].replace("&", "")
                if action.statusTip():
                    name = f"{name}（{action.statusTip()}）"
                if keys and (keys, name) not in out:
                    out.append((keys, name))
        out += [
            (
                "Tab / Shift+Tab",
                "表格中向右/向左移动；在最后一列（第一列）时移到下一个（上一个）控件",
            ),
            ("Enter / Shift+Enter", "表格中确认输入并向下/向上移动"),
            ("Esc", "取消正在输入的内容；输入未被接受的单元格恢复原值"),
            ("Delete", "清空所选单元格"),
            ("Ctrl+C / Ctrl+V", "复制所选单元格 / 粘贴从 Excel、WPS 复制的区域"),
            ("Alt+Shift+E / W / H", "审核结果中显示或隐藏 错误 / 警告 / 提示"),
        ]
        return out

    def show_shortcuts(self) -> None:
        ShortcutsDialog.show_list(self, self.shortcuts())

    def open_log_folder(self) -> bool:
        folder = self.paths.logs
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br><br>"
            "离线运行：数据只保存在本机，软件不联网、不检查更新、不上传任何内容。<br><br>"
            f"设置：{self.paths.settings_file}<br>"
            f"自动恢复副本：{self.recovery.folder}<br>"
            f"日志：{self.paths.log_file}",
        )

    # ------------------------------------------------------------ pages

    def _show_central(self, widget: QWidget, *, project: bool) -> None:
        """`widget` in the middle; the findings, the balance and the project's actions
        only while a project is shown."""
        self.central.setCurrentWidget(widget)
        self.findings_dock.setVisible(project)
        self.balance_label.setVisible(project)
        for a in self.project_actions:
            a.setEnabled(project)
        if project:
            self._show_balance()
        else:
            self.counts_label.hide()

    def show_start(self) -> None:
        self.start_page.set_recent(self.recent_files())
        self._show_central(self.start_page, project=False)
        self._retitle()

    def show_workspace(self) -> None:
        self._show_central(self.workspace, project=True)
        if not self.nav.currentIndex().isValid():
            self.select_page(0)
        self._retitle()

    @property
    def has_project(self) -> bool:
        return self.central.currentWidget() is self.workspace

    def select_page(self, row: int) -> None:
        self.nav.setCurrentIndex(self.nav_model.index(row))
        self.page_stack.setCurrentIndex(row)

    def page(self, kind: type[FormPage]) -> FormPage:
        return next(p for p in self.pages if isinstance(p, kind))

    def page_for(self, form: Form) -> int:
        for i, p in enumerate(self.pages):
            if p.form is form:
                return i
        return -1

    def goto(self, location: Location) -> bool:
        """Show the form, and the cell or field, a finding points to."""
        row = self.page_for(location.form)
        if row < 0:
            self.show_message(f"「{location.form.value}」表单尚未提供，请在项目文件中修改")
            return False
        self.select_page(row)
        return self.pages[row].focus_location(location)

    def goto_finding(self, finding: Finding) -> None:
        self.goto(finding.location)
        self.show_message(finding.message)

    def jump_to(self, location: Location) -> bool:
        """From a placeholder of the text preview to where its text is written; a reason
        cell opens for typing."""
        if not self.goto(location):
            self.show_message("请在「上年数与原因说明」中填写这一处原因")
            return False
        if location.form is Form.PRIOR:
            page = self.page(PriorPage)
            assert isinstance(page, PriorPage)
            page.edit_reason(location.row)
        return True

    def goto_blocker(self, blocker: Blocker) -> bool:
        """From a blocker of the final PDF to where it is fixed: a finding's cell, as the
        findings panel goes; a text the document still owes, as the preview's placeholder
        goes (a reason opens for typing)."""
        self.activateWindow()  # the keyboard follows the officer out of the 生成 dialog
        if blocker.reason_key is not None:
            label = describe_reason(blocker.reason_key, self.document.names())
            self.show_message(f"请填写：{label}")
            return self.jump_to(location_of(blocker.reason_key))
        if blocker.location is not None:
            found = self.goto(blocker.location)
            self.show_message(blocker.message)
            return found
        self.show_message(str(blocker))
        return False

    def focus_next_area(self) -> None:
        """F6: the form list → the current form → the findings → the form list."""
        focus = self.focusWidget()
        page = self.page_stack.currentWidget()
        areas: list[QWidget] = [self.nav]
        if page is not None:
            areas.append(page)
        if self.findings_dock.isVisible():
            areas.append(self.findings_dock.view)
        current = -1
        for i, area in enumerate(areas):
            if focus is area or (focus is not None and area.isAncestorOf(focus)):
                current = i
        target = areas[(current + 1) % len(areas)]
        if page is not None and target is page:
            target = first_focusable(page) or page
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def open_find(self) -> None:
        row = self.page_for(Form.LEDGER)
        self.select_page(row)
        page = self.pages[row]
        assert isinstance(page, LedgerPage)
        page.focus_find()

    # ------------------------------------------------------------ status and title

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _retitle(self) -> None:
        if not self.has_project:
            self.setWindowTitle(APP_NAME)
            return
        unit = self.document.report.unit
        star = "*" if self.document.is_modified else ""
        name = unit.name or "未命名单位"
        self.setWindowTitle(f"{name} · {unit.year}年度{star} — {APP_NAME}")

    def _on_changed(self, change: Change) -> None:
        if change.touches(Form.UNIT):
            self._retitle()
        # The undo stack marks itself modified only after this signal; autosave() decides.
        self._autosave.start()

    def _on_step(self, text: str, where: Location | None, change: Change, undone: bool) -> None:
        """An undo or redo shows what it did: the page and the cell or field it changed,
        and its name in the status bar (「撤销：修改 2010301 本年支出：基本支出」)."""
        if not self.has_project:
            return
        shown = where is not None and self.goto(where)
        if not shown and change.forms:
            # no cell to show (a row added or removed): the first page it changed
            row = min((r for r in map(self.page_for, change.forms) if r >= 0), default=-1)
            if row >= 0:
                self.select_page(row)
        self.show_message(f"{'撤销' if undone else '重做'}：{text}")

    def balance_text(self) -> BalanceStatus:
        """「收入总计 X = 支出总计 Y 元 ✓」 as the checks allow it
        (`checks.balance.balance_status`)."""
        idx = self.checker.index
        return balance_status(
            self.document.report,
            self.document.derived(),
            errors=idx.total(Severity.ERROR),
            warnings=idx.total(Severity.WARNING),
            checked=not self.checker.busy,
        )

    def is_blank(self) -> bool:
        """Nothing typed yet (a new project): no 「未发现问题」 to claim."""
        return is_blank(self.document.derived())

    def _show_balance(self) -> None:
        text, tone = self.balance_text()
        self.balance_label.setText(text)
        self.balance_label.setStyleSheet(TONE_STYLE[tone])
        idx = self.checker.index
        self.counts_label.setText(
            f"错误 {idx.total(Severity.ERROR)} · 警告 {idx.total(Severity.WARNING)} · "
            f"提示 {idx.total(Severity.HINT)}"
        )
        self.counts_label.setVisible(self.has_project and tone is not Tone.BLANK)

    # ------------------------------------------------------------ projects

    def commit_pending(self) -> None:
        for p in self.pages:
            p.commit_pending()

    def _load(self, report: Report, path: Path | None, *, modified: bool = False) -> None:
        """Show `report` at once (a new, empty project: nothing to wait for)."""
        self.cancel_opening()
        self.document.reset(report, path, modified=modified)
        self.checker.check_all()
        self._autosaved_at = self.document.edits
        self.show_workspace()

    # ------------------------------------------------------------ opening on a worker

    @property
    def is_loading(self) -> bool:
        """A project is being opened (`opened` tells when it is done)."""
        return self._opening is not None

    def _open(
        self,
        read: Callable[[], Report],
        *,
        name: str,
        path: Path | None,
        error_title: str,
        done: Callable[[Opened], None],
        modified: bool = False,
        fallback: Callable[[], Report] | None = None,
    ) -> bool:
        """Read, derive and check a report on a worker while the window shows the progress
        (and stays usable); then show it, and call `done`. False when nothing started."""
        self.cancel_opening()
        job = OpenJob(read, modified=modified, fallback=fallback)
        opening = _Opening(job.cancel, path, error_title, done, self.has_project)
        self._opening = opening
        # The job is referred to until it answers (once: opened, failed or cancelled),
        # also after the window stopped waiting for it.
        self._jobs.add(job)
        for finished in (job.signals.opened, job.signals.failed, job.signals.cancelled):
            finished.connect(lambda *_: self._jobs.discard(job))
        job.signals.progress.connect(lambda n, text: self._open_progress(opening, n, text))
        job.signals.opened.connect(lambda result: self._opened(opening, result))
        job.signals.failed.connect(lambda error: self._open_failed(opening, error))
        job.signals.cancelled.connect(lambda: self._open_ended(opening))
        self.opening_panel.start(name, len(OPEN_STEPS))
        self._show_central(self.opening_panel, project=False)
        self.pool.start(job)
        return True

    def cancel_opening(self) -> bool:
        """Stop opening (取消); the window goes back to what it showed. False when no
        project was being opened."""
        opening = self._opening
        if opening is None:
            return False
        opening.cancel.set()
        self._open_ended(opening)
        self.show_message("已取消打开")
        return True

    def _open_progress(self, opening: _Opening, step: int, text: str) -> None:
        if opening is self._opening and shiboken6.isValid(self):
            self.opening_panel.step(step, text)

    def _open_ended(self, opening: _Opening, *, ok: bool = False) -> None:
        if opening is not self._opening or not shiboken6.isValid(self):
            return  # a job whose result is no longer wanted
        self._opening = None
        if not ok:
            if opening.had_project:
                self.show_workspace()
            else:
                self.show_start()
        self.opened.emit(ok)

    def _open_failed(self, opening: _Opening, error: BaseException) -> None:
        if opening is not self._opening or not shiboken6.isValid(self):
            return
        self._open_ended(opening)
        show_error(self, error, opening.error_title)

    def _opened(self, opening: _Opening, result: Opened) -> None:
        if opening is not self._opening or not shiboken6.isValid(self):
            return
        # The report is here to stay: collections from now on leave it (and the worker's
        # papers) alone, so making the views below does not set off a full one.
        long_lived()
        self.opening_panel.step(len(OPEN_STEPS) - 1, OPEN_STEPS[-1])
        if result.note is not None:
            show_error(self, result.note, "恢复副本无法读取")
        self.document.reset(
            result.report, opening.path, modified=result.modified, papers=result.papers
        )
        self.checker.install(result.findings)
        self._autosaved_at = self.document.edits
        self.show_workspace()
        opening.done(result)
        self._open_ended(opening, ok=True)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the officer cancels."""
        self.commit_pending()
        if not self.has_project or not self.document.is_modified:
            return True
        name = self.document.report.unit.name or "未命名项目"
        answer = SaveChangesDialog.ask(self, name)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._autosaves_written()
            self.recovery.discard(self.document.path)
            return True
        return False

    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        edition_id = self.start_page.chosen_edition()
        self._load(new_report(edition_id=edition_id), None)
        if edition_id:
            self.settings.setValue("new_edition", edition_id)
        log.info("新建项目（版式 %s）", edition_id)
        self.select_page(0)
        first = first_focusable(self.pages[0])  # the unit's name: where typing begins
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_message("已新建项目：请先填写单位信息")
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path = OpenProjectDialog.ask(self, self._last_folder)
        return self.open_path(path, ask_save=False) if path is not None else False

    def open_path(self, path: Path, *, ask_save: bool = True) -> bool:
        """Start opening the project file (`opened` says when it is open, or why not:
        an unreadable file is shown as an error then). A recovery copy newer than the
        file is offered first; if it cannot be read, the file is opened."""
        if ask_save and not self.maybe_save():
            return False
        log.info("打开项目 %s", path)
        read: Callable[[], Report] = lambda: read_project(path)  # noqa: E731
        fallback: Callable[[], Report] | None = None
        copy = self.recovery.find(path)
        if copy is not None:
            if RestoreDialog.ask(self, copy.name or path.name, copy.saved_at):
                read, fallback = (lambda: read_project(copy.file)), read
            else:
                self._autosaves_written()
                self.recovery.discard(path)

        def done(result: Opened) -> None:
            self.add_recent(path)
            note = "（已恢复自动保存的修改）" if result.modified else ""
            if project_file.is_legacy_name(path):  # saving writes back here; 另存为: .juesuan
                note += f"（旧版文件名：另存为 {project_file.SUFFIX} 后可在资源管理器中双击打开）"
            self.show_message(f"已打开 {path}{note}")

        return self._open(
            read,
            name=path.name,
            path=path,
            error_title="无法打开项目",
            done=done,
            modified=fallback is not None,
            fallback=fallback,
        )

    def open_sample(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        description = samples.SAMPLES.get(name, name)

        def done(_result: Opened) -> None:
            log.info("打开示例 %s", name)
            self.show_message(f"已打开示例：{description}（保存时请另存为新文件）")

        return self._open(
            lambda: samples.load(name),
            name=f"示例：{description}",
            path=None,
            error_title="无法打开示例",
            done=done,
        )

    def offer_orphans(self) -> bool:
        """At start without a file: offer the newest recovery copy a crash left behind
        (True: it is being opened)."""
        orphans = self.recovery.orphans()
        if not orphans:
            return False
        copy = orphans[0]
        if not RestoreDialog.ask(self, copy.name or "未命名项目", copy.saved_at):
            self._autosaves_written()
            for c in orphans:
                self.recovery.remove(c)
            return False

        def done(_result: Opened) -> None:
            log.info("已恢复自动保存的副本 %s", copy.file)
            if copy.project is None:
                self._autosaves_written()
                self.recovery.remove(copy)  # the untitled copy lives on under this session's key
            else:
                self.add_recent(copy.project)
            self.show_message("已恢复未保存的修改，请及时保存")

        return self._open(
            lambda: read_project(copy.file),
            name=copy.name or "未命名项目",
            path=copy.project,
            error_title="恢复副本无法读取",
            done=done,
            modified=True,
        )

    def suggested_name(self) -> str:
        """What 另存为 proposes: the open file's name (an earlier version's X.juesuan.json
        becomes X.juesuan), or for a new project the unit, the year and the suffix."""
        path = self.document.path
        if path is not None:
            return str(path.parent / f"{project_file.stem(path)}{project_file.SUFFIX}")
        unit = self.document.report.unit
        stem = f"{unit.name or '未命名单位'}{unit.year}年度决算"
        return str(Path(self._last_folder or ".") / f"{stem}{project_file.SUFFIX}")

    def save(self) -> bool:
        if not self.has_project:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if not self.has_project:
            return False
        self.commit_pending()
        path = SaveProjectDialog.ask(self, self.suggested_name())
        return self._save_to(path) if path is not None else False

    def _save_to(self, path: Path, *, replace_changed: bool = False) -> bool:
        self.commit_pending()
        old = self.document.path
        try:
            self.document.save(path, replace_changed=replace_changed)
        except ChangedOnDiskError:
            answer = ChangedOnDiskDialog.ask(self, path)
            if answer == "replace":
                return self._save_to(path, replace_changed=True)
            if answer == "save_as":
                return self.save_as()
            return False
        except JuesuanError as exc:
            show_error(self, exc, "保存失败")
            return False
        log.info("已保存 %s", path)
        self._autosaves_written()
        self.recovery.discard(old)
        self.recovery.discard(path)
        self._autosaved_at = self.document.edits
        self.add_recent(path)
        self.show_message(f"已保存到 {path}")
        return True

    def autosave(self) -> None:
        """Write the recovery copy if there are unsaved edits since the last one, on a
        worker (a large report takes most of a second to write); `autosaved` follows."""
        if not self.has_project or not self.document.is_modified:
            return
        if self.document.edits == self._autosaved_at:
            return
        if self._autosaving:  # one at a time: this one's turn comes after
            self._autosave.start()
            return
        job = _AutosaveJob(
            self.recovery, self.document.report, self.document.path, self.document.edits
        )
        job.signals.done.connect(self._autosave_done)
        job.signals.failed.connect(self._autosave_failed)
        self._autosaving = job
        self._saver.start(job)

    def _autosave_done(self, edits: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._autosaving = None
        self._autosaved_at = max(self._autosaved_at, edits)
        self.autosaved.emit()

    def _autosave_failed(self, exc: JuesuanError) -> None:
        if not shiboken6.isValid(self):
            return
        self._autosaving = None
        log.warning("自动保存恢复副本失败：%s", exc)
        self.show_message(f"自动保存恢复副本失败：{exc}")

    def _autosaves_written(self) -> None:
        """Wait for a recovery copy being written (before copies are removed, so that
        none is written after)."""
        self._saver.waitForDone()

    # ------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        # QSettings gives back a lone string for a one-item list (INI format), None for none
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v]

    def add_recent(self, path: Path) -> None:
        p = str(path.resolve())
        recent = [p, *(r for r in self.recent_files() if r != p)][:MAX_RECENT]
        self.settings.setValue("recent", recent)
        self._last_folder = str(path.resolve().parent)
        self.settings.setValue("last_folder", self._last_folder)

    # ------------------------------------------------------------ generation

    def generate(self) -> GenerateDialog | None:
        if not self.has_project:
            return None
        self.commit_pending()
        self.checker.flush()
        folder = (
            self.document.path.parent / "公开表"
            if self.document.path
            else Path(self._last_folder or documents_folder()) / "公开表"
        )

        def current() -> Report:
            self.commit_pending()
            return self.document.report

        dialog = GenerateDialog(
            current,
            folder,
            self.pool,
            errors=self.checker.index.total(Severity.ERROR),
            papers=self.document.papers,
            findings=None if self.checker.busy else list(self.checker.findings),
            parent=self,
        )
        dialog.jump_requested.connect(self.goto_blocker)
        dialog.setModal(False)  # the officer may keep working while it runs
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ------------------------------------------------------------ closing

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters whose sizes are remembered, by a stable name."""
        out = {"workspace": self.workspace}
        for page in self.pages:
            for i, splitter in enumerate(page.findChildren(QSplitter)):
                out[f"{type(page).__name__}.{i}"] = splitter
        return out

    def save_layout(self) -> None:
        """Window geometry, the dock and every splitter, for the next start."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for name, splitter in self._splitters().items():
            self.settings.setValue(f"splitters/{name}", splitter.saveState())
        self.settings.setValue("findings/folded", self.findings_dock.folded)
        for section in self._sections():
            self.settings.setValue(f"sections/{section.objectName()}", section.expanded)
        self.settings.sync()

    def _sections(self) -> list[Collapsible]:
        """The folding sections of the pages (their folded or open state is remembered)."""
        return [c for page in self.pages for c in page.findChildren(Collapsible)]

    def restore_layout(self) -> None:
        def stored(key: str) -> QByteArray | None:
            value = self.settings.value(key)
            return value if isinstance(value, QByteArray) and not value.isEmpty() else None

        geometry = stored("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = stored("window/state")
        self._restored_state = state is not None and self.restoreState(state)

        def flag(key: str) -> bool | None:
            value = self.settings.value(key)  # INI keeps "true"/"false"
            return None if value is None else str(value).lower() == "true"

        folded = flag("findings/folded")
        if folded is not None:
            self.findings_dock.set_folded(folded)
        for section in self._sections():
            expanded = flag(f"sections/{section.objectName()}")
            if expanded is not None:
                section.set_expanded(expanded)
        # Each splitter when it is first shown, at its real size: restored while hidden
        # (on the start page, or a page not yet visited) it would scale the sizes down.
        self._splitter_states: dict[QSplitter, QByteArray] = {}
        for name, splitter in self._splitters().items():
            sizes = stored(f"splitters/{name}")
            if sizes is not None:
                self._splitter_states[splitter] = sizes
                splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched in self._splitter_states:
            assert isinstance(watched, QSplitter)
            watched.restoreState(self._splitter_states.pop(watched))
            watched.removeEventFilter(self)
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._dock_sized:
            self._dock_sized = True
            if not self._restored_state:
                # five findings: with the folded 结转和结余, 1366×768 shows 18 ledger rows
                rows = self.findings_dock.view.verticalHeader().defaultSectionSize()
                height = rows * 5 + self.findings_dock.view.horizontalHeader().sizeHint().height()
                self.resizeDocks([self.findings_dock], [height + 30], Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.cancel_opening()
        self._autosave.stop()
        self._autosaves_written()
        self.save_layout()
        self.pool.waitForDone(10000)
        log.info("窗口关闭")
        event.accept()
