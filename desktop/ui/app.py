"""Starting the GUI: the QApplication (Fusion, high-DPI, Chinese), the window, the file.

python -m desktop [FILE | SAMPLE] [--quit-after-show]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

APP_NAME = "决算公开助手"


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The application object, configured once (returns the existing one in tests)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("juesuan")
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)  # Chinese for Qt's own buttons (确定, 取消, …)
    return app


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="juesuan-gui", description=f"{APP_NAME}（图形界面）")
    parser.add_argument("file", nargs="?", help="要打开的项目文件（.juesuan.json），或示例名称")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="窗口显示并可操作后立即退出（测量启动时间用），打印耗时",
    )
    parser.add_argument("--recovery-dir", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_app()
    from desktop.core import samples
    from desktop.ui.errors import show_error
    from desktop.ui.main_window import MainWindow

    window = MainWindow(recovery_dir=args.recovery_dir)

    def excepthook(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        sys.__excepthook__(kind, error, tb)
        show_error(window, error.with_traceback(tb))

    sys.excepthook = excepthook
    window.show()
    if args.file:
        path = Path(args.file)
        if not path.exists() and args.file in samples.names():
            window.open_sample(args.file)
        else:
            window.open_path(path)
    elif not args.quit_after_show:
        QTimer.singleShot(0, window.offer_orphans)
    if args.quit_after_show:

        def report() -> None:
            print(f"interactive after {time.perf_counter() - started:.3f} s (in process)")
            window.document.undo_stack.setClean()
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()
