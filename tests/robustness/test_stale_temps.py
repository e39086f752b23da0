"""Temporary files a killed save leaves beside the project are swept by a later save —
only old ones, only the names a save makes, never the project, its backup or a stranger's."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop.core import project_file, samples


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_a_save_sweeps_what_killed_saves_left_and_nothing_else(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    path = tmp_path / "晋城.juesuan"
    project_file.save(report, path)
    project_file.save(report, path)  # now there is a backup too
    left = [
        tmp_path / f".{path.name}.0123456789ab.tmp",  # the file's own temporary
        tmp_path / f".{path.name}.bak.abc_12xy.tmp",  # the backup's copy
    ]
    young = tmp_path / f".{path.name}.ba9876543210.tmp"  # a save under way elsewhere
    strangers = [
        tmp_path / ".其他.juesuan.0123456789ab.tmp",  # another project's
        tmp_path / f".{path.name}.notours.tmp",
        tmp_path / "笔记.tmp",
    ]
    for p in [*left, young, *strangers]:
        p.write_bytes(b"half a save")
    for p in [*left, *strangers]:
        _age(p, 3600)
    project_file.save(report, path)
    assert not any(p.exists() for p in left)
    assert young.exists() and all(p.exists() for p in strangers)
    assert project_file.load(path) == report
    assert project_file.load(project_file.backup_path(path)) == report


def test_sweeping_a_folder_it_cannot_read_is_silent(tmp_path: Path) -> None:
    assert project_file.sweep_stale_temps(tmp_path / "不存在" / "x.juesuan") == []
