"""One overwrite policy for every command that writes a file.

    planned outputs + the command's inputs ──check_outputs(force)──> go, or OverwriteError

* An output never replaces an input of the same command, whatever the officer says:
  `juesuan build 单位.pdf --format pdf` would otherwise write the PDF over the project.
  (The one exception is deliberate and explicit: `carryover THIS -o THIS --force`
  updates this year's file in place, keeping the previous version as ``.bak``.)
* An existing file is replaced only when the officer said so: ``--force`` on the
  command line; the GUI asks first and passes the answer as `force`.

The writing itself is atomic (`desktop.core.atomic`): what is replaced is replaced whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from desktop.core.errors import JuesuanError


class OverwriteError(JuesuanError):
    """A write that would replace a file the officer has not agreed to lose."""


def same_file(a: Path, b: Path) -> bool:
    """True when `a` and `b` name one file (through links, `..` or letter case on Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the names
        return os.path.normcase(Path(a).absolute().resolve()) == os.path.normcase(
            Path(b).absolute().resolve()
        )


def existing(paths: Iterable[Path]) -> list[Path]:
    """The `paths` that name something already on disk (a file, a folder, a link)."""
    return [p for p in paths if os.path.lexists(p)]


def check_outputs(outputs: Iterable[Path], *, inputs: Iterable[Path] = (), force: bool) -> None:
    """Refuse, before anything is written, an output that is one of the `inputs`, and —
    unless `force` — an output that exists already."""
    outputs, inputs = list(outputs), list(inputs)
    for out in outputs:
        if out.is_dir():
            raise OverwriteError(f"{out} 是一个文件夹，不能写成文件")
        for source in inputs:
            if same_file(out, source):
                raise OverwriteError(
                    f"输出文件 {out} 就是本命令读取的文件，不能用输出覆盖它；"
                    "请换一个输出文件名或文件夹"
                )
    if force:
        return
    for out in existing(outputs):
        raise OverwriteError(f"文件已存在：{out}（如要覆盖，请加 --force）")
