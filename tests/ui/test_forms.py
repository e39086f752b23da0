"""The other forms: unit info and the title, texts, 三公, statistics, prior year and
reasons, the self-evaluation with the engine's scores, and the preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.core.checks import Form
from desktop.core.derive import derive
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.preview import PreviewPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.forms.sangong import SangongPage
from desktop.ui.forms.self_eval import SelfEvalPage
from desktop.ui.forms.stats import StatsPage
from desktop.ui.forms.unit import UnitPage
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def test_the_title_shows_unit_year_and_unsaved_mark(sample):
    assert (
        sample.windowTitle()
        == "大同市公共资源交易中心（大同市政府采购中心） · 2024年度 — 决算公开助手"
    )
    page = sample.page(UnitPage)
    name = page.binder.widget_for("", "name")
    name.setText("大同市某中心")
    name.editingFinished.emit()
    assert sample.document.report.unit.name == "大同市某中心"
    assert sample.windowTitle() == "大同市某中心 · 2024年度* — 决算公开助手"
    sample.document.undo_stack.undo()
    assert name.text().startswith("大同市公共资源交易中心")
    assert "*" not in sample.windowTitle()


def test_a_bad_year_is_refused_and_the_old_one_comes_back(sample):
    year = sample.page(UnitPage).binder.widget_for("", "year")
    year.setText("二〇二四")
    year.editingFinished.emit()
    assert sample.document.report.unit.year == 2024
    assert year.text() == "2024"
    assert "不是年度" in sample.statusBar().currentMessage()
    year.setText("2023年")
    year.editingFinished.emit()
    assert sample.document.report.unit.year == 2023


def test_the_compiled_date_is_typed_as_printed_and_stored_as_iso(sample):
    """编制日期: 「2025年3月」 typed, "2025-03" stored and shown back as typed; nonsense
    refused with the old value kept; cleared, the cover takes the month it is made."""
    field = sample.page(UnitPage).binder.widget_for("", "compiled_on")
    assert field.text() == ""  # the 大同 sample sets none
    field.setText("2025年3月")
    field.editingFinished.emit()
    assert sample.document.report.unit.compiled_on == "2025-03"
    assert field.text() == "2025年3月"
    field.setText("2025-03-15")
    field.editingFinished.emit()
    assert sample.document.report.unit.compiled_on == "2025-03-15"
    sample.document.undo_stack.undo()  # the stored date shown back as a date reads
    assert field.text() == "2025年3月"
    sample.document.undo_stack.redo()
    field.setText("明年春天")
    field.editingFinished.emit()
    assert sample.document.report.unit.compiled_on == "2025-03-15"
    assert "不是日期" in sample.statusBar().currentMessage()
    field.setText("")
    field.editingFinished.emit()
    assert sample.document.report.unit.compiled_on == ""


def test_a_text_box_commits_after_typing_stops_as_one_undo_step(sample, qtbot):
    page = sample.page(OverviewPage)
    duties = page.binder.widget_for("", "duties")
    sample.select_page(sample.page_for(Form.OVERVIEW))
    duties.setFocus()
    duties.setPlainText("1. 负责")
    duties.moveCursor(QTextCursor.MoveOperation.End)
    duties.insertPlainText("公共资源交易。")
    qtbot.waitUntil(lambda: sample.document.report.overview.duties.endswith("交易。"), timeout=3000)
    duties.insertPlainText("\n2. 负责政府采购。")
    page.commit_pending()
    assert sample.document.report.overview.duties.endswith("政府采购。")
    assert sample.document.undo_stack.count() == 1  # the typing merged into one step
    sample.document.undo_stack.undo()
    assert duties.toPlainText() == samples_duties(sample)


def samples_duties(window) -> str:  # type: ignore[no-untyped-def]
    from desktop.core import samples

    return samples.load("datong-2024").overview.duties


def test_sangong_figures_and_counts(sample):
    page = sample.page(SangongPage)
    amounts, counts = page.amounts, page.counts
    assert amounts.data(amounts.index(0, 2)) == "10,100.00"  # 合计 决算数
    assert amounts.setData(amounts.index(1, 2), "3,000")  # 因公出国（境）费 决算数
    assert amounts.data(amounts.index(0, 2)) == "13,100.00"
    assert not counts.setData(counts.index(0, 1), "两个")
    assert "不是整数" in sample.statusBar().currentMessage()
    assert counts.setData(counts.index(0, 1), "2")
    assert sample.document.report.sangong.abroad_groups == 2


def test_statistics_totals_are_computed(sample):
    page = sample.page(StatsPage)
    procurement = page.procurement
    assert procurement.data(procurement.index(0, 1)) == "640,200.00"
    assert procurement.setData(procurement.index(2, 1), "1000")  # 工程
    assert procurement.data(procurement.index(0, 1)) == "641,200.00"
    assert not procurement.flags(procurement.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_prior_year_figures_and_reasons(sample, qtbot):
    page = sample.page(PriorPage)
    sample.select_page(sample.pages.index(page))  # the reasons' rows are made when shown
    figures = page.figures
    assert figures.data(figures.index(0, 0)) == "收入总计"
    assert figures.data(figures.index(0, 2)) == "8,522,000.00"
    assert figures.data(figures.index(0, 4)) == "-31.37%"
    reasons = page.reasons
    keys = [reasons.key(r) for r in range(reasons.rowCount())]
    assert keys[:3] == ["total", "fiscal", "general"]
    total = keys.index("total")
    assert reasons.data(reasons.index(total, 0)) == "收入、支出总计与上年相比增减的主要原因"
    assert "减少2,673,654.00元" in reasons.data(reasons.index(total, 1))
    # a reason that says the wrong way round is flagged on its cell
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert reasons.setData(reasons.index(total, 2), "人员增加，收入增加")
    tip = reasons.data(reasons.index(total, 2), Qt.ItemDataRole.ToolTipRole)
    assert "原因说明讲的是“增加”" in tip
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert reasons.setData(reasons.index(total, 2), "")
    assert any(f.rule == "narrative.reason_missing" for f in sample.checker.findings)
    assert page.add_current_classes() is False  # the sample has every 类 already


def test_self_evaluation_shows_the_engines_proposal_and_total(sample, qtbot):
    page = sample.page(SelfEvalPage)
    names = [p.name for p in sample.document.report.self_evals]
    i = names.index("Z网络安全运维服务")
    page.select_project(i)
    ind = page.indicators
    proposed = next(c for c, col in enumerate(ind.columns) if col.header == "建议得分")
    score = next(c for c, col in enumerate(ind.columns) if col.field == "score")
    assert ind.data(ind.index(6, proposed)) == "9.69"
    assert ind.data(ind.index(6, score)) == "10"
    deviation = next(c for c, col in enumerate(ind.columns) if col.field == "deviation")
    warned = ind.data(ind.index(6, deviation), Qt.ItemDataRole.BackgroundRole)
    assert warned is not None  # a changed score needs its 偏差原因
    assert "改动得分需填写偏差原因" in ind.data(
        ind.index(6, deviation), Qt.ItemDataRole.ToolTipRole
    )
    assert "总分 <b>99.81</b>" in page.summary.text()
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert ind.setData(ind.index(6, score), "")  # accept the proposal
    assert "总分 <b>99.5</b>" in page.summary.text()
    about = [f.message for f in sample.checker.findings if f.location.row == "Z网络安全运维服务"]
    assert len(about) == 1 and "得分9.69分，比分值10分少0.31分" in about[0]
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert ind.setData(ind.index(6, deviation), "个别用户对响应速度不满意，已增加值守人员")
    assert not [f for f in sample.checker.findings if f.location.row == "Z网络安全运维服务"]
    assert ind.data(ind.index(6, deviation), Qt.ItemDataRole.BackgroundRole) is None
    assert not ind.setData(
        ind.index(6, next(c for c, col in enumerate(ind.columns) if col.field == "weight")), ""
    )
    assert "分值不能为空" in sample.statusBar().currentMessage()


def test_self_evaluation_projects_can_be_added_and_removed(sample, monkeypatch):
    from desktop.ui import dialogs

    monkeypatch.setattr(dialogs.TextDialog, "ask", classmethod(lambda cls, *a, **k: "新项目"))
    page = sample.page(SelfEvalPage)
    n = len(sample.document.report.self_evals)
    assert page.add_project()
    assert sample.document.report.self_evals[-1].name == "新项目"
    assert page.current == n
    assert page.funding.rowCount() == 0
    page.funding.append()
    assert page.funding.rowCount() == 1
    assert page.remove_project()
    assert len(sample.document.report.self_evals) == n


def test_a_finding_on_a_project_jumps_to_the_project_and_the_indicator(sample):
    found = next(f for f in sample.checker.findings if f.location.row == "Z驻村帮扶工作人员经费")
    assert sample.goto(found.location)
    page = sample.page(SelfEvalPage)
    assert sample.document.report.self_evals[page.current].name == "Z驻村帮扶工作人员经费"
    assert page.tabs.currentIndex() == 1
    view = page.sheets[1]
    assert view.sheet() is page.indicators
    assert view.currentIndex().row() == 6
    assert page.indicators.columns[view.currentIndex().column()].field == "deviation"


def test_the_preview_renders_the_tables_and_follows_edits(sample, qtbot):
    page = sample.page(PreviewPage)
    sample.select_page(sample.page_for(None))  # type: ignore[arg-type]
    assert sample.page_stack.currentWidget() is page
    assert [g.number for g in page.grids][:3] == ["公开01", "公开02", "公开03"]
    grid = page.grids[0]
    assert page.title_label.text() == "收入支出决算总表"
    assert page.unit_label.text() == "金额单位：万元"
    r, c = grid.find("584.54")[0]
    assert page.model.data(page.model.index(r, c)) == "584.54"
    assert (
        page.model.data(page.model.index(r, c), Qt.ItemDataRole.TextAlignmentRole)
        & Qt.AlignmentFlag.AlignRight
    )
    merge = grid.merges[0]
    assert page.table.columnSpan(merge.row, merge.col) == merge.cols
    assert page.table.rowSpan(merge.row, merge.col) == merge.rows
    header = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert header is not None and header.bold()

    ledger = sample.page(LedgerPage).model
    col = next(i for i, x in enumerate(COLUMNS) if x.key == "income.general_budget")
    ledger.setData(ledger.index(ledger.row_of("2010301"), col), "1,600,000")
    qtbot.waitUntil(lambda: bool(page.grids[0].find("586.67")), timeout=3000)
    r, c = page.grids[0].find("586.67")[0]
    assert page.model.data(page.model.index(r, c)) == "586.67"
    assert derive(sample.document.report).totals["income.general_budget"] is not None
