"""Screenshots of every form, the preview (tables and text), the 生成 dialog and the
first-run start page, from the app started offscreen on a sample.

    python tests/ui_screens.py [SAMPLE] [OUT_DIR]     (default: datong-2024, build/screens)

Look at the PNGs: they are what a finance officer sees at 1280×800.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.app import create_app
from desktop.ui.main_window import MainWindow
from desktop.ui.paths import AppPaths


def settle(app: QApplication, window: MainWindow) -> None:
    """Let pending events and timers run. PySide6 6.12.0 on Python 3.11 drops a reference
    to None on every void call such as processEvents(), so spin an event loop instead."""
    wait(30)
    while window.is_loading:  # a project opens on a worker thread
        wait(30)
    window.checker.flush()
    wait(30)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def extra(app: QApplication, window: MainWindow, out: Path) -> None:
    """The self-evaluation's other tabs, a tinted error in the ledger, the frozen columns."""
    from desktop.core.checks import Form
    from desktop.ui.forms.ledger import LedgerPage
    from desktop.ui.forms.self_eval import SelfEvalPage
    from desktop.ui.models.ledger import COLUMNS

    page = window.page(SelfEvalPage)
    assert isinstance(page, SelfEvalPage)
    window.select_page(window.page_for(Form.SELF_EVAL))
    names = [p.name for p in window.document.report.self_evals]
    if names:
        page.select_project(max(0, min(len(names) - 1, 12)))
        for tab, label in ((1, "绩效指标"), (2, "分析说明")):
            page.tabs.setCurrentIndex(tab)
            settle(app, window)
            window.grab().save(str(out / f"08{'bc'[tab - 1]}-项目绩效自评-{label}.png"))
        page.tabs.setCurrentIndex(0)

    ledger = window.page(LedgerPage)
    assert isinstance(ledger, LedgerPage)
    window.select_page(window.page_for(Form.LEDGER))
    model = ledger.model
    code = window.document.report.ledger[0].code
    col = next(i for i, c in enumerate(COLUMNS) if c.key == "fiscal.general_basic")
    model.setData(model.index(model.row_of(code), col), "99,999,999")
    settle(app, window)
    window.goto(window.checker.findings[0].location)
    settle(app, window)
    window.grab().save(str(out / "03b-收入支出-错误着色.png"))
    window.document.undo_stack.undo()
    settle(app, window)
    ledger.view.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    settle(app, window)
    window.grab().save(str(out / "03c-收入支出-冻结列.png"))


