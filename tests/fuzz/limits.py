"""A limit on the work one fuzz example may do: a runaway becomes a failure, not a stuck run.

The limit counts the CPU time this process spends (`ITIMER_PROF`), not the clock. Other
programs keeping the machine busy do not bring it closer, so it trips only when the code
itself runs away — an example doing thousands of times its usual work (a quadratic parse,
a decompression bomb, a loop that never ends) — and never because the machine is loaded.
It does not see a process blocked without working (a read that never returns); the
inputs fuzzed here are regular files and bytes, which cannot block.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TookTooLong(Exception):
    pass


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise `TookTooLong` in the block once it has used `seconds` of CPU time (POSIX
    main thread; elsewhere the block simply runs)."""
    usable = sys.platform != "win32" and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TookTooLong(f"used more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
