"""Strict reading of a layout file: every key known, every value of its type.

    templates/<editions|self_eval>/<id>.json ──read_layout──> Node ──fields · text · …──> records

A `Node` is one JSON value with the file it came from and its JSON path (``$.tables[3].title``,
the way the project file's errors name a place). Whatever is wrong — an unknown key (a
misspelled ``landscpae``), a missing one, a key written twice, a value of the wrong type —
raises `EditionError` naming the file and the path: nothing in a layout is silently ignored.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.errors import EditionError


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) < len(pairs):
        keys = [k for k, _ in pairs]
        obj.repeated = tuple(k for i, k in enumerate(keys) if k in keys[:i])
    return obj


T = TypeVar("T")


def optional(fields: dict[str, Node], key: str, read: Callable[[Node], T], default: T) -> T:
    """An optional field read with `read`, or `default` when the file leaves it out."""
    return read(fields[key]) if key in fields else default


def read_layout(path: Path) -> Node:
    """The parsed file as the root node; unreadable or invalid JSON is an `EditionError`."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad saves UTF-8 with a BOM
    except UnicodeDecodeError:
        raise EditionError("文件不是 UTF-8 文本", file) from None
    except OSError as exc:
        raise EditionError(f"无法读取文件：{exc.strerror}", file) from None
    return parse_layout(text, file)


def parse_layout(text: str, file: str = "") -> Node:
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        message = f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}"
        raise EditionError(message, file) from None
    return Node(data, file)


@dataclass(frozen=True)
class Node:
    value: Any
    file: str = ""
    path: str = "$"

    def error(self, message: str) -> EditionError:
        return EditionError(message, self.file, self.path)

    def at(self, key: str | int) -> Node:
        """The child under `key` (an object's field) or at index `key` (a list's item)."""
        path = f"{self.path}[{key}]" if isinstance(key, int) else f"{self.path}.{key}"
        return Node(self.value[key], self.file, path)

    # ------------------------------------------------------------ objects and lists

    def fields(self, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict[str, Node]:
        """The object's fields by name; refused unless every required key is there and
        every key is one of `required` or `optional`."""
        if not isinstance(self.value, dict):
            raise self.error("这里应当是一个对象")
        required, optional = tuple(required), tuple(optional)
        known = (*required, *optional)
        for key in self.value:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = (
                    f"（是否应为「{close[0]}」？）"
                    if close
                    else f"（可用的字段：{'、'.join(known)}）"
                )
                raise self.at(key).error(f"不认识的字段「{key}」{hint}")
        for key in getattr(self.value, "repeated", ()):
            raise self.at(key).error(f"字段「{key}」写了不止一次")
        for key in required:
            self.required(key)
        return {key: self.at(key) for key in self.value}

    def required(self, key: str) -> Node:
        """The field `key` of an object that must have it (its other keys are not checked)."""
        if not isinstance(self.value, dict):
            raise self.error("这里应当是一个对象")
        if key not in self.value:
            raise Node(None, self.file, f"{self.path}.{key}").error(f"缺少必填字段「{key}」")
        return self.at(key)

    def items(self, *, nonempty: bool = False) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.error("这里应当是一个列表")
        if nonempty and not self.value:
            raise self.error("这个列表不能为空")
        return [self.at(i) for i in range(len(self.value))]

    # ------------------------------------------------------------ single values

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.error("这里应当是文字")
        return self.value

    def texts(self, *, nonempty: bool = False) -> tuple[str, ...]:
        return tuple(item.text() for item in self.items(nonempty=nonempty))

    def integer(self, minimum: int | None = None) -> int:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error("这里应当是整数")
        if minimum is not None and value < minimum:
            raise self.error(f"这里应当至少为 {minimum}，而不是 {value}")
        return value

    def width(self) -> float:
        """A column width in characters: a positive number."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error("这里应当是数字")
        if not value > 0:
            raise self.error(f"列宽应当大于 0，而不是 {value}")
        return float(value)

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.error("这里应当是 true 或 false")
        return self.value

    def choice(self, allowed: Sequence[str]) -> str:
        value = self.text()
        if value not in allowed:
            raise self.error(f"「{value}」不是允许的取值（{'、'.join(allowed)}）")
        return value