def text_preview(app: QApplication, window: MainWindow, out: Path, number: str) -> None:
    """The generated text, and a missing reason highlighted."""
    from desktop.ui.forms.preview import PreviewPage
    from desktop.ui.forms.prior import PriorPage

    preview = window.page(PreviewPage)
    assert isinstance(preview, PreviewPage)
    window.select_page(window.pages.index(preview))
    for part in ("概况", "情况说明", "名词解释"):
        preview.select("text", part)
        settle(app, window)
        save(window, out / f"{number}-预览-文字-{part}.png")
    prior = window.page(PriorPage)
    assert isinstance(prior, PriorPage)
    reasons = prior.reasons
    if "general" in reasons.rows:
        reasons.setData(reasons.index(reasons.rows.index("general"), 2), "")
        window.select_page(window.pages.index(preview))
        preview.select("text", "情况说明")
        settle(app, window)
        bar = preview.text_view.verticalScrollBar()
        bar.setValue(bar.maximum() // 4)
        settle(app, window)
        save(window, out / f"{number}-预览-文字-待填写.png")
        preview.text_view.activate(0)
        settle(app, window)
        save(window, out / f"{number}-预览-点击待填写后.png")
        window.document.undo_stack.undo()
        settle(app, window)


def generation(app: QApplication, window: MainWindow, out: Path, number: str) -> None:
    """The 生成 dialog: choices, running, done, and a final PDF refused."""
    from desktop.ui.forms.ledger import LedgerPage
    from desktop.ui.generate import BlockedDialog, GenerateDialog
    from desktop.ui.models.ledger import COLUMNS

    GenerateDialog.opener = staticmethod(lambda url: True)  # type: ignore[method-assign]
    dialog = window.generate()
    if dialog is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="juesuan-screens-out-"))
    dialog.folder_edit.setText(str(folder / "公开表"))
    settle(app, window)
    save(dialog, out / f"{number}-生成.png")
    finished = QEventLoop()
    dialog.generated.connect(finished.quit)
    dialog.generation_failed.connect(finished.quit)
    dialog.start()
    settle(app, window)
    save(dialog, out / f"{number}b-生成-进行中.png")
    if dialog.running():
        finished.exec()  # (never processEvents() in a loop: see settle)
    settle(app, window)
    save(dialog, out / f"{number}c-生成-完成.png")
    dialog.close()

    ledger = window.page(LedgerPage)
    assert isinstance(ledger, LedgerPage)
    model = ledger.model
    code = window.document.report.ledger[0].code
    col = next(i for i, c in enumerate(COLUMNS) if c.key == "fiscal.general_basic")
    model.setData(model.index(model.row_of(code), col), "99,999,999")
    settle(app, window)
    report = window.document.report
    from desktop.core.exporters import publishing_blockers

    blocked = BlockedDialog(publishing_blockers(report), window, report=report)
    blocked.show()
    settle(app, window)
    save(blocked, out / f"{number}d-生成-不能生成正式版.png")
    blocked.close()
    window.document.undo_stack.undo()
    settle(app, window)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def unit_eval(app: QApplication, out: Path, number: str) -> None:
    """部门整体自评 of the sample that has one (晋城 2022)."""
    from desktop.core.checks import Form
    from desktop.ui.forms.unit_eval import UnitEvalPage

    tmp = Path(tempfile.mkdtemp(prefix="juesuan-screens-"))
    window = MainWindow(paths=AppPaths.under(tmp))
    window.resize(1280, 800)
    window.show()
    window.open_sample("jincheng-2022")
    window.select_page(window.page_for(Form.UNIT_EVAL))
    settle(app, window)
    save(window, out / f"{number}b-部门整体自评-晋城.png")
    page = window.page(UnitEvalPage)
    assert isinstance(page, UnitEvalPage)
    page.indicators.append()
    page.indicators.paste(
        0,
        0,
        [
            ["产出指标", "数量指标", "重点工作完成数", "30", "8项", "8项"],
            ["效益指标", "社会效益指标", "服务对象满意度", "20", "≥90%", "95%"],
        ],
    )
    page.tasks.append()
    page.tasks.paste(0, 0, [["交易服务", "为进场项目提供交易见证服务", "全年完成交易项目1200个"]])
    for tab, label in ((1, "年度主要任务"), (2, "绩效指标"), (3, "自评综述")):
        page.tabs.setCurrentIndex(tab)
        settle(app, window)
        save(window, out / f"{number}{'cde'[tab - 1]}-部门整体自评-{label}.png")
    window.document.undo_stack.setClean()
    window.close()


def main(argv: list[str]) -> int:
    sample = argv[0] if argv else "datong-2024"
    out = Path(argv[1] if len(argv) > 1 else "build/screens")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    tmp = Path(tempfile.mkdtemp(prefix="juesuan-screens-"))
    window = MainWindow(paths=AppPaths.under(tmp))  # a first run: the welcome shows
    window.resize(1280, 800)
    window.show()
    settle(app, window)
    save(window, out / "00-start.png")
    window.open_sample(sample)
    settle(app, window)
    for i, page in enumerate(window.pages[:-1]):
        window.select_page(i)
        settle(app, window)
        save(window, out / f"{i + 1:02d}-{page.title}.png")
    extra(app, window, out)
    number = f"{len(window.pages):02d}"
    window.select_page(len(window.pages) - 1)
    preview = window.pages[-1]
    settle(app, window)
    save(window, out / f"{number}-预览.png")
    for grid in list(getattr(preview, "grids", [])):
        preview.select("table", grid.number)  # type: ignore[attr-defined]
        settle(app, window)
        save(window, out / f"{number}-预览-{grid.number}.png")
    text_preview(app, window, out, number)
    generation(app, window, out, f"{len(window.pages) + 1:02d}")
    unit_eval(app, out, f"{window.pages.index(window.pages[-2]) + 1:02d}")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
