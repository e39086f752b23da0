"""The app tells the truth (issue 20): a status line that follows the checks, undo that
shows what it undid, rejected input that stays in sight, a layout for 1366×768, the
keyboard, and the officer's words."""

from __future__ import annotations

import pytest

from desktop.core.checks import Form
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.main_window import MainWindow
from tests.core.conftest import own_templates, perf_edition  # noqa: F401 (fixtures)
from tests.ui.test_ledger import col, ledger

pytestmark = pytest.mark.gui


# ---------------------------------------------------------------- 2. honest status


def test_a_new_project_is_not_yet_filled_in_and_claims_nothing(window, qtbot):
    assert window.new_project()
    window.checker.flush()
    assert window.balance_label.text() == "收支：尚未填报"
    assert window.findings_dock.windowTitle() == "审核结果：尚未填报"
    assert not window.counts_label.isVisible()
    assert "✓" not in window.balance_label.text() + window.findings_dock.windowTitle()


def test_the_balance_follows_the_checks_red_while_errors_stand(sample, qtbot):
    # the sample's six 警告: the sums agree, but no ✓ while they stand
    assert "5,848,346.00" in sample.balance_label.text()
    assert "警告 6 个" in sample.balance_label.text()
    assert "✓" not in sample.balance_label.text()
    assert "#b26a00" in sample.balance_label.styleSheet()  # amber

    _page, m = ledger(sample)
    m.setData(m.index(m.row_of("2010301"), col("fiscal.general_basic")), "99,999,999")
    sample.checker.flush()
    text = sample.balance_label.text()
    # the computed 年末结转和结余 absorbs the difference: the sums still agree …
    assert "收入总计 5,848,346.00 = 支出总计 5,848,346.00 元" in text
    # … and the line says what the checks found, in red
    assert "错误" in text and "✓" not in text
    assert "#c62828" in sample.balance_label.styleSheet()

    sample.document.undo_stack.undo()
    sample.checker.flush()
    assert "错误" not in sample.balance_label.text()


# ---------------------------------------------------------------- 3. undo shows what it did


def test_undo_on_another_page_goes_to_the_cell_it_changes_and_names_it(sample, qtbot):
    from desktop.ui.forms.self_eval import SelfEvalPage

    page = sample.page(SelfEvalPage)
    assert isinstance(page, SelfEvalPage)
    sample.select_page(sample.page_for(Form.SELF_EVAL))
    names = [p.name for p in sample.document.report.self_evals]
    page.select_project(names.index(names[2]))
    funding = page.funding
    full_year = next(c for c, column in enumerate(funding.columns) if column.field == "full_year")
    before = funding.data(funding.index(0, full_year))
    assert funding.setData(funding.index(0, full_year), "800000")

    ledger(sample)  # the officer is on the ledger now, and presses Ctrl+Z
    assert sample.page_stack.currentWidget() is not page
    sample.undo_action.trigger()

    assert sample.page_stack.currentWidget() is page  # the page it undid on
    assert page.tabs.currentIndex() == 0
    assert page.funding.data(page.funding.index(0, full_year)) == before
    view = page.sheets[0]
    assert view.currentIndex().row() == 0 and view.currentIndex().column() == full_year
    message = sample.statusBar().currentMessage()
    assert message.startswith("撤销：修改 ") and "全年预算数" in message

    sample.redo_action.trigger()
    assert sample.statusBar().currentMessage().startswith("重做：修改 ")


def test_undo_selects_the_ledger_cell_and_the_status_bar_names_the_step(sample, qtbot):
    page, m = ledger(sample)
    cell = m.index(m.row_of("2010301"), col("spending.basic"))
    assert m.setData(cell, "1,000")
    sample.select_page(0)  # 单位信息
    sample.undo_action.trigger()
    assert sample.page_stack.currentWidget() is page
    assert page.view.currentIndex() == cell
    assert sample.statusBar().currentMessage() == "撤销：修改 2010301 本年支出：基本支出"


# ---------------------------------------------------------------- 4. rejected input stays


