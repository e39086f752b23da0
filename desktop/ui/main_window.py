"""The main window: the pages of the forms, the findings dock, the start page, and the
collaborators that hold its duties.

    MainWindow ── ProjectDocument (report, path, QUndoStack)
               ── LiveChecker (findings after 150 ms idle, checked on a worker)
               │                                           ── NavList badges, FindingsDock,
               │                                              cell tints, StatusLine balance
               ── pages: one FormPage per form, and 预览 (its placeholders jump to their form)
               ── Menus (menus.py): the actions, their shortcuts, 帮助
               ── ProjectFiles (project_files.py): new, open, save, recent files, 保存更改?
               ── Opener (opener.py): a project read, derived and checked on a worker
               │           while the window shows the progress (and can cancel)
               ── Navigator (navigation.py): findings, blockers, placeholders, undo → the cell
               ── Autosaver (autosave.py): the recovery copy after a few seconds idle
               ── LayoutMemory (layout_memory.py): geometry, splitters, the dock and the
                             sections folded or open, in QSettings

The window's methods are the commands the menus, the start page and the tests call; each
hands over to the collaborator that holds it. Nothing is global: the window receives its
per-user folders (`AppPaths`), settings, recovery folder and thread pool, so tests give it
temporary ones.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QWidget

from desktop.core.checks import Finding, Form, Location, Severity
from desktop.core.checks.balance import BalanceStatus
from desktop.core.editions import proposed_edition
from desktop.core.edits import Change
from desktop.core.exporters import Blocker
from desktop.core.model import Report
from desktop.ui import menus
from desktop.ui.autosave import Autosaver
from desktop.ui.checker import LiveChecker
from desktop.ui.dialogs import ShortcutsDialog
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage
from desktop.ui.forms.econ import EconPage
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.preview import PreviewPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.forms.sangong import SangongPage
from desktop.ui.forms.self_eval import SelfEvalPage
from desktop.ui.forms.stats import StatsPage
from desktop.ui.forms.unit import UnitPage
from desktop.ui.forms.unit_eval import UnitEvalPage
from desktop.ui.generate import GenerateDialog
from desktop.ui.layout_memory import LayoutMemory
from desktop.ui.menus import APP_NAME, Menus
from desktop.ui.models.findings import FindingsModel, NavModel
from desktop.ui.navigation import Navigator
from desktop.ui.opener import Opener
from desktop.ui.opening import OpenJob
from desktop.ui.panels import FindingsDock, NavList
from desktop.ui.paths import AppPaths
from desktop.ui.project_files import ProjectFiles
from desktop.ui.recovery import Recovery
from desktop.ui.start_page import StartPage
from desktop.ui.status_line import StatusLine
from desktop.ui.widgets.progress import OpeningPanel

log = logging.getLogger("juesuan.window")

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


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


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
        self.files = ProjectFiles(self)
        self.opener = Opener(self)
        self.navigator = Navigator(self)

        self._build_workspace()
        self._build_start_page()
        self.opening_panel = OpeningPanel()
        self.opening_panel.cancel_requested.connect(self.cancel_opening)
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.central.addWidget(self.workspace)
        self.central.addWidget(self.opening_panel)
        self.setCentralWidget(self.central)
        self.status_line = StatusLine(
            self.statusBar(), self.document, self.checker, lambda: self.has_project
        )
        self._build_findings()
        self.balance_label = self.status_line.balance_label
        self.counts_label = self.status_line.counts_label
        self.autosaver = Autosaver(
            self.document, self.recovery, autosave_ms, lambda: self.has_project, self
        )
        self.autosaver.written.connect(self.autosaved)
        self.autosaver.message.connect(self.show_message)
        self._build_menus()

        self.document.changed.connect(self._on_changed)
        self.document.stepped.connect(self.navigator.show_step)
        self.document.modified_changed.connect(lambda _m: self._retitle())
        self.document.path_changed.connect(self._retitle)
        self.checker.updated.connect(self.status_line.refresh)
        self.resize(1280, 800)
        self.layout_memory = LayoutMemory(self, self.settings)
        self.restore_layout()
        self.start_page.set_welcome(self.first_run)
        if self.first_run:
            self.settings.setValue("welcomed", True)
        self.show_start()

    def _build_workspace(self) -> None:
        """The pages, the navigation list beside them, and 预览's jumps."""
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

    def _build_start_page(self) -> None:
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

    def _build_findings(self) -> None:
        self.findings_model = FindingsModel(self.document, self.checker)
        self.findings_dock = FindingsDock(
            self.findings_model, self.checker, self, blank=self.is_blank
        )
        self.findings_dock.activated.connect(self.goto_finding)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)

    def _build_menus(self) -> None:
        self.menus = Menus(self)
        m = self.menus
        self.new_action, self.open_action = m.new_action, m.open_action
        self.save_action, self.save_as_action = m.save_action, m.save_as_action
        self.generate_action, self.find_action = m.generate_action, m.find_action
        self.undo_action, self.redo_action = m.undo_action, m.redo_action
        self.cycle_action, self.keys_action = m.cycle_action, m.keys_action
        self.recent_menu, self.project_actions = m.recent_menu, m.project_actions

    # ------------------------------------------------------------ help

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every key the window answers (`menus.shortcut_list`)."""
        return menus.shortcut_list(self.menuBar())

    def show_shortcuts(self) -> None:
        ShortcutsDialog.show_list(self, self.shortcuts())

    def open_log_folder(self) -> bool:
        return menus.open_log_folder(self.paths)

    def about(self) -> None:
        menus.about(self, self.paths, self.recovery.folder)

    # ------------------------------------------------------------ pages

    def show_central(self, widget: QWidget, *, project: bool) -> None:
        """`widget` in the middle; the findings, the balance and the project's actions
        only while a project is shown."""
        self.central.setCurrentWidget(widget)
        self.findings_dock.setVisible(project)
        for a in self.project_actions:
            a.setEnabled(project)
        self.status_line.show(project)

    def show_start(self) -> None:
        self.start_page.set_recent(self.recent_files())
        self.show_central(self.start_page, project=False)
        self._retitle()

    def show_workspace(self) -> None:
        self.show_central(self.workspace, project=True)
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

    # ------------------------------------------------------------ navigation

    def goto(self, location: Location) -> bool:
        return self.navigator.goto(location)

    def goto_finding(self, finding: Finding) -> None:
        self.navigator.goto_finding(finding)

    def jump_to(self, location: Location) -> bool:
        return self.navigator.jump_to(location)

    def goto_blocker(self, blocker: Blocker) -> bool:
        return self.navigator.goto_blocker(blocker)

    def focus_next_area(self) -> None:
        self.navigator.focus_next_area()

    def open_find(self) -> None:
        self.navigator.open_find()

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
        self.autosaver.poke()

    def balance_text(self) -> BalanceStatus:
        return self.status_line.balance_text()

    def is_blank(self) -> bool:
        return self.status_line.is_blank()

    # ------------------------------------------------------------ projects

    def commit_pending(self) -> None:
        for p in self.pages:
            p.commit_pending()

    def load(self, report: Report, path: Path | None, *, modified: bool = False) -> None:
        """Show `report` at once (a new, empty project: nothing to wait for)."""
        self.cancel_opening()
        self.document.reset(report, path, modified=modified)
        self.checker.check_all()
        self.autosaver.mark_saved()
        self.show_workspace()

    _load = load  # the name the tests know it by

    @property
    def is_loading(self) -> bool:
        """A project is being opened (`opened` tells when it is done)."""
        return self.opener.is_loading

    @property
    def _jobs(self) -> set[OpenJob]:
        """The opening jobs that have not answered yet."""
        return self.opener.jobs

    def cancel_opening(self) -> bool:
        return self.opener.cancel()

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def new_project(self) -> bool:
        return self.files.new_project()

    def open_dialog(self) -> bool:
        return self.files.open_dialog()

    def open_path(self, path: Path, *, ask_save: bool = True) -> bool:
        return self.files.open_path(path, ask_save=ask_save)

    def open_sample(self, name: str) -> bool:
        return self.files.open_sample(name)

    def offer_orphans(self) -> bool:
        return self.files.offer_orphans()

    def suggested_name(self) -> str:
        return self.files.suggested_name()

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def autosave(self) -> None:
        self.autosaver.write()

    def recent_files(self) -> list[str]:
        return self.files.recent.paths()

    def add_recent(self, path: Path) -> None:
        self.files.recent.add(path)

    @property
    def _last_folder(self) -> str:
        return self.files.recent.last_folder

    @_last_folder.setter
    def _last_folder(self, folder: str) -> None:
        self.files.recent.last_folder = folder

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

    # ------------------------------------------------------------ layout and closing

    def _splitters(self) -> dict[str, QSplitter]:
        return self.layout_memory.splitters()

    def save_layout(self) -> None:
        self.layout_memory.save()

    def restore_layout(self) -> None:
        self.layout_memory.restore()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.layout_memory.size_dock()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.cancel_opening()
        self.autosaver.stop()
        self.autosaver.wait()
        self.save_layout()
        self.pool.waitForDone(10000)
        log.info("窗口关闭")
        event.accept()
