"""Editions: the layout of a year's/province's table set, loaded from templates/editions/.

    templates/editions/<id>.json ──load_edition──> Edition ──tables.build_tables──> [Grid]

An edition names its tables in order and, per table, the header rows, the body and the
注 line. Bodies come in three kinds:

* ``rows`` — fixed rows (公开01/04/09/10): label cells and cells bound to a figure;
* ``listing`` — the 类/款/项 listing of the functional ledger (公开02/03/05/07/08);
* ``econ`` — the 经济分类 codes in column groups (公开06).

Header rows and fixed rows are written in the layout language the self-evaluation forms
use too (`desktop.core.layouts.grammar`); their bindings name derived figures
(`table_vocabulary`), each checked when the file is read. The file is read strictly
(`layouts.reader`): an unknown key, a missing one or a value of the wrong type is an
`EditionError` naming the file and the JSON path. A new province's edition is a new JSON
file, never Python. ``self_eval`` names the forms of the self-evaluation 附件
(templates/self_eval/<id>.json, see `self_eval_forms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core import catalog
from desktop.core.errors import EditionError as EditionError  # raised here; callers import it
from desktop.core.grid import NO_DATA_TEXT, Style
from desktop.core.layouts.grammar import Block, Language, Parser
from desktop.core.layouts.reader import Node, optional, read_layout
from desktop.core.layouts.structure import StructureSpec, read_structure
from desktop.core.paths import template
from desktop.core.table_vocabulary import ZERO_PRINTS, table_language
from desktop.core.vocabulary import TableRole


@dataclass(frozen=True)
class RowsBody:
    rows: tuple[Block, ...]


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
    header: tuple[Block, ...]  # rows repeated on every printed page
    body: Body
    widths: tuple[float, ...]
    role: TableRole = TableRole.TOTALS  # what the table is, whatever its number
    note: str = ""
    landscape: bool = False
    org_label: str = ""  # overrides the edition's 部门名称
    unit_label: str = ""  # overrides the edition's 金额单位
    zero: str | None = None  # overrides the edition's way of printing a zero figure
    empty_note: str | None = None  # overrides the edition's 「说明：本表无数据」
    wan_note: str | None = None  # overrides the edition's sentence added in a 万元 report

    def note_in(self, edition: Edition, unit: str) -> str:
        """The 注 line as printed in `unit`: the table's note, then in a 万元 report the
        edition's (or the table's own) sentence on rounding to 万元."""
        tail = self.wan_note if self.wan_note is not None else edition.wan_note
        return self.note + (tail if unit == "万元" else "")


@dataclass(frozen=True)
class SelfEvalForms:
    """The forms of the self-evaluation 附件, by id (templates/self_eval/<id>.json; read by
    `self_eval_tables`): one printed per project, one for the unit as a whole, and the
    two a province may add, each printed once: a 项目单位自评汇总表 (`summary`) and a
    部门整体绩效评价报告 (`report`); "" where the edition prints none."""

    # 项目支出绩效自评表 (or "project-report": 自评分析报告); "" prints none per project
    project: str = "project-table"
    overall: str = "overall-table"  # 部门（单位）整体支出绩效自评表
    summary: str = ""  # 项目单位自评汇总表: one row per project
    report: str = ""  # 部门整体绩效评价报告: figures from the evaluations, prose from the officer
    # Which of the report's spending totals (a line key of `derive`) is the unit's overall
    # evaluation's 全年执行数: 本年支出合计 by default; the 晋城 2022 report evaluates 项目支出.
    overall_executed: str = "spending.total"


SHARE_MODES = ("own", "total_100")
THOUSANDS = ("yuan", "always", "never")
TEXT_ZEROS = ("0.00", "0")


@dataclass(frozen=True)
class TextFormat:
    """How the 情况说明 prints numbers, per edition (``"text": {…}``).

    `shares`: ``own`` — each share the correctly rounded ratio of its own figures (a list
    may then total 99.99%, a 尾差, as the published reports print it); ``total_100`` — the
    rounding remainder given to the largest part so a list totals exactly 100.00%.
    `percent_decimals`: decimals of every percentage. `thousands`: separators in amounts —
    ``yuan`` in a 元 report only (1,234.56元 but 1234.56万元), ``always`` or ``never``.
    `zero`: a zero amount as ``0.00`` (0.00万元) or ``0`` (0万元)."""

    shares: str = "own"
    percent_decimals: int = 2
    thousands: str = "yuan"
    zero: str = "0.00"


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    province: str  # 山西省 …: with `year`, how a new report finds its edition
    year: int
    org_label: str
    unit_label: str
    self_eval: SelfEvalForms
    tables: tuple[TableSpec, ...]
    structure: StructureSpec
    zero: str = "blank"  # a zero figure in a table: "blank" or "0.00"
    empty_note: str = NO_DATA_TEXT  # printed under a table without figures
    wan_note: str = ""  # added to every 注 line of a 万元 report (尾差 of the rounding)
    text: TextFormat = TextFormat()  # how the 情况说明 prints numbers

    def table(self, number: str) -> TableSpec:
        for t in self.tables:
            if t.number == number:
                return t
        raise KeyError(number)

    def zero_of(self, spec: TableSpec) -> str:
        return spec.zero if spec.zero is not None else self.zero

    def empty_note_of(self, spec: TableSpec) -> str:
        return spec.empty_note if spec.empty_note is not None else self.empty_note


def edition_ids() -> list[str]:
    return layout_ids("editions")


def all_editions() -> list[Edition]:
    """Every edition in templates/editions/ that loads, by province, year and id; a broken
    file is left out here (a report of that edition says why when it is opened)."""
    found = []
    for edition_id in edition_ids():
        try:
            found.append(load_edition(edition_id))
        except EditionError:
            continue
    return sorted(found, key=lambda e: (e.province, e.year, e.id))


def proposed_edition(year: int, province: str | None = None) -> Edition | None:
    """The edition a new report of `year` starts with, found by the editions' own province
    and year: of `province` (of any province when None, or when it has none), the newest
    whose year is not after `year` — else the earliest. None when there is no edition."""
    editions = all_editions()
    own = [e for e in editions if e.province == province] or editions
    if not own:
        return None
    earlier = [e for e in own if e.year <= year]
    if earlier:
        return max(earlier, key=lambda e: (e.year, -own.index(e)))
    return min(own, key=lambda e: (e.year, own.index(e)))


def layout_ids(folder: str) -> list[str]:
    """The ids of the layout files in templates/<folder>/ (editions, self_eval)."""
    return sorted(p.name.removesuffix(".json") for p in template(folder).glob("*.json"))


def layout_file(folder: str, layout_id: str, what: str) -> Path:
    """templates/<folder>/<id>.json, refused unless `layout_id` is a plain name of a file there."""
    path = template(folder, f"{checked_id(layout_id)}.json")
    if not path.is_file():
        known = "、".join(layout_ids(folder))
        raise EditionError(f"找不到{what}「{layout_id}」（templates/{folder}/ 中有：{known}）")
    return path


EDITION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # a file name, never a path


def checked_id(edition_id: str) -> str:
    """The edition id, refused unless it is a plain name: it is joined onto templates/,
    and a path there would read layouts and Jinja2 templates from anywhere."""
    if not EDITION_ID.fullmatch(edition_id):
        raise EditionError(f"版式编号「{edition_id}」不合法：只能由字母、数字、-、_ 组成")
    return edition_id


def fitting_editions(year: int, like: str) -> list[Edition]:
    """The editions of `like`'s province (`Edition.province`, never its id) that fit a
    report of `year`, nearest first.

    An edition is a province's layout as of its year. A report of year Y fits the latest
    edition of Y or before and the earliest of Y or after — both, where Y falls between
    two (a 2023 report of 山西 may use the 2022 or the 2024 layout), one where Y is an
    edition's own year or beyond the last: a 2024 report on the 2022 layout does not fit.
    """
    try:
        province = load_edition(like).province
    except EditionError:  # a broken file: said where it is used, never a fit
        return []
    # all_editions leaves a broken file out: said where it is used, never a fit
    editions = [e for e in all_editions() if e.province == province]
    before = [e for e in editions if e.year <= year]
    after = [e for e in editions if e.year >= year]
    fit = {}
    if before:
        latest = max(before, key=lambda e: e.year)
        fit[latest.id] = latest
    if after:
        earliest = min(after, key=lambda e: e.year)
        fit[earliest.id] = earliest
    return sorted(fit.values(), key=lambda e: (abs(e.year - year), -e.year))


@cache
def load_edition(edition_id: str) -> Edition:
    path = layout_file("editions", edition_id, "版式")
    return read_edition(read_layout(path), path.stem)


def parse_edition(data: Any, path: Path | None = None) -> Edition:
    """An edition from its parsed JSON (`path` names the file in messages)."""
    return read_edition(Node(data, str(path) if path else ""), path.stem if path else None)


def read_edition(root: Node, file_id: str | None = None) -> Edition:
    f = root.fields(
        ("id", "name", "province", "year", "structure", "tables"),
        ("org_label", "unit_label", "self_eval", "zero", "empty_note", "wan_note", "text"),
    )
    edition_id = checked_id_at(f["id"])
    if file_id is not None and edition_id != file_id:
        raise f["id"].error(f"版式编号「{edition_id}」应与文件名「{file_id}」一致")
    tables = _Tables(table_language())
    specs = tuple(tables.table(t) for t in f["tables"].items(nonempty=True))
    for key, what in (("number", "表号"), ("role", "表的内容（role）")):
        seen = [getattr(t, key) for t in specs]
        for i, value in enumerate(seen):
            if value in seen[:i]:
                raise f["tables"].at(i).at(key).error(f"{what}「{value}」重复")
    province = f["province"].text().strip()
    if not province:
        raise f["province"].error("省份不能为空（如「山西省」）")
    return Edition(
        id=edition_id,
        name=f["name"].text(),
        province=province,
        year=f["year"].integer(minimum=1900),
        org_label=optional(f, "org_label", Node.text, "部门名称"),
        unit_label=optional(f, "unit_label", Node.text, "金额单位"),
        self_eval=optional(f, "self_eval", _self_eval, SelfEvalForms()),
        tables=specs,
        structure=read_structure(f["structure"]),
        zero=optional(f, "zero", _zero, "blank"),
        empty_note=optional(f, "empty_note", Node.text, NO_DATA_TEXT),
        wan_note=optional(f, "wan_note", Node.text, ""),
        text=optional(f, "text", _text_format, TextFormat()),
    )


def _text_format(node: Node) -> TextFormat:
    f = node.fields((), ("shares", "percent_decimals", "thousands", "zero"))
    default = TextFormat()
    decimals = optional(f, "percent_decimals", Node.integer, default.percent_decimals)
    if not 0 <= decimals <= 4:
        raise f["percent_decimals"].error("百分比小数位数应为 0–4")
    return TextFormat(
        shares=optional(f, "shares", lambda n: n.choice(SHARE_MODES), default.shares),
        percent_decimals=decimals,
        thousands=optional(f, "thousands", lambda n: n.choice(THOUSANDS), default.thousands),
        zero=optional(f, "zero", lambda n: n.choice(TEXT_ZEROS), default.zero),
    )


def _zero(node: Node) -> str:
    return node.choice(ZERO_PRINTS)


def _role(node: Node) -> TableRole:
    return TableRole(node.choice(tuple(TableRole)))


def checked_id_at(node: Node) -> str:
    """An id read from a layout file, refused (with its place) unless a plain name."""
    try:
        return checked_id(node.text())
    except EditionError as exc:
        raise node.error(str(exc)) from None


def _self_eval(node: Node) -> SelfEvalForms:
    f = node.fields((), ("project", "overall", "summary", "report", "overall_executed"))
    default = SelfEvalForms()
    return SelfEvalForms(
        project=optional(f, "project", _form_id_or_none, default.project),
        overall=optional(f, "overall", _form_id, default.overall),
        summary=optional(f, "summary", _form_id, default.summary),
        report=optional(f, "report", _form_id, default.report),
        overall_executed=optional(f, "overall_executed", _line_key, default.overall_executed),
    )


def _form_id_or_none(node: Node) -> str:
    """A form's id, or "" where the edition prints no such form (Henan: no 自评表 per project)."""
    return "" if node.text() == "" else _form_id(node)