@pytest.mark.parametrize("typed", ["五十万", "12,34"])
def test_a_refused_entry_stays_in_its_cell_marked_until_esc(sample, qtbot, typed):
    from PySide6.QtCore import Qt

    from desktop.core.checks import Severity
    from desktop.ui.models.sheet import TINT

    page, m = ledger(sample)
    index = m.index(m.row_of("2010301"), col("spending.basic"))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    assert not m.setData(index, typed)
    # the text stays, tinted as an error, the reason in its tooltip — not a message that fades
    assert m.data(index) == typed
    assert m.data(index, Qt.ItemDataRole.EditRole) == typed  # editing starts from it
    assert m.data(index, Qt.ItemDataRole.BackgroundRole).color() == TINT[Severity.ERROR]
    tip = m.data(index, Qt.ItemDataRole.ToolTipRole)
    assert f"未存入「{typed}」" in tip and "Esc" in tip
    assert not sample.document.is_modified  # nothing was stored

    # other edits come and go; the mark stays on its cell
    other = m.index(m.row_of("2010350"), col("spending.basic"))
    assert m.setData(other, "5")
    assert m.data(index) == typed

    qtbot.keyClick(page.view, Qt.Key.Key_Escape)
    assert m.data(index) == "1,578,850.00"
    assert m.data(index, Qt.ItemDataRole.ToolTipRole) is None
    assert sample.statusBar().currentMessage() == "已恢复原值"

    # corrected: the mark goes with it
    assert not m.setData(index, typed)
    assert m.setData(index, "500,000")
    assert m.data(index) == "500,000.00"
    assert m.data(index, Qt.ItemDataRole.BackgroundRole) is None


def test_typing_into_a_computed_row_says_why_at_once(sample, qtbot):
    from PySide6.QtCore import Qt

    page, m = ledger(sample)
    index = m.index(m.row_of("20103"), col("spending.basic"))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_5)
    message = sample.statusBar().currentMessage()
    assert message.startswith("20103 政府办公厅（室）及相关机构事务是“款”级科目")
    assert "自动汇总" in message and "“项”级科目中填写" in message
    assert page.view.state() != page.view.State.EditingState

    qtbot.keyClick(page.view, Qt.Key.Key_Home)  # other keys still move
    sample.statusBar().clearMessage()
    page.view.setCurrentIndex(m.index(0, col("spending.basic")))
    qtbot.keyClick(page.view, Qt.Key.Key_1)
    assert sample.statusBar().currentMessage() == "合计行由各科目自动汇总，不能直接填写"

    # a double-click says it too; moving onto a cell that takes typing opens no editor
    sample.statusBar().clearMessage()
    cell = m.index(m.row_of("201"), col("income.general_budget"))
    page.view.scrollTo(cell)
    at = page.view.visualRect(cell).center()
    qtbot.mousePress(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert "201 一般公共服务支出是“类”级科目" in sample.statusBar().currentMessage()
    page.view.setCurrentIndex(m.index(m.row_of("2010301"), col("income.general_budget")))
    assert page.view.state() != page.view.State.EditingState


# ---------------------------------------------------------------- 5. 1366×768


def at_size(window: MainWindow, qtbot, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().toTuple() == (width, height))
    qtbot.wait(30)


def rows_in_sight(window: MainWindow) -> float:
    page, _m = ledger(window)
    view = page.view
    return view.viewport().height() / view.verticalHeader().defaultSectionSize()


def test_at_1366x768_the_ledger_shows_18_rows_and_every_page_fits(sample, qtbot):
    at_size(sample, qtbot, 1366, 768)
    for i in range(len(sample.pages)):
        sample.select_page(i)
        qtbot.wait(10)
        assert sample.height() == 768, sample.pages[i].title  # no page grows the window
    page, _m = ledger(sample)
    assert not page.closing_box.expanded  # 结转和结余 folded to its line …
    assert "年末结转和结余（计算数）" in page.closing_box.header.text()  # … which says it
    qtbot.wait(30)
    assert rows_in_sight(sample) >= 18
    assert sample.findings_dock.view.isVisible()  # with the findings open below


def test_the_findings_fold_to_one_line_and_a_finding_unfolds_its_section(sample, qtbot):
    at_size(sample, qtbot, 1366, 768)
    dock = sample.findings_dock
    rows = rows_in_sight(sample)
    dock.set_folded(True)
    qtbot.wait(30)
    assert not dock.view.isVisible()
    assert dock.height() <= dock.titleBarWidget().sizeHint().height() + 2
    assert "审核结果：错误 0 个，警告 6 个" in dock.summary.text()  # the one line says it all
    assert rows_in_sight(sample) > rows + 4
    dock.set_folded(False)
    qtbot.wait(30)
    assert dock.view.isVisible() and dock.height() > 80

    from desktop.core.checks import Location

    page, _m = ledger(sample)
    assert not page.closing_box.expanded
    assert sample.goto(Location(Form.LEDGER, "年末结转和结余", "declared_closing"))
    assert page.closing_box.expanded  # the cell a finding points to is shown


def test_the_folded_and_open_parts_are_remembered(make_window, opens, qtbot):
    """(The window's geometry, the dock's height and the splitters: test_window.)"""

    first = make_window()
    assert opens(first, lambda: first.open_sample("datong-2024"))
    at_size(first, qtbot, 1366, 768)
    first.findings_dock.set_folded(True)
    page = first.page(LedgerPage)
    assert isinstance(page, LedgerPage)
    page.closing_box.set_expanded(True)
    first.document.undo_stack.setClean()
    first.close()

    again = make_window()
    assert again.findings_dock.folded
    page = again.page(LedgerPage)
    assert isinstance(page, LedgerPage) and page.closing_box.expanded


# ---------------------------------------------------------------- 6. keyboard


def test_tab_at_the_last_column_moves_on_to_the_next_control(sample, qtbot):
    from PySide6.QtCore import Qt

    page, m = ledger(sample)
    view = page.view
    sample.activateWindow()
    view.setFocus()
    view.setCurrentIndex(m.index(3, m.columnCount() - 2))
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # inside the grid: the next cell
    assert view.currentIndex().column() == m.columnCount() - 1
    assert sample.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the last column: out of the grid
    assert sample.focusWidget() is not view
    assert not view.isAncestorOf(sample.focusWidget())

    view.setFocus()
    view.setCurrentIndex(m.index(3, 0))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)  # the first column, backwards: out too
    assert sample.focusWidget() is not view


