"""The app's log: one rotating file in the per-user log folder (1 MB × 5).

    setup_logging(AppPaths.logs) ──> logger "juesuan" ──RotatingFileHandler──> juesuan.log

What is logged: start (version, platform, Qt), projects opened and saved, generation
(what was written, refused, cancelled or failed) and every error shown to the officer,
with its traceback. Figures are never logged, only file names and counts. Modules log
through `logging.getLogger("juesuan.…")`; nothing is written until the app sets this up,
so tests log nowhere unless they ask.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER = "juesuan"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _OurHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so setting up twice replaces it."""


def setup_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log to `folder`/juesuan.log with rotation; the file, or None if it cannot be written
    (a read-only profile must not keep the app from starting)."""
    logger = logging.getLogger(LOGGER)
    close_logging()
    path = Path(folder) / "juesuan.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _OurHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def close_logging() -> None:
    """Remove and close the handler `setup_logging` installed (at exit, in tests)."""
    logger = logging.getLogger(LOGGER)
    for h in list(logger.handlers):
        if isinstance(h, _OurHandler):
            logger.removeHandler(h)
            h.close()


def log_file() -> Path | None:
    """The file the log is being written to, if any."""
    for h in logging.getLogger(LOGGER).handlers:
        if isinstance(h, _OurHandler):
            return Path(h.baseFilename)
    return None