def _form_id(node: Node) -> str:
    """A self-evaluation form's id, refused (with its place) unless templates/self_eval/
    has it; whether it is a form of the right kind is checked where it is printed."""
    form_id = checked_id_at(node)
    try:
        layout_file("self_eval", form_id, "自评版式")
    except EditionError as exc:
        raise node.error(str(exc)) from None
    return form_id


def _line_key(node: Node) -> str:
    from desktop.core.derive import LINE_KEYS  # derive reads the catalog, not editions

    key = node.text()
    if key not in LINE_KEYS:
        raise node.error(f"「{key}」不是报表中的合计数（可用：{'、'.join(LINE_KEYS)}）")
    return key


_LEVELS: tuple[int, ...] = (3, 5, 7)  # code lengths of 类, 款, 项
_ECON_COLUMNS = ("total", "basic")


class _Tables:
    """Reads the tables of an edition, checking every binding against the derived figures."""

    def __init__(self, language: Language) -> None:
        self.header = Parser(language)
        self.rows = Parser(language, row_style=Style.BODY)
        self.language = language

    def table(self, node: Node) -> TableSpec:
        f = node.fields(
            ("number", "title", "role", "header", "body", "widths"),
            ("note", "landscape", "org_label", "unit_label", "zero", "empty_note", "wan_note"),
        )
        widths = tuple(w.width() for w in f["widths"].items(nonempty=True))
        body = self.body(f["body"], len(widths))
        return TableSpec(
            number=f["number"].text(),
            title=f["title"].text(),
            header=self.header.blocks(f["header"]),
            body=body,
            widths=widths,
            role=_role(f["role"]),
            note=optional(f, "note", Node.text, ""),
            landscape=optional(f, "landscape", Node.flag, False),
            org_label=optional(f, "org_label", Node.text, ""),
            unit_label=optional(f, "unit_label", Node.text, ""),
            zero=optional(f, "zero", _zero, None),
            empty_note=optional(f, "empty_note", Node.text, None),
            wan_note=optional(f, "wan_note", Node.text, None),
        )

    def body(self, node: Node, n_cols: int) -> Body:
        what = node.required("kind").choice(("rows", "listing", "econ"))
        if what == "rows":
            return RowsBody(self.rows.blocks(node.fields(("kind", "rows"))["rows"]))
        if what == "listing":
            return self.listing(node, n_cols)
        return self.econ(node, n_cols)

    def listing(self, node: Node, n_cols: int) -> ListingBody:
        f = node.fields(("kind", "columns"), ("show_if", "total_label", "levels"))
        columns = self.line_keys(f["columns"])
        if 2 + len(columns) != n_cols:
            raise f["columns"].error(
                f"编码、名称两列加 {len(columns)} 列数字，与 widths 的 {n_cols} 列不符"
            )
        levels = optional(f, "levels", lambda n: tuple(i.integer() for i in n.items()), _LEVELS)
        for i, level in enumerate(levels):
            if level not in _LEVELS:
                raise f["levels"].at(i).error(f"科目级次应为 3、5 或 7 位，而不是 {level}")
        return ListingBody(
            columns=columns,
            show_if=optional(f, "show_if", self.line_keys, columns[:1]),
            total_label=optional(f, "total_label", Node.text, "合计"),
            levels=levels,
        )

    def line_keys(self, node: Node) -> tuple[str, ...]:
        keys = node.texts(nonempty=True)
        for i, key in enumerate(keys):
            if self.language.kind_of("line", f":{key}") is None:
                raise node.at(i).error(f"「{key}」不是科目行的数字（如 spending.total）")
        return keys

    def econ(self, node: Node, n_cols: int) -> EconBody:
        f = node.fields(("kind", "groups", "columns", "footer"), ("dash",))
        columns = f["columns"].texts(nonempty=True)
        for i, col in enumerate(columns):
            if col not in _ECON_COLUMNS:
                raise f["columns"].at(i).error(f"「{col}」不是允许的取值（total、basic）")
        groups = tuple(self.econ_codes(g) for g in f["groups"].items(nonempty=True))
        listed = [code for group in groups for code in group]
        for code in listed:
            if listed.count(code) > 1:
                raise f["groups"].error(f"经济分类科目「{code}」列了不止一次")
        if len(groups) * (2 + len(columns)) != n_cols:
            per = f"编码、名称加 {len(columns)} 列数字"
            raise f["groups"].error(f"{len(groups)} 组 ×（{per}）与 widths 的 {n_cols} 列不符")
        # 人员经费合计 under the first group, 公用经费合计 across the others (tables._econ_footer)
        footer = tuple(self.footer(n, columns) for n in f["footer"].items())
        if len(footer) != 2 or len(groups) < 2:
            raise f["footer"].error("应有两组以上，和两行合计（人员经费合计、公用经费合计）")
        return EconBody(
            groups=groups,
            columns=columns,
            dash=optional(f, "dash", self.econ_codes, ()),
            footer=footer,
        )

    def econ_codes(self, node: Node) -> tuple[str, ...]:
        codes = node.texts()
        known = catalog.economic()
        for i, code in enumerate(codes):
            if code not in known:
                raise node.at(i).error(f"「{code}」不是经济分类科目编码")
        return codes

    def footer(self, node: Node, columns: tuple[str, ...]) -> tuple[str, str]:
        pair = node.texts()
        if len(pair) != 2:
            raise node.error('合计行应写成 [文字, 经济分类合计]，如 ["人员经费合计", "personnel"]')
        for col in columns:
            if self.language.kind_of("econ", f"{pair[1]}:{col}") is None:
                raise node.at(1).error(f"「{pair[1]}」不是经济分类合计（personnel、public）")
        return pair[0], pair[1]