def test_the_shortcut_help_lists_every_key(sample):
    listed = dict(sample.shortcuts())
    for key in ("F6", "F1", "F5", "Ctrl+1", "Ctrl+0", "Ctrl+Z", "Ctrl+G", "Esc", "Ctrl+F"):
        assert any(key in keys.split("、") or keys.startswith(key) for keys in listed), key
    assert listed["F1"] == "快捷键"
    assert listed["Ctrl+0"] == "预览"  # the tenth page
    assert sample.keys_action.shortcut().toString() == "F1"


def test_after_new_the_first_field_has_the_focus(window):
    from PySide6.QtWidgets import QLineEdit

    assert window.new_project()
    focused = window.focusWidget()
    assert isinstance(focused, QLineEdit)
    assert focused.placeholderText().startswith("如：")  # 单位名称
    assert window.pages[0].isAncestorOf(focused)


# ---------------------------------------------------------------- 7. words


def test_qt_speaks_chinese_and_the_file_dialogs_stay_native(qapp):
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from desktop.ui.app import install_translations

    # qtbase_zh_CN from PySide6's translations, as create_app loads it at start
    assert install_translations(qapp)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
    # Windows' own dialogs: nothing asks Qt for its non-native one
    ui = Path(__file__).resolve().parents[2] / "desktop" / "ui"
    assert not [p for p in ui.rglob("*.py") if "DontUseNativeDialog" in p.read_text("utf-8")]


def test_page_titles_and_code_columns_say_what_the_tables_say(sample):
    from desktop.ui.forms.econ import EconPage

    econ = sample.page(EconPage)
    assert isinstance(econ, EconPage)
    headers = [h.replace("\n", "") for h in econ.model.headers]
    assert "项目支出" in headers and "基本支出" in headers
    assert econ.title == "支出明细（按经济科目）"  # not 「基本支出明细」 over a 项目支出 column
    assert headers[0] == "经济分类科目代码"
    _page, m = ledger(sample)
    assert m.headers[0] == "科目代码"  # as the published 公开02/03/05 print it


