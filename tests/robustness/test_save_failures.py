"""A disk that fills up or a folder that turns read-only mid-save loses nothing.

Each step of `project_file.save` is made to fail in turn the way the OS reports it
(ENOSPC for a full disk, EROFS/EACCES/EPERM for a read-only folder or a file held open
by another program, EIO for a failing device): creating the temporary file, setting
its mode, writing, fsyncing, copying the backup, replacing. Every time the officer gets
one Chinese sentence saying why and that the file was not touched; the project file
and its backup are as they were; no temporary file is left; and once the cause is
gone the same save succeeds. (As root a chmod cannot make a folder read-only, so the
failures are injected; without root a real read-only folder is tried as well.)
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core import project_file, samples
from desktop.core.errors import SaveError
from desktop.core.model import Report
from desktop.core.project_file import backup_path

FULL = "磁盘空间不足"
READ_ONLY = "没有写入权限"


class Fault:
    """Wraps a function so that its `nth` call raises OSError(`code`)."""

    def __init__(self, real: Callable[..., Any], nth: int, code: int) -> None:
        self.real, self.nth, self.code, self.calls = real, nth, code, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls == self.nth:
            raise OSError(self.code, os.strerror(self.code))
        return self.real(*args, **kwargs)


class _FullFile:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def _fdopen_full(real: Callable[..., Any]) -> Callable[..., Any]:
    def fdopen(*args: Any, **kwargs: Any) -> Any:
        return _FullFile(real(*args, **kwargs))

    return fdopen


# (what fails, nth call, errno, words the message must hold)
STEPS: list[tuple[str, int, int, str]] = [
    ("os.open", 1, errno.EROFS, READ_ONLY),  # the new version's temporary file
    ("os.open", 1, errno.EACCES, READ_ONLY),
    ("os.open", 1, errno.ENOSPC, FULL),
    # os.chmod (keeping an existing file's mode) is best effort: its failure loses nothing.
    ("write", 1, errno.ENOSPC, FULL),
    ("os.fsync", 1, errno.ENOSPC, FULL),
    ("os.fsync", 1, errno.EIO, "保存失败"),
    ("tempfile.mkstemp", 1, errno.ENOSPC, FULL),  # the backup's temporary file
    ("shutil.copyfileobj", 1, errno.ENOSPC, FULL),  # copying the backup
    ("os.fsync", 2, errno.ENOSPC, FULL),  # the backup's fsync
    ("os.replace", 1, errno.EACCES, READ_ONLY),  # the backup into place
    ("os.replace", 2, errno.EACCES, READ_ONLY),  # the file into place (held open)
    ("os.replace", 2, errno.EROFS, READ_ONLY),
]


def _inject(monkeypatch: pytest.MonkeyPatch, what: str, nth: int, code: int) -> None:
    if what == "write":
        monkeypatch.setattr(os, "fdopen", _fdopen_full(os.fdopen))
        return
    module_name, name = what.split(".")
    module = {"os": os, "tempfile": tempfile, "shutil": shutil}[module_name]
    monkeypatch.setattr(module, name, Fault(getattr(module, name), nth, code))


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def versions() -> tuple[Report, Report, Report]:
    """Three successive versions: the backup's, the file's, the one being saved."""
    a = samples.load("datong-2024")
    b = samples.load("jincheng-2022")
    c = project_file.loads(project_file.dumps(a).replace("大同", "太原"))
    return a, b, c


@pytest.mark.parametrize(("what", "nth", "code", "says"), STEPS)
def test_a_failing_step_loses_nothing_and_says_why(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    versions: tuple[Report, Report, Report],
    what: str,
    nth: int,
    code: int,
    says: str,
) -> None:
    older, old, new = versions
    path = tmp_path / "单位.juesuan"
    project_file.save(older, path)
    project_file.save(old, path)  # now FILE = old, FILE.bak = older
    before = path.read_bytes()
    bak_before = backup_path(path).read_bytes()

    with monkeypatch.context() as m:
        _inject(m, what, nth, code)
        with pytest.raises(SaveError) as err:
            project_file.save(new, path)

    message = str(err.value)
    assert message.startswith("保存失败：") and says in message, message
    assert "原文件未被改动" in message and str(path) in message
    assert path.read_bytes() == before
    # The backup is the older version, or — if only the final replace failed — a copy of
    # the file as it still is; either way a whole, loadable project.
    assert backup_path(path).read_bytes() in (bak_before, before)
    assert project_file.load(backup_path(path)) in (older, old)
    assert _temporaries(tmp_path) == []

    project_file.save(new, path)  # the cause gone, the same save works
    assert project_file.load(path) == new
    assert project_file.load(backup_path(path)) == old


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_first_save_that_fails_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = tmp_path / "新建.juesuan"
    with monkeypatch.context() as m:
        _inject(m, "os.fsync", 1, code)
        with pytest.raises(SaveError):
            project_file.save(samples.load("datong-2024"), path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EINVAL, errno.EIO, errno.EACCES])
def test_a_folder_that_cannot_be_fsynced_does_not_fail_a_finished_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Network shares and some file systems refuse fsync on a folder. By then the file is
    already replaced: reporting 「保存失败……原文件未被改动」 would be false."""
    a, b = samples.load("datong-2024"), samples.load("jincheng-2022")
    path = tmp_path / "单位.juesuan"
    project_file.save(a, path)
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", Fault(os.fsync, 3, code))  # file, backup, then the folder
        project_file.save(b, path)
    assert project_file.load(path) == b
    assert project_file.load(backup_path(path)) == a
    assert _temporaries(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "不存在" / "单位.juesuan"
    with pytest.raises(SaveError, match="文件夹不存在"):
        project_file.save(samples.load("datong-2024"), path)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_real_read_only_folder(tmp_path: Path) -> None:
    path = tmp_path / "单位.juesuan"
    project_file.save(samples.load("datong-2024"), path)
    before = path.read_bytes()
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(SaveError, match=READ_ONLY):
            project_file.save(samples.load("jincheng-2022"), path)
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == before
    assert _temporaries(tmp_path) == []
