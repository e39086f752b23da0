"""Names and texts keep their stated limits where they are typed: a line holds at most
`limits.NAME` characters, a text box and a text cell at most `limits.TEXT`; pasting a
field of any size from Excel is read, then kept or refused with a message — never a
traceback (csv's own limit is 131,072 characters a field)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from desktop.core import limits
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.forms.unit import UnitPage
from desktop.ui.widgets.sheet import parse_clipboard

pytestmark = pytest.mark.gui


def test_a_name_line_holds_at_most_the_name_limit(sample):
    name = sample.page(UnitPage).binder.widget_for("", "name")
    assert name.maxLength() == limits.NAME
    name.setText("单" * (limits.NAME + 50))
    name.editingFinished.emit()
    assert sample.document.report.unit.name == "单" * limits.NAME


def test_a_text_box_refuses_what_goes_over_its_limit_and_says_so(sample):
    page = sample.page(OverviewPage)
    duties = page.binder.widget_for("", "duties")
    assert duties.max_length == limits.TEXT
    before = duties.toPlainText()
    duties.moveCursor(QTextCursor.MoveOperation.End)
    duties.insertPlainText("职" * limits.TEXT)  # one paste: too long together
    assert duties.toPlainText() == before
    assert "文字过长" in sample.statusBar().currentMessage()
    duties.insertPlainText("再加一句。")  # what fits is still typed
    assert duties.toPlainText() == before + "再加一句。"


@pytest.mark.parametrize("size", [131_073, 300_000])
def test_a_quoted_field_longer_than_csvs_limit_is_read(size: int) -> None:
    field = "因" * size
    rows = parse_clipboard(f'"{field}\n第二行"\t2\n')
    assert rows == [[f"{field}\n第二行", "2"]]


def test_pasting_an_over_long_reason_is_refused_with_a_message(sample):
    page = sample.page(PriorPage)
    sample.select_page(sample.pages.index(page))  # the reasons list fills while in sight
    reasons = page.reasons
    text = "因" * 200_000
    before = sample.document.report.reasons
    assert not reasons.paste(0, 2, parse_clipboard(f'"{text}\n"\n'))
    assert sample.document.report.reasons == before
    assert "文字过长" in sample.statusBar().currentMessage()
    fitting = "因" * limits.TEXT
    assert reasons.paste(0, 2, parse_clipboard(f'"{fitting}"\n'))
    assert sample.document.report.reason(reasons.key(0)) == fitting
