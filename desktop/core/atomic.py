"""Every file the tool writes is written whole or not at all.

    writer ──bytes──> .NAME.<random>.tmp beside NAME ──flush, fsync──> os.replace ──> NAME
                         (any failure: the temporary is removed, NAME is as it was)

`replacing(path)` is the one way a file is written: project files (`project_file.save`),
the workbook, the PDF, the fill-in template and the recovery copies. It hands the writer
a binary stream on a new temporary file in the target's folder (so the final rename
stays on one file system and is atomic); when the writer is done the stream is flushed
and fsynced, the previous version is copied to ``NAME.bak`` if asked, and the temporary
replaces the target in one step. A crash or a kill at any moment leaves the old or the
new file under the final name, never a broken one; a hidden temporary may remain, and a
later write of the same name sweeps it (`sweep_stale_temps`).

On failure — a full disk, a read-only folder, a file held open by Excel — the caller
gets one `SaveError` with a Chinese sentence saying why, and nothing else: the stream
goes quiet after its first failed write, so an object of the writer still holding it
(openpyxl's and xlsxwriter's ZipFile, closed when collected, possibly at interpreter
exit) cannot print a second, English error after the message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.errors import SaveError

STALE_AFTER_S = 15 * 60
_BUFFER = 1 << 20


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class Stream:
    """The binary stream a writer writes into: a temporary file beside the target.

    Seekable (ZIP writers seek back to fill in entry headers). After its first failure,
    or once the write is over, it turns into a sink that takes every write without a
    word (keeping a consistent position): the failure has been reported once, and the
    writer's leftovers must not report it again when they are collected."""

    def __init__(self, fh: Any, name: str) -> None:
        self._fh = fh
        self.name = name  # reportlab names its file after this
        self.failure: OSError | None = None
        self._sink: int | None = None  # the position, once it no longer writes

    def close_quietly(self) -> None:
        """From now on a sink; the file itself is closed by `replacing`."""
        if self._sink is None:
            try:
                self._sink = self._fh.tell()
            except (OSError, ValueError):
                self._sink = 0

    def _guard(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            if self.failure is None:
                self.failure = exc
            self.close_quietly()
            raise

    def write(self, data: Any) -> int:
        if self._sink is not None:
            self._sink += len(data)
            return len(data)
        written: int = self._guard(self._fh.write, data)
        return written

    def flush(self) -> None:
        if self._sink is None:
            self._guard(self._fh.flush)

    def tell(self) -> int:
        if self._sink is not None:
            return self._sink
        position: int = self._guard(self._fh.tell)
        return position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._sink is not None:
            if whence == os.SEEK_SET:
                self._sink = offset
            elif whence == os.SEEK_CUR:
                self._sink += offset
            return self._sink
        position: int = self._guard(self._fh.seek, offset, whence)
        return position

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def close(self) -> None:
        """Writers that close the stream they were given are ignored: `replacing` closes it."""


@contextlib.contextmanager
def replacing(path: Path, *, keep_backup: bool = False, verb: str = "保存") -> Iterator[Stream]:
    """A stream whose bytes become `path` when the block ends without an exception.

    An exception in the block, or a failure while finishing, removes the temporary and
    leaves `path` (and its backup) as it was: an `OSError` becomes a `SaveError` whose
    message says why (`verb` names the act: 保存, 写出); any other exception goes on as
    it is. With `keep_backup` the file being replaced is first copied to ``path.bak``.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    existed = path.exists()
    tmp_name = ""
    try:
        fd, tmp_name = _create_temp(path)
        fh = os.fdopen(fd, "wb", buffering=_BUFFER)
        stream = Stream(fh, tmp_name)
        try:
            yield stream
            if stream.failure is not None:  # a writer that swallowed the error it met
                raise stream.failure
            stream.close_quietly()
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        except BaseException as exc:
            stream.close_quietly()
            with contextlib.suppress(OSError):  # what is still buffered goes nowhere
                fh.close()
            if stream.failure is not None and not isinstance(exc, OSError):
                raise stream.failure from None  # the writer's own words for it: ours instead
            raise
        if keep_backup and path.exists():
            _copy_atomic(path, backup_path(path))
        os.replace(tmp_name, path)
        tmp_name = ""
    except OSError as exc:
        raise SaveError(failure_message(path, exc, verb=verb, existed=existed)) from None
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    # The file is written once replaced. Making the rename itself durable is best effort:
    # network shares and some file systems refuse fsync on a folder (EINVAL, EACCES …),
    # and a write that has happened must not be reported as failed and "not touched".
    with contextlib.suppress(OSError):
        _fsync_dir(folder)
    sweep_stale_temps(path)


def write_bytes(path: Path, data: bytes, *, keep_backup: bool = False, verb: str = "保存") -> None:
    """`data` as the whole of `path`, atomically (see `replacing`)."""
    with replacing(path, keep_backup=keep_backup, verb=verb) as out:
        out.write(data)


def write_text(path: Path, text: str, *, keep_backup: bool = False, verb: str = "保存") -> None:
    """`text` in UTF-8 as the whole of `path`, atomically (see `replacing`)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") has no UTF-8 form
        raise SaveError(f"{verb}失败：文字中含有无效的字符编码。原文件未被改动：{path}") from None
    write_bytes(path, data, keep_backup=keep_backup, verb=verb)


def failure_message(path: Path, exc: OSError, *, verb: str = "保存", existed: bool = True) -> str:
    """One Chinese sentence: what failed, why, and that nothing was lost."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "磁盘空间不足"
    elif exc.errno == errno.EFBIG:
        why = "文件超出了磁盘或系统允许的大小"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "没有写入权限（文件夹只读，或文件正被其他程序如 Excel/WPS 打开）"
    elif exc.errno == errno.ENOENT:
        why = "文件夹不存在"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        why = "路径中有同名的文件，不是文件夹"
    elif exc.errno == errno.ENAMETOOLONG:
        why = "文件名过长"
    else:
        why = exc.strerror or str(exc)
    kept = "原文件未被改动" if existed else "没有留下不完整的文件"
    return f"{verb}失败：{why}。{kept}：{path}"


def sweep_stale_temps(path: Path, *, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove the hidden temporary files a write of `path` (or of its backup) left behind
    when the process was killed mid-write, once they are `older_than` seconds old — a
    younger one may belong to a write still under way in another window. Only names this
    module makes are touched; the removed paths are returned. Never raises."""
    folder = path.parent if str(path.parent) else Path(".")
    ours = re.compile(
        rf"^\.(?:{re.escape(path.name)}\.[0-9a-f]{{12}}"
        rf"|{re.escape(backup_path(path).name)}\.[A-Za-z0-9_]{{8}})\.tmp$"
    )
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not ours.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and (
                    now - entry.stat(follow_symlinks=False).st_mtime >= older_than
                ):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _create_temp(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, with the permissions the written file should have.

    `os.open(…, 0o666)` lets the OS apply the user's umask to a new file (reading the umask
    would mean setting it, which is not thread-safe); an existing file keeps its own mode.
    """
    folder = path.parent if str(path.parent) else Path(".")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(folder / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(name, flags, 0o666)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):
            os.chmod(name, path.stat().st_mode & 0o777)  # keep an existing file's mode
        return fd, name
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _copy_atomic(src: Path, dst: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; os.replace is durable there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
