"""The window on a large report (1,500 ledger rows, 150 projects).

An edit refreshes the rows it touched and nothing else, so the officer keeps the current
cell and the selection; a 科目 added or removed moves the rows below without a reset;
the findings the live checker keeps after each edit are a full check's. A project opens
on a worker: the progress shows, the event loop keeps turning while the file is read, and
取消 goes back to what was shown before, whatever the worker does after.

Nothing here measures time: workers are held at a gate the test opens, and the tests wait
for signals (`tests/bench/bench_gui.py` measures).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QTimer

from desktop.core import project_file
from desktop.core.checks import Severity, run_checks
from desktop.core.model import Report
from desktop.ui import dialogs, project_files
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.models.ledger import COLUMNS
from desktop.ui.opening import read_project
from tests.helpers.synthetic import large_report

pytestmark = [pytest.mark.gui, pytest.mark.slow]  # windows on reports of 1,500 rows

BASIC = next(i for i, c in enumerate(COLUMNS) if c.key == "spending.basic")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "大型汇总报告.juesuan"
    project_file.save(large_report(rows=1500, projects=150), path)
    return path


@pytest.fixture
def big(window: MainWindow, opens, big_file: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    assert opens(window, lambda: window.open_path(big_file))
    window.select_page(window.page_for(LedgerPage.form))
    return window


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Opening a file waits at this gate until the test opens it."""
    gate = threading.Event()

    def held(path: Path) -> Report:
        gate.wait(30)
        return read_project(path)

    monkeypatch.setattr(project_files, "read_project", held)
    yield gate
    gate.set()  # never leave a worker waiting


def full_check(report: Report) -> list[object]:
    return sorted(run_checks(report), key=lambda f: f.severity.rank)


def free_code(window: MainWindow, under: str) -> str:
    """A 项 code under `under` (a 款 or 类) that the report does not have yet."""
    taken = {r.code for r in window.document.report.ledger}
    width = 7 - len(under)
    return next(c for n in range(1, 10**width) if (c := f"{under}{n:0{width}d}") not in taken)


def ledger(window: MainWindow) -> LedgerPage:
    page = window.page(LedgerPage)
    assert isinstance(page, LedgerPage)
    return page


