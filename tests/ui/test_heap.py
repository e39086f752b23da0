"""Full collections wait while a worker job runs (`desktop.ui.heap`): the collector's
thresholds are put back as they were after the last of overlapping jobs."""

from __future__ import annotations

import gc

from desktop.core.exporters.collection import fewer_collections
from desktop.ui.heap import full_collections_paused


def test_full_collections_wait_while_jobs_run_and_come_back_after_the_last() -> None:
    before = gc.get_threshold()
    with full_collections_paused():
        paused = gc.get_threshold()
        assert paused[0] == before[0] and paused[2] > 10**6  # young ones go on
        # the middle generation collected every other young collection: it stays small,
        # so its collection never holds the window up long (however big the young one)
        assert paused[1] == 1
        with fewer_collections():  # a writer within the job: fewer young collections
            assert gc.get_threshold()[1:] == paused[1:]
        with full_collections_paused():  # a second job overlapping the first
            assert gc.get_threshold() == paused
        assert gc.get_threshold() == paused  # the first still runs
    assert gc.get_threshold() == before


def test_thresholds_come_back_when_a_job_fails() -> None:
    before = gc.get_threshold()
    try:
        with full_collections_paused():
            raise RuntimeError("a bug in a job")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
