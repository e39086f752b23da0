"""A process killed at any moment of a save leaves the old or the new project file.

A forked child saves two versions of a report in turn, as fast as it can, telling the
parent after each save; the parent lets it finish 0–2 saves, then kills it with SIGKILL
at a random moment of the next one. 300 trials land the kill everywhere in
`project_file.save` — while encoding, writing the temporary file, fsyncing, copying
the backup, replacing. After each kill the project file must be byte for byte one of
the two versions and load, and `FILE.bak`, when there is one, too. (A power cut is
beyond what a test can do; SIGKILL is what a crash, a kill from the task manager or a
forced log-off does.)

The trials are bounded by count, not by a clock: on a loaded machine the test takes
longer but asks the same. Counting finished saves (rather than timing them) is what
makes both outcomes and the backup certain to occur whatever the machine's speed.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import pytest

from desktop.core import project_file, samples
from desktop.core.model import Report
from desktop.core.project_file import backup_path
from tests.robustness.killing import kill_during

TRIALS = 300

pytestmark = [
    pytest.mark.skipif(
        sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL"
    ),
    pytest.mark.slow,  # 300 forked savers killed
]


def _kill_during_saves(folder: Path, versions: list[Report], finished: int, delay: float) -> None:
    """Let a child finish `finished` saves of the versions in turn, then kill it `delay`
    seconds into the next."""
    path = folder / "单位.juesuan"
    project_file.save(versions[0], path)
    kill_during(lambda n: project_file.save(versions[n % 2], path), finished, delay)


def test_sigkill_at_random_moments_never_breaks_the_project_file(tmp_path: Path) -> None:
    a, b = samples.load("datong-2024"), samples.load("jincheng-2022")
    text_a, text_b = project_file.dumps(a).encode(), project_file.dumps(b).encode()
    texts = {text_a, text_b}

    # One save's duration, to spread the kills over the whole of a save. It only decides
    # where within a save the kills land; no assertion depends on it.
    probe = tmp_path / "probe.juesuan"
    start = time.perf_counter()
    for _ in range(5):
        project_file.save(a, probe)
    per_save = (time.perf_counter() - start) / 5

    rng = random.Random(20240611)
    seen_bak, leftovers, outcomes = 0, 0, {text_a: 0, text_b: 0}
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        _kill_during_saves(folder, [a, b], rng.randrange(3), rng.uniform(0, 1.5 * per_save))
        path = folder / "单位.juesuan"
        content = path.read_bytes()
        assert content in texts, f"trial {trial}: a torn project file"
        outcomes[content] += 1
        assert project_file.load(path) in (a, b)
        bak = backup_path(path)
        if bak.exists():
            seen_bak += 1
            assert bak.read_bytes() in texts, f"trial {trial}: a torn backup"
        leftovers += sum(1 for p in folder.iterdir() if p.suffix == ".tmp")
    # The kills landed on both sides of the replace, and past the backup step: after one
    # finished save (two thirds of the trials) the backup exists, and which version is on
    # disk alternates with the number of finished saves.
    assert min(outcomes.values()) >= TRIALS // 10, outcomes
    assert seen_bak >= TRIALS // 10, seen_bak

    # Temporary files a kill left behind are hidden (".NAME….tmp") and harmless: the
    # next save in the same folder works and loads.
    last = tmp_path / f"t{TRIALS - 1}" / "单位.juesuan"
    project_file.save(b, last)
    assert project_file.load(last) == b
    print(
        f"{TRIALS} kills: {outcomes[text_a]} left the old version, {outcomes[text_b]} the new; "
        f"{seen_bak} with a backup; {leftovers} temporary files left behind"
    )
