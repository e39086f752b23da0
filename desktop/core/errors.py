"""The core's error hierarchy: everything a user can cause derives from `JuesuanError`.

User mistakes (bad input, a damaged project file) are raised as subclasses of
`JuesuanError` carrying a Chinese message fit to show as is; the CLI prints it and
exits non-zero, the GUI shows it in one dialog. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations


class JuesuanError(Exception):
    """Root of all errors a user can cause; `str(err)` is a Chinese message."""


class AmountError(JuesuanError, ValueError):
    """Text that is not an unambiguous amount of money."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"金额「{text}」无法识别：{reason}")


class ProjectFileError(JuesuanError):
    """A project file that cannot be read, with the JSON path of the problem."""

    def __init__(self, message: str, path: str = "") -> None:
        self.path = path
        super().__init__(f"{message}（位置：{path}）" if path else message)


class SaveError(JuesuanError):
    """A project file that could not be written; the previous file is untouched."""


class EditionError(JuesuanError):
    """A layout file (an edition, a self-evaluation form) that does not describe a valid
    layout, with the file and the JSON path of the problem when they are known."""

    def __init__(self, message: str, file: str = "", path: str = "") -> None:
        self.file = file
        self.path = path
        where = f"版式文件 {file} 有误：" if file else ""
        at = f"（位置：{path}）" if path else ""
        super().__init__(f"{where}{message}{at}")


class BindingError(JuesuanError):
    """A layout that cannot be filled: it names a figure that does not exist, or a row of
    it does not fit the table's columns."""
