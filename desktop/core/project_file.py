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

import dataclasses
import hashlib
import json
import os
import stat
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.core import atomic, dates, limits
from desktop.core.atomic import backup_path as backup_path
from desktop.core.atomic import sweep_stale_temps as sweep_stale_temps
from desktop.core.editions import EDITION_ID, edition_ids, fitting_editions, load_edition
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


class _Unsavable(Exception):
    """A value the loader would refuse; `steps` collects its JSON path on the way out."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.steps: list[str] = []

    def error(self) -> ProjectFileError:
        return ProjectFileError(f"不能保存：{self.message}", "$" + "".join(reversed(self.steps)))


def _encode(value: Any, most: int = limits.TEXT) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_record(value)
    if isinstance(value, str):
        if len(value) > most:
            raise _Unsavable(limits.too_long(value, most))
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return _encode_decimal(value)
    if isinstance(value, tuple):
        return _encode_items(value, most)
    if isinstance(value, float):
        raise TypeError("a float reached the project file")
    return value


def _encode_record(value: Any) -> dict[str, Any]:
    """A record's fields, each text and list held to its field's limit; a field that
    may be left out is left out when it holds nothing."""
    out = {}
    cls = type(value)
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        try:
            encoded = (
                _encode(v, limits.limit(cls, f.name)) if isinstance(v, (str, tuple)) else _encode(v)
            )
        except _Unsavable as exc:
            exc.steps.append(f".{f.name}")
            raise
        if not _required(f) and (v is None or v is False or encoded in ((), [], "", {})):
            continue  # absent means "no figure" / empty; keeps files small and diffable
        out[f.name] = encoded
    return out


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _encode_decimal(value: Decimal) -> str:
    if not value.is_finite() or abs(value) >= LIMIT:
        raise _Unsavable(f"「{value}」超出了可以保存的数值范围（应小于10^15）")
    text = str(value)
    return text if "E" not in text else format(value, "f")  # the loader reads plain notation


def _encode_items(value: tuple[Any, ...], most: int) -> list[Any]:
    items = []
    for i, v in enumerate(value):
        try:
            items.append(_encode(v, most))
        except _Unsavable as exc:
            exc.steps.append(f"[{i}]")
            raise
    return items


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict with the format marker and schema version.

    Raises `ProjectFileError` (with the JSON path) for what the loader would refuse, so
    that nothing is ever written that cannot be opened again."""
    try:
        body = _encode(report)
    except _Unsavable as exc:
        raise exc.error() from None
    validate(report)
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, **body}


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n"


# JSON tokens joined and encoded at a time by `encode`: a piece of some 30 KB
_TOKENS_A_PIECE = 4096


def encode(report: Report) -> bytes:
    """The project file's bytes: `dumps(report)` in UTF-8, byte for byte, made a piece
    at a time.

    The recovery copy is written on a worker while the officer types, and a long C call
    holds the GIL, stopping the GUI thread: on a 10,000-row report, joining the whole
    text in one call, encoding it in one, and freeing the encoded tree in one (a dict
    let go frees everything under it) took 15–25 ms each. Here the encoder's tokens
    (made by Python code, which lets other threads in) are joined and encoded a few
    thousand at a time, and the tree is let go a record at a time; only the final
    join of the pieces — a copy of bytes — is one call."""
    tree = to_json(report)
    tokens = json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(tree)
    pieces = [
        "".join(batch).encode("utf-8")
        for batch in iter(lambda: list(islice(tokens, _TOKENS_A_PIECE)), [])
    ]
    pieces.append(b"\n")
    _let_go(tree)
    return b"".join(pieces)


def _let_go(tree: dict[str, Any]) -> None:
    """Free an encoded report a record at a time (each list of records from its end)."""
    for value in tree.values():
        if isinstance(value, list):
            while value:
                value.pop()
    tree.clear()


# ---------------------------------------------------------------- what the file must say

YEARS = range(2000, 2101)  # 决算 years the app can mean; parse_year takes the same
AMOUNT_UNITS = ("元", "万元")


