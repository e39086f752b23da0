"""The window's side of opening a project on a worker (`opening.OpenJob`): one opening
at a time, its progress shown, 取消, and the take-over when it is done.

    Opener.start(read, …) ──OpenJob──> window.pool
       window: OpeningPanel (steps, 取消) in the middle
       <── progress ──> the panel's step
       <── opened(Opened) ──> document.reset + checker.install ──> the workspace; `done`
       <── failed(error) ──> back to what was shown, and the error
       <── cancelled / cancel() ──> back to what was shown
    window.opened(bool) when an opening ends

A job whose result is no longer wanted (cancelled, or overtaken by another opening)
still answers once; its answer is ignored, and `jobs` holds it until then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6

from desktop.core.model import Report
from desktop.ui.errors import show_error
from desktop.ui.heap import long_lived
from desktop.ui.opening import STEPS as OPEN_STEPS
from desktop.ui.opening import Opened, OpenJob

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


@dataclass(frozen=True, eq=False)
class _Opening:
    """A project being opened: how to stop it, and what to do when it is done."""

    cancel: threading.Event
    path: Path | None
    error_title: str
    done: Callable[[Opened], None]
    had_project: bool  # what to go back to if it fails or is cancelled


class Opener:
    """Opens projects on `window`'s pool, one at a time."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._opening: _Opening | None = None
        self.jobs: set[OpenJob] = set()

    @property
    def is_loading(self) -> bool:
        """A project is being opened (`window.opened` tells when it is done)."""
        return self._opening is not None

    def start(
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
        w = self.window
        self.cancel()
        job = OpenJob(read, modified=modified, fallback=fallback)
        opening = _Opening(job.cancel, path, error_title, done, w.has_project)
        self._opening = opening
        # The job is referred to until it answers (once: opened, failed or cancelled),
        # also after the window stopped waiting for it.
        self.jobs.add(job)
        for finished in (job.signals.opened, job.signals.failed, job.signals.cancelled):
            finished.connect(lambda *_: self.jobs.discard(job))
        job.signals.progress.connect(lambda n, text: self._progress(opening, n, text))
        job.signals.opened.connect(lambda result: self._opened(opening, result))
        job.signals.failed.connect(lambda error: self._failed(opening, error))
        job.signals.cancelled.connect(lambda: self._ended(opening))
        w.opening_panel.start(name, len(OPEN_STEPS))
        w.show_central(w.opening_panel, project=False)
        w.pool.start(job)
        return True

    def cancel(self) -> bool:
        """Stop opening (取消); the window goes back to what it showed. False when no
        project was being opened."""
        opening = self._opening
        if opening is None:
            return False
        opening.cancel.set()
        self._ended(opening)
        self.window.show_message("已取消打开")
        return True

    def _wanted(self, opening: _Opening) -> bool:
        return opening is self._opening and shiboken6.isValid(self.window)

    def _progress(self, opening: _Opening, step: int, text: str) -> None:
        if self._wanted(opening):
            self.window.opening_panel.step(step, text)

    def _ended(self, opening: _Opening, *, ok: bool = False) -> None:
        if not self._wanted(opening):
            return  # a job whose result is no longer wanted
        self._opening = None
        w = self.window
        if not ok:
            if opening.had_project:
                w.show_workspace()
            else:
                w.show_start()
        w.opened.emit(ok)

    def _failed(self, opening: _Opening, error: BaseException) -> None:
        if not self._wanted(opening):
            return
        self._ended(opening)
        show_error(self.window, error, opening.error_title)

    def _opened(self, opening: _Opening, result: Opened) -> None:
        if not self._wanted(opening):
            return
        w = self.window
        # The report is here to stay: collections from now on leave it (and the worker's
        # papers) alone, so making the views below does not set off a full one.
        long_lived()
        w.opening_panel.step(len(OPEN_STEPS) - 1, OPEN_STEPS[-1])
        if result.note is not None:
            show_error(w, result.note, "恢复副本无法读取")
        w.document.reset(
            result.report, opening.path, modified=result.modified, papers=result.papers
        )
        w.checker.install(result.findings)
        w.autosaver.mark_saved()
        w.show_workspace()
        opening.done(result)
        self._ended(opening, ok=True)
