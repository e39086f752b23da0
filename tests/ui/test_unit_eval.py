"""部门整体自评: the form over `Report.unit_self_eval`, its findings and its navigation entry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.core.checks import Form, Severity
from desktop.core.model import UnitSelfEval
from desktop.ui.forms.unit_eval import UnitEvalPage
from desktop.ui.models.findings import COUNTS_ROLE
from desktop.ui.models.sheet import TINT

pytestmark = pytest.mark.gui


def page_of(window) -> UnitEvalPage:  # type: ignore[no-untyped-def]
    page = window.page(UnitEvalPage)
    assert isinstance(page, UnitEvalPage)
    return page


def test_the_form_shows_and_edits_the_overall_self_evaluation(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    page = page_of(window)
    row = window.page_for(Form.UNIT_EVAL)
    assert window.nav_model.index(row).data() == "部门整体自评"
    window.select_page(row)
    assert window.page_stack.currentWidget() is page
    assert page.enabled.isChecked() and not page.body.isHidden()

    figures = page.figures
    cells = [figures.data(figures.index(0, c)) for c in range(figures.columnCount())]
    assert cells == ["部门整体支出", "8,406,200.00", "7,897,003.97", "93.94%", "80"]
    assert not figures.flags(figures.index(0, 3)) & Qt.ItemFlag.ItemIsEditable  # 执行率 computed

    assert figures.setData(figures.index(0, 2), "8,000,000")
    assert window.document.report.unit_self_eval.executed_total == Decimal("8000000.00")
    assert figures.data(figures.index(0, 3)) == "95.17%"

    summary = page.binder.widget_for("", "summary")
    assert summary.toPlainText().startswith("年度绩效目标完成情况")
    summary.setPlainText("全面完成年度目标。")
    page.commit_pending()
    assert window.document.report.unit_self_eval.summary == "全面完成年度目标。"

    # indicators: a grid like a project's, with the rules' proposal beside 得分
    n = page.indicators.append()
    assert n == 0
    m = page.indicators
    block = [["产出指标", "数量指标", "完成事项数", "20", "", "≥10项", "12项"]]
    assert m.paste(0, 0, block)
    indicator = window.document.report.unit_self_eval.indicators[0]
    assert indicator.level3 == "完成事项数" and indicator.weight == Decimal(20)
    assert m.data(m.index(0, 7)) == "20"  # 建议得分
    window.document.undo_stack.undo()
    assert window.document.report.unit_self_eval.indicators[0].level3 == ""


def test_a_negative_amount_is_tinted_counted_and_found_from_the_panel(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    page = page_of(window)
    figures = page.figures
    with qtbot.waitSignal(window.checker.updated, timeout=2000):
        assert figures.setData(figures.index(0, 1), "-5")
    found = [f for f in window.checker.findings if f.location.form is Form.UNIT_EVAL]
    assert found and found[0].location.field == "budget_total"
    brush = figures.data(figures.index(0, 1), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == TINT[Severity.ERROR]
    badge = window.nav_model.index(window.page_for(Form.UNIT_EVAL)).data(COUNTS_ROLE)
    assert badge[0] >= 1

    window.select_page(0)
    assert window.goto(found[0].location)
    assert window.page_stack.currentWidget() is page
    view = page.sheets[0]
    assert view.currentIndex() == figures.index(0, 1)
    # the panel names the field in Chinese
    panel = window.findings_dock.model
    rows = [r for r in range(panel.rowCount()) if panel.finding(r) == found[0]]
    assert panel.index(rows[0], 2).data() == "整体支出 › 全年预算数"


def test_a_unit_without_one_can_start_and_remove_it_as_undoable_edits(sample, answers):
    page = page_of(sample)
    assert sample.document.report.unit_self_eval is None
    assert not page.enabled.isChecked() and page.body.isHidden() and not page.off_note.isHidden()
    assert page.figures.data(page.figures.index(0, 1)) == ""
    assert not page.figures.flags(page.figures.index(0, 1)) & Qt.ItemFlag.ItemIsEditable

    page.enabled.setChecked(True)
    assert sample.document.report.unit_self_eval == UnitSelfEval()
    assert not page.body.isHidden()
    figures = page.figures
    assert figures.setData(figures.index(0, 1), "1000")

    answers["confirm"] = False  # it has content: removing asks first
    page.enabled.setChecked(False)
    assert sample.document.report.unit_self_eval is not None and page.enabled.isChecked()
    answers["confirm"] = True
    page.enabled.setChecked(False)
    assert sample.document.report.unit_self_eval is None and page.body.isHidden()
    sample.document.undo_stack.undo()
    assert sample.document.report.unit_self_eval.budget_total == Decimal(1000)
    assert page.enabled.isChecked()
