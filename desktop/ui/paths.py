"""Where the app keeps its per-user files: settings, recovery copies, logs.

    AppPaths.default()  ── platformdirs' per-user folders (or $JUESUAN_HOME/…)
        settings/settings.ini   QSettings in INI format (recent files, window layout, first run)
        recovery/               autosaved copies of unsaved projects (desktop.ui.recovery)
        logs/juesuan.log        rotating log (desktop.ui.logs)

On Windows these are under %LOCALAPPDATA%\\juesuan (no roaming, no admin rights needed).
Tests and the packaged build's smoke test point everything at one folder with
`AppPaths.under(root)` or the JUESUAN_HOME environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

APP_DIR = "juesuan"
HOME_VARIABLE = "JUESUAN_HOME"


@dataclass(frozen=True)
class AppPaths:
    settings: Path  # folder of settings.ini
    recovery: Path
    logs: Path

    @property
    def settings_file(self) -> Path:
        return self.settings / "settings.ini"

    @property
    def log_file(self) -> Path:
        return self.logs / "juesuan.log"

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything in one folder (tests, a portable install)."""
        root = Path(root)
        return cls(settings=root / "settings", recovery=root / "recovery", logs=root / "logs")

    @classmethod
    def default(cls) -> AppPaths:
        """$JUESUAN_HOME if set, else the platform's standard per-user folders."""
        home = os.environ.get(HOME_VARIABLE, "").strip()
        if home:
            return cls.under(Path(home))
        import platformdirs

        return cls(
            settings=Path(platformdirs.user_config_dir(APP_DIR, appauthor=False)),
            recovery=Path(platformdirs.user_data_dir(APP_DIR, appauthor=False)) / "recovery",
            logs=Path(platformdirs.user_log_dir(APP_DIR, appauthor=False)),
        )

    def open_settings(self) -> QSettings:
        """The settings file (created on first write; its absence means a first run)."""
        return QSettings(str(self.settings_file), QSettings.Format.IniFormat)
