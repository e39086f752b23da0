"""The ledger grid: typing, refusing, pasting, undo, rows, finding a 科目."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.checks import Form
from desktop.core.edits import add_ledger_row
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.models.ledger import COLUMNS, LedgerModel

pytestmark = pytest.mark.gui


def col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def ledger(window: MainWindow) -> tuple[LedgerPage, LedgerModel]:
    page = window.page(LedgerPage)
    assert isinstance(page, LedgerPage)
    window.select_page(window.page_for(Form.LEDGER))
    return page, page.model


def text(model: LedgerModel, code: str, key: str) -> str:
    row = 0 if code == "" else model.row_of(code)
    return model.data(model.index(row, col(key)))


def test_typing_a_number_updates_the_subtotals_the_total_and_the_status_bar(sample, qtbot):
    _page, m = ledger(sample)
    assert text(m, "", "income.general_budget") == "5,845,447.00"
    assert "5,848,346.00" in sample.balance_label.text()

    assert m.setData(m.index(m.row_of("2010301"), col("income.general_budget")), "1,600,000")

    assert text(m, "2010301", "income.general_budget") == "1,600,000.00"
    assert text(m, "2010301", "income.total") == "1,602,899.00"  # + 其他收入 2,899
    assert text(m, "20103", "income.general_budget") == "5,131,898.00"
    assert text(m, "201", "income.general_budget") == "5,166,599.00"
    assert text(m, "", "income.general_budget") == "5,866,695.00"
    qtbot.waitUntil(lambda: "5,869,594.00" in sample.balance_label.text())
    assert sample.windowTitle().startswith("大同市公共资源交易中心")
    assert "2024年度*" in sample.windowTitle()


def test_typing_into_the_grid_with_the_keyboard_replaces_the_cell_and_enter_moves_down(
    sample, qtbot
):
    page, m = ledger(sample)
    view = page.view
    start = m.index(m.row_of("2010350"), col("income.general_budget"))
    view.setFocus()
    view.setCurrentIndex(start)
    qtbot.keyClick(view, Qt.Key.Key_9)
    editors = view.viewport().findChildren(QLineEdit)
    assert len(editors) == 1
    editor = editors[0]
    assert editor.text() == "9"  # typing over a cell replaces it
    qtbot.keyClicks(editor, "9000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: text(m, "2010350", "income.general_budget") == "99,000.00")
    assert view.currentIndex().row() == start.row() + 1
    assert view.currentIndex().column() == start.column()


def test_an_invalid_entry_is_refused_with_the_message_and_the_old_value_stays(sample, qtbot):
    _page, m = ledger(sample)
    index = m.index(m.row_of("2010301"), col("spending.basic"))
    depth = sample.document.undo_stack.count()
    with qtbot.waitSignal(m.refused) as refused:
        assert not m.setData(index, "12abc")
    assert "含有不是数字的字符" in refused.args[0]
    assert "未存入" in refused.args[0]
    assert "含有不是数字的字符" in sample.statusBar().currentMessage()
    # the report keeps its value; the cell keeps what was typed, marked (test_trust)
    assert m.value(index.row(), index.column()) == Decimal("1578850.00")
    assert m.data(index) == "12abc"
    assert sample.document.undo_stack.count() == depth
    assert not sample.document.is_modified


def test_computed_rows_and_columns_are_read_only_and_bold(sample):
    _page, m = ledger(sample)
    class_row = m.row_of("201")
    item_row = m.row_of("2010301")
    assert not (
        m.flags(m.index(class_row, col("income.general_budget"))) & Qt.ItemFlag.ItemIsEditable
    )
    assert not (m.flags(m.index(0, col("spending.basic"))) & Qt.ItemFlag.ItemIsEditable)
    assert not (m.flags(m.index(item_row, col("income.total"))) & Qt.ItemFlag.ItemIsEditable)
    assert m.flags(m.index(item_row, col("income.general_budget"))) & Qt.ItemFlag.ItemIsEditable
    assert m.data(m.index(class_row, 1), Qt.ItemDataRole.FontRole).bold()
    assert m.data(m.index(item_row, 1), Qt.ItemDataRole.FontRole) is None
    # 年初预算 can be typed at any level (the sample types it per 类)
    assert m.flags(m.index(class_row, col("budget.amount"))) & Qt.ItemFlag.ItemIsEditable
    assert text(m, "201", "budget.amount") == "5,822,200.00"


BLOCK = (
    "1,000.00\t２００\t-\n"  # thousands separators, full-width digits, a dash for no figure
    "2000\t\t300元\n"
    "3000\t400\t\n"
    "9\t9\t9\n"  # lands on the 款 20131, computed: skipped
    "5000\t0.5万元\t600\n"
)


def test_pasting_a_5x3_block_from_excel_fills_the_item_rows_in_one_undo_step(sample, qtbot):
    page, m = ledger(sample)
    view = page.view
    rows = ["2010301", "2010350", "2010399", "20131", "2013101"]
    assert [m.code_of(m.row_of("2010301") + i) for i in range(5)] == rows
    view.setCurrentIndex(m.index(m.row_of("2010301"), col("spending.basic")))
    depth = sample.document.undo_stack.count()

    assert view.paste(BLOCK)

    expected = {
        "2010301": ("1,000.00", "200.00", ""),
        "2010350": ("2,000.00", "", "300.00"),
        "2010399": ("3,000.00", "400.00", ""),
        "2013101": ("5,000.00", "5,000.00", "600.00"),
    }
    keys = ("spending.basic", "spending.project", "spending.remit_superior")
    for code, values in expected.items():
        assert tuple(text(m, code, k) for k in keys) == values, code
    assert text(m, "20131", "spending.basic") == "5,000.00"  # the 款 is its 项's sum
    assert sample.document.undo_stack.count() == depth + 1
    assert "自动计算的单元格未改动" in sample.statusBar().currentMessage()

    sample.document.undo_stack.undo()
    assert text(m, "2010301", "spending.basic") == "1,578,850.00"
    assert text(m, "2010399", "spending.project") == "3,450,798.00"
    assert text(m, "2013101", "spending.remit_superior") == ""
    assert not sample.document.is_modified

    sample.document.undo_stack.redo()
    for code, values in expected.items():
        assert tuple(text(m, code, k) for k in keys) == values, code


def test_a_paste_with_one_unreadable_cell_changes_nothing(sample, qtbot):
    page, m = ledger(sample)
    page.view.setCurrentIndex(m.index(m.row_of("2010301"), col("spending.basic")))
    with qtbot.waitSignal(m.refused) as refused:
        assert not page.view.paste("1\t2\n3\t1,23\n")
    assert "粘贴区域第2行第2列" in refused.args[0]
    assert "千分位逗号的位置不对" in refused.args[0]
    assert text(m, "2010301", "spending.basic") == "1,578,850.00"
    assert sample.document.undo_stack.count() == 0


def test_copy_gives_tab_separated_plain_numbers(sample):
    page, m = ledger(sample)
    view = page.view
    top = m.row_of("2010301")
    view.setCurrentIndex(m.index(top, 0))
    view.selectionModel().select(
        QItemSelection(m.index(top, 0), m.index(top + 1, col("income.general_budget"))),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    copied = view.copy()
    assert copied.splitlines()[0] == "2010301\t行政运行\t1581651.00\t1578752.00"
    assert QApplication.clipboard().text() == copied


def test_delete_clears_the_selected_cells_and_one_value_pasted_over_a_selection_fills_it(sample):
    page, m = ledger(sample)
    view = page.view
    top = m.row_of("2010301")
    c = col("spending.operating")
    view.setCurrentIndex(m.index(top, c))
    view.selectionModel().select(
        QItemSelection(m.index(top, c), m.index(top + 2, c)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    assert view.paste("7")
    assert [text(m, x, "spending.operating") for x in ("2010301", "2010350", "2010399")] == [
        "7.00"
    ] * 3
    view.selectionModel().select(
        QItemSelection(m.index(top, c), m.index(top + 2, c)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    assert view.clear_selection()
    assert [text(m, x, "spending.operating") for x in ("2010301", "2010350", "2010399")] == [""] * 3


def test_adding_a_code_by_code_or_name_and_removing_rows_are_undoable(sample, answers):
    page, m = ledger(sample)
    rows = m.rowCount()
    assert page.add_code("2010302 一般行政管理事务")
    assert m.row_of("2010302") > 0
    assert m.rowCount() == rows + 1
    assert page.view.currentIndex().row() == m.row_of("2010302")

    assert not page.add_code("公务员医疗补助")  # 2101103 is already there: it is selected
    assert "已在表中" in sample.statusBar().currentMessage()
    assert m.code_of(page.view.currentIndex().row()) == "2101103"
    assert not page.add_code("机关服务")  # fifty 款 have a 项 of that name
    assert "对应多个科目" in sample.statusBar().currentMessage()
    assert page.add_code("机关事业单位职业年金缴费支出")  # a unique name
    assert m.row_of("2080506") > 0
    assert not page.add_code("201")  # a 类 is a sum, never typed
    assert "不是“项”级科目" in sample.statusBar().currentMessage()

    sample.document.undo_stack.undo()
    assert m.row_of("2080506") == -1
    sample.document.undo_stack.undo()
    assert m.row_of("2010302") == -1
    assert m.rowCount() == rows
    sample.document.undo_stack.redo()
    assert m.row_of("2010302") > 0

    page.view.setCurrentIndex(m.index(m.row_of("2010350"), 1))
    assert page.remove_selected()
    assert m.row_of("2010350") == -1
    assert all(r.code != "2010350" for r in sample.document.report.ledger)
    sample.document.undo_stack.undo()
    assert m.row_of("2010350") > 0


def shown(model: LedgerModel) -> list[tuple[object, ...]]:
    """Every row as the view sees it: its kind, code and ledger index, and its cells."""
    return [
        (*model.row(r), *(model.data(model.index(r, c)) for c in range(model.columnCount())))
        for r in range(model.rowCount())
    ]


def test_after_codes_added_removed_and_typed_twice_the_grid_is_the_one_built_afresh(
    sample, answers
):
    # The rows are patched along each 科目 added or removed (and the ledger's indexes kept
    # across edits of figures); a model made from scratch over the same report must show
    # the same grid, row by row and cell by cell.
    page, m = ledger(sample)
    document = sample.document
    steps = [
        lambda: page.add_code("2010302"),  # a 项 under a 款 that is there
        lambda: page.add_code("2130199"),  # under a 款 and a 类 of its own
        lambda: m.setData(m.index(m.row_of("2130199"), col("spending.basic")), "12.50"),
        # a code typed twice (a finding): each of its rows is a row of the grid
        lambda: document.apply(add_ledger_row(document.report, "2010350"), "重复"),
        lambda: m.setData(m.index(m.row_of("2010350") + 1, col("spending.basic")), "3"),
        lambda: (
            page.view.setCurrentIndex(m.index(m.row_of("2010302"), 1)) or page.remove_selected()
        ),
        document.undo_stack.undo,
        document.undo_stack.undo,
        document.undo_stack.undo,
        document.undo_stack.redo,
    ]
    for step in steps:
        step()
        fresh = LedgerModel(document, sample.checker)
        assert shown(m) == shown(fresh)
        # each code's rows (a finding's cells, the row a 科目 is revealed at), by a look
        # at every row
        codes = [m.code_of(r) for r in range(m.rowCount())]
        for code in {*codes, "2010399", "2999999"}:
            assert list(m.rows_of(code)) == [r for r, c in enumerate(codes) if c == code]
    assert [m.row(r)[0] for r in range(m.rowCount())].count("item") == len(document.report.ledger)


def test_a_code_outside_the_catalog_is_added_with_the_officers_name(sample, monkeypatch):
    from desktop.ui import dialogs

    monkeypatch.setattr(dialogs.NewCodeDialog, "ask", classmethod(lambda cls, *a: "试点专项"))
    page, m = ledger(sample)
    assert page.add_code("2013999")
    assert m.data(m.index(m.row_of("2013999"), 1)) == "试点专项"
    assert sample.document.report.custom_codes[-1].name == "试点专项"
    sample.document.undo_stack.undo()
    assert not sample.document.report.custom_codes


def test_ctrl_f_finds_a_code_or_a_name(sample):
    page, m = ledger(sample)
    sample.select_page(0)
    sample.find_action.trigger()
    assert sample.page_stack.currentWidget() is page
    assert page.find_next("2080505")
    assert m.code_of(page.view.currentIndex().row()) == "2080505"
    assert page.find_next("住房公积金")
    assert m.code_of(page.view.currentIndex().row()) == "2210201"
    assert not page.find_next("不存在的科目")


def test_code_and_name_stay_frozen_while_the_figures_scroll(sample, qtbot):
    page, m = ledger(sample)
    view, frozen = page.view, page.frozen
    qtbot.waitUntil(lambda: frozen.isVisible(), timeout=2000)
    assert frozen.model() is m and frozen.selectionModel() is view.selectionModel()
    shown = [c for c in range(m.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [0, 1]
    assert frozen.band_width() == view.columnWidth(0) + view.columnWidth(1)
    assert frozen.horizontalHeader().height() == view.horizontalHeader().height()

    # the last column: the sheet scrolls right, the frozen band stays where it is
    row = m.row_of("2210201")
    last = m.columnCount() - 1
    x = frozen.geometry().x()
    view.setCurrentIndex(m.index(row, last))
    assert view.horizontalScrollBar().value() > 0
    assert frozen.geometry().x() == x and frozen.verticalScrollBar().value() == (
        view.verticalScrollBar().value()
    )
    # back to the first figure: it is scrolled clear of the band, not hidden under it
    first = col("income.general_budget")
    view.setCurrentIndex(m.index(row, first))
    assert view.visualRect(m.index(row, first)).left() >= frozen.band_width()
    # the band shows the same row, selected in both views
    assert frozen.visualRect(m.index(row, 1)).top() == view.visualRect(m.index(row, first)).top()
    assert frozen.selectionModel().isRowSelected(row) or frozen.currentIndex().row() == row
