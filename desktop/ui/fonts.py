"""Fonts of the window: the bundled CJK fonts registered with Qt, so Chinese renders the
same on any machine.

    resources/fonts/*.ttc ──QFontDatabase.addApplicationFont──> WenQuanYi Zen Hei (黑),
                                                                 AR PL UMing (宋)
    the system has a Chinese family?  yes: keep the platform's font (微软雅黑 on Windows)
                                      no:  the app font becomes WenQuanYi Zen Hei

The same files back the PDF (`desktop.core.exporters.fonts`); this only tells Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.core.paths import resource

log = logging.getLogger("juesuan.fonts")

BUNDLED = ("wqy-zenhei.ttc", "uming.ttc")  # the first one's family is the UI fallback
UI_FALLBACK = "WenQuanYi Zen Hei"


@dataclass(frozen=True)
class FontSetup:
    bundled: tuple[str, ...]  # families registered from resources/fonts
    system_cjk: tuple[str, ...]  # Chinese families the system had before
    app_family: str  # the family the app font uses now


def register_bundled() -> tuple[str, ...]:
    """Register every bundled font file with Qt (once per file); their families."""
    families: list[str] = []
    for name in BUNDLED:
        path = resource("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("无法加载内置字体 %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(dict.fromkeys(families))


def pick_family(system_cjk: Sequence[str], bundled: Iterable[str]) -> str | None:
    """The family the app font must switch to: None when the system can draw Chinese
    itself, else the bundled 黑体 (clearer than 宋体 at UI sizes)."""
    if system_cjk:
        return None
    bundled = list(bundled)
    if UI_FALLBACK in bundled:
        return UI_FALLBACK
    return bundled[0] if bundled else None


def install(app: QApplication, system_cjk: Sequence[str] | None = None) -> FontSetup:
    """Register the bundled fonts and make sure the app font can draw Chinese.

    `system_cjk`: the system's Chinese families (tests pass none to act as a bare machine)."""
    if system_cjk is None:
        system_cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    system = tuple(system_cjk)
    bundled = register_bundled()
    system = tuple(f for f in system if f not in bundled)  # registered by an earlier call
    family = pick_family(system, bundled)
    if family is not None:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        app.setFont(font)
    log.info(
        "字体：内置 %s；系统中文字体 %d 个；界面字体 %s",
        "、".join(bundled) or "无",
        len(system),
        app.font().family(),
    )
    return FontSetup(bundled, system, app.font().family())