def validate(report: Report) -> None:
    """What a decoded report must also satisfy to be a report at all (the types are the
    decoder's): a plausible year, a publishing unit the app knows, one reason per key,
    an edition that exists and fits the year. Raises `ProjectFileError` with the path."""
    unit = report.unit
    if unit.year not in YEARS:
        raise ProjectFileError(
            f"年度 {unit.year} 不合理（应在 {YEARS.start}–{YEARS.stop - 1} 之间）", "$.unit.year"
        )
    if unit.amount_unit not in AMOUNT_UNITS:
        raise ProjectFileError(
            f"公开金额单位「{unit.amount_unit}」不是允许的取值（元、万元）", "$.unit.amount_unit"
        )
    _unique_keys([r.key for r in report.reasons], "$.reasons", "原因")
    if report.unit_self_eval is not None:
        keys = [t.key for t in report.unit_self_eval.texts]
        _unique_keys(keys, "$.unit_self_eval.texts", "评价报告文字")
    _check_edition(unit.edition, unit.year)
    if dates.normalize(unit.compiled_on) is None:
        raise ProjectFileError(
            f"编制日期「{unit.compiled_on}」不是日期（应为 2025-03 或 2025-03-15）",
            "$.unit.compiled_on",
        )


def _unique_keys(keys: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise ProjectFileError(f"{what}「{key}」出现了不止一次", f"{path}[{i}].key")
        seen.add(key)


def _check_edition(edition_id: str, year: int) -> None:
    if not EDITION_ID.fullmatch(edition_id):
        # The id names a folder of templates/ (tables and Jinja2 text templates): a path
        # here ("../x", "C:\\x", "/x") would make the app read — and run — templates from
        # wherever a file from elsewhere points.
        raise ProjectFileError(
            f"「{edition_id}」不是有效的版式编号（只能由字母、数字、-、_ 组成）",
            "$.unit.edition",
        )
    known = edition_ids()
    if edition_id not in known:
        raise ProjectFileError(
            f"没有公开表版式「{edition_id}」（可用的有：{'、'.join(known)}）", "$.unit.edition"
        )
    fitting = fitting_editions(year, edition_id)
    if edition_id not in {e.id for e in fitting}:
        edition = load_edition(edition_id)
        hint = f"，{year}年度应使用「{fitting[0].id}」" if fitting else ""
        raise ProjectFileError(
            f"公开表版式「{edition_id}」是{edition.year}年的版式，与年度 {year} 不符{hint}",
            "$.unit.edition",
        )


# ---------------------------------------------------------------- decoding

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(tp: Any, data: Any, path: str, most: int = limits.TEXT) -> Any:
    if isinstance(data, _Float):
        raise ProjectFileError(f'数值 {data} 应当写成字符串（如 "{data}"），以免丢失精度', path)
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if data is None else _decode(args[0], data, path, most)
    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        if not isinstance(data, list):
            raise ProjectFileError("这里应当是一个列表", path)
        return tuple(_decode(item_tp, v, f"{path}[{i}]", most) for i, v in enumerate(data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_record(tp, data, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _decode_enum(tp, data, path)
    if tp is str:
        return _decode_text(data, path, most)
    decode = _DECODE_SCALAR.get(tp)
    if decode is None:
        raise TypeError(f"no decoder for {tp!r}")  # a bug in the model, not the file
    return decode(data, path)


def _decode_record(tp: type, data: Any, path: str) -> Any:
    """A record from an object: no field it does not know, every required one present."""
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
            kwargs[f.name] = _decode(
                hints[f.name], data[f.name], f"{path}.{f.name}", limits.limit(tp, f.name)
            )
        elif _required(f):
            raise ProjectFileError(f"缺少必填字段「{f.name}」", f"{path}.{f.name}")
    return tp(**kwargs)


def _decode_decimal(data: Any, path: str) -> Decimal:
    if not isinstance(data, str):
        raise ProjectFileError('金额和数值应当写成字符串，如 "1234.50"', path)
    if len(data) > 64:
        raise ProjectFileError("数值过长，不是合理的数值", path)
    try:
        value = Decimal(data)
    except InvalidOperation:
        raise ProjectFileError(f"「{data}」不是数字", path) from None
    if not value.is_finite() or "e" in data.lower() or abs(value) >= LIMIT:
        raise ProjectFileError(f"「{data}」不是合理的数值（应为普通写法、小于10^15）", path)
    return value


def _decode_enum(tp: type[Enum], data: Any, path: str) -> Enum:
    try:
        return tp(data)
    except (ValueError, TypeError):
        allowed = "、".join(str(m.value) for m in tp)
        raise ProjectFileError(f"「{data}」不是允许的取值（{allowed}）", path) from None


def _decode_bool(data: Any, path: str) -> bool:
    if not isinstance(data, bool):
        raise ProjectFileError("这里应当是 true 或 false", path)
    return data


def _decode_int(data: Any, path: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ProjectFileError("这里应当是整数", path)
    if abs(data) >= LIMIT:
        raise ProjectFileError(f"{data} 不是合理的数值（应小于10^15）", path)
    return data


_DECODE_SCALAR: dict[Any, Callable[[Any, str], Any]] = {
    Decimal: _decode_decimal,
    bool: _decode_bool,
    int: _decode_int,
}


def _decode_text(data: Any, path: str, most: int) -> str:
    if not isinstance(data, str):
        raise ProjectFileError("这里应当是文字", path)
    if len(data) > most:
        raise ProjectFileError(limits.too_long(data, most), path)
    if not data.isascii():
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800"): unsavable, unprintable
            raise ProjectFileError("文字中含有无效的字符编码", path) from None
    return data


def from_json(data: Any) -> Report:
    """A `Report` from a parsed project file (any supported schema version)."""
    if not isinstance(data, dict):
        raise ProjectFileError("这不是决算公开助手的项目文件（顶层不是对象）", "$")
    if data.get("format") != FORMAT:
        raise ProjectFileError("这不是决算公开助手的项目文件（缺少 format 标记）", "$.format")
    data = migrate(data)
    body = {k: v for k, v in data.items() if k not in ("format", "schema_version")}
    report: Report = _decode(Report, body, "$")
    validate(report)
    return report


class _Objects:
    """`json`'s object hook: objects as dicts, a key given twice noted (the last one would
    silently win). Where it was is found afterwards, by walking to the object."""

    def __init__(self) -> None:
        self.twice: list[tuple[dict[str, Any], str]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            self.twice.append((obj, key))
        return obj


def _path_to(root: Any, target: Any, path: str = "$") -> str | None:
    """The JSON path of the object `target` (by identity) inside `root`."""
    if root is target:
        return path
    children = (
        root.items()
        if isinstance(root, dict)
        else enumerate(root)
        if isinstance(root, list)
        else ()
    )
    for key, child in children:
        if isinstance(child, (dict, list)):
            step = f".{key}" if isinstance(key, str) else f"[{key}]"
            found = _path_to(child, target, path + step)
            if found is not None:
                return found
    return None


def parse(text: str) -> Any:
    """JSON text → data, refusing what JSON allows but a project file must not hold: a
    bare number with a fraction (a float in disguise), a key given twice in one object."""
    objects = _Objects()
    try:
        data = json.loads(text, parse_float=_refuse_float, object_pairs_hook=objects)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"文件不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}"
        ) from None
    except RecursionError:
        raise ProjectFileError("文件不是项目文件：括号嵌套过深") from None
    except ValueError:  # e.g. an integer of thousands of digits (int_max_str_digits)
        raise ProjectFileError("文件不是项目文件：含有过长的数字") from None
    if objects.twice:
        obj, key = objects.twice[0]
        where = _path_to(data, obj) or "$"
        raise ProjectFileError(
            f"字段「{key}」在同一处出现了不止一次（只能有一个）", f"{where}.{key}"
        )
    return data


def loads(text: str) -> Report:
    return from_json(parse(text))


class _Float(str):
    """A bare JSON number with a fraction — a float in disguise — kept as its text, to be
    refused by the decoder where it stands (amounts are strings)."""


def _refuse_float(text: str) -> Any:
    return _Float(text)


# ---------------------------------------------------------------- reading a file


@dataclass(frozen=True)
class FileStamp:
    """What a project file held when it was read or written: size, modification time and
    a hash of its bytes. A save compares the file on disk with the stamp it was opened
    with, so a change made meanwhile (another window, the command line) is never
    overwritten without a word."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int) -> FileStamp:
        return cls(len(data), mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The stamp of the file now on disk; None when there is none (or it cannot be read)."""
        try:
            _raw, stamp = read_bytes(path)
        except ProjectFileError:
            return None
        return stamp

    def same_content(self, other: FileStamp) -> bool:
        return self.size == other.size and self.digest == other.digest


def read_bytes(path: str | os.PathLike[str]) -> tuple[bytes, FileStamp]:
    """A project file's bytes and stamp, refused before reading unless it is a regular
    file of a sensible size: a FIFO would block forever, /dev/zero never ends."""
    p = Path(path)
    try:
        info = os.stat(p)
        if stat.S_ISDIR(info.st_mode):
            raise ProjectFileError(f"这是一个文件夹，不是项目文件：{p}")
        if not stat.S_ISREG(info.st_mode):
            raise ProjectFileError(f"这不是普通文件（而是设备、管道等），不能作为项目文件读取：{p}")
        if info.st_size > MAX_FILE_BYTES:
            raise ProjectFileError(f"文件过大（{info.st_size // 1024 // 1024} MB），不是项目文件")
        # O_NONBLOCK: should the name have turned into a FIFO since, opening it must not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise ProjectFileError(f"这不是普通文件，不能作为项目文件读取：{p}")
            raw = fh.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise ProjectFileError(f"找不到文件：{p}") from None
    except IsADirectoryError:
        raise ProjectFileError(f"这是一个文件夹，不是项目文件：{p}") from None
    except PermissionError:
        raise ProjectFileError(f"没有读取权限：{p}") from None
    except OSError as exc:
        raise ProjectFileError(f"无法读取文件：{exc.strerror or exc}（{p}）") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不是项目文件"
        )
    return raw, FileStamp.of_bytes(raw, opened.st_mtime_ns)


def load(path: str | os.PathLike[str]) -> Report:
    """Read a project file; raise `ProjectFileError` with a Chinese message if unusable."""
    return load_stamped(path)[0]


def load_stamped(path: str | os.PathLike[str]) -> tuple[Report, FileStamp]:
    """The report and the stamp of the bytes it was read from (see `FileStamp`)."""
    raw, stamp = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(f"文件不是 UTF-8 文本，不是项目文件：{Path(path)}") from None
    return loads(text), stamp


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


def save(
    report: Report,
    path: str | os.PathLike[str],
    *,
    keep_backup: bool = True,
    expect: FileStamp | None = None,
) -> FileStamp:
    """Write atomically; the previous file survives as FILE.bak. Raises `SaveError`.

    Nothing the loader would refuse is written (`to_json` validates first). With
    `expect` — the stamp of the file as it was opened or last saved — a file that has
    changed on disk since is not overwritten: `ChangedOnDiskError`. Returns the stamp of
    what was written."""
    target = Path(path)
    try:
        data = encode(report)
    except ProjectFileError as exc:
        raise SaveError(f"保存失败：{exc}。原文件未被改动：{target}") from None
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") has no UTF-8 form
        raise SaveError(f"保存失败：文字中含有无效的字符编码。原文件未被改动：{target}") from None
    if expect is not None:
        now = FileStamp.read(target)
        if now is not None and not now.same_content(expect):
            raise ChangedOnDiskError(target)
    atomic.write_bytes(target, data, keep_backup=keep_backup)
    try:
        mtime = os.stat(target).st_mtime_ns
    except OSError:
        mtime = 0
    return FileStamp.of_bytes(data, mtime)


class ChangedOnDiskError(SaveError):
    """The file was changed by someone else since it was opened or last saved."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"未保存：项目文件在打开（或上次保存）之后已被其他窗口或程序修改：{path}。"
            "为免覆盖那些修改，本次没有写入"
        )
