"""The cycle collector's pace while an output is written.

Writing a large report makes millions of short-lived objects (cells, lines, PDF records).
At Python's default pace the cycle collector runs every 700 new objects and, every so
often, goes over every object alive: for a 300-unit department that was 20 full passes
and 12 s of about two minutes. One pass per 10,000 new objects leaves the memory as it
was (≈465 MB there) and takes a quarter of the time. The default is restored after; the
setting is process-wide, so overlapping writers (the GUI's worker, a test) share it until
the last one leaves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WRITING_THRESHOLD = 10_000

_lock = threading.Lock()
_writers = 0
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    global _writers, _saved
    with _lock:
        if _writers == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], WRITING_THRESHOLD), *_saved[1:])
        _writers += 1
    try:
        yield
    finally:
        with _lock:
            _writers -= 1
            if _writers == 0:
                gc.set_threshold(*_saved)
