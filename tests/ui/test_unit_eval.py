"""部门整体自评: the form over `Report.unit_self_eval` — its 资金来源 rows, the figures the
engine computes beside the 预算执行 分值, 年度目标, 年度主要任务, indicators — its findings and
its navigation entry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.core.checks import Form, Severity
from desktop.core.model import UnitSelfEval
from desktop.ui.forms.unit_eval import SCORE_COL, UnitEvalPage
from desktop.ui.models.findings import COUNTS_ROLE
from desktop.ui.models.sheet import TINT

pytestmark = pytest.mark.gui


def page_of(window) -> UnitEvalPage:  # type: ignore[no-untyped-def]
    page = window.page(UnitEvalPage)
    assert isinstance(page, UnitEvalPage)
    return page


def page_of_projects(window):  # type: ignore[no-untyped-def]
    from desktop.ui.forms.self_eval import SelfEvalPage

    return window.page(SelfEvalPage).indicators.columns


def cells(model, row: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def editable(model, row: int, col: int) -> bool:  # type: ignore[no-untyped-def]
    return bool(model.flags(model.index(row, col)) & Qt.ItemFlag.ItemIsEditable)


def column(model, field: str) -> int:  # type: ignore[no-untyped-def]
    return next(c for c, col in enumerate(model.columns) if col.field == field)


def test_the_form_shows_the_rows_and_what_the_engine_computes(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    window.checker.flush()
    page = page_of(window)
    row = window.page_for(Form.UNIT_EVAL)
    assert window.nav_model.index(row).data() == "部门整体自评"
    window.select_page(row)
    assert window.page_stack.currentWidget() is page
    assert page.enabled.isChecked() and not page.body.isHidden()

    # 十(四)(3): 全年预算数 8406200元, 执行数 7897003.97元 (the report's 项目支出), 80分
    figures = page.figures
    assert cells(figures) == [
        "部门整体支出",
        "",
        "8,406,200.00",
        "7,897,003.97",
        "93.94%",  # the printed 106% was the inverse
        "10",
        "9.39",
        "",
        "80",
        "良",
    ]
    assert [editable(figures, 0, c) for c in range(1, 10)] == [
        False,
        False,
        False,  # 执行数: the report's, never typed here
        False,
        True,  # 预算执行分值
        False,
        False,
        True,  # 总分: typed, no indicators yet
        False,
    ]
    funding = page.funding
    assert cells(funding) == ["全部资金", "", "8,406,200.00", "7,897,003.97", ""]

    with qtbot.waitSignal(window.checker.updated, timeout=2000):
        assert funding.setData(funding.index(0, column(funding, "budgeted")), "8,000,000")
    assert window.document.report.unit_self_eval.funding[0].budgeted == Decimal("8000000.00")
    assert figures.data(figures.index(0, 1)) == "8,000,000.00"

    # a 2nd 资金来源: the budget adds up, the 执行数 stays the report's
    n = funding.append()
    assert funding.paste(n, 0, [["其他资金", "100000", "200000", ""]])
    assert figures.data(figures.index(0, 2)) == "8,606,200.00"
    assert figures.data(figures.index(0, 3)) == "7,897,003.97"
    assert figures.data(figures.index(0, 4)) == "91.76%"

    assert figures.setData(figures.index(0, SCORE_COL), "85")
    assert window.document.report.unit_self_eval.declared_score == Decimal(85)
    assert figures.data(figures.index(0, 9)) == "良"


def test_typed_execution_is_checked_against_the_reports_spending(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    window.checker.flush()
    page = page_of(window)
    funding = page.funding
    executed = column(funding, "executed")
    with qtbot.waitSignal(window.checker.updated, timeout=2000):
        assert funding.setData(funding.index(0, executed), "8,000,000")
    (found,) = [f for f in window.checker.findings if f.rule == "self_eval.unit_executed"]
    assert found.severity is Severity.ERROR and found.location.field == "funding"
    assert "项目支出7,897,003.97元" in found.message  # shanxi-2022 takes 项目支出
    for model, col in ((funding, executed), (page.figures, 3)):
        brush = model.data(model.index(0, col), Qt.ItemDataRole.BackgroundRole)
        assert brush is not None and brush.color() == TINT[Severity.ERROR]
    badge = window.nav_model.index(window.page_for(Form.UNIT_EVAL)).data(COUNTS_ROLE)
    assert badge[0] >= 1
    panel = window.findings_dock.model
    rows = [r for r in range(panel.rowCount()) if panel.finding(r) == found]
    assert panel.index(rows[0], 2).data() == "整体支出 › 预算执行"

    window.select_page(0)
    assert window.goto(found.location)
    assert window.page_stack.currentWidget() is page
    assert page.sheets[0].currentIndex().column() == 2  # the figures: 全年预算数 / 执行数


def test_indicators_score_the_unit_and_take_over_the_total(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    window.checker.flush()
    page = page_of(window)
    m = page.indicators
    assert m.append() == 0
    # the columns of a project's indicators grid
    assert [c.header for c in m.columns] == [c.header for c in page_of_projects(window)]
    block = [["产出指标", "数量指标", "完成交易项目数", "40", "≥1000个", "1200个"]]
    assert m.paste(0, 0, block)
    assert m.data(m.index(0, 6)) == "40"  # 建议得分
    m.append()
    with qtbot.waitSignal(window.checker.updated, timeout=2000):
        assert m.paste(1, 0, [["效益指标", "社会效益", "服务质量", "40", "提升", "部分达成"]])
    figures = page.figures
    # 9.39 + 40 + 20 = 69.39: computed now, the typed 80 no longer stands
    assert figures.data(figures.index(0, 7)) == "60"
    assert figures.data(figures.index(0, SCORE_COL)) == "69.39"
    assert figures.data(figures.index(0, 9)) == "中"
    assert not editable(figures, 0, SCORE_COL)
    found = {f.rule: f for f in window.checker.findings if f.location.form is Form.UNIT_EVAL}
    # 10 + 40 + 40 = 90: the weights do not add up; a below-weight score wants its reason;
    # the typed 80 disagrees with the indicators
    assert set(found) >= {
        "self_eval.weights_total",
        "self_eval.deviation_missing",
        "self_eval.unit_declared_score",
    }
    assert found["self_eval.deviation_missing"].location.field == "indicators[1].deviation"
    deviation = column(m, "deviation")
    brush = m.data(m.index(1, deviation), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color() == TINT[Severity.WARNING]

    page.tabs.setCurrentIndex(0)
    assert window.goto(found["self_eval.weights_total"].location)
    assert page.tabs.currentIndex() == 2 and page.indicators_view.currentIndex().row() == 0
    window.document.undo_stack.undo()
    assert window.document.report.unit_self_eval.indicators[1].level3 == ""


def test_goals_tasks_and_summary(window, opens, qtbot):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    page = page_of(window)
    summary = page.binder.widget_for("", "summary")
    assert summary.toPlainText().startswith("年度绩效目标完成情况")
    for field, text in (
        ("summary", "全面完成年度目标。"),
        ("duties_goal", "保障交易平台全年稳定运行"),
        ("duties_achieved", "平台全年稳定运行"),
    ):
        page.binder.widget_for("", field).setPlainText(text)
        page.commit_pending()  # as leaving the box does
    u = window.document.report.unit_self_eval
    assert (u.summary, u.duties_goal, u.duties_achieved) == (
        "全面完成年度目标。",
        "保障交易平台全年稳定运行",
        "平台全年稳定运行",
    )
    tasks = page.tasks
    assert tasks.append() == 0
    assert tasks.paste(0, 0, [["交易服务", "进场交易见证", "完成1200个项目"]])
    assert window.document.report.unit_self_eval.tasks[0].achieved == "完成1200个项目"
    assert tasks.remove([0])
    assert window.document.report.unit_self_eval.tasks == ()


def test_a_unit_without_one_can_start_and_remove_it_as_undoable_edits(sample, answers):
    page = page_of(sample)
    assert sample.document.report.unit_self_eval is None
    assert not page.enabled.isChecked() and page.body.isHidden() and not page.off_note.isHidden()
    assert page.figures.data(page.figures.index(0, 2)) == ""
    assert not editable(page.figures, 0, 5)
    assert page.funding.rowCount() == 0 and page.funding.append() == -1

    page.enabled.setChecked(True)
    assert sample.document.report.unit_self_eval == UnitSelfEval()
    assert not page.body.isHidden()
    assert page.figures.data(page.figures.index(0, 3)) == "5,845,545.00"  # 本年支出合计
    assert page.funding.append() == 0
    funding = page.funding
    assert funding.setData(funding.index(0, column(funding, "full_year")), "1000")

    answers["confirm"] = False  # it has content: removing asks first
    page.enabled.setChecked(False)
    assert sample.document.report.unit_self_eval is not None and page.enabled.isChecked()
    answers["confirm"] = True
    page.enabled.setChecked(False)
    assert sample.document.report.unit_self_eval is None and page.body.isHidden()
    sample.document.undo_stack.undo()
    assert sample.document.report.unit_self_eval.funding[0].full_year == Decimal(1000)
    assert page.enabled.isChecked() and page.funding.rowCount() == 1
