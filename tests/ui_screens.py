"""Screenshots of every form and the preview, from the app started offscreen on a sample.

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

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.ui.app import create_app
from desktop.ui.main_window import MainWindow


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(5):
        app.processEvents()
    window.checker.flush()
    for _ in range(5):
        app.processEvents()


def extra(app: QApplication, window: MainWindow, out: Path) -> None:
    """The self-evaluation's other tabs, a tinted error in the ledger, the 生成 dialog."""
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

    dialog = window.generate()
    if dialog is not None:
        settle(app, window)
        dialog.grab().save(str(out / "10-生成.png"))
        dialog.close()


def main(argv: list[str]) -> int:
    sample = argv[0] if argv else "datong-2024"
    out = Path(argv[1] if len(argv) > 1 else "build/screens")
    out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    tmp = Path(tempfile.mkdtemp(prefix="juesuan-screens-"))
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_dir=tmp / "recovery")
    window.resize(1280, 800)
    window.show()
    settle(app, window)
    window.grab().save(str(out / "00-start.png"))
    window.open_sample(sample)
    settle(app, window)
    for i, page in enumerate(window.pages):
        window.select_page(i)
        settle(app, window)
        name = f"{i + 1:02d}-{page.title}.png"
        window.grab().save(str(out / name))
        print(out / name)
    extra(app, window, out)
    window.select_page(len(window.pages) - 1)
    preview = window.pages[-1]
    grids = getattr(preview, "grids", [])
    for j in range(len(grids)):
        preview.list.setCurrentRow(j)  # type: ignore[attr-defined]
        settle(app, window)
        name = f"{len(window.pages):02d}-预览-{grids[j].number}.png"
        window.grab().save(str(out / name))
        print(out / name)
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
