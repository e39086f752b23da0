"""The project's files: new, open (a file, a sample, a recovery copy a crash left),
save, save as, the recent files, and the question before unsaved changes are left.

    新建 ── new_report(edition chosen on the start page) ──> window.load (at once)
    打开 ── OpenProjectDialog / recent / start page ──> a newer recovery copy offered
          (RestoreDialog) ──> window.opener.start(read_project …) on a worker
    保存 / 另存为 ── ProjectDocument.save (atomic; a file changed on disk is not
          overwritten unasked: ChangedOnDiskDialog) ──> the recovery copies removed
    QSettings  recent (the last MAX_RECENT files), last_folder, new_edition

Every command returns False when the officer cancels or nothing happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt

from desktop.core import project_file, samples
from desktop.core.editions import proposed_edition
from desktop.core.errors import JuesuanError
from desktop.core.model import Report, UnitInfo
from desktop.core.project_file import ChangedOnDiskError
from desktop.ui.dialogs import (
    ChangedOnDiskDialog,
    OpenProjectDialog,
    RestoreDialog,
    SaveChangesDialog,
    SaveProjectDialog,
)
from desktop.ui.errors import show_error
from desktop.ui.navigation import first_focusable
from desktop.ui.opening import Opened, read_project

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("juesuan.window")

MAX_RECENT = 8


def new_report(today: date | None = None, edition_id: str | None = None) -> Report:
    """A blank report for the year just closed, in `edition_id` or else the edition the
    editions' own province and year propose for that year."""
    year = (today or date.today()).year - 1  # a final account is for the year just closed
    if edition_id is None:
        proposed = proposed_edition(year)
        edition_id = proposed.id if proposed is not None else UnitInfo().edition
    return Report(unit=UnitInfo(year=year, edition=edition_id))


