"""Autosave: the open project's recovery copy written a few seconds after the last edit.

    document.changed ──poke()──> QTimer (a few seconds idle) ──write()──>
      AutosaveJob(report, path, edit count) ──> a one-thread pool (copies in order)
        worker: Recovery.write ──done(edits)──> saved_at; `written`
                               ──failed(error)──> `message` (the status bar)

The report is a frozen value, so the worker writes it while the officer keeps typing.
`saved_at` is the document's edit count the newest copy (or the saved file) holds:
nothing is written twice for the same edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.ui.document import ProjectDocument
from desktop.ui.heap import full_collections_paused
from desktop.ui.recovery import Recovery

log = logging.getLogger("juesuan.window")


class _AutosaveSignals(QObject):
    done = Signal(int)  # the document's edit count the copy has
    failed = Signal(object)  # JuesuanError


class AutosaveJob(QRunnable):
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


class Autosaver(QObject):
    """Writes the recovery copy of `document` after `delay_ms` idle, one at a time,
    while `active()` (a project is shown)."""

    written = Signal()  # a recovery copy was written
    message = Signal(str)  # a copy could not be written: for the status bar

    def __init__(
        self,
        document: ProjectDocument,
        recovery: Recovery,
        delay_ms: int,
        active: Callable[[], bool],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.document, self.recovery, self._active = document, recovery, active
        self.saved_at = -1
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write)
        self._saver = QThreadPool(self)  # recovery copies, one at a time, in order
        self._saver.setMaxThreadCount(1)
        self._writing: AutosaveJob | None = None

    def poke(self) -> None:
        """An edit: the copy follows after the delay (restarted by every edit)."""
        self.timer.start()

    def mark_saved(self) -> None:
        """The document's edits as they are now are safe (saved, opened or new)."""
        self.saved_at = self.document.edits

    def write(self) -> None:
        """Write the recovery copy if there are unsaved edits since the last one, on a
        worker (a large report takes most of a second to write); `written` follows."""
        if not self._active() or not self.document.is_modified:
            return
        if self.document.edits == self.saved_at:
            return
        if self._writing:  # one at a time: this one's turn comes after
            self.timer.start()
            return
        job = AutosaveJob(
            self.recovery, self.document.report, self.document.path, self.document.edits
        )
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._writing = job
        self._saver.start(job)

    def wait(self) -> None:
        """Wait for a recovery copy being written (before copies are removed, so that
        none is written after)."""
        self._saver.waitForDone()

    def stop(self) -> None:
        self.timer.stop()

    def _done(self, edits: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._writing = None
        self.saved_at = max(self.saved_at, edits)
        self.written.emit()

    def _failed(self, exc: JuesuanError) -> None:
        if not shiboken6.isValid(self):
            return
        self._writing = None
        log.warning("自动保存恢复副本失败：%s", exc)
        self.message.emit(f"自动保存恢复副本失败：{exc}")
