"""Where the app's shipped data lives: `resources/` and `templates/`.

One helper for both, so the same code finds them in a source checkout, an installed
wheel and a frozen PyInstaller build (where everything sits under `sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds `resources/` and `templates/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    here = Path(__file__).resolve().parent.parent  # .../desktop
    # Source checkout: the folders sit beside the package. Installed wheel: they are
    # packaged inside it as desktop/_data/ (see pyproject's force-include).
    if (here.parent / "resources").is_dir():
        return here.parent
    return here / "_data"


def resource(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def template(*parts: str) -> Path:
    return app_root().joinpath("templates", *parts)
