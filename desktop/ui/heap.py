"""Python's garbage collector and a large report: keep full collections from stopping the
GUI thread.

A full collection (generation 2) walks every container object in the process while every
thread waits, the GUI thread too. With a large report open (tens of thousands of
records) and a worker building a workbook (hundreds of thousands of cells), one takes
0.1–2.5 s and finds nothing: the report is a tree of frozen records and the cells are
freed by reference counting as the writer lets them go. So:

    worker jobs (open, 生成)   with full_collections_paused():  young collections go on
                                                                  (they find the few cycles),
                                                                  the middle one kept small
    a project opened           long_lived(): what is alive now is moved out of every
                                               generation (gc.freeze), so later collections
                                               walk only what was made since

A collection of the middle generation is one call too, and holds the GIL: while a
writer makes objects 10,000 at a time (`exporters.collection`), ten young collections'
survivors — 100,000 objects — took it 25–60 ms at a time on a 9,600-row report, the
window waiting. Paused, the middle generation is collected every other young collection
instead (what survives moves on to the old generation, which is not collected meanwhile):
each takes under 30 ms, and writing takes no longer.

The collector's settings are the process's own; the pause is counted so that two jobs
overlapping restore them once, after the last.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_NEVER = 1 << 30  # gen-1 collections before a full one: never, in practice
_MIDDLE = 1  # young collections before a gen-1 one while paused (the default is 10)

_lock = threading.Lock()
_paused = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def full_collections_paused() -> Iterator[None]:
    """While a worker makes many long-lived objects: no full collection starts (young
    ones still do, and the middle generation stays small); afterwards the collector's
    thresholds are as they were."""
    global _paused, _saved
    with _lock:
        if _paused == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], min(_saved[1], _MIDDLE), _NEVER)
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None


def long_lived() -> None:
    """Everything alive now stays alive a long time (an opened report, the window):
    leave it out of later collections, so they only walk what is made after."""
    gc.freeze()
