"""预览 of the generated text: the parts in the report's order, live with the figures, and
each 【请填写原因】 a link to where the officer writes it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView

from desktop.core.checks import Form
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.preview import ITEM_ROLE, PreviewPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def preview_of(window) -> PreviewPage:  # type: ignore[no-untyped-def]
    page = window.page(PreviewPage)
    assert isinstance(page, PreviewPage)
    window.select_page(window.pages.index(page))
    return page


def test_the_text_parts_are_listed_in_report_order_and_rendered(sample, qtbot):
    page = preview_of(sample)
    keys = [page.list.item(i).data(ITEM_ROLE) for i in range(page.list.count())]
    assert keys[0] == ("text", "第一部分 概况")
    assert keys[1] == ("part", "第二部分 2024年部门决算表")
    assert keys[2] == ("table", "公开01")
    texts = [k for k in keys if k[0] == "text"]
    assert texts[-2:] == [("text", "第三部分 情况说明"), ("text", "第四部分 名词解释")]
    assert page.list.currentRow() == 2  # the first table, as before

    assert page.select("text", "情况说明")
    assert page.stack.currentIndex() == 1
    html = page.text_view.toHtml()
    plain = page.text_view.toPlainText()
    assert plain.startswith("第三部分 情况说明")
    assert "一、收入支出决算总体情况说明" in plain
    assert "2024年度收入总计584.83万元" in plain
    assert "font-weight:700" in html or "font-weight:600" in html  # headings bold
    assert page.text_note.isHidden()  # the sample owes nothing

    # live: a figure typed in the ledger changes the sentence
    ledger = sample.page(LedgerPage).model
    c = next(i for i, x in enumerate(COLUMNS) if x.key == "income.general_budget")
    ledger.setData(ledger.index(ledger.row_of("2010301"), c), "1,600,000")
    qtbot.waitUntil(lambda: "收入总计586.96万元" in page.text_view.toPlainText(), timeout=3000)


def test_a_missing_reason_is_highlighted_and_clicking_it_opens_the_reason(sample, qtbot):
    page = preview_of(sample)
    assert page.select("text", "情况说明")
    prior = sample.page(PriorPage)
    assert isinstance(prior, PriorPage)
    reasons = prior.reasons
    row = reasons.rows.index("general")
    assert reasons.setData(reasons.index(row, 2), "")
    qtbot.waitUntil(lambda: "【请填写原因】" in page.text_view.toPlainText(), timeout=3000)
    assert page.owed() == ["general"]
    assert page.text_view.keys == ["general"]
    assert "#ffe08a" in page.text_view.toHtml()  # highlighted
    assert "（1 处待填写）" in page.list.currentItem().text()
    assert not page.text_note.isHidden()

    page.text_view.activate(0)  # as a click on the link
    assert sample.page_stack.currentWidget() is prior
    view = prior.reasons_view
    assert view.currentIndex() == reasons.index(row, 2)
    assert view.state() == QAbstractItemView.State.EditingState
    assert "一般公共预算财政拨款支出" in sample.statusBar().currentMessage()
    view.closePersistentEditor(view.currentIndex())

    assert reasons.setData(reasons.index(row, 2), "项目完工，支出减少")
    sample.select_page(sample.pages.index(page))
    qtbot.waitUntil(lambda: "项目完工，支出减少" in page.text_view.toPlainText(), timeout=3000)
    assert not page.owed() and page.text_note.isHidden()


def test_an_empty_duties_text_jumps_to_the_overview(sample, qtbot):
    page = preview_of(sample)
    overview = sample.page(OverviewPage)
    duties = overview.binder.widget_for("", "duties")
    duties.setPlainText("")
    overview.commit_pending()
    assert page.select("text", "概况")
    qtbot.waitUntil(lambda: "【请填写本单位职责】" in page.text_view.toPlainText(), timeout=3000)
    page.text_view.activate(0)
    assert sample.page_stack.currentWidget() is overview
    assert sample.nav.currentIndex().row() == sample.page_for(Form.OVERVIEW)
