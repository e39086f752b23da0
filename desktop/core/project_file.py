"""The project file: a `Report` as JSON on disk, and back.

    Report --to_json--> dict --save (atomic, with .bak)--> NAME.juesuan
    FILE --load--> dict --migrate--> current schema --from_json--> Report

Amounts are strings (``"1234.50"``) so no float ever touches them; an absent or null
field is "no figure". Loading never changes anything on disk and names the JSON path
of whatever is wrong. Saving writes a temporary file in the same folder, fsyncs it,
keeps the previous version as ``FILE.bak`` and replaces the file in one step, so a
crash at any moment leaves the old or the new file, never a broken one.
The schema is documented in docs/project-file.md.

A project file is named ``NAME.juesuan`` (the extension the Windows installer associates
with the app). Earlier versions wrote ``NAME.juesuan.json``: the content is the same, such
files open everywhere a project file is asked for, and saving one writes back to it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any

from desktop.core import dates
from desktop.core.editions import EDITION_ID
from desktop.core.errors import ProjectFileError, SaveError
from desktop.core.model import Report
from desktop.core.money import LIMIT

FORMAT = "juesuan-report"
SCHEMA_VERSION = 3
SUFFIX = ".juesuan"  # NAME.juesuan: Windows associates files by their last extension only
LEGACY_SUFFIX = ".juesuan.json"  # earlier versions' name for the same file
SUFFIXES = (SUFFIX, LEGACY_SUFFIX)
MAX_FILE_BYTES = 64 * 1024 * 1024  # a report is a few hundred KB; refuse absurd files


# ---------------------------------------------------------------- file names


def has_project_suffix(path: str | os.PathLike[str]) -> bool:
    """True for ``X.juesuan`` and the earlier ``X.juesuan.json`` (in any letter case)."""
    return Path(path).name.lower().endswith(SUFFIXES)


def is_legacy_name(path: str | os.PathLike[str]) -> bool:
    """True for ``X.juesuan.json``, the name earlier versions gave a project file."""
    return Path(path).name.lower().endswith(LEGACY_SUFFIX)


def stem(path: str | os.PathLike[str]) -> str:
    """The name without the project suffix: ``大同2024.juesuan`` and ``大同2024.juesuan.json``
    give ``大同2024``; ``X.json`` gives ``X``; any other name loses its last extension."""
    p = Path(path)
    name = p.name
    for suffix in (LEGACY_SUFFIX, SUFFIX, ".json"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return p.stem


def with_suffix(path: str | os.PathLike[str]) -> Path:
    """`path` named as a project file: ``X`` → ``X.juesuan``, ``X.json`` → ``X.juesuan``,
    ``单位2024.12`` → ``单位2024.12.juesuan``; ``X.juesuan`` and ``X.juesuan.json`` are kept."""
    p = Path(path)
    if has_project_suffix(p):
        return p
    name = p.name
    if name.lower().endswith(".json") and len(name) > len(".json"):
        name = name[: -len(".json")]
    return p.with_name(name + SUFFIX)


# ---------------------------------------------------------------- encoding


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            encoded = _encode(v)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if not required and (v is None or v is False or encoded in ((), [], "", {})):
                continue  # absent means "no figure" / empty; keeps files small and diffable
            out[f.name] = encoded
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, float):
        raise TypeError("a float reached the project file")
    return value


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict with the format marker and schema version."""
    body = _encode(report)
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, **body}


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- decoding

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(tp: Any, data: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _decode(args[0], data, path)
    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        if not isinstance(data, list):
            raise ProjectFileError("这里应当是一个列表", path)
        return tuple(_decode(item_tp, v, f"{path}[{i}]") for i, v in enumerate(data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise ProjectFileError("这里应当是一个对象", path)
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ProjectFileError(f"不认识的字段「{unknown[0]}」", f"{path}.{unknown[0]}")
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{path}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ProjectFileError(f"缺少必填字段「{f.name}」", f"{path}.{f.name}")
        return tp(**kwargs)
    if tp is Decimal:
        if not isinstance(data, str):
            raise ProjectFileError('金额和数值应当写成字符串，如 "1234.50"', path)
        try:
            value = Decimal(data)
        except InvalidOperation:
            raise ProjectFileError(f"「{data}」不是数字", path) from None
        if not value.is_finite() or "e" in data.lower() or abs(value) >= LIMIT:
            raise ProjectFileError(f"「{data}」不是合理的数值（应为普通写法、小于10^15）", path)
        return value
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = "、".join(str(m.value) for m in tp)
            raise ProjectFileError(f"「{data}」不是允许的取值（{allowed}）", path) from None
    if tp is bool:
        if not isinstance(data, bool):
            raise ProjectFileError("这里应当是 true 或 false", path)
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ProjectFileError("这里应当是整数", path)
        return data
    if tp is str:
        if not isinstance(data, str):
            raise ProjectFileError("这里应当是文字", path)
        if not data.isascii():
            try:
                data.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate ("\ud800"): unsavable, unprintable
                raise ProjectFileError("文字中含有无效的字符编码", path) from None
        return data
    raise TypeError(f"no decoder for {tp!r}")  # a bug in the model, not the file


def from_json(data: Any) -> Report:
    """A `Report` from a parsed project file (any supported schema version)."""
    if not isinstance(data, dict):
        raise ProjectFileError("这不是决算公开助手的项目文件（顶层不是对象）", "$")
    if data.get("format") != FORMAT:
        raise ProjectFileError("这不是决算公开助手的项目文件（缺少 format 标记）", "$.format")
    data = migrate(data)
    body = {k: v for k, v in data.items() if k not in ("format", "schema_version")}
    report: Report = _decode(Report, body, "$")
    if not EDITION_ID.fullmatch(report.unit.edition):
        # The id names a folder of templates/ (tables and Jinja2 text templates): a path
        # here ("../x", "C:\\x", "/x") would make the app read — and run — templates from
        # wherever a file from elsewhere points.
        raise ProjectFileError(
            f"「{report.unit.edition}」不是有效的版式编号（只能由字母、数字、-、_ 组成）",
            "$.unit.edition",
        )
    if dates.normalize(report.unit.compiled_on) is None:
        raise ProjectFileError(
            f"「{report.unit.compiled_on}」不是日期（应为 2025-03 或 2025-03-15）",
            "$.unit.compiled_on",
        )
    return report


def loads(text: str) -> Report:
    try:
        data = json.loads(text, parse_float=_refuse_float)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"文件不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}"
        ) from None
    except RecursionError:
        raise ProjectFileError("文件不是项目文件：括号嵌套过深") from None
    except ValueError:  # e.g. an integer of thousands of digits (int_max_str_digits)
        raise ProjectFileError("文件不是项目文件：含有过长的数字") from None
    return from_json(data)


def _refuse_float(text: str) -> Any:
    # A bare JSON number with a fraction is a float in disguise: amounts are strings.
    raise ProjectFileError(f'数值 {text} 应当写成字符串（如 "{text}"），以免丢失精度')


def load(path: str | os.PathLike[str]) -> Report:
    """Read a project file; raise `ProjectFileError` with a Chinese message if unusable."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(f"文件过大（{size // 1024 // 1024} MB），不是项目文件")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"找不到文件：{p}") from None
    except IsADirectoryError:
        raise ProjectFileError(f"这是一个文件夹，不是项目文件：{p}") from None
    except PermissionError:
        raise ProjectFileError(f"没有读取权限：{p}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(f"文件不是 UTF-8 文本，不是项目文件：{p}") from None
    return loads(text)


# ---------------------------------------------------------------- migration

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept reasons as an object {key: text} and had no edition field."""
    out = dict(data)
    reasons = out.pop("reasons", {}) or {}
    if not isinstance(reasons, dict):
        raise ProjectFileError("第 1 版文件的 reasons 应当是对象", "$.reasons")
    out["reasons"] = [{"key": k, "text": v} for k, v in reasons.items()]
    unit = out.get("unit", {})
    if not isinstance(unit, dict):
        raise ProjectFileError("这里应当是一个对象", "$.unit")
    unit = dict(unit)
    if "edition" not in unit:
        year = unit.get("year", 2024)
        unit["edition"] = "shanxi-2024" if isinstance(year, int) and year >= 2023 else "shanxi-2022"
    out["unit"] = unit
    out["schema_version"] = 2
    return out


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 kept the unit's overall evaluation as two totals and one text of tasks;
    schema 3 has a row per 资金来源 and a row per 年度主要任务 (the totals become one row)."""
    out = dict(data)
    unit_eval = out.get("unit_self_eval")
    if isinstance(unit_eval, dict):
        unit_eval = dict(unit_eval)
        budget = unit_eval.pop("budget_total", None)
        executed = unit_eval.pop("executed_total", None)
        if budget is not None or executed is not None:
            line = {"source": "全部资金"}
            if budget is not None:
                line["full_year"] = budget
            if executed is not None:
                line["executed"] = executed
            unit_eval["funding"] = [line]
        tasks = unit_eval.pop("main_tasks", None)
        if tasks:
            unit_eval["tasks"] = [{"content": tasks}]
        out["unit_self_eval"] = unit_eval
    out["schema_version"] = 3
    return out


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed file up to `SCHEMA_VERSION`, one step at a time."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError("缺少或无法识别 schema_version", "$.schema_version")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"文件由更新版本的软件保存（格式第 {version} 版，本软件支持到第 {SCHEMA_VERSION} 版），"
            "请升级决算公开助手",
            "$.schema_version",
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProjectFileError(f"不支持第 {version} 版的项目文件", "$.schema_version")
        data = step(data)
        version = data["schema_version"]
    return data


# ---------------------------------------------------------------- atomic save


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save(report: Report, path: str | os.PathLike[str], *, keep_backup: bool = True) -> None:
    """Write atomically; the previous file survives as FILE.bak. Raises `SaveError`."""
    write_text_atomic(Path(path), dumps(report), keep_backup=keep_backup)


def write_text_atomic(path: Path, text: str, *, keep_backup: bool = True) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    tmp_name = ""
    try:
        fd, tmp_name = _create_temp(path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_backup and path.exists():
            _copy_atomic(path, backup_path(path))
        os.replace(tmp_name, path)
        tmp_name = ""
    except OSError as exc:
        raise SaveError(_save_message(path, exc)) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    # The file is saved once replaced. Making the rename itself durable is best effort:
    # network shares and some file systems refuse fsync on a folder (EINVAL, EACCES …),
    # and a save that has happened must not be reported as failed and "not touched".
    with contextlib.suppress(OSError):
        _fsync_dir(folder)
    sweep_stale_temps(path)


STALE_AFTER_S = 15 * 60


def sweep_stale_temps(path: Path, *, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove the hidden temporary files a save of `path` (or of its backup) left behind
    when the process was killed mid-write, once they are `older_than` seconds old — a
    younger one may belong to a save still under way in another window. Only names this
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
    """A new temporary file beside `path`, with the permissions the saved file should have.

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


def _save_message(path: Path, exc: OSError) -> str:

    if exc.errno == errno.ENOSPC:
        why = "磁盘空间不足"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "没有写入权限（文件夹只读或文件被占用）"
    elif exc.errno == errno.ENOENT:
        why = "文件夹不存在"
    else:
        why = exc.strerror or str(exc)
    return f"保存失败：{why}。原文件未被改动：{path}"
