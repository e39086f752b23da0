"""Editions: the layout of a year's/province's table set, loaded from templates/editions/.

    templates/editions/<id>.json ──load_edition──> Edition ──tables.build_tables──> [Grid]

An edition names its tables in order and, per table, the header rows (cells with
column/row spans), the body and the 注 line. Bodies come in three kinds:

* ``rows`` — fixed rows (公开01/04/09/10): label cells and cells bound to a figure;
* ``listing`` — the 类/款/项 listing of the functional ledger (公开02/03/05/07/08);
* ``econ`` — the 经济分类 codes in column groups (公开06).

Bound cells name a figure with a small binding language (see `tables.resolve`), so a
new province's edition is a new JSON file, never Python. ``self_eval`` names the forms of
the self-evaluation 附件 (templates/self_eval/<id>.json, filled by `self_eval_tables`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core.errors import JuesuanError
from desktop.core.paths import template


class EditionError(JuesuanError):
    """An edition file that does not describe a valid layout."""


@dataclass(frozen=True)
class Span:
    """A header or label cell: text spanning `cols` × `rows`."""

    text: str
    cols: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Bound:
    """A body cell bound to a figure; `count` for integers (车辆数) instead of money."""

    binding: str
    count: bool = False
    cols: int = 1


BodyCell = Span | Bound


@dataclass(frozen=True)
class Row:
    cells: tuple[BodyCell, ...]
    style: str = "body"  # body / total / class


@dataclass(frozen=True)
class RowsBody:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ListingBody:
    columns: tuple[str, ...]  # line keys, one per value column
    show_if: tuple[str, ...]  # list a 科目 when any of these line figures is present
    total_label: str = "合计"
    levels: tuple[int, ...] = (3, 5, 7)  # code lengths listed (类, 款, 项)


@dataclass(frozen=True)
class EconBody:
    groups: tuple[tuple[str, ...], ...]  # codes per column group, top to bottom
    columns: tuple[str, ...]  # "total" and/or "basic" per code
    dash: tuple[str, ...]  # codes whose "basic" cell prints —— (基本建设 is never 基本支出)
    footer: tuple[tuple[str, str], ...]  # (label, econ binding) for 人员经费合计, 公用经费合计


Body = RowsBody | ListingBody | EconBody


@dataclass(frozen=True)
class TableSpec:
    number: str
    title: str
    header: tuple[tuple[Span, ...], ...]
    body: Body
    widths: tuple[float, ...]
    note: str = ""
    landscape: bool = False
    org_label: str = ""  # overrides the edition's 部门名称
    unit_label: str = ""  # overrides the edition's 金额单位
    code_listing: bool = False  # body lists codes (a 合计 row first)


@dataclass(frozen=True)
class SelfEvalForms:
    """The forms of the self-evaluation 附件, by id (templates/self_eval/<id>.json; read by
    `self_eval_tables`): one printed per project, one for the unit as a whole."""

    project: str = "project-table"  # 项目支出绩效自评表 (or "project-report": 自评分析报告)
    overall: str = "overall-table"  # 部门（单位）整体支出绩效自评表


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    year: int
    org_label: str
    unit_label: str
    wan_note: str
    self_eval: SelfEvalForms
    tables: tuple[TableSpec, ...]

    def table(self, number: str) -> TableSpec:
        for t in self.tables:
            if t.number == number:
                return t
        raise KeyError(number)


def edition_ids() -> list[str]:
    return sorted(p.name.removesuffix(".json") for p in template("editions").glob("*.json"))


EDITION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # a file name, never a path


def checked_id(edition_id: str) -> str:
    """The edition id, refused unless it is a plain name: it is joined onto templates/,
    and a path there would read layouts and Jinja2 templates from anywhere."""
    if not EDITION_ID.fullmatch(edition_id):
        raise EditionError(f"版式编号「{edition_id}」不合法：只能由字母、数字、-、_ 组成")
    return edition_id


@cache
def load_edition(edition_id: str) -> Edition:
    path = template("editions", f"{checked_id(edition_id)}.json")
    if not path.is_file():
        known = "、".join(edition_ids())
        raise EditionError(f"找不到版式「{edition_id}」（templates/editions/ 中有：{known}）")
    return parse_edition(json.loads(path.read_text(encoding="utf-8")), path)


def parse_edition(data: dict[str, Any], path: Path | None = None) -> Edition:
    where = str(path) if path else "版式"
    try:
        return Edition(
            id=data["id"],
            name=data["name"],
            year=int(data["year"]),
            org_label=data.get("org_label", "部门名称"),
            unit_label=data.get("unit_label", "金额单位"),
            wan_note=data.get("wan_note", ""),
            self_eval=_self_eval(data.get("self_eval", {})),
            tables=tuple(_table(t) for t in data["tables"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise EditionError(f"版式文件 {where} 有误：{exc!r}") from None


def _self_eval(raw: dict[str, Any]) -> SelfEvalForms:
    default = SelfEvalForms()
    return SelfEvalForms(
        project=checked_id(raw.get("project", default.project)),
        overall=checked_id(raw.get("overall", default.overall)),
    )


def _span(raw: Any) -> Span:
    if isinstance(raw, str):
        return Span(raw)
    return Span(raw["text"], int(raw.get("cols", 1)), int(raw.get("rows", 1)))


def _cell(raw: Any) -> BodyCell:
    if isinstance(raw, dict) and "value" in raw:
        return Bound(raw["value"], cols=int(raw.get("cols", 1)))
    if isinstance(raw, dict) and "count" in raw:
        return Bound(raw["count"], count=True, cols=int(raw.get("cols", 1)))
    return _span(raw)


def _row(raw: Any) -> Row:
    if isinstance(raw, dict):
        return Row(tuple(_cell(c) for c in raw["cells"]), raw.get("style", "body"))
    return Row(tuple(_cell(c) for c in raw))


def _body(raw: dict[str, Any]) -> Body:
    kind = raw["kind"]
    if kind == "rows":
        return RowsBody(tuple(_row(r) for r in raw["rows"]))
    if kind == "listing":
        return ListingBody(
            columns=tuple(raw["columns"]),
            show_if=tuple(raw.get("show_if", raw["columns"][:1])),
            total_label=raw.get("total_label", "合计"),
            levels=tuple(raw.get("levels", (3, 5, 7))),
        )
    if kind == "econ":
        return EconBody(
            groups=tuple(tuple(g) for g in raw["groups"]),
            columns=tuple(raw["columns"]),
            dash=tuple(raw.get("dash", ())),
            footer=tuple((f[0], f[1]) for f in raw["footer"]),
        )
    raise ValueError(f"unknown body kind {kind!r}")


def _table(raw: dict[str, Any]) -> TableSpec:
    body = _body(raw["body"])
    return TableSpec(
        number=raw["number"],
        title=raw["title"],
        header=tuple(tuple(_span(c) for c in row) for row in raw["header"]),
        body=body,
        widths=tuple(float(w) for w in raw["widths"]),
        note=raw.get("note", ""),
        landscape=bool(raw.get("landscape", False)),
        org_label=raw.get("org_label", ""),
        unit_label=raw.get("unit_label", ""),
        code_listing=isinstance(body, ListingBody),
    )
