"""Going to a place in the forms: from a finding, a preview placeholder, a blocker of
生成, an undo or redo, or the keyboard (F6, 查找科目).

    Finding.location / Blocker / reason key / undo step
        ──Navigator──> window.select_page(row) ──> FormPage.focus_location(location)
                       a reason cell of 上年数与原因说明 opens for typing
                       the status bar says what is to be done there

The window's pages are listed in navigation order; a location names a form, and the
page showing that form takes the cell or field from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from desktop.core.checks import Finding, Form, Location
from desktop.core.edits import Change
from desktop.core.exporters import Blocker
from desktop.core.vocabulary import describe_reason
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.preview import location_of
from desktop.ui.forms.prior import PriorPage

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside `container` that Tab would stop at."""
    w = container.nextInFocusChain()
    while w is not None and w is not container:
        if (
            container.isAncestorOf(w)
            and not isinstance(w, QScrollArea)  # a long form's frame: its first field
            and w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return w
        w = w.nextInFocusChain()
    return None


class Navigator:
    """Shows the form, and the cell or field, that something points to in `window`."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def goto(self, location: Location) -> bool:
        """Show the form, and the cell or field, a finding points to."""
        w = self.window
        row = w.page_for(location.form)
        if row < 0:
            w.show_message(f"「{location.form.value}」表单尚未提供，请在项目文件中修改")
            return False
        w.select_page(row)
        return w.pages[row].focus_location(location)

    def goto_finding(self, finding: Finding) -> None:
        self.goto(finding.location)
        self.window.show_message(finding.message)

    def jump_to(self, location: Location) -> bool:
        """From a placeholder of the text preview to where its text is written; a reason
        cell opens for typing."""
        if not self.goto(location):
            self.window.show_message("请在「上年数与原因说明」中填写这一处原因")
            return False
        if location.form is Form.PRIOR:
            page = self.window.page(PriorPage)
            assert isinstance(page, PriorPage)
            page.edit_reason(location.row)
        return True

    def goto_blocker(self, blocker: Blocker) -> bool:
        """From a blocker of the final PDF to where it is fixed: a finding's cell, as the
        findings panel goes; a text the document still owes, as the preview's placeholder
        goes (a reason opens for typing)."""
        w = self.window
        w.activateWindow()  # the keyboard follows the officer out of the 生成 dialog
        if blocker.reason_key is not None:
            label = describe_reason(blocker.reason_key, w.document.names())
            w.show_message(f"请填写：{label}")
            return self.jump_to(location_of(blocker.reason_key))
        if blocker.location is not None:
            found = self.goto(blocker.location)
            w.show_message(blocker.message)
            return found
        w.show_message(str(blocker))
        return False

    def show_step(self, text: str, where: Location | None, change: Change, undone: bool) -> None:
        """An undo or redo shows what it did: the page and the cell or field it changed,
        and its name in the status bar (「撤销：修改 2010301 本年支出：基本支出」)."""
        w = self.window
        if not w.has_project:
            return
        shown = where is not None and self.goto(where)
        if not shown and change.forms:
            # no cell to show (a row added or removed): the first page it changed
            row = min((r for r in map(w.page_for, change.forms) if r >= 0), default=-1)
            if row >= 0:
                w.select_page(row)
        w.show_message(f"{'撤销' if undone else '重做'}：{text}")

    def focus_next_area(self) -> None:
        """F6: the form list → the current form → the findings → the form list."""
        w = self.window
        focus = w.focusWidget()
        page = w.page_stack.currentWidget()
        areas: list[QWidget] = [w.nav]
        if page is not None:
            areas.append(page)
        if w.findings_dock.isVisible():
            areas.append(w.findings_dock.view)
        current = -1
        for i, area in enumerate(areas):
            if focus is area or (focus is not None and area.isAncestorOf(focus)):
                current = i
        target = areas[(current + 1) % len(areas)]
        if page is not None and target is page:
            target = first_focusable(page) or page
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def open_find(self) -> None:
        w = self.window
        row = w.page_for(Form.LEDGER)
        w.select_page(row)
        page = w.pages[row]
        assert isinstance(page, LedgerPage)
        page.focus_find()
