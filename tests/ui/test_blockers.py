"""A final PDF refused: each blocker the dialog lists leads to where it is fixed — a
finding's cell as the findings panel goes, a missing reason opened for typing as the
preview's placeholder goes. And the reasons form asks for what the text templates read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.core.checks import Form, Location
from desktop.core.exporters import Blocker, publishing_blockers
from desktop.core.text import reason_keys
from desktop.ui import generate
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.overview import OverviewPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.generate import BlockedDialog, GenerateDialog
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui

Act = Callable[[BlockedDialog], None]


def col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


@pytest.fixture
def blocked_dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """BlockedDialog.exec without a modal loop: the dialog is shown, the test's `act`
    does what the officer does in it, and exec returns the dialog's result."""
    state: dict[str, object] = {"act": None, "shown": []}

    def exec_(self: BlockedDialog) -> int:
        self.show()
        shown = state["shown"]
        assert isinstance(shown, list)
        shown.append(self)
        act = state["act"]
        assert callable(act)
        act(self)
        return self.result()

    monkeypatch.setattr(BlockedDialog, "exec", exec_)
    return state


def refused(window, qtbot, tmp_path: Path, state: dict[str, object], act: Act) -> GenerateDialog:  # type: ignore[no-untyped-def]
    """生成 a final PDF (only the PDF) while something blocks it; `act` in the dialog."""
    dialog = window.generate()
    assert isinstance(dialog, GenerateDialog)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.xlsx.setChecked(False)
    window.select_page(0)  # somewhere else
    state["act"] = act
    assert not dialog.start()  # nothing generated …
    assert not dialog.running() and not (tmp_path / "out").exists()
    assert "未生成" in dialog.status.text()
    return dialog


def row_of(dialog: BlockedDialog, wanted: Callable[[Blocker], bool]) -> int:
    rows = [i for i in range(dialog.list.count()) if wanted(dialog.blocker(i))]  # type: ignore[arg-type]
    assert rows, [dialog.list.item(i).text() for i in range(dialog.list.count())]
    return rows[0]


def test_a_finding_leads_to_its_cell(sample, qtbot, tmp_path, blocked_dialogs):
    page = sample.page(LedgerPage)
    assert isinstance(page, LedgerPage)
    m = page.model
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert m.setData(m.index(m.row_of("2010350"), col("fiscal.general_basic")), "99,999,999")
    picked: list[Blocker] = []

    def double_click(blocked: BlockedDialog) -> None:
        row = row_of(
            blocked,
            lambda b: (
                b.location is not None
                and b.location.form is Form.LEDGER
                and b.location.row == "2010350"
            ),
        )
        picked.append(blocked.blocker(row))  # type: ignore[arg-type]
        assert "2010350 事业运行" in blocked.list.item(row).text()  # the officer's names
        item = blocked.list.item(row)
        blocked.list.scrollToItem(item)
        at = blocked.list.visualItemRect(item).center()
        viewport = blocked.list.viewport()
        # QTest needs the first click of a double-click sent on its own under Qt 6
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)

    dialog = refused(sample, qtbot, tmp_path, blocked_dialogs, double_click)
    assert "已转到所选的问题" in dialog.status.text()
    [blocked] = blocked_dialogs["shown"]  # type: ignore[misc]
    [target] = picked
    assert blocked.chosen == target and blocked.isHidden()
    assert target.location is not None
    assert sample.page_stack.currentWidget() is page
    assert sample.nav.currentIndex().row() == sample.page_for(Form.LEDGER)
    # the very cell the findings panel goes to for the same finding
    expected = m.locate(target.location.row, target.location.field, exact=True)
    assert expected.isValid() and page.view.currentIndex() == expected
    assert target.message in sample.statusBar().currentMessage()


