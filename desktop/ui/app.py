"""Starting the GUI: the QApplication (Fusion, high-DPI, Chinese, bundled CJK fonts), the
log, the handler of unhandled exceptions, the window, the file.

python -m desktop [FILE | SAMPLE] [--quit-after-show]

Per-user files (settings, recovery copies, logs) live where `desktop.ui.paths.AppPaths`
says; JUESUAN_HOME moves them all into one folder. The app never opens a network
connection: there is no update check and nothing is sent anywhere.
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import __version__

if TYPE_CHECKING:
    from desktop.ui.paths import AppPaths

APP_NAME = "决算公开助手"
log = logging.getLogger("juesuan.app")


# The GUI thread and the workers (opening, checking, the recovery copy, 生成) share the
# GIL. A thread that wants it while another runs Python asks that one to let go after
# the switch interval — by default 5 ms, a wait added to each of the window's reactions
# (a key, a paint, a tick of the progress) while a worker runs. 1 ms keeps them prompt;
# the worker's pace is the same (it gives way only when the window wants to run).
GIL_SWITCH_S = 0.001


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The application object, configured once (returns the existing one in tests)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    sys.setswitchinterval(GIL_SWITCH_S)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("juesuan")
    app.setStyle("Fusion")
    install_translations(app)
    from desktop.ui import fonts

    fonts.install(app)
    return app


def install_translations(app: QApplication) -> bool:
    """Qt's own words in Chinese (确定, 取消, the file dialog's 查找范围/文件类型): PySide6's
    qtbase_zh_CN. False when the translations are not there (the app then stays usable).
    On Windows the file dialogs are the system's own, in the system's language."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    return True


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="juesuan-gui", description=f"{APP_NAME}（图形界面）")
    parser.add_argument(
        "file",
        nargs="?",
        help="要打开的项目文件（.juesuan，旧版的 .juesuan.json 也可），或示例名称",
    )
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="窗口显示并可操作后立即退出（测量启动时间用），打印耗时",
    )
    parser.add_argument("--recovery-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)  # like JUESUAN_HOME
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from desktop.ui.logs import close_logging, setup_logging
    from desktop.ui.paths import AppPaths

    paths = AppPaths.under(args.data_dir) if args.data_dir else AppPaths.default()
    if args.recovery_dir:
        paths = AppPaths(paths.settings, args.recovery_dir, paths.logs)
    setup_logging(paths.logs)
    log.info(
        "启动 %s %s；Python %s；%s；参数：%s",
        APP_NAME,
        __version__,
        platform.python_version(),
        platform.platform(),
        args.file or "（无）",
    )
    try:
        return run(args, paths, started)
    except BaseException:
        log.critical("运行失败", exc_info=True)
        raise
    finally:
        log.info("退出")
        close_logging()


def warm_pdf_fonts() -> threading.Thread:
    """Read the PDF's fonts (a third of a second) on a background thread, so that the
    officer's first 生成 does not wait for them; later builds find them registered."""

    def read() -> None:
        try:
            from desktop.core.exporters.fonts import font_set

            font_set()
        except Exception:  # a PDF build will report it in Chinese; here it is only logged
            log.exception("PDF 字体预读失败")

    thread = threading.Thread(target=read, name="pdf-fonts", daemon=True)
    thread.start()
    return thread


def run(args: argparse.Namespace, paths: AppPaths, started: float) -> int:
    """Create the app and the window, open what was asked, run the event loop."""
    app = create_app()
    from PySide6 import __version__ as pyside_version

    from desktop.core import samples
    from desktop.ui.errors import CrashHandler
    from desktop.ui.main_window import MainWindow

    log.info(
        "PySide6 %s；平台 %s；界面字体 %s",
        pyside_version,
        QGuiApplication.platformName(),
        app.font().family(),
    )
    if sys.version_info < (3, 12) and pyside_version.startswith("6.12.0"):
        log.warning(
            "PySide6 %s 在 Python 3.11 上有引用计数缺陷，长时间使用可能崩溃；请改用 6.11.x",
            pyside_version,
        )
    window = MainWindow(paths=paths)
    crash = CrashHandler(lambda: window)
    crash.install()
    try:
        window.show()
        if args.file:
            path = Path(args.file)
            if not path.exists() and args.file in samples.names():
                window.open_sample(args.file)
            else:
                window.open_path(path)
        elif not args.quit_after_show:
            QTimer.singleShot(0, window.offer_orphans)
        if not args.quit_after_show:
            QTimer.singleShot(1000, warm_pdf_fonts)  # once the window is up and drawn
        if args.quit_after_show:

            def report() -> None:
                if sys.stdout is not None:  # none in a windowed frozen build
                    print(f"interactive after {time.perf_counter() - started:.3f} s (in process)")
                window.document.undo_stack.setClean()
                window.close()
                app.quit()

            if window.is_loading:  # interactive once the project is open
                window.opened.connect(lambda _ok: QTimer.singleShot(0, report))
            else:
                QTimer.singleShot(0, report)
        return app.exec()
    finally:
        crash.uninstall()
