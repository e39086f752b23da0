"""The status bar's permanent part: the balance of 收入总计 and 支出总计 as the checks
allow it, and the count of findings by severity.

    LiveChecker.updated ──refresh()──> balance_status(report, derived, counts)
                                       ──> 「收入总计 X = 支出总计 Y 元 ✓」 in its tone
                                       ──> 「错误 n · 警告 n · 提示 n」 (not for a blank report)

Both are shown only while a project is; the window's messages take the rest of the bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QStatusBar

from desktop.core.checks import Severity
from desktop.core.checks.balance import BalanceStatus, Tone, balance_status, is_blank
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument

TONE_STYLE = {
    Tone.OK: "color: #1b7f3b;",
    Tone.WARNING: "color: #b26a00; font-weight: bold;",
    Tone.ERROR: "color: #c62828; font-weight: bold;",
    Tone.PENDING: "color: #5a6270;",
    Tone.BLANK: "color: #5a6270;",
}


class StatusLine:
    """The balance and the counts of `document`'s findings, in `bar`, while `active()`
    (a project is shown)."""

    def __init__(
        self,
        bar: QStatusBar,
        document: ProjectDocument,
        checker: LiveChecker,
        active: Callable[[], bool],
    ) -> None:
        self.document, self.checker, self._active = document, checker, active
        self.balance_label = QLabel()
        self.counts_label = QLabel()
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.balance_label)

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

    def show(self, project: bool) -> None:
        """Shown with a project, hidden without one."""
        self.balance_label.setVisible(project)
        if project:
            self.refresh()
        else:
            self.counts_label.hide()

    def refresh(self) -> None:
        text, tone = self.balance_text()
        self.balance_label.setText(text)
        self.balance_label.setStyleSheet(TONE_STYLE[tone])
        idx = self.checker.index
        self.counts_label.setText(
            f"错误 {idx.total(Severity.ERROR)} · 警告 {idx.total(Severity.WARNING)} · "
            f"提示 {idx.total(Severity.HINT)}"
        )
        self.counts_label.setVisible(self._active() and tone is not Tone.BLANK)
