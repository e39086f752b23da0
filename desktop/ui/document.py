"""The open project: the one `Report` every view reads, its file, its undo stack and
its working papers.

    form edit ──edits.*──> (new Report, Change) ──apply──> ReportCommand on the QUndoStack
                                                             │ redo/undo swap whole reports
                                       changed(Change) <─────┘
                                       stepped(text, where, change, undone): an undo or
                                       a redo (not the edit itself), for the window to
                                       show the page and the cell, and to name the step

There is no second copy of the data: models read `document.report` when Qt asks them.
Every edit is a `ReportCommand` holding the old and new reports (frozen records, so
this costs a few pointers); undo and redo just put one or the other back. The views, the
live checker and the preview derive through the document's `papers`, so a figure every
cell asks for is derived once per edit, and after a one-cell edit only along its 科目.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core import project_file
from desktop.core.checks import Location
from desktop.core.derive import Derived, derive
from desktop.core.edits import EVERYTHING, Change, Edit
from desktop.core.model import Report
from desktop.core.overwrite import same_file
from desktop.core.vocabulary import Names
from desktop.core.workpapers import Workpapers


class ReportCommand(QUndoCommand):
    """One edit: old and new report, and `where` it was made (the cell or field, as a
    finding would point to it). Edits with the same `merge_key` merge (typing text)."""

    def __init__(
        self,
        document: ProjectDocument,
        old: Report,
        new: Report,
        text: str,
        change: Change,
        merge_key: str = "",
        where: Location | None = None,
    ) -> None:
        super().__init__(text)
        self._document = document
        self.old = old
        self.new = new
        self.change = change
        self.merge_key = merge_key
        self.where = where

    def redo(self) -> None:
        self._document._set(self.new, self.change)
        self.change = self.change.without_origin()  # a later redo refreshes every view
        self._document._stepped(self, undone=False)

    def undo(self) -> None:
        self._document._set(self.old, self.change)
        self._document._stepped(self, undone=True)

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ReportCommand) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.change = (self.change | other.change).without_origin()
        return True


class ProjectDocument(QObject):
    """The report being edited, where it is saved, and whether it has unsaved changes."""

    changed = Signal(object)  # Change
    # an undo or redo: the step's text, where it was made (Location or None), its Change,
    # and True for an undo
    stepped = Signal(str, object, object, bool)
    modified_changed = Signal(bool)
    path_changed = Signal()

    def __init__(self, report: Report | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report = report or Report()
        self.papers = Workpapers()  # derive's and the checks' intermediate results
        self._path: Path | None = None
        # what the file held when opened or last saved: a save over a file changed since
        # (another window, the command line) is refused rather than silently losing it
        self._stamp: project_file.FileStamp | None = None
        self._dirty = False  # changes that are not on the undo stack (a restored recovery copy)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.edits = 0  # counts every change, for the autosave
        self._pushing = False  # QUndoStack.push runs the new command's redo: not a redo

    # ------------------------------------------------------------ state

    @property
    def report(self) -> Report:
        return self._report

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def derived(self, report: Report | None = None) -> Derived:
        """Every derived figure of `report` (the current one unless given), derived in
        the document's working papers: asking again after no edit costs nothing."""
        return derive(self._report if report is None else report, papers=self.papers)

    def names(self) -> Names:
        """The names of 科目 as the current report knows them (`Names.of`), from the
        catalog the derivation already merged with the officer's 科目."""
        return Names(self.derived().functional, self._report.unit.year)

    def _on_clean_changed(self, _clean: bool) -> None:
        if shiboken6.isValid(self.undo_stack):  # not while Qt tears the stack down
            self._emit_modified()

    def _emit_modified(self) -> None:
        self.modified_changed.emit(self.is_modified)

    def _set(self, report: Report, change: Change) -> None:
        self._report = report
        self.edits += 1
        self.changed.emit(change)

    def _stepped(self, command: ReportCommand, *, undone: bool) -> None:
        if not self._pushing:
            self.stepped.emit(command.text(), command.where, command.change, undone)

    # ------------------------------------------------------------ editing

    def apply(
        self,
        edit: Edit,
        text: str,
        *,
        origin: object = None,
        merge_key: str = "",
        where: Location | None = None,
    ) -> bool:
        """Push what an edit of `edits` returned, named `text` in the undo menu; False (and
        nothing pushed) when it changes nothing. `origin`: the widget that made the edit,
        which is not refreshed; edits with the same `merge_key` merge (typing a text);
        `where`: the cell or field edited, which undo and redo show again."""
        report, change = edit
        if change.empty or report == self._report:
            return False
        command = ReportCommand(
            self, self._report, report, text, change.with_origin(origin), merge_key, where
        )
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False
        return True

    def reset(
        self,
        report: Report,
        path: Path | None,
        *,
        modified: bool = False,
        papers: Workpapers | None = None,
    ) -> None:
        """Start over with another project (opened, new, restored): no undo history.
        `papers`: the report's working papers, already filled (derived and checked on a
        worker thread), which the document's papers take over."""
        self.undo_stack.clear()
        self.papers.take(papers if papers is not None else Workpapers())
        self._path = path
        self._stamp = project_file.FileStamp.read(path) if path is not None else None
        self._dirty = modified
        self._set(report, EVERYTHING)
        self.undo_stack.setClean()
        self.path_changed.emit()
        self._emit_modified()

    # ------------------------------------------------------------ files

    def save(self, path: Path | None = None, *, replace_changed: bool = False) -> None:
        """Write atomically (the previous file is kept as .bak); raises `SaveError`, and
        `ChangedOnDiskError` when the file was changed on disk since it was opened or
        last saved here — unless `replace_changed` (the officer chose to replace it)."""
        target = path or self._path
        if target is None:
            raise ValueError("save() needs a path for an untitled project")
        own = self._path is not None and same_file(target, self._path)
        expect = self._stamp if own and not replace_changed else None
        self._stamp = project_file.save(self._report, target, expect=expect)
        moved = target != self._path
        self._path = target
        self._dirty = False
        self.undo_stack.setClean()
        if moved:
            self.path_changed.emit()
        self._emit_modified()
