"""Opening a project on a worker thread: read, derive and check while the window stays
usable, then hand the results over in one step.

    MainWindow.open_path ──OpenJob(read)──> QThreadPool
      worker: read the file ─> derive, in working papers of its own ─> every check
              <── progress(step, text) / opened(Opened) / failed(error) / cancelled()
                  (queued to the GUI thread)
    GUI thread: document.reset(report, papers=…) + checker.install(findings): the views
                find every figure derived and every finding made

The report is a frozen value and the papers are the job's own, so the worker shares
nothing with the GUI thread until the result is handed over. 取消 takes effect between
the steps; a job whose result is no longer wanted is simply ignored by the window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.core.checks import Finding, run_checks
from desktop.core.derive import derive, prepare_edits
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.core.workpapers import Workpapers
from desktop.ui.heap import full_collections_paused

STEPS = ("读取项目文件", "计算各级汇总", "审核", "准备表单")
"""What the progress shows, in order; the last step runs on the GUI thread."""


@dataclass(frozen=True)
class Opened:
    """What a job hands over: the report, derived and checked in `papers`."""

    report: Report
    papers: Workpapers
    findings: tuple[Finding, ...]
    modified: bool  # the report differs from the file (a recovery copy was taken)
    note: JuesuanError | None = None  # why the recovery copy was not taken after all


class _Signals(QObject):
    progress = Signal(int, str)  # the step now running, its text
    opened = Signal(object)  # Opened
    failed = Signal(object)  # BaseException
    cancelled = Signal()


class OpenJob(QRunnable):
    """Read a report with `read`, derive it and check it. When `read` fails with a
    `JuesuanError` and there is a `fallback` (the project file, when its recovery copy
    cannot be read), the fallback's report is opened instead and the error is noted."""

    def __init__(
        self,
        read: Callable[[], Report],
        *,
        modified: bool = False,
        fallback: Callable[[], Report] | None = None,
    ) -> None:
        super().__init__()
        self._read = read
        self._fallback = fallback
        self._modified = modified
        # Kept by the window, which may cancel after the pool has deleted the runnable.
        self.cancel = threading.Event()
        self.signals = _Signals()  # made on the GUI thread, so its signals queue there

    def _step(self, n: int) -> bool:
        """Say step `n` starts; False when the job was cancelled."""
        if self.cancel.is_set():
            self.signals.cancelled.emit()
            return False
        self.signals.progress.emit(n, STEPS[n])
        return True

    def run(self) -> None:
        try:
            with full_collections_paused():
                opened = self._open()
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self.signals.failed.emit(exc)
            return
        if opened is not None:
            if self.cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.opened.emit(opened)

    def _open(self) -> Opened | None:
        if not self._step(0):
            return None
        modified, note = self._modified, None
        try:
            report = self._read()
        except JuesuanError as exc:
            if self._fallback is None:
                raise
            report, modified, note = self._fallback(), False, exc
        if not self._step(1):
            return None
        papers = Workpapers()
        derive(report, papers=papers)
        prepare_edits(papers)
        if not self._step(2):
            return None
        findings = tuple(run_checks(report, papers=papers))
        return Opened(report, papers, findings, modified, note)
