"""The window derives through the document's working papers: after a one-cell edit no
view, no rule and no label derives the report from scratch — every page shown, the
checks run, the figures updated along the edited 科目 only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core import derive as derive_module
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def show_every_page(window: MainWindow) -> None:
    for row in range(window.page_stack.count()):
        window.select_page(row)
        window.page_stack.currentWidget().repaint()
        QApplication.processEvents()


def test_a_one_cell_edit_derives_nothing_from_scratch(
    sample: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_every_page(sample)  # every view has asked for its figures once
    full = []
    real = derive_module._derive_full
    monkeypatch.setattr(derive_module, "_derive_full", lambda *a: full.append(a[0]) or real(*a))
    m = sample.page(LedgerPage).model  # type: ignore[attr-defined]
    col = next(i for i, c in enumerate(COLUMNS) if c.key == "spending.basic")
    assert m.setData(m.index(m.row_of("2010350"), col), "90000")
    sample.checker.flush()
    show_every_page(sample)
    assert sample.document.derived().line("2010350")["spending.basic"] == 90000
    assert full == []
