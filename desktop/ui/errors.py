"""The one place the GUI tells the officer that something went wrong.

A `JuesuanError` (a damaged file, a failed save, bad input) carries a Chinese message
fit to show as is. Anything else is a bug: the officer sees a short apology and the
traceback goes into the dialog's details, so it can be sent to us. Tests replace
`ErrorBox.show` to see what would have been shown.
"""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.errors import JuesuanError


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
    return (
        f"程序内部出错：{type(error).__name__}: {error}\n"
        "您的数据未受影响。请保存后重新打开；如果问题重复出现，请把“详细信息”发给技术支持。",
        details,
    )


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "出错了") -> None:
    """Show an error (an exception or a ready Chinese message) in one modal dialog."""
    if isinstance(error, str):
        ErrorBox.show(parent, title, error)
        return
    message, details = message_of(error)
    ErrorBox.show(parent, title, message, details)