class RecentFiles:
    """The recently opened or saved projects, and the folder the last one is in."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.last_folder = str(settings.value("last_folder", "") or "")

    def paths(self) -> list[str]:
        value = self.settings.value("recent", [])
        # QSettings gives back a lone string for a one-item list (INI format), None for none
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v]

    def add(self, path: Path) -> None:
        p = str(path.resolve())
        recent = [p, *(r for r in self.paths() if r != p)][:MAX_RECENT]
        self.settings.setValue("recent", recent)
        self.last_folder = str(path.resolve().parent)
        self.settings.setValue("last_folder", self.last_folder)


class ProjectFiles:
    """The file commands of `window` (its 文件 menu and start page)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent = RecentFiles(window.settings)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the officer cancels."""
        w = self.window
        w.commit_pending()
        if not w.has_project or not w.document.is_modified:
            return True
        name = w.document.report.unit.name or "未命名项目"
        answer = SaveChangesDialog.ask(w, name)
        if answer == "save":
            return self.save()
        if answer == "discard":
            w.autosaver.wait()
            w.recovery.discard(w.document.path)
            return True
        return False

    def new_project(self) -> bool:
        w = self.window
        if not self.maybe_save():
            return False
        edition_id = w.start_page.chosen_edition()
        w.load(new_report(edition_id=edition_id), None)
        if edition_id:
            w.settings.setValue("new_edition", edition_id)
        log.info("新建项目（版式 %s）", edition_id)
        w.select_page(0)
        first = first_focusable(w.pages[0])  # the unit's name: where typing begins
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        w.show_message("已新建项目：请先填写单位信息")
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path = OpenProjectDialog.ask(self.window, self.recent.last_folder)
        return self.open_path(path, ask_save=False) if path is not None else False

    def open_path(self, path: Path, *, ask_save: bool = True) -> bool:
        """Start opening the project file (`opened` says when it is open, or why not:
        an unreadable file is shown as an error then). A recovery copy newer than the
        file is offered first; if it cannot be read, the file is opened."""
        w = self.window
        if ask_save and not self.maybe_save():
            return False
        log.info("打开项目 %s", path)
        read: Callable[[], Report] = lambda: read_project(path)  # noqa: E731
        fallback: Callable[[], Report] | None = None
        copy = w.recovery.find(path)
        if copy is not None:
            if RestoreDialog.ask(w, copy.name or path.name, copy.saved_at):
                read, fallback = (lambda: read_project(copy.file)), read
            else:
                w.autosaver.wait()
                w.recovery.discard(path)

        def done(result: Opened) -> None:
            self.recent.add(path)
            note = "（已恢复自动保存的修改）" if result.modified else ""
            if project_file.is_legacy_name(path):  # saving writes back here; 另存为: .juesuan
                note += f"（旧版文件名：另存为 {project_file.SUFFIX} 后可在资源管理器中双击打开）"
            w.show_message(f"已打开 {path}{note}")

        return w.opener.start(
            read,
            name=path.name,
            path=path,
            error_title="无法打开项目",
            done=done,
            modified=fallback is not None,
            fallback=fallback,
        )

    def open_sample(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        description = samples.SAMPLES.get(name, name)

        def done(_result: Opened) -> None:
            log.info("打开示例 %s", name)
            self.window.show_message(f"已打开示例：{description}（保存时请另存为新文件）")

        return self.window.opener.start(
            lambda: samples.load(name),
            name=f"示例：{description}",
            path=None,
            error_title="无法打开示例",
            done=done,
        )

    def offer_orphans(self) -> bool:
        """At start without a file: offer the newest recovery copy a crash left behind
        (True: it is being opened)."""
        w = self.window
        orphans = w.recovery.orphans()
        if not orphans:
            return False
        copy = orphans[0]
        if not RestoreDialog.ask(w, copy.name or "未命名项目", copy.saved_at):
            w.autosaver.wait()
            for c in orphans:
                w.recovery.remove(c)
            return False

        def done(_result: Opened) -> None:
            log.info("已恢复自动保存的副本 %s", copy.file)
            if copy.project is None:
                w.autosaver.wait()
                w.recovery.remove(copy)  # the untitled copy lives on under this session's key
            else:
                self.recent.add(copy.project)
            w.show_message("已恢复未保存的修改，请及时保存")

        return w.opener.start(
            lambda: read_project(copy.file),
            name=copy.name or "未命名项目",
            path=copy.project,
            error_title="恢复副本无法读取",
            done=done,
            modified=True,
        )

    def suggested_name(self) -> str:
        """What 另存为 proposes: the open file's name (an earlier version's X.juesuan.json
        becomes X.juesuan), or for a new project the unit, the year and the suffix."""
        document = self.window.document
        path = document.path
        if path is not None:
            return str(path.parent / f"{project_file.stem(path)}{project_file.SUFFIX}")
        unit = document.report.unit
        stem = f"{unit.name or '未命名单位'}{unit.year}年度决算"
        return str(Path(self.recent.last_folder or ".") / f"{stem}{project_file.SUFFIX}")

    def save(self) -> bool:
        w = self.window
        if not w.has_project:
            return False
        if w.document.path is None:
            return self.save_as()
        return self._save_to(w.document.path)

    def save_as(self) -> bool:
        w = self.window
        if not w.has_project:
            return False
        w.commit_pending()
        path = SaveProjectDialog.ask(w, self.suggested_name())
        return self._save_to(path) if path is not None else False

    def _save_to(self, path: Path, *, replace_changed: bool = False) -> bool:
        w = self.window
        w.commit_pending()
        old = w.document.path
        try:
            w.document.save(path, replace_changed=replace_changed)
        except ChangedOnDiskError:
            answer = ChangedOnDiskDialog.ask(w, path)
            if answer == "replace":
                return self._save_to(path, replace_changed=True)
            if answer == "save_as":
                return self.save_as()
            return False
        except JuesuanError as exc:
            show_error(w, exc, "保存失败")
            return False
        log.info("已保存 %s", path)
        w.autosaver.wait()
        w.recovery.discard(old)
        w.recovery.discard(path)
        w.autosaver.mark_saved()
        self.recent.add(path)
        w.show_message(f"已保存到 {path}")
        return True
