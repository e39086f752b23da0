"""A forked child doing the same work over and over, killed with SIGKILL mid-way.

    kill_during(work, finished, delay): the child calls work(1), work(2), … and writes one
    byte to a pipe after each; the parent waits for `finished` of them, then kills the
    child `delay` seconds into the next one.

Counting finished steps (rather than timing them) is what makes every outcome occur
whatever the machine's speed; `delay` only spreads the kill over a step. SIGKILL is what a
crash, the task manager or a forced log-off does (a power cut is beyond a test).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable


def kill_during(work: Callable[[int], object], finished: int, delay: float) -> None:
    done_r, done_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(done_r)
        try:
            os.write(done_w, b"1")
            n = 1
            while True:
                work(n)
                os.write(done_w, b".")
                n += 1
        finally:
            os._exit(0)  # never run the parent's pytest machinery in the child
    os.close(done_w)
    try:
        # a child that died early closes the pipe: the read returns b"" instead of blocking
        assert os.read(done_r, 1) == b"1", "the child did not start"
        for _ in range(finished):
            assert os.read(done_r, 1) == b".", "the child died"
        time.sleep(delay)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(done_r)