class Signals:
    """What a model told its views."""

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        self.resets = 0
        self.rows: set[int] = set()  # rows of dataChanged
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)
        model.rowsInserted.connect(lambda _p, a, b: self.inserted.append((a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.removed.append((a, b)))

    def _reset(self) -> None:
        self.resets += 1

    def _changed(self, tl: QModelIndex, br: QModelIndex, _roles: object = None) -> None:
        self.rows.update(range(tl.row(), br.row() + 1))


def test_an_edit_refreshes_only_its_rows_and_keeps_the_current_cell_and_selection(
    big: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = ledger(big)
    model, view = page.model, page.view
    items = [r for r in range(model.rowCount()) if model.row(r)[0] == "item"]
    edited = items[len(items) // 2]
    code = model.code_of(edited)
    here = model.index(items[10], BASIC + 1)
    view.setCurrentIndex(here)
    block = QItemSelection(model.index(items[10], BASIC), model.index(items[12], BASIC + 2))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selected = sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes())
    seen = Signals(model)

    with qtbot.waitSignal(big.checker.updated, timeout=10000):
        assert model.setData(model.index(edited, BASIC), "12345.67")

    # the 项, its 款 and 类, the 合计: the rows whose figures changed, and no other
    sums = {model.row_of(code[:5]), model.row_of(code[:3]), 0}
    assert edited in seen.rows and sums <= seen.rows
    assert seen.rows <= {edited, *sums}
    assert seen.resets == 0 and not seen.inserted and not seen.removed
    assert view.currentIndex() == here
    now = sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes())
    assert now == selected
    assert model.data(model.index(edited, BASIC)) == "12,345.67"


def test_a_code_added_or_removed_moves_the_rows_below_without_a_reset(
    big: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs.NewCodeDialog, "ask", classmethod(lambda cls, *a: "新增科目"))
    page = ledger(big)
    model, view = page.model, page.view
    last = model.rowCount() - 1
    code = model.code_of(last)
    view.setCurrentIndex(model.index(last, BASIC))
    seen = Signals(model)
    new = free_code(big, "20101")

    assert page.add_code(new)
    assert seen.resets == 0 and len(seen.inserted) == 1
    assert model.row_of(new) >= 0
    page.view.setCurrentIndex(model.index(model.rowCount() - 1, BASIC))  # the last 科目 again
    assert model.code_of(view.currentIndex().row()) == code
    with qtbot.waitSignal(big.checker.updated, timeout=10000):
        big.document.undo_stack.undo()  # the 科目 goes again
    assert seen.resets == 0 and len(seen.removed) == 1
    assert model.row_of(new) < 0
    assert model.code_of(view.currentIndex().row()) == code  # the current cell stayed on it
    assert big.checker.findings == full_check(big.document.report)


def test_the_findings_kept_after_each_edit_are_a_full_checks(
    big: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs.NewCodeDialog, "ask", classmethod(lambda cls, *a: "新增科目"))
    page = ledger(big)
    model = page.model
    items = [r for r in range(model.rowCount()) if model.row(r)[0] == "item"]
    fiscal = next(i for i, c in enumerate(COLUMNS) if c.key == "fiscal.general_basic")
    budget = len(COLUMNS) - 1

    def check() -> None:
        big.checker.flush()
        assert big.checker.findings == full_check(big.document.report)

    assert big.checker.findings == full_check(big.document.report)  # as opened
    # 财政拨款 beyond the row's 基本支出: an error on that row, then put right
    assert model.setData(model.index(items[5], fiscal), "999999999.00")
    check()
    assert any(f.rule == "sums.fiscal_within_nature" for f in big.checker.findings)
    assert model.setData(model.index(items[5], fiscal), "")
    check()
    assert model.setData(model.index(items[300], BASIC), "-5")  # negative
    check()
    assert model.setData(model.index(0, budget), "1")  # 年初预算合计 against its 类
    check()
    assert page.add_code(free_code(big, "299"))  # maybe a 类 of its own, named
    check()
    assert not page.add_code("201019")  # not a 项: refused, nothing changes
    check()
    page.view.setCurrentIndex(model.index(items[40], BASIC))
    assert page.remove_selected()
    check()
    for _ in range(4):
        big.document.undo_stack.undo()
        check()
    for _ in range(2):
        big.document.undo_stack.redo()
        check()
    assert big.checker.index.total(Severity.ERROR) > 0


def test_opening_shows_the_progress_and_the_event_loop_keeps_turning(
    window: MainWindow, big_file: Path, gate: threading.Event, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.is_loading))
    timer.start(1)
    assert window.open_path(big_file)
    assert window.is_loading
    assert window.central.currentWidget() is window.opening_panel
    assert "大型汇总报告" in window.opening_panel.title.text()
    assert not window.save_action.isEnabled()
    qtbot.waitUntil(lambda: "读取项目文件" in window.opening_panel.step_label.text())
    # the worker is held reading the file; the GUI thread answers meanwhile
    qtbot.waitUntil(lambda: ticks.count(True) >= 5)
    assert window.is_loading
    with qtbot.waitSignal(window.opened, timeout=30000) as done:
        gate.set()
    timer.stop()
    assert done.args == [True]
    assert window.has_project and window.save_action.isEnabled()
    assert window.document.report == project_file.load(big_file)
    assert window.checker.findings == full_check(window.document.report)  # made on the worker
    assert not window.document.is_modified


def test_opening_can_be_cancelled_and_a_late_result_is_ignored(
    window: MainWindow, opens, big_file: Path, gate: threading.Event, qtbot
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(big_file)
    qtbot.waitUntil(lambda: "读取项目文件" in window.opening_panel.step_label.text())
    with qtbot.waitSignal(window.opened, timeout=5000) as ended:
        window.opening_panel.cancel_button.click()
    assert ended.args == [False]
    assert not window.is_loading and not window.has_project
    assert window.central.currentWidget() is window.start_page
    gate.set()  # the worker goes on, and answers into the void
    qtbot.waitUntil(lambda: not window._jobs, timeout=30000)
    assert not window.has_project

    # with a project open, 取消 goes back to it
    assert opens(window, lambda: window.open_sample("datong-2024"))
    sample = window.document.report
    gate.clear()
    assert window.open_path(big_file, ask_save=False)
    with qtbot.waitSignal(window.opened, timeout=5000):
        assert window.cancel_opening()
    assert window.has_project and window.document.report is sample
    gate.set()
    qtbot.waitUntil(lambda: not window._jobs, timeout=30000)
    assert window.document.report is sample


def test_the_file_is_read_as_the_core_reads_it(big_file: Path, tmp_path: Path) -> None:
    """`read_project` parses a record at a time (the GUI thread gets the GIL between
    records); what it reads, and what it refuses, is `project_file.load`'s."""
    assert read_project(big_file) == project_file.load(big_file)
    for name, text in (
        ("json", "{not json"),
        ("float", '{"format": "juesuan-report", "schema_version": 1, "unit": {"year": 2024.5}}'),
        ("top", "[1, 2]"),
        ("trailing", '{"format": "juesuan-report"} x'),
    ):
        bad = tmp_path / f"{name}.juesuan"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(project_file.ProjectFileError) as ours:
            read_project(bad)
        with pytest.raises(project_file.ProjectFileError) as core:
            project_file.load(bad)
        assert str(ours.value) == str(core.value)


def test_checks_run_on_a_worker_and_an_edit_meanwhile_is_checked_after(
    big: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The live checker's rules run on a worker; while one runs the officer edits on,
    and what that edit concerns is checked once the worker answers."""
    from desktop.ui import checker as checker_module

    gate = threading.Event()
    real = checker_module._CheckJob.run
    ran: list[int] = []

    def held(job) -> None:  # type: ignore[no-untyped-def]
        ran.append(len(job.rules))
        gate.wait(30)
        real(job)

    monkeypatch.setattr(checker_module._CheckJob, "run", held)
    model = ledger(big).model
    items = [r for r in range(model.rowCount()) if model.row(r)[0] == "item"]
    fiscal = next(i for i, c in enumerate(COLUMNS) if c.key == "fiscal.general_basic")
    assert model.setData(model.index(items[3], fiscal), "999999999.00")  # an error
    qtbot.waitUntil(lambda: len(ran) == 1)  # held on the worker; the window answers
    assert big.checker.busy
    assert model.setData(model.index(items[9], BASIC), "-1")  # meanwhile: another error
    gate.set()
    qtbot.waitUntil(lambda: not big.checker.busy, timeout=30000)
    assert len(ran) == 2  # the second edit's rules ran after the first answer
    rules = {f.rule for f in big.checker.findings}
    assert {"sums.fiscal_within_nature", "values.negative"} <= rules
    assert big.checker.findings == full_check(big.document.report)