def test_a_missing_reason_opens_the_reason_for_typing(sample, qtbot, tmp_path, blocked_dialogs):
    prior = sample.page(PriorPage)
    assert isinstance(prior, PriorPage)
    reasons = prior.reasons
    with qtbot.waitSignal(sample.checker.updated, timeout=2000):
        assert reasons.setData(reasons.index(reasons.rows.index("general"), 2), "")

    def go(blocked: BlockedDialog) -> None:
        row = row_of(blocked, lambda b: b.reason_key == "general")
        text = blocked.list.item(row).text()
        assert "一般公共预算财政拨款支出" in text and "general" not in text
        assert not blocked.goto_button.isEnabled()
        blocked.list.setCurrentRow(row)
        qtbot.mouseClick(blocked.goto_button, Qt.MouseButton.LeftButton)

    dialog = refused(sample, qtbot, tmp_path, blocked_dialogs, go)
    assert not dialog.is_draft
    assert sample.page_stack.currentWidget() is prior
    view = prior.reasons_view
    assert view.currentIndex() == reasons.index(reasons.rows.index("general"), 2)
    assert view.state() == QAbstractItemView.State.EditingState
    assert "请填写：一般公共预算财政拨款支出" in sample.statusBar().currentMessage()
    view.closePersistentEditor(view.currentIndex())


def test_enter_on_a_blocker_goes_there_and_makes_no_draft(sample, qtbot, tmp_path, blocked_dialogs):
    overview = sample.page(OverviewPage)
    duties = overview.binder.widget_for("", "duties")
    duties.setPlainText("")
    overview.commit_pending()

    def enter(blocked: BlockedDialog) -> None:
        assert blocked.draft_button.isDefault()
        blocked.list.setFocus()
        blocked.list.setCurrentRow(row_of(blocked, lambda b: b.reason_key == "overview:duties"))
        qtbot.keyClick(blocked.list, Qt.Key.Key_Return)

    dialog = refused(sample, qtbot, tmp_path, blocked_dialogs, enter)
    [blocked] = blocked_dialogs["shown"]  # type: ignore[misc]
    assert blocked.result() == BlockedDialog.DialogCode.Rejected  # not the draft
    assert not dialog.is_draft
    assert sample.page_stack.currentWidget() is overview
    assert sample.nav.currentIndex().row() == sample.page_for(Form.OVERVIEW)


def test_going_back_without_choosing_goes_nowhere(sample, qtbot, tmp_path, blocked_dialogs):
    m = sample.page(LedgerPage).model
    m.setData(m.index(m.row_of("2010350"), col("fiscal.general_basic")), "99,999,999")
    jumps: list[object] = []

    def back(blocked: BlockedDialog) -> None:
        blocked.reject()

    dialog = sample.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    # found in the document's working papers, they are what the core finds afresh
    assert dialog.blockers() == publishing_blockers(sample.document.report)
    dialog.jump_requested.connect(jumps.append)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.xlsx.setChecked(False)
    sample.select_page(0)
    blocked_dialogs["act"] = back
    assert not dialog.start()
    assert jumps == [] and "请先处理上面列出的问题" in dialog.status.text()
    assert sample.page_stack.currentIndex() == 0


def test_the_dialog_lists_what_the_core_says_in_the_officers_words(sample):
    report = sample.document.report
    blockers = [
        Blocker.missing_text("sangong:vehicle_operation"),
        Blocker("应为0.00元", Location(Form.LEDGER, "2010301", "spending.basic")),
        Blocker("（一条没有位置的说明）"),
    ]
    dialog = generate.BlockedDialog(blockers, sample, report=report)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts == [
        "1. 情况说明缺少：公务用车运行维护费与上年相比增减的主要原因",
        "2. 收入支出（按功能科目） › 2010301 行政运行 › 基本支出：应为0.00元",
        "3. （一条没有位置的说明）",
    ]
    assert dialog.blocker(0) == blockers[0] and dialog.blocker(5) is None
    plain = generate.BlockedDialog(blockers, sample)  # without the report: the core's lines
    assert [plain.list.item(i).text() for i in range(plain.list.count())] == texts


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022"])
def test_the_reasons_form_asks_for_every_reason_the_text_reads(window, opens, name):
    assert opens(window, lambda: window.open_sample(name))
    page = window.page(PriorPage)
    assert isinstance(page, PriorPage)
    report = window.document.report
    rows = page.reasons.rows
    read = reason_keys(report)
    assert set(read) <= set(rows)
    labels = [page.reasons.data(page.reasons.index(rows.index(k), 0)) for k in read]
    assert all(label and ":" not in label and "_" not in label for label in labels), labels
    if name == "jincheng-2022":  # the 2022 wording reads notes the 2024 one does not
        assert {"performance_evaluation", "performance_other"} <= set(rows)
