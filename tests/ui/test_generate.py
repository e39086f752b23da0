"""生成: Excel, PDF and Word written in a worker thread while the GUI keeps processing events; a
final PDF refused up front while something blocks publishing; 取消 between outputs."""

from __future__ import annotations

import socket
import threading

import docx
import openpyxl
import pytest
from PySide6.QtCore import QTimer

from desktop.ui import generate
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.generate import GenerateDialog
from desktop.ui.models.ledger import COLUMNS

pytestmark = pytest.mark.gui


def col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection fails the test (and is recorded)."""
    tried: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(args[1:] if len(args) > 1 else args)
        raise AssertionError(f"network access attempted: {args[1:]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return tried


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What 打开文件夹 / 打开 PDF would have opened."""
    urls: list[str] = []
    monkeypatch.setattr(
        GenerateDialog, "opener", staticmethod(lambda url: urls.append(url.toLocalFile()) or True)
    )
    return urls


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The blocked-final question: what was listed (as the dialog names it), and the
    answer (make a draft?)."""
    state: dict[str, object] = {"answer": False, "blockers": None}

    def ask(cls, parent, blockers, *, report=None, jump=None):  # type: ignore[no-untyped-def]
        state["blockers"] = generate.describe_blockers(report, blockers)
        return state["answer"]

    monkeypatch.setattr(generate.BlockedDialog, "ask", classmethod(ask))
    return state


@pytest.fixture
def jincheng(window, opens):  # type: ignore[no-untyped-def]
    """The smaller sample (晋城 2022, 元): its PDF takes half the time of 大同's."""
    assert opens(window, lambda: window.open_sample("jincheng-2022"))
    window.checker.flush()
    return window


@pytest.mark.slow  # writes a whole workbook and PDF
def test_generation_writes_both_files_while_events_are_processed(
    jincheng, qtbot, tmp_path, no_network, opened, asked
):
    sample = jincheng
    dialog = sample.generate()
    assert isinstance(dialog, GenerateDialog)
    qtbot.addWidget(dialog)
    out = tmp_path / "公开表"
    dialog.folder_edit.setText(str(out))
    assert dialog.yuan.isChecked()
    dialog.wan.setChecked(True)
    assert dialog.formats == ["xlsx", "pdf"] and not dialog.is_draft

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    steps: list[tuple[int, str]] = []
    with qtbot.waitSignal(dialog.generated, timeout=60000) as done:
        assert dialog.start()
        job = dialog._job
        assert job is not None
        job.signals.progress.connect(lambda i, fmt: steps.append((i, fmt)))
        assert dialog.running() and dialog.progress.isVisible()
        assert dialog.cancel_button.isEnabled() and not dialog.generate_button.isEnabled()
        # the window stays usable: an edit while the worker runs
        m = sample.page(LedgerPage).model
        assert m.setData(m.index(m.row_of("2010350"), col("income.business")), "1")
    timer.stop()

    outputs = done.args[0]
    assert [o.kind for o in outputs] == ["xlsx", "pdf"]
    assert all(o.path.exists() and o.path.parent == out for o in outputs)
    assert outputs[1].path.read_bytes().startswith(b"%PDF")
    assert [fmt for _, fmt in steps][-1] == "pdf"  # progress per output
    assert len(ticks) > 10, "the event loop ran while the files were written"
    assert asked["blockers"] is None  # nothing blocks the sample's final PDF
    assert not dialog.running() and not dialog.cancel_button.isEnabled()
    assert "已生成" in dialog.status.text() and "PDF 报告" in dialog.status.text()
    assert dialog.open_button.isEnabled() and dialog.open_pdf_button.isEnabled()
    assert dialog.open_pdf() and dialog.open_folder()
    assert opened == [str(outputs[1].path), str(out)]
    book = openpyxl.load_workbook(outputs[0].path)
    sheet = book["公开01表"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "收入支出决算总表" in values
    # generated in 万元 from the report as it was when 生成 was pressed (before the edit)
    assert "金额单位：万元" in values
    assert not no_network
    dialog.close()


def blocked_dialog(window, qtbot, folder):
    """生成 for the window's report with a 错误 typed in (more 财政拨款 than spent)."""
    m = window.page(LedgerPage).model
    m.setData(m.index(m.row_of("2010350"), col("fiscal.general_basic")), "99,999,999")
    dialog = window.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(folder))
    return dialog


