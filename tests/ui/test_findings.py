"""Live validation: a figure that breaks a rule tints its cell, shows in the panel and the
badge, and the panel jumps back to it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.checks import Form, Severity, run_checks
from desktop.core.edits import set_value
from desktop.core.model import UnitKind
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.unit import UnitPage
from desktop.ui.models.findings import COUNTS_ROLE
from desktop.ui.models.ledger import COLUMNS
from desktop.ui.models.sheet import TINT

pytestmark = pytest.mark.gui


def col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def test_an_entry_breaking_a_rule_tints_the_cell_and_the_panel_jumps_back_to_it(sample, qtbot):
    page = sample.page(LedgerPage)
    assert isinstance(page, LedgerPage)
    m = page.model
    row = m.row_of("2010301")
    basic = m.index(row, col("spending.basic"))
    assert m.data(basic, Qt.ItemDataRole.BackgroundRole) is None

    # 财政拨款基本支出 larger than the 项's whole 基本支出: an error on the 基本支出 cell
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert m.setData(m.index(row, col("fiscal.general_basic")), "2,000,000")

    brush = m.data(basic, Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color() == TINT[Severity.ERROR]
    tip = m.data(basic, Qt.ItemDataRole.ToolTipRole)
    assert "【错误】" in tip and "超过了该科目的基本支出" in tip
    nav = sample.nav_model.index(sample.page_for(Form.LEDGER))
    assert nav.data(COUNTS_ROLE)[0] >= 1
    assert not sample.counts_label.text().startswith("错误 0")

    panel = sample.findings_dock
    rows = [
        r
        for r in range(panel.model.rowCount())
        if panel.model.finding(r).rule == "sums.fiscal_within_nature"
    ]
    assert len(rows) == 1
    target = panel.model.index(rows[0], 3)
    assert "2010301 行政运行" in panel.model.index(rows[0], 2).data()

    sample.select_page(0)  # somewhere else
    assert sample.page_stack.currentWidget() is sample.page(UnitPage)
    panel.view.scrollTo(target)
    at = panel.view.visualRect(target).center()
    # QTest needs the first click of a double-click sent on its own under Qt 6
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert sample.page_stack.currentWidget() is page
    assert page.view.currentIndex() == basic
    assert sample.nav.currentIndex().row() == sample.page_for(Form.LEDGER)

    # fixing it clears the tint
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        sample.document.undo_stack.undo()
    assert m.data(basic, Qt.ItemDataRole.BackgroundRole) is None


def test_checks_are_not_run_on_the_typing_path_and_incremental_equals_full(sample, qtbot):
    m = sample.page(LedgerPage).model  # type: ignore[attr-defined]
    before = sample.checker.findings
    m.setData(m.index(m.row_of("2010350"), col("spending.basic")), "90000")
    assert sample.checker.findings == before  # not yet: the timer has not fired
    qtbot.waitSignal(sample.checker.updated, timeout=2000).wait()
    assert sample.checker.findings == run_checks(sample.document.report)


def test_a_form_field_with_a_finding_is_tinted_and_located(sample, qtbot):
    # a 事业单位 must not report 机关运行经费: the finding points at the 机关运行经费 cell
    edit = set_value(sample.document.report, ("unit", "kind"), UnitKind.INSTITUTION)
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        sample.document.apply(edit, "改为事业单位")
    found = [f for f in sample.checker.findings if f.rule == "cross.admin_cost_kind"]
    assert found
    assert sample.goto(found[0].location)
    page = sample.page_stack.currentWidget()
    view = page.sheets[1]  # 机关运行经费
    index = view.currentIndex()
    assert index.isValid()
    assert view.model().data(index, Qt.ItemDataRole.BackgroundRole).color() == TINT[Severity.ERROR]