# ---------------------------------------------------------------- the 评价报告's prose slots


def test_the_unit_page_lists_the_reports_slots_and_a_blocker_focuses_its_box(
    make_window, request, qtbot
):
    request.getfixturevalue("perf_edition")  # an edition that prints a 评价报告
    from desktop.core.exporters import publishing_blockers
    from desktop.core.self_eval_tables import missing_slots, report_slots
    from desktop.ui.forms.unit_eval import UnitEvalPage
    from tests.helpers.perf import perf_report

    report = perf_report()
    window = make_window()
    window._load(report, None)
    page = window.page(UnitEvalPage)
    assert isinstance(page, UnitEvalPage)
    window.select_page(window.page_for(Form.UNIT_EVAL))
    slots = report_slots(report)
    assert slots and list(page.report_texts.boxes) == [s.key for s in slots]
    owed = missing_slots(report)
    assert page.tabs.tabText(page.texts_tab) == f"评价报告（缺{len(owed)}段）"
    note = page.report_texts.missing_note.text()
    assert all(s.label in note for s in owed)

    # a blocker of the final report leads to its box, focused
    blocker = next(
        b for b in publishing_blockers(report) if b.location and b.location.field == "texts"
    )
    assert window.goto_blocker(blocker)
    key = blocker.location.row
    box = page.report_texts.boxes[key]
    assert page.tabs.currentWidget() is page.report_texts
    assert window.focusWidget() is box
    # … and «texts.<slot>» points there too
    page.tabs.setCurrentIndex(0)
    from desktop.core.checks import Location

    assert window.goto(Location(Form.UNIT_EVAL, "整体支出", f"texts.{key}"))
    assert window.focusWidget() is box

    # written, the slot is no longer owed; undo empties it and shows it again
    box.setPlainText("自评结论：较好完成了年度目标。")
    box.commit.emit()
    assert window.document.report.unit_self_eval.text(key) == "自评结论：较好完成了年度目标。"
    assert len(page.report_texts.missing()) == len(owed) - 1
    window.select_page(0)
    window.undo_action.trigger()
    assert window.page_stack.currentWidget() is page
    assert box.toPlainText() == ""
    assert window.focusWidget() is box


# ---------------------------------------------------------------- 8. the preview's outline


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022", "henan-2024"])
def test_the_preview_outline_has_the_pdfs_parts_in_its_order(make_window, opens, qtbot, name):
    from desktop.core.structure import plan
    from desktop.ui.forms.preview import ITEM_ROLE, PreviewPage

    window = make_window()
    assert opens(window, lambda: window.open_sample(name))
    page = window.page(PreviewPage)
    assert isinstance(page, PreviewPage)
    window.select_page(window.pages.index(page))
    page.rebuild()
    names = [page.list.item(i).text().split("（")[0] for i in range(page.list.count())]
    keys = [page.list.item(i).data(ITEM_ROLE) for i in range(page.list.count())]

    # the PDF's 目录 (plan.contents_entries) at part level, and each table and 附件
    pdf = plan(window.document.report, papers=window.document.papers)
    parts = [e.text for e in pdf.contents_entries() if e.level == 0]
    assert [n for n, k in zip(names, keys, strict=True) if k[0] in ("part", "text")] == parts
    assert [k[1] for k in keys if k[0] == "table"] == [t.number for t in pdf.tables()]
    assert [k[1] for k in keys if k[0] == "attachment"] == [a.title for a in pdf.attachments()]
    if name == "datong-2024":
        assert "第二部分 2024年部门决算表" in parts and "第五部分 附件" in parts

    # an attachment shows its grid, the one the workbook prints
    first = next(i for i, k in enumerate(keys) if k[0] == "attachment")
    page.list.setCurrentRow(first)
    assert page.stack.currentIndex() == 0
    grid = next(pdf.attachments()).grid()
    assert page.model.grid is not None and page.model.grid.title == grid.title
    window.document.undo_stack.setClean()