def test_a_final_pdf_is_refused_with_the_blockers_and_a_draft_offered(
    jincheng, qtbot, tmp_path, asked
):
    dialog = blocked_dialog(jincheng, qtbot, tmp_path / "out")
    # what blocks a final is found on a worker: the dialog opens without waiting for it
    qtbot.waitUntil(lambda: "项问题需要先处理才能生成正式版" in dialog.warning.text())
    dialog.xlsx.setChecked(False)

    # refused before anything starts; the officer goes back to fix it
    asked["answer"] = False
    assert not dialog.start()
    assert not dialog.running() and not (tmp_path / "out").exists()
    listed = asked["blockers"]
    assert listed and any("2010350 事业运行" in b for b in listed)
    assert all("fiscal." not in b for b in listed)  # the officer's names, not the model's
    assert "未生成" in dialog.status.text()

    # … or takes the offered draft
    asked["answer"] = True
    with qtbot.waitSignal(dialog.generated, timeout=60000) as done:
        assert dialog.start()
    assert dialog.is_draft
    [pdf] = done.args[0]
    assert pdf.kind == "pdf" and pdf.path.exists()
    assert "草稿" in dialog.status.text()
    dialog.close()


def test_word_is_a_choice_of_its_own_refused_final_while_blocked(jincheng, qtbot, tmp_path, asked):
    dialog = blocked_dialog(jincheng, qtbot, tmp_path / "out")
    assert not dialog.docx.isChecked()  # offered, not chosen by default
    dialog.xlsx.setChecked(False)
    dialog.pdf.setChecked(False)
    dialog.docx.setChecked(True)
    assert dialog.formats == ["docx"]

    # a final Word document waits for the same blockers as every final output …
    asked["answer"] = False
    assert not dialog.start()
    assert asked["blockers"] and not (tmp_path / "out").exists()

    # … and the draft offered instead is a Word document named and marked 草稿
    asked["answer"] = True
    with qtbot.waitSignal(dialog.generated, timeout=60000) as done:
        assert dialog.start()
    [word] = done.args[0]
    assert word.kind == "docx" and word.path.name.endswith("（草稿）.docx")
    assert "Word 文档：" in dialog.status.text()
    header = docx.Document(str(word.path)).sections[-1].header
    assert "草稿" in "".join(p.text for p in header.paragraphs)
    dialog.close()


def test_a_final_workbook_alone_is_refused_too_and_its_draft_is_named_so(
    jincheng, qtbot, tmp_path, asked
):
    dialog = blocked_dialog(jincheng, qtbot, tmp_path / "out")
    dialog.pdf.setChecked(False)
    assert dialog.final.isEnabled() and dialog.draft.isEnabled()  # no PDF: still a choice

    asked["answer"] = False
    assert not dialog.start()
    assert asked["blockers"] and not (tmp_path / "out").exists()

    asked["answer"] = True  # the offered draft
    with qtbot.waitSignal(dialog.generated, timeout=60000) as done:
        assert dialog.start()
    [xlsx] = done.args[0]
    assert xlsx.kind == "xlsx" and xlsx.path.name.endswith("（草稿）.xlsx")
    assert "已生成（草稿）" in dialog.status.text()
    dialog.close()


def test_cancel_stops_between_outputs_and_closing_while_running_cancels(
    sample, qtbot, tmp_path, asked
):
    dialog = sample.generate()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.cancelled, timeout=60000) as done:
        assert dialog.start()
        dialog.cancel()
        assert "正在取消" in dialog.status.text()
    assert all(o.kind == "xlsx" for o in done.args[0])  # the PDF was never started
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert "已取消" in dialog.status.text() and dialog.generate_button.isEnabled()

    dialog.xlsx.setChecked(True)
    dialog.pdf.setChecked(False)
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        assert dialog.start()
        dialog.reject()  # Esc / 关闭 while running: cancel, then close
    assert not dialog.running()


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


def test_opening_the_dialog_leaves_the_blocker_check_to_a_worker(
    jincheng, qtbot, tmp_path, monkeypatch
):
    """The check and the text behind 「有 N 项问题…」 run on a worker (most of a second at
    9,600 rows); a final then uses that answer for the same report instead of asking again
    on the GUI thread."""
    threads: list[str] = []
    real = generate.publishing_blockers

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(generate, "publishing_blockers", recording)
    dialog = blocked_dialog(jincheng, qtbot, tmp_path / "out")
    assert threads == [] or threads[0] != threading.main_thread().name
    qtbot.waitUntil(lambda: "项问题需要先处理才能生成正式版" in dialog.warning.text())
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
    found = dialog.blockers()
    assert found and len(threads) == 1  # the worker's answer, for the same report
