"""生成: the workbook is written in a worker thread while the GUI keeps processing events."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QTimer

from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.generate import GenerateDialog
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def test_generation_writes_the_workbook_while_events_are_processed(sample, qtbot, tmp_path):
    dialog = sample.generate()
    assert isinstance(dialog, GenerateDialog)
    qtbot.addWidget(dialog)
    out = tmp_path / "公开表"
    dialog.folder_edit.setText(str(out))
    dialog.yuan.setChecked(True)

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(dialog.generated, timeout=30000) as done:
        dialog.start()
        assert dialog.running()
        assert dialog.progress.isVisible()
        # the window stays usable: an edit while the worker runs
        m = sample.page(LedgerPage).model
        c = next(i for i, col in enumerate(COLUMNS) if col.key == "income.business")
        assert m.setData(m.index(m.row_of("2010301"), c), "1")
    timer.stop()

    outputs = done.args[0]
    assert len(outputs) == 1 and outputs[0].path.exists()
    assert outputs[0].path.parent == out
    assert ticks, "the event loop ran while the workbook was written"
    assert not dialog.running() and dialog.open_button.isEnabled()
    assert "已生成" in dialog.status.text()
    book = openpyxl.load_workbook(outputs[0].path)
    assert "公开01表" in book.sheetnames[0]
    sheet = book[book.sheetnames[0]]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "收入支出决算总表" in values
    # generated in 元 from the report as it was when 生成 was pressed (before the edit)
    assert "金额单位：元" in values
    dialog.close()


def test_a_failure_in_the_worker_is_shown_through_the_error_dialog(
    sample, qtbot, tmp_path, shown_errors
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    dialog = sample.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(blocker / "sub"))
    with qtbot.waitSignal(dialog.generation_failed, timeout=30000):
        dialog.start()
    assert shown_errors and shown_errors[0].startswith("生成失败: 无法写入输出文件")
    shown_errors.clear()
    assert dialog.generate_button.isEnabled()
    dialog.close()
