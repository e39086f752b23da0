"""The window itself: its layout remembered between runs, the findings filter, and use
without a mouse (mnemonics, F6 between areas, Tab into the form)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.core.checks import Severity
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.preview import PreviewPage
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def test_geometry_dock_and_splitters_are_remembered(make_window, opens, qtbot):
    first = make_window()
    assert opens(first, lambda: first.open_sample("datong-2024"))
    first.resize(1300, 700)  # (the offscreen screen is 800 px wide: only the height can show)
    first.workspace.setSizes([280, 1020])
    first.select_page(first.pages.index(first.page(PreviewPage)))
    first._splitters()["PreviewPage.0"].setSizes([333, 700])
    nav, preview = first.workspace.sizes()[0], first._splitters()["PreviewPage.0"].sizes()[0]
    first.close()

    second = make_window()
    assert second.height() == 700  # not the default 800
    second.resize(1300, 700)  # as the restored geometry would be on a screen that wide
    assert opens(second, lambda: second.open_sample("datong-2024"))
    assert second.workspace.sizes()[0] == nav != 230
    second.select_page(second.pages.index(second.page(PreviewPage)))
    assert second._splitters()["PreviewPage.0"].sizes()[0] == preview


def test_the_findings_panel_filters_by_severity(sample, qtbot):
    panel = sample.findings_dock
    m = sample.page(LedgerPage).model
    c = next(i for i, x in enumerate(COLUMNS) if x.key == "fiscal.general_basic")
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        m.setData(m.index(m.row_of("2010301"), c), "2,000,000")
    severities = {f.severity for f in panel.visible_findings()}
    assert {Severity.ERROR, Severity.WARNING} <= severities
    assert panel.filters[Severity.ERROR].text().startswith("错误 ")

    panel.set_shown(Severity.WARNING, False)
    panel.set_shown(Severity.HINT, False)  # the sample's advice (a coverage gap)
    assert {f.severity for f in panel.visible_findings()} == {Severity.ERROR}
    assert "已隐藏" in panel.hidden_note.text()
    # the filter holds when the findings are recomputed
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        m.setData(m.index(m.row_of("2010301"), c), "2,000,001")
    assert {f.severity for f in panel.visible_findings()} == {Severity.ERROR}
    panel.set_shown(Severity.HINT, True)
    panel.set_shown(Severity.WARNING, True)
    assert Severity.WARNING in {f.severity for f in panel.visible_findings()}
    assert panel.hidden_note.text() == ""


def test_menus_and_buttons_have_mnemonics(sample, qtbot):
    for menu_action in sample.menuBar().actions():
        assert "(&" in menu_action.text(), menu_action.text()
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                assert "&" in action.text(), action.text()
    dialog = sample.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    labelled = [b.text() for b in dialog.findChildren(QPushButton) if b.text() != "关闭"]
    assert labelled and all("(&" in t for t in labelled), labelled
    for box in (dialog.xlsx, dialog.pdf, dialog.final, dialog.draft, dialog.wan, dialog.yuan):
        assert "(&" in box.text()
    dialog.close()


def test_f6_moves_between_form_list_form_and_findings_and_tab_enters_the_form(sample, qtbot):
    sample.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sample, timeout=2000)
    sample.nav.setFocus()
    assert QApplication.focusWidget() is sample.nav

    sample.cycle_action.trigger()
    page = sample.page_stack.currentWidget()
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
    sample.cycle_action.trigger()
    assert QApplication.focusWidget() is sample.findings_dock.view
    sample.cycle_action.trigger()
    assert QApplication.focusWidget() is sample.nav

    # Tab from the form list goes into the form shown, not somewhere else
    sample.focusNextChild()
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)

    # Ctrl+0 reaches the tenth page (预览)
    preview = sample.page(PreviewPage)
    zero = [a for a in sample.project_actions if a.shortcut().toString() == "Ctrl+0"]
    assert len(zero) == 1
    zero[0].trigger()
    assert sample.page_stack.currentWidget() is preview


def test_new_offers_every_edition_and_uses_the_chosen_one(window, qtbot):
    from desktop.core.editions import all_editions

    combo = window.start_page.edition
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [e.id for e in all_editions()] and len(offered) >= 2
    window.start_page.choose_edition("shanxi-2022")
    assert window.new_project()
    assert window.document.report.unit.edition == "shanxi-2022"
    assert window.settings.value("new_edition") == "shanxi-2022"
