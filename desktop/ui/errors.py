"""The one place the GUI tells the officer that something went wrong.

A `JuesuanError` (a damaged file, a failed save, bad input) carries a Chinese message
fit to show as is. Anything else is a bug: the officer sees a short apology, where the
log file is, and the traceback in the dialog's details, so it can be sent to us.

    show_error(parent, error)            every error dialog of the app; logged first
    CrashHandler.install()               sys.excepthook and threading.excepthook:
        any thread ──log──> queued to the GUI thread ──> show_error (never re-entered)

Tests replace `ErrorBox.show` to see what would have been shown.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.errors import JuesuanError
from desktop.ui.logs import log_file

log = logging.getLogger("juesuan.errors")


class ErrorBox:
    """The modal error dialog; a classmethod so tests can replace it."""

    @classmethod
    def show(cls, parent: QWidget | None, title: str, message: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        box.exec()


def message_of(error: BaseException) -> tuple[str, str]:
    """(message, details) for an error: a user's mistake as is, a bug with its traceback."""
    if isinstance(error, JuesuanError):
        return str(error), ""
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    where = log_file()
    logged = f"\n\n详细信息已记录在日志文件：\n{where}" if where is not None else ""
    return (
        f"程序内部出错：{type(error).__name__}: {error}\n"
        "您的数据未受影响。请保存后重新打开；如果问题重复出现，"
        f"请把日志文件或“详细信息”发给技术支持。{logged}",
        details,
    )


def show_error(
    parent: QWidget | None,
    error: BaseException | str,
    title: str = "出错了",
    *,
    logged: bool = False,
) -> None:
    """Show an error (an exception or a ready Chinese message) in one modal dialog.

    It is logged first (a bug with its traceback) unless the caller already did."""
    if isinstance(error, str):
        if not logged:
            log.warning("%s: %s", title, error)
        ErrorBox.show(parent, title, error)
        return
    if not logged:
        if isinstance(error, JuesuanError):
            log.warning("%s: %s", title, error)
        else:
            log.error("%s", title, exc_info=(type(error), error, error.__traceback__))
    message, details = message_of(error)
    ErrorBox.show(parent, title, message, details)


class CrashHandler(QObject):
    """Unhandled exceptions, from any thread: logged, then shown instead of the app vanishing.

    While its dialog is open a further unhandled exception (or one raised by the dialog
    itself) is only logged, so the handler never recurses."""

    _crashed = Signal(object)  # BaseException, from another thread

    def __init__(self, parent_widget: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._showing = False
        self._previous: tuple[Any, Any] | None = None
        self._crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """sys.excepthook: an exception nothing caught (in a Qt slot, a timer, …)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("未处理的异常", exc_info=(kind, error, tb))
        _print(kind, error, tb)
        error = error.with_traceback(tb)
        if QThread.currentThread() is self.thread():
            self._show(error)
        else:
            self._crashed.emit(error)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical(
            "线程 %s 中未处理的异常",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        _print(args.exc_type, args.exc_value, args.exc_traceback)
        self._crashed.emit(args.exc_value.with_traceback(args.exc_traceback))

    def _show(self, error: BaseException) -> None:
        if self._showing:
            return  # already logged; one dialog at a time, and never from inside it
        self._showing = True
        try:
            show_error(self._parent_widget(), error, "程序出错", logged=True)
        except BaseException:
            with contextlib.suppress(BaseException):
                log.critical("无法显示错误对话框", exc_info=True)
        finally:
            self._showing = False


def _print(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Also on stderr, when there is one (a windowed frozen app has none)."""
    if sys.stderr is not None:
        with contextlib.suppress(Exception):
            traceback.print_exception(kind, error, tb, file=sys.stderr)
