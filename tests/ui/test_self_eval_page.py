"""项目绩效自评: the project's classification fields (功能分类科目 with the catalog's names,
资金性质, 一级项目, 项目类型, 资金归口处室, 系统查询全年执行数) and the officer's texts, each
tinted by the findings about it and reached from the findings panel."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from desktop.core.checks import Finding, Form, Location, Severity
from desktop.core.edits import remove_ledger_rows
from desktop.core.model import FundKind
from desktop.ui.forms.self_eval import SelfEvalPage
from desktop.ui.models.sheet import TINT

pytestmark = pytest.mark.gui

RECORDS = "Z公共资源电子档案管理系统"


def page_of(window) -> SelfEvalPage:  # type: ignore[no-untyped-def]
    page = window.page(SelfEvalPage)
    assert isinstance(page, SelfEvalPage)
    return page


def show(window, name: str) -> SelfEvalPage:  # type: ignore[no-untyped-def]
    page = page_of(window)
    names = [p.name for p in window.document.report.self_evals]
    page.select_project(names.index(name))
    return page


def project(window, name: str):  # type: ignore[no-untyped-def]
    (found,) = [p for p in window.document.report.self_evals if p.name == name]
    return found


def tinted(widget, severity: Severity) -> bool:  # type: ignore[no-untyped-def]
    return TINT[severity].name() in widget.styleSheet()


def at(window, rule: str, row: str) -> Finding:  # type: ignore[no-untyped-def]
    (found,) = [f for f in window.checker.findings if f.rule == rule and f.location.row == row]
    return found


def test_the_classification_fields_show_and_edit_the_project(sample, qtbot):
    page = show(sample, RECORDS)
    assert page.code.text() == "2010399 其他政府办公厅（室）及相关机构事务支出"
    assert page.fund_kind.currentText() == "一般公共预算"
    # the completer offers the catalog's names, the ledger's 项 first, from the moment the
    # officer goes to the field
    QApplication.sendEvent(page.code, QFocusEvent(QEvent.Type.FocusIn))
    offered = page.code.completer().model().stringList()
    assert offered[0].startswith(sample.document.report.ledger[0].code)
    assert "2010350 事业运行" in offered
    # a 科目 taken out of the ledger is no longer offered first, the next time
    first = sample.document.report.ledger[0].code
    sample.document.apply(remove_ledger_rows(sample.document.report, [0]), "删除")
    QApplication.sendEvent(page.code, QFocusEvent(QEvent.Type.FocusIn))
    again = page.code.completer().model().stringList()
    assert not again[0].startswith(first) and any(e.startswith(first) for e in again)
    sample.document.undo_stack.undo()

    # the completer's entry (or a code, or a name found once in the catalog) gives the 项
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        page.code.setText("2010350 事业运行")
        page.code.editingFinished.emit()
    assert project(sample, RECORDS).code == "2010350"
    assert page.code.text() == "2010350 事业运行"
    # the 大同 ledger has no 项目支出 under 2010350: the field says so, and is red
    finding = at(sample, "self_eval.coverage_code", RECORDS)
    assert finding.location == Location(Form.SELF_EVAL, RECORDS, "code")
    assert tinted(page.code, Severity.ERROR) and finding.message in page.code.toolTip()
    sample.document.undo_stack.undo()
    assert project(sample, RECORDS).code == "2010399"

    page.code.setText("事业运行")  # the name of many 项
    page.code.editingFinished.emit()
    assert project(sample, RECORDS).code == "2010399"
    assert "对应多个科目" in sample.statusBar().currentMessage()
    page.code.setText("不存在的科目")
    page.code.editingFinished.emit()
    assert project(sample, RECORDS).code == "2010399"
    assert "找不到名称为「不存在的科目」的科目" in sample.statusBar().currentMessage()

    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        page.fund_kind.activated.emit(page.fund_kind.findData(FundKind.GOV_FUND))
    assert project(sample, RECORDS).fund_kind is FundKind.GOV_FUND
    assert at(sample, "self_eval.coverage_fund", RECORDS).location.field == "fund_kind"
    assert tinted(page.fund_kind, Severity.ERROR)

    page.program.setText("公共资源交易平台建设")
    page.program.editingFinished.emit()
    page.level1.setChecked(True)
    page.project_type.setText("可执行项目")
    page.project_type.editingFinished.emit()
    page.funding_office.setText("财务科")
    page.funding_office.editingFinished.emit()
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        page.system_executed.setText("３１,８００ 元")
        page.system_executed.editingFinished.emit()
    p = project(sample, RECORDS)
    assert (p.program, p.level1, p.project_type, p.funding_office) == (
        "公共资源交易平台建设",
        True,
        "可执行项目",
        "财务科",
    )
    assert p.system_executed == Decimal("31800.00")
    show(sample, RECORDS)  # shown again: as the model holds it
    assert page.system_executed.text() == "31,800.00"
    queried = at(sample, "self_eval.system_executed", RECORDS)
    assert "系统查询全年执行数31,800.00元" in queried.message
    assert tinted(page.system_executed, Severity.WARNING)


def test_a_texts_tint_follows_the_project_shown(sample):
    goal = page_of(sample).binder.widget_for("J政府采购事务经费", "goal")
    assert goal is None  # the goal box shows another project now
    page = show(sample, "J政府采购事务经费")
    goal = page.binder.widget_for("J政府采购事务经费", "goal")
    assert goal is not None and tinted(goal, Severity.WARNING)
    assert "2020年" in goal.toolTip()
    show(sample, "J律师顾问费")
    assert not tinted(goal, Severity.WARNING) and goal.toolTip() == ""


@pytest.mark.parametrize(
    ("rule", "row", "field", "tab"),
    [
        ("prose.stale_year", "J政府采购事务经费", "goal", 0),
        ("prose.other_project", "Z委托业务费", "achieved", 0),
        ("prose.shortfall_denied", "QT其他养人1", "indicators[0].actual", 1),
    ],
)
def test_a_prose_finding_leads_to_its_text(sample, rule, row, field, tab):
    finding = at(sample, rule, row)
    assert finding.location.field == field
    sample.select_page(0)
    assert sample.goto(finding.location)
    page = page_of(sample)
    assert sample.page_stack.currentWidget() is page
    assert sample.document.report.self_evals[page.current].name == row
    assert page.tabs.currentIndex() == tab
    widget = page.binder.widget_for(row, field)
    if widget is not None:
        assert widget.hasFocus() or sample.focusWidget() is widget
        assert tinted(widget, Severity.WARNING)
    else:
        view = page.indicators_view
        index = view.currentIndex()
        assert page.indicators.columns[index.column()].field == "actual" and index.row() == 0
        brush = page.indicators.data(index, Qt.ItemDataRole.BackgroundRole)
        assert brush is not None and brush.color() == TINT[Severity.WARNING]


def test_an_analysis_text_and_a_funding_reason_are_reached(make_window, opens, qtbot):
    window = make_window()
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    window.checker.flush()
    finding = at(window, "prose.figures", "事业运转人员经费")
    assert finding.location.field == "texts.implementation"
    assert window.goto(finding.location)
    page = page_of(window)
    widget = page.binder.widget_for("事业运转人员经费", "texts.implementation")
    assert widget is not None and tinted(widget, Severity.WARNING)
    assert page.tabs.currentIndex() == 2  # 分析说明
    assert "99.99%" in widget.toolTip()

    # a budget cut without a reason: the 偏差原因 cell of that 资金来源
    page = show(window, "工作经费")
    funding = page.funding
    full_year = next(c for c, col in enumerate(funding.columns) if col.field == "full_year")
    with qtbot.waitSignal(window.checker.updated, timeout=2000):
        assert funding.setData(funding.index(0, full_year), "800000")
    cut = at(window, "self_eval.budget_cut_unexplained", "工作经费")
    assert cut.location.field == "funding[0].note"
    show(window, "云桌面")
    page.tabs.setCurrentIndex(1)
    assert window.goto(cut.location)
    assert page.tabs.currentIndex() == 0
    view = page.sheets[0]
    assert view.sheet() is funding
    assert funding.columns[view.currentIndex().column()].field == "note"


def test_a_project_without_indicators_leads_to_its_indicators(sample, qtbot, monkeypatch):
    from desktop.ui import dialogs

    monkeypatch.setattr(dialogs.TextDialog, "ask", classmethod(lambda cls, *a, **k: "新项目"))
    page = page_of(sample)
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert page.add_project()
    finding = at(sample, "self_eval.unscored", "新项目")
    assert finding.location.field == "indicators"
    show(sample, RECORDS)
    assert sample.goto(finding.location)
    assert sample.document.report.self_evals[page.current].name == "新项目"
    assert page.tabs.currentIndex() == 1


def test_a_choice_is_stored_as_the_models_value(sample):
    """Qt hands a StrEnum back as a plain string; the model keeps the member (a 单位性质 that
    is a str has no `has_admin_cost`)."""
    from desktop.core.model import UnitKind
    from desktop.ui.forms.unit import UnitPage

    unit = sample.page(UnitPage)
    (box,) = [
        w
        for w in unit.findChildren(type(page_of(sample).fund_kind))
        if w.findText(UnitKind.ADMIN.value) >= 0
    ]
    box.activated.emit(box.findText(UnitKind.ADMIN.value))
    assert sample.document.report.unit.kind is UnitKind.ADMIN
    assert sample.document.report.unit.kind.has_admin_cost
    page = show(sample, RECORDS)
    page.fund_kind.activated.emit(0)  # （未选择）
    assert project(sample, RECORDS).fund_kind is None
    show(sample, "J律师顾问费")
    assert page.fund_kind.currentIndex() == page.fund_kind.findText("一般公共预算")
    show(sample, RECORDS)  # None is the （未选择） item
    assert page.fund_kind.currentIndex() == 0
