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

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.core import project_file
from desktop.core.checks import Finding, run_checks
from desktop.core.derive import derive, prepare_edits
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.core.workpapers import Workpapers
from desktop.ui.heap import full_collections_paused

STEPS = ("读取项目文件", "计算各级汇总", "审核", "准备表单")
"""What the progress shows, in order; the last step runs on the GUI thread."""


def read_project(path: Path) -> Report:
    """`project_file.load`, with the JSON parsed a record at a time.

    The C JSON parser holds the GIL for the whole of one call — 0.1 s for a 10,000-row
    file — and while a worker holds it the window can neither paint nor answer. Parsed
    here, the top levels are walked in Python and each record (a ledger row, a project)
    is one short call of the C parser, so the GUI thread gets its turn between them. A
    file this does not read as expected goes to `project_file.load`, which says what is
    wrong with it; a file it reads gives the report `project_file.load` gives.
    """
    try:
        if path.stat().st_size > project_file.MAX_FILE_BYTES:
            raise ValueError("too large")
        data = _parse(path.read_bytes().decode("utf-8-sig"))
    except Exception:  # whatever it is, the core's reader explains it in Chinese
        return project_file.load(path)
    return project_file.from_json(data)


def _refuse_float(text: str) -> object:
    raise ValueError(f"a bare number {text}")  # the core's reader refuses it, in Chinese


_DECODER = json.JSONDecoder(parse_float=_refuse_float)
_SPACE = re.compile(r"[ \t\n\r]*")
# json's own string scanner (C): (the string, where it ends) from just after its quote
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _skip(text: str, i: int) -> int:
    """Where the JSON white space at `i` ends."""
    found = _SPACE.match(text, i)
    return found.end() if found is not None else i


def _parse(text: str) -> object:
    value, end = _value(text, _skip(text, 0), 2)
    if _skip(text, end) != len(text):
        raise ValueError("extra data")
    return value


def _value(text: str, i: int, depth: int) -> tuple[object, int]:
    """The JSON value at `i` (no space before it) and where it ends; objects and arrays
    down to `depth` levels are walked here, anything below in one call of the C parser."""
    head = text[i : i + 1]
    if depth <= 0 or head not in ("{", "["):
        value: object
        value, end = _DECODER.raw_decode(text, i)
        return value, end
    close = "}" if head == "{" else "]"
    items: list[object] = []
    pairs: dict[str, object] = {}
    i = _skip(text, i + 1)
    if text[i : i + 1] == close:
        return (pairs if head == "{" else items), i + 1
    while True:
        if head == "{":
            if text[i : i + 1] != '"':
                raise ValueError("a key")
            key, i = _scanstring(text, i + 1)
            i = _skip(text, i)
            if text[i : i + 1] != ":":
                raise ValueError("a colon")
            i = _skip(text, i + 1)
            pairs[key], i = _value(text, i, depth - 1)
        else:
            item, i = _value(text, i, depth - 1)
            items.append(item)
        i = _skip(text, i)
        sep = text[i : i + 1]
        if sep == close:
            return (pairs if head == "{" else items), i + 1
        if sep != ",":
            raise ValueError("a comma")
        i = _skip(text, i + 1)


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
