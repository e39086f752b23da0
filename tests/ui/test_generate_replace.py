"""生成 into a folder that already holds files of the same names asks before replacing
them (the command line needs --force); declined, nothing is written."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("agree", [False, True])
def test_existing_outputs_are_replaced_only_when_the_officer_agrees(
    window, opens, qtbot, tmp_path, answers, agree: bool
):
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    dialog = window.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.pdf.setChecked(False)
    old = tmp_path / f"{window.document.report.unit.name}2022年度决算公开.xlsx"
    old.write_bytes(b"last year's careful edits")
    asked: list[bool] = []
    answers["confirm"] = lambda: asked.append(True) or agree
    if not agree:
        assert not dialog.start()
        assert asked and "未替换" in dialog.status.text()
        assert old.read_bytes() == b"last year's careful edits"
        return
    with qtbot.waitSignal(dialog.generated, timeout=60000):
        assert dialog.start()
    assert asked and old.read_bytes().startswith(b"PK")
