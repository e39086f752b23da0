"""The classification catalogs: 支出功能分类科目 and 部门预算支出经济分类科目.

CSV files in resources/catalogs/ load into `Catalog` objects that answer lookups by
code, parent/children, and whether a code is known. The functional catalog is
partial, so an unknown code is reported by the checks as a warning; the officer can
add a missing 科目 to the report (`Report.custom_codes`), which `with_custom` merges.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Iterable, Iterator, KeysView
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from desktop.core.errors import JuesuanError
from desktop.core.paths import resource

LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str  # '' for a 类
    source: str = ""
    name_2022: str = ""  # economic codes renamed in the 2024 layout
    first_year: int | None = None

    def name_for(self, year: int) -> str:
        return self.name_2022 if self.name_2022 and year < 2024 else self.name


def level_of(code: str) -> str | None:
    """类/款/项 by the length of a well-formed code, else None."""
    if not code.isdigit():
        return None
    return LEVELS.get(len(code))


def parent_code(code: str) -> str:
    """The 款 of a 项, the 类 of a 款, '' for a 类 (by the code's structure)."""
    if len(code) == 7:
        return code[:5]
    if len(code) == 5:
        return code[:3]
    return ""


def ancestors(code: str) -> list[str]:
    """[类, 款] above a 项, [类] above a 款."""
    out: list[str] = []
    p = parent_code(code)
    while p:
        out.insert(0, p)
        p = parent_code(p)
    return out


class Catalog:
    """An immutable code → Entry map with tree lookups."""

    def __init__(self, entries: Iterable[Entry], kind: str) -> None:
        self.kind = kind
        by_code: dict[str, Entry] = {}
        children: dict[str, list[str]] = {}
        for e in entries:
            by_code[e.code] = e
        for e in sorted(by_code.values(), key=lambda e: e.code):
            children.setdefault(e.parent, []).append(e.code)
        self._by_code = MappingProxyType(by_code)
        self._children = MappingProxyType({k: tuple(v) for k, v in children.items()})

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self._by_code.values(), key=lambda e: e.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Entry | None:
        return self._by_code.get(code)

    def name(self, code: str, year: int = 2024) -> str:
        e = self._by_code.get(code)
        return e.name_for(year) if e else ""

    def children(self, code: str) -> tuple[str, ...]:
        """Direct children of a code ('' gives the 类)."""
        return self._children.get(code, ())

    def codes(self) -> KeysView[str]:
        """Every code of the catalog (a set view)."""
        return self._by_code.keys()

    def with_custom(self, extra: Iterable[tuple[str, str]]) -> Catalog:
        """This catalog plus officer-added (code, name) pairs; existing codes win."""
        added = [
            Entry(code, name, LEVELS.get(len(code), ""), parent_code(code), "CUSTOM")
            for code, name in extra
            if code not in self._by_code
        ]
        if not added:
            return self
        if len(added) * 8 < len(self._by_code):
            return self._plus({e.code: e for e in added})  # the last of a code wins
        return Catalog([*self._by_code.values(), *added], self.kind)

    def _plus(self, added: dict[str, Entry]) -> Catalog:
        """This catalog and a few more entries, its indexes extended rather than made
        again (the same catalog `Catalog([*entries, *added])` makes)."""
        out = Catalog((), self.kind)
        by_code = dict(self._by_code)
        by_code.update(added)
        children = dict(self._children)
        for e in added.values():
            siblings = list(children.get(e.parent, ()))
            bisect.insort(siblings, e.code)
            children[e.parent] = tuple(siblings)
        out._by_code = MappingProxyType(by_code)
        out._children = MappingProxyType(children)
        return out


class CodeLookupError(JuesuanError, ValueError):
    """Typed text that names no single 项 of a catalog; the message says what to type."""


def find_item(text: str, cat: Catalog, year: int) -> str:
    """The 项 (7-digit) code the officer means by `text`: a code, 「code name」 as the
    completer offers it, or a name — exactly, else the one name containing it.

    Raises `CodeLookupError` for empty text, no match, several matches or a code that is
    not a 项 (类 and 款 rows are sums of their 项)."""
    s = text.strip()
    if not s:
        raise CodeLookupError("请输入科目代码或名称")
    token = s.split()[0]
    if token.isdigit():
        code = token
    else:
        items = [e for e in cat if len(e.code) == 7]
        matches = [e.code for e in items if e.name_for(year) == s]
        if not matches:
            matches = [e.code for e in items if s in e.name_for(year)]
        if not matches:
            raise CodeLookupError(f"找不到名称为「{s}」的科目，请输入7位科目代码")
        if len(matches) > 1:
            shown = "、".join(matches[:5])
            raise CodeLookupError(f"「{s}」对应多个科目（{shown}…），请从下拉列表中选择或输入编码")
        code = matches[0]
    if len(code) != 7:
        raise CodeLookupError(
            f"「{code}」不是“项”级科目：收入支出按7位“项”级科目填写，类、款自动汇总"
        )
    return code


def _read(path: Path) -> list[Entry]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        first = (r.get("first_year") or "").strip()
        out.append(
            Entry(
                code=r["code"].strip(),
                name=r["name"].strip(),
                level=r["level"].strip(),
                parent=(r.get("parent") or "").strip(),
                source=(r.get("source") or "").strip(),
                name_2022=(r.get("name_2022") or "").strip(),
                first_year=int(first) if first else None,
            )
        )
    return out


@cache
def functional() -> Catalog:
    """支出功能分类科目 as shipped."""
    return Catalog(_read(resource("catalogs", "gov_function_codes.csv")), "功能分类")


@cache
def economic() -> Catalog:
    """部门预算支出经济分类科目 as shipped."""
    return Catalog(_read(resource("catalogs", "econ_codes.csv")), "经济分类")


# 人员经费 = 301 + 303; 公用经费 = every other economic 类 (DOMAIN.md).
PERSONNEL_CLASSES = ("301", "303")
