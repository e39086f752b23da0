"""The cycle collector's pace while outputs are written, and after."""

from __future__ import annotations

import gc
import threading

from desktop.core.exporters.collection import WRITING_THRESHOLD, fewer_collections


def test_the_pace_is_slower_while_writing_and_as_it_was_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], WRITING_THRESHOLD)
        with fewer_collections():  # a writer inside a writer
            assert gc.get_threshold()[0] == max(before[0], WRITING_THRESHOLD)
        assert gc.get_threshold()[0] == max(before[0], WRITING_THRESHOLD)
    assert gc.get_threshold() == before


def test_overlapping_writers_restore_the_pace_when_the_last_leaves() -> None:
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with fewer_collections():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_writer)
    with fewer_collections():
        worker.start()
        inside.wait(5)
    assert gc.get_threshold()[0] == max(before[0], WRITING_THRESHOLD)  # the other still writes
    release.set()
    worker.join(5)
    assert gc.get_threshold() == before
