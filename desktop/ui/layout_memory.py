"""The window's layout remembered between starts, in the per-user settings.

    QSettings  window/geometry, window/state   the window and its dock
               splitters/<name>                 the workspace and every page's splitters
               findings/folded                  the 审核结果 dock folded to its title line
               sections/<objectName>            each folding section of the pages
       ──restore()──> the window as it was closed (a splitter when it is first shown)
       <──save()──── the window as it is, on closing

Splitter names are stable (`workspace`, `<PageClass>.<n>`), so a new page or a new
splitter leaves the others' sizes alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QSplitter

from desktop.ui.widgets.collapsible import Collapsible

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class LayoutMemory(QObject):
    """Saves and restores `window`'s layout in `settings`."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.restored_state = False  # the dock's place and size came from the settings
        self._dock_sized = False  # the dock's first height is set when the window shows
        self._splitter_states: dict[QSplitter, QByteArray] = {}

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters whose sizes are remembered, by a stable name."""
        out = {"workspace": self.window.workspace}
        for page in self.window.pages:
            for i, splitter in enumerate(page.findChildren(QSplitter)):
                out[f"{type(page).__name__}.{i}"] = splitter
        return out

    def sections(self) -> list[Collapsible]:
        """The folding sections of the pages (their folded or open state is remembered)."""
        return [c for page in self.window.pages for c in page.findChildren(Collapsible)]

    def save(self) -> None:
        """Window geometry, the dock and every splitter, for the next start."""
        w, settings = self.window, self.settings
        settings.setValue("window/geometry", w.saveGeometry())
        settings.setValue("window/state", w.saveState())
        for name, splitter in self.splitters().items():
            settings.setValue(f"splitters/{name}", splitter.saveState())
        settings.setValue("findings/folded", w.findings_dock.folded)
        for section in self.sections():
            settings.setValue(f"sections/{section.objectName()}", section.expanded)
        settings.sync()

    def _stored(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _flag(self, key: str) -> bool | None:
        value = self.settings.value(key)  # INI keeps "true"/"false"
        return None if value is None else str(value).lower() == "true"

    def restore(self) -> None:
        w = self.window
        geometry = self._stored("window/geometry")
        if geometry is not None:
            w.restoreGeometry(geometry)
        state = self._stored("window/state")
        self.restored_state = state is not None and w.restoreState(state)
        folded = self._flag("findings/folded")
        if folded is not None:
            w.findings_dock.set_folded(folded)
        for section in self.sections():
            expanded = self._flag(f"sections/{section.objectName()}")
            if expanded is not None:
                section.set_expanded(expanded)
        # Each splitter when it is first shown, at its real size: restored while hidden
        # (on the start page, or a page not yet visited) it would scale the sizes down.
        self._splitter_states = {}
        for name, splitter in self.splitters().items():
            sizes = self._stored(f"splitters/{name}")
            if sizes is not None:
                self._splitter_states[splitter] = sizes
                splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched in self._splitter_states:
            assert isinstance(watched, QSplitter)
            watched.restoreState(self._splitter_states.pop(watched))
            watched.removeEventFilter(self)
        return super().eventFilter(watched, event)

    def size_dock(self) -> None:
        """When the window first shows, and no height was remembered: the findings dock
        tall enough for five findings."""
        if self._dock_sized:
            return
        self._dock_sized = True
        if not self.restored_state:
            # five findings: with the folded 结转和结余, 1366×768 shows 18 ledger rows
            dock = self.window.findings_dock
            rows = dock.view.verticalHeader().defaultSectionSize()
            height = rows * 5 + dock.view.horizontalHeader().sizeHint().height()
            self.window.resizeDocks([dock], [height + 30], Qt.Orientation.Vertical)
