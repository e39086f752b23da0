"""The workbook file: judged before any XML is parsed, then opened through openpyxl.

    FILE.xlsx ──check_workbook_file──> (size, zip sanity) ──open_workbook──> Workbook
        ──sheet_rows──> rows;  formula_problems: formulas saved without their results

Too large, not an .xlsx, or expanding to an absurd size (a zip bomb) is refused with
`WorkbookFileError`. openpyxl parses the XML through defusedxml (entity expansion
refused); opening refuses to run without it. Whatever openpyxl raises on a malformed
part becomes the one message `damaged` gives.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml import DEFUSEDXML

from desktop.core.importers.problems import ImportProblem, WorkbookFileError

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024  # an input workbook is a few MB at most
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024  # all parts together, as the zip declares them
MAX_MEMBER_RATIO = 200  # a part expanding more than this …
RATIO_FLOOR_BYTES = 32 * 1024 * 1024  # … and to more than this is a zip bomb
MAX_MEMBERS = 10_000

# ---------------------------------------------------------------- the file


def check_workbook_file(path: str | os.PathLike[str]) -> Path:
    """Refuse, before parsing anything, a file that is not a sane .xlsx."""
    p = Path(path)
    try:
        info = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise WorkbookFileError(f"找不到文件：{p}") from None
    except OSError as exc:
        raise WorkbookFileError(f"无法读取文件：{p}（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookFileError(f"这是一个文件夹，不是 Excel 工作簿：{p}")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never end
        raise WorkbookFileError(f"这不是普通文件（而是设备、管道等），不能作为工作簿读取：{p}")
    size = info.st_size
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookFileError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，"
            f"上限 {MAX_WORKBOOK_BYTES // 1024 // 1024} MB），不像是填报用的工作簿：{p}"
        )
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookFileError(f"无法读取文件：{p}（{exc.strerror or exc}）") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookFileError(
            f"这是旧版 .xls 或加密的工作簿，请在 Excel/WPS 中另存为不加密的 .xlsx 后再导入：{p}"
        )
    if not head.startswith(b"PK"):
        raise WorkbookFileError(f"不是 Excel 工作簿（.xlsx）：{p}")
    try:
        with zipfile.ZipFile(p) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, OSError):
        raise WorkbookFileError(damaged(p)) from None
    if len(members) > MAX_MEMBERS:
        raise WorkbookFileError(f"工作簿内部文件过多（{len(members)} 个），拒绝读取：{p}")
    # Declared sizes are what zipfile will inflate to at most: it stops at file_size
    # and a lying header then fails its CRC, so checking them bounds the work.
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookFileError(
            f"工作簿解压后过大（{total / 1024 / 1024:.0f} MB），疑似压缩炸弹，拒绝读取：{p}"
        )
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > RATIO_FLOOR_BYTES and ratio > MAX_MEMBER_RATIO:
            raise WorkbookFileError(
                f"工作簿中的「{m.filename}」压缩比异常（{ratio:.0f} 倍），"
                f"疑似压缩炸弹，拒绝读取：{p}"
            )
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise WorkbookFileError(f"不是 Excel 工作簿（.xlsx）：{p}")
    return p


def open_workbook(path: Path, *, read_only: bool, data_only: bool = True) -> Workbook:
    """openpyxl over a checked file; formulas give the values Excel last computed."""
    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise WorkbookFileError("缺少 defusedxml 组件，出于安全原因不读取工作簿，请重新安装本软件")
    try:
        with warnings.catch_warnings():
            # openpyxl warns (in English, on stderr) about parts it skips or repairs;
            # what matters reaches the officer as problems and notes
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=read_only, data_only=data_only, keep_links=False)
    except _MALFORMED:
        raise WorkbookFileError(damaged(path)) from None


# What openpyxl raises on malformed parts: xml.etree's ParseError is a SyntaxError,
# defusedxml's refusals are ValueErrors, a sheet pointing at a shared string, a style or
# a part that is not there gives IndexError or KeyError, a wrong attribute TypeError …
_MALFORMED = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
    OverflowError,
    OSError,
)


def damaged(path: Path, sheet: str = "") -> str:
    """The one message for a workbook whose parts cannot be read."""
    part = f"（工作表「{sheet}」）" if sheet else ""
    return (
        f"工作簿已损坏或格式不受支持{part}，无法读取：{path}。"
        "请在 Excel/WPS 中打开，另存为新的 .xlsx 后再导入"
    )


def sheet_rows(wb: Workbook, name: str, path: Path | None = None) -> list[Row]:
    """All rows of a read-only sheet as value tuples (row i at index i-1)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a date cell out of range: read below
            ws = wb[name]
            reset = getattr(ws, "reset_dimensions", None)
            if reset is not None:
                # Some writers record a wrong used range; read what is really there.
                reset()
            return [tuple(r) for r in ws.iter_rows(values_only=True)]
    except _MALFORMED:
        raise WorkbookFileError(damaged(path or Path(""), name)) from None


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def has_formulas(path: Path) -> bool:
    """Whether any sheet of the (checked) workbook holds a formula, without parsing it."""
    try:
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
                if sheet and _FORMULA.search(zf.read(member)):
                    return True
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        raise WorkbookFileError(damaged(path)) from None
    return False


def formula_problems(path: Path, sheets: Sequence[str]) -> list[ImportProblem]:
    """A formula whose result the file does not hold (it was written by a program, not
    saved by Excel/WPS) would read as "no figure": each is a problem at its cell."""
    if not sheets or not has_formulas(path):
        return []
    formulas = open_workbook(path, read_only=True, data_only=False)
    values = open_workbook(path, read_only=True)
    problems: list[ImportProblem] = []
    try:
        for name in sheets:
            if name not in formulas.sheetnames:
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    # the same part parsed twice: rows and cells pair up one to one
                    pairs = zip(
                        formulas[name].iter_rows(),
                        values[name].iter_rows(values_only=True),
                        strict=False,
                    )
                    for cells_f, cached in pairs:
                        for cell, value in zip(cells_f, cached, strict=False):
                            if getattr(cell, "data_type", None) == "f" and value is None:
                                problems.append(
                                    ImportProblem(
                                        name,
                                        cell.row,
                                        get_column_letter(int(cell.column or 1)),
                                        "这是公式，但文件中没有它的计算结果（文件未经 Excel/WPS "
                                        "计算保存）：请在 Excel/WPS 中打开、保存后再导入，"
                                        "或改为填写数值",
                                    )
                                )
            except _MALFORMED:
                raise WorkbookFileError(damaged(path, name)) from None
    finally:
        formulas.close()
        values.close()
    return problems


Row = Sequence[Any]
