"""Self-evaluation attachments as grids: one sheet per project, then the unit's own.

    Report ──evaluate()──> Evaluation ──┐
    templates/self_eval/<form>.json ────┴──self_eval_grids──> [Grid] ──> Excel · PDF · preview

The layouts are data. An edition names two forms (`Edition.self_eval`): the one printed for
each project (``project-table``: the one-page 项目支出绩效自评表 of 大同 2024;
``project-report``: the long 项目支出绩效自评分析报告 of 晋城 2022) and the one for the
部门（单位）整体支出绩效自评 (``overall-table``). A form file holds the title, the column
widths, the rows with their spans and wording, and names every figure with a binding; this
module only interprets it (the format is described in templates/self_eval/README.md):

* a row is a list of cells, as in an edition's table header: ``"text"`` or
  ``{"text", "cols", "rows"}`` for a heading cell, ``{"value": "<binding>"}`` for a figure
  or a typed text, ``null`` for an empty cell;
* ``{"side": cell, "blocks": [...]}`` puts a cell left of the rows the blocks produce,
  spanning all of them (资金 block, 绩效指标, 项目绩效分析);
* ``{"each": "funding" | "indicators", "rows": [...]}`` repeats its rows per 资金来源 or per
  三级指标; a cell with ``"merge": true`` spans down over equal neighbours (一级/二级指标);
* ``{"heading": …}`` and ``{"paragraphs": …, "default": …}`` are the unboxed text rows of a
  long-form report; ``"when": "<binding>"`` keeps a block only when that figure is present.

Wording (titles, headings, the 结论 sentence) is a Jinja2 string that prints the same figures:
``{{ score.total }}`` is the binding ``score:total`` formatted for prose.

Every computed figure (资金总额, 结转结余, 执行率, 执行得分, 得分 used, 总分, 等级) comes
from `evaluate()`; a typed 得分 is printed as typed, since the workbook is what is published.
Amounts follow the report's unit. In 万元 a figure keeps a third decimal when it has one
(17.284, as the 自评表 prints it): rounded to 2, 1.782 − 1.465 and 82.22% would no longer agree
with the printed figures beside them. Scores and 执行率 have 2 decimals.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from desktop.core.editions import EditionError, checked_id, load_edition
from desktop.core.grid import Align, Cell, Grid, Style
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, UnitSelfEval
from desktop.core.money import CENT, WAN, AmountUnit, Money, nz, ratio
from desktop.core.paths import template
from desktop.core.self_eval import (
    HUNDRED,
    Evaluation,
    IndicatorResult,
    evaluate,
    format_points,
    rate_score,
)
from desktop.core.tables import BindingError, _Sheet

MILLI = Decimal("0.001")
NO_RATE = "—"  # what the bundled forms print for the 执行率 of a project without 全年预算数

# A paragraph longer than this is split at a sentence end: a sheet row cannot break across
# pages and Excel caps a row at 409 points.
PARAGRAPH_CHARS = 1000
_SUBHEADING = re.compile(r"^(（[一二三四五六七八九十]+）|（\d+）|\d+[.、])")
_STOPS = ("。", "；", ";", "！", "？")
_SENTENCE_END = re.compile(r"(?<=[。；;！？])")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\：]")


# ---------------------------------------------------------------- figures as printed


@dataclass(frozen=True)
class _Format:
    unit: AmountUnit
    year: int

    def money(self, value: Money) -> Decimal | None:
        """An amount in the report's unit; 万元 keeps a third decimal when it has one."""
        if value is None:
            return None
        if self.unit == "元":
            return value.quantize(CENT, rounding=ROUND_HALF_UP)
        milli = (value / WAN).quantize(MILLI, rounding=ROUND_HALF_UP)
        cents = milli.quantize(CENT)
        return cents if cents == milli else milli


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def _line_rate(line: FundingLine) -> Decimal | None:
    return ratio(nz(line.executed), line.full_year) if line.full_year else None


def _carryover(full_year: Money, executed: Money) -> Money:
    return None if full_year is None else full_year - nz(executed)


# ---------------------------------------------------------------- the binding vocabulary


class Kind(StrEnum):
    """How a bound figure prints: in a cell and in wording."""

    TEXT = "text"  # typed text: stripped, blank prints nothing
    MONEY = "money"  # an amount in the report's unit (3rd 万元 decimal kept)
    POINTS = "points"  # a score, 2 decimals
    RATE = "rate"  # 执行率 %, 2 decimals; None has no value (the cell's "missing" mark)
    COUNT = "count"  # an integer


@dataclass(frozen=True)
class _Scope:
    """What the bindings of one grid can see; `source`/`indicator` inside an ``each``."""

    report: Report
    fmt: _Format
    number: int  # 附件 number
    form: str  # "project" or "overall"
    project: SelfEval | None = None
    evaluation: Evaluation | None = None
    overall: UnitSelfEval | None = None
    indicators: tuple[Indicator, ...] = ()
    results: tuple[IndicatorResult, ...] = ()
    source: FundingLine | None = None
    indicator: tuple[Indicator, IndicatorResult] | None = None

    @property
    def namespaces(self) -> frozenset[str]:
        names = SCOPES[self.form]
        if self.source is not None:
            names |= {"source"}
        if self.indicator is not None:
            names |= {"indicator"}
        return names


def _p(s: _Scope) -> SelfEval:
    assert s.project is not None
    return s.project


def _e(s: _Scope) -> Evaluation:
    assert s.evaluation is not None
    return s.evaluation


def _o(s: _Scope) -> UnitSelfEval:
    assert s.overall is not None
    return s.overall


def _line(s: _Scope) -> FundingLine:
    assert s.source is not None
    return s.source


def _ind(s: _Scope) -> tuple[Indicator, IndicatorResult]:
    assert s.indicator is not None
    return s.indicator


def _field(get: Callable[[_Scope], object], name: str) -> Callable[[_Scope], object]:
    return lambda s: getattr(get(s), name)


_PROJECT_FIELDS = ("name", "department", "unit", "goal", "achieved")
_PROJECT_TEXTS = (
    "implementation",
    "output",
    "benefit",
    "satisfaction",
    "experience",
    "problems",
    "improvements",
    "basic_info",
)
_AMOUNTS = ("declared", "budgeted", "full_year", "executed")
_INDICATOR_TEXTS = (
    "level1",
    "level2",
    "level3",
    "initial_value",
    "target",
    "actual",
    "qualitative_note",
    "deviation",
)

Binding = tuple[Kind, Callable[[_Scope], object]]

# namespace → field → (kind, getter). `ns:field` names a figure in a cell; `{{ ns.field }}`
# prints it in wording. This table is the whole vocabulary (templates/self_eval/README.md).
VOCABULARY: dict[str, dict[str, Binding]] = {
    "report": {
        "name": (Kind.TEXT, lambda s: s.report.unit.name),
        "amount_unit": (Kind.TEXT, lambda s: s.fmt.unit),
        "year": (Kind.COUNT, lambda s: s.fmt.year),
    },
    "attachment": {"number": (Kind.COUNT, lambda s: s.number)},
    "project": {
        **{f: (Kind.TEXT, _field(_p, f)) for f in _PROJECT_FIELDS},
        **{f: (Kind.TEXT, _field(lambda s: _p(s).texts, f)) for f in _PROJECT_TEXTS},
    },
    "funding": {
        **{f: (Kind.MONEY, _field(_e, f)) for f in (*_AMOUNTS, "carryover")},
        "rate": (Kind.RATE, lambda s: _e(s).rate),
        # No 全年预算数, no 执行得分 to earn: the 总分 counts it as 0, and so does the cell.
        "rate_score": (Kind.POINTS, lambda s: nz(_e(s).rate_score)),
    },
    "score": {
        "full": (Kind.POINTS, lambda s: HUNDRED),
        "indicator_total": (Kind.POINTS, lambda s: _e(s).indicator_total),
        "total": (Kind.POINTS, lambda s: _e(s).total),
        "grade": (Kind.TEXT, lambda s: g.value if (g := _e(s).grade) is not None else None),
    },
    "indicators": {
        "count": (Kind.COUNT, lambda s: len(s.indicators)),
        "weight_total": (
            Kind.POINTS,
            lambda s: sum((i.weight for i in s.indicators), Decimal(0)),
        ),
    },
    "source": {
        "source": (Kind.TEXT, _field(_line, "source")),
        "note": (Kind.TEXT, _field(_line, "note")),
        **{f: (Kind.MONEY, _field(_line, f)) for f in _AMOUNTS},
        "carryover": (Kind.MONEY, lambda s: _carryover(_line(s).full_year, _line(s).executed)),
        "rate": (Kind.RATE, lambda s: _line_rate(_line(s))),
        "rate_score": (
            Kind.POINTS,
            lambda s: rate_score(r) if (r := _line_rate(_line(s))) is not None else Decimal(0),
        ),
    },
    "indicator": {
        **{f: (Kind.TEXT, _field(lambda s: _ind(s)[0], f)) for f in _INDICATOR_TEXTS},
        "weight": (Kind.POINTS, lambda s: _ind(s)[0].weight),
        "score": (Kind.POINTS, lambda s: _ind(s)[1].used),  # as typed, else the proposal
    },
    "overall": {
        "budget_total": (Kind.MONEY, _field(_o, "budget_total")),
        "executed_total": (Kind.MONEY, _field(_o, "executed_total")),
        "rate": (Kind.RATE, lambda s: ratio(_o(s).executed_total, _o(s).budget_total)),
        "score": (Kind.POINTS, _field(_o, "declared_score")),
        **{f: (Kind.TEXT, _field(_o, f)) for f in ("duties_goal", "main_tasks", "summary")},
    },
}

# The namespaces a form of each kind sees; ``each`` adds its own.
SCOPES: dict[str, frozenset[str]] = {
    "project": frozenset({"report", "attachment", "project", "funding", "score", "indicators"}),
    "overall": frozenset({"report", "attachment", "overall", "indicators"}),
}
# each → (the namespace it adds, the form kinds it is allowed in)
EACH: dict[str, tuple[str, frozenset[str]]] = {
    "funding": ("source", frozenset({"project"})),
    "indicators": ("indicator", frozenset({"project", "overall"})),
}


def resolve(binding: str, scope: _Scope) -> tuple[Kind, object]:
    """The kind and raw value of a ``namespace:field`` binding in `scope`."""
    ns, _, name = binding.partition(":")
    if ns not in scope.namespaces or name not in VOCABULARY[ns]:
        raise BindingError(f"自评版式引用了不存在的数字「{binding}」")
    kind, get = VOCABULARY[ns][name]
    return kind, get(scope)


def _prose(kind: Kind, value: object, fmt: _Format) -> str | None:
    """A figure as wording prints it; None when there is none."""
    if value is None:
        return None
    if kind is Kind.MONEY:
        assert isinstance(value, Decimal)
        return Cell(fmt.money(value)).text
    if kind in (Kind.POINTS, Kind.RATE):
        assert isinstance(value, Decimal)
        return format_points(value)
    return str(value)


def _present(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int):
        return value != 0
    return value is not None


# ---------------------------------------------------------------- wording (Jinja2)


def _finalize(value: Any) -> Any:
    # Bindings reach wording as formatted strings; anything else (None, a namespace)
    # would print as "None" or an object's repr.
    if not isinstance(value, str):
        raise BindingError(f"自评版式的文字输出了未格式化的值：{value!r}")
    return value


_ENV = jinja2.Environment(
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    finalize=_finalize,
    keep_trailing_newline=True,
)


class _Names:
    """One namespace in wording: ``{{ score.total }}`` is the binding ``score:total``."""

    def __init__(self, namespace: str, scope: _Scope) -> None:
        self._namespace = namespace
        self._scope = scope

    def __getattr__(self, name: str) -> str | None:
        if name.startswith("_") or name not in VOCABULARY[self._namespace]:
            raise AttributeError(name)
        kind, value = resolve(f"{self._namespace}:{name}", self._scope)
        return _prose(kind, value, self._scope.fmt)


@dataclass(frozen=True)
class Wording:
    source: str
    compiled: jinja2.Template | None = None  # None: plain text, printed as written

    def render(self, scope: _Scope) -> str:
        if self.compiled is None:
            return self.source
        names = {ns: _Names(ns, scope) for ns in scope.namespaces}
        try:
            return self.compiled.render(names)
        except jinja2.UndefinedError as exc:
            raise BindingError(f"自评版式的文字「{self.source}」有误：{exc.message}") from None


# ---------------------------------------------------------------- the form model


@dataclass(frozen=True)
class Text:
    """A written cell: a column heading by default (bold, centred)."""

    text: Wording
    cols: int = 1
    rows: int = 1
    style: Style | None = None  # None: the row's style, else HEADER
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Value:
    """A cell bound to a figure or a typed text."""

    binding: str
    kind: Kind
    cols: int = 1
    rows: int = 1
    style: Style | None = None  # None: the row's style, else BODY
    align: Align | None = None  # None: text left, figures right
    merge: bool = False  # span down over equal neighbours within an ``each``
    missing: str | None = None  # printed (centred) when there is no figure


@dataclass(frozen=True)
class Blank:
    style: Style | None = None


FormCell = Text | Value | Blank


@dataclass(frozen=True)
class RowBlock:
    cells: tuple[FormCell, ...]
    style: Style | None = None
    when: str = ""


@dataclass(frozen=True)
class GroupBlock:
    side: FormCell | None
    blocks: tuple[Block, ...]
    when: str = ""


@dataclass(frozen=True)
class EachBlock:
    each: str  # funding / indicators
    rows: tuple[Block, ...]
    when: str = ""


@dataclass(frozen=True)
class HeadingBlock:
    text: Wording
    when: str = ""


@dataclass(frozen=True)
class ParagraphsBlock:
    text: Wording
    default: Wording | None = None
    when: str = ""


Block = RowBlock | GroupBlock | EachBlock | HeadingBlock | ParagraphsBlock


@dataclass(frozen=True)
class Form:
    id: str
    kind: str  # project / overall
    name: str
    title: Wording
    label: Wording  # 附件N, above the table's right edge
    sheet: Wording  # the workbook tab, after the label
    year_label: Wording
    widths: tuple[float, ...]
    landscape: bool
    note: Wording
    body: tuple[Block, ...]

    def bindings(self) -> Iterator[str]:
        """Every binding a cell or a ``when`` names (wording is checked when parsed)."""
        yield from _block_bindings(self.body)


def _block_bindings(blocks: Sequence[Block]) -> Iterator[str]:
    for b in blocks:
        if b.when:
            yield b.when
        if isinstance(b, RowBlock):
            yield from (c.binding for c in b.cells if isinstance(c, Value))
        elif isinstance(b, GroupBlock):
            if isinstance(b.side, Value):
                yield b.side.binding
            yield from _block_bindings(b.blocks)
        elif isinstance(b, EachBlock):
            yield from _block_bindings(b.rows)


# ---------------------------------------------------------------- reading a form file


def form_ids() -> list[str]:
    return sorted(p.name.removesuffix(".json") for p in template("self_eval").glob("*.json"))


@cache
def load_form(form_id: str) -> Form:
    path = template("self_eval", f"{checked_id(form_id)}.json")
    if not path.is_file():
        known = "、".join(form_ids())
        raise EditionError(f"找不到自评版式「{form_id}」（templates/self_eval/ 中有：{known}）")
    return parse_form(json.loads(path.read_text(encoding="utf-8")), form_id, path)


def parse_form(data: dict[str, Any], form_id: str, path: Path | None = None) -> Form:
    where = str(path) if path else f"「{form_id}」"
    try:
        return _Parser(data["form"]).form(data, form_id)
    except (KeyError, TypeError, ValueError, BindingError) as exc:
        raise EditionError(f"自评版式 {where} 有误：{exc}") from None


class _Parser:
    """Reads a form and checks every binding against the namespaces its place can see."""

    def __init__(self, kind: str) -> None:
        if kind not in SCOPES:
            raise ValueError(f"form 应为 {'/'.join(SCOPES)}，而不是 {kind!r}")
        self.kind = kind

    def form(self, raw: dict[str, Any], form_id: str) -> Form:
        top = SCOPES[self.kind]
        note = raw.get("note", "")
        widths = tuple(float(w) for w in raw["widths"])
        if not widths:
            raise ValueError("widths 不能为空")
        return Form(
            id=form_id,
            kind=self.kind,
            name=raw.get("name", form_id),
            title=self.wording(raw["title"], top),
            label=self.wording(raw["label"], top),
            sheet=self.wording(raw["sheet"], top),
            year_label=self.wording(raw.get("year_label", ""), top),
            widths=widths,
            landscape=bool(raw.get("landscape", False)),
            note=self.wording("\n".join(note) if isinstance(note, list) else note, top),
            body=self.blocks(raw["body"], top),
        )

    def wording(self, source: str, names: frozenset[str]) -> Wording:
        if not isinstance(source, str):
            raise TypeError(f"文字应为字符串：{source!r}")
        if not any(mark in source for mark in ("{{", "{%", "{#")):
            return Wording(source)
        try:
            tree = _ENV.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise ValueError(f"「{source}」语法错误：{exc.message}") from None
        for name in tree.find_all(nodes.Name):
            if name.name not in names:
                raise BindingError(f"「{source}」引用了此处没有的「{name.name}」")
        for attr in tree.find_all(nodes.Getattr):
            if isinstance(attr.node, nodes.Name):
                self.binding(f"{attr.node.name}:{attr.attr}", names)
        return Wording(source, _ENV.from_string(source))

    def binding(self, binding: str, names: frozenset[str]) -> Kind:
        ns, _, name = binding.partition(":")
        if ns not in names or name not in VOCABULARY.get(ns, {}):
            raise BindingError(f"引用了此处没有的数字「{binding}」")
        return VOCABULARY[ns][name][0]

    def blocks(self, raw: list[Any], names: frozenset[str]) -> tuple[Block, ...]:
        return tuple(self.block(b, names) for b in raw)

    def block(self, raw: Any, names: frozenset[str]) -> Block:
        if isinstance(raw, list):
            return RowBlock(tuple(self.cell(c, names) for c in raw))
        when = raw.get("when", "")
        if when:
            self.binding(when, names)
        if "cells" in raw:
            style = Style(raw["style"]) if "style" in raw else None
            return RowBlock(tuple(self.cell(c, names) for c in raw["cells"]), style, when)
        if "blocks" in raw:
            side = self.cell(raw["side"], names) if "side" in raw else None
            return GroupBlock(side, self.blocks(raw["blocks"], names), when)
        if "each" in raw:
            return self.each(raw, names, when)
        if "heading" in raw:
            return HeadingBlock(self.wording(raw["heading"], names), when)
        if "paragraphs" in raw:
            default = raw.get("default")
            return ParagraphsBlock(
                self.wording(raw["paragraphs"], names),
                None if default is None else self.wording(default, names),
                when,
            )
        raise ValueError(f"不认识的块：{raw!r}")

    def each(self, raw: dict[str, Any], names: frozenset[str], when: str) -> EachBlock:
        what = raw["each"]
        if what not in EACH or self.kind not in EACH[what][1]:
            raise ValueError(f"不能在 {self.kind} 版式中逐项列出 {what!r}")
        rows = self.blocks(raw["rows"], names | {EACH[what][0]})
        merged = any(
            isinstance(c, Value) and c.merge
            for b in rows
            if isinstance(b, RowBlock)
            for c in b.cells
        )
        if merged and (len(rows) != 1 or not isinstance(rows[0], RowBlock) or rows[0].when):
            raise ValueError("含 merge 单元格的 each 只能有一行（且不带 when）")
        return EachBlock(what, rows, when)

    def cell(self, raw: Any, names: frozenset[str]) -> FormCell:
        if raw is None:
            return Blank()
        if isinstance(raw, str):
            return Text(self.wording(raw, names))
        style = Style(raw["style"]) if "style" in raw else None
        span = {"cols": int(raw.get("cols", 1)), "rows": int(raw.get("rows", 1))}
        if span["cols"] < 1 or span["rows"] < 1:
            raise ValueError(f"单元格跨度应至少为 1：{raw!r}")
        if "value" in raw:
            binding = raw["value"]
            return Value(
                binding,
                self.binding(binding, names),
                style=style,
                align=Align(raw["align"]) if "align" in raw else None,
                merge=bool(raw.get("merge", False)),
                missing=raw.get("missing"),
                **span,
            )
        if "text" in raw:
            align = Align(raw.get("align", Align.CENTER))
            return Text(self.wording(raw["text"], names), style=style, align=align, **span)
        if raw.get("blank"):
            return Blank(style)
        raise ValueError(f"不认识的单元格：{raw!r}")


# ---------------------------------------------------------------- filling a form

Item = tuple[Cell, int, int]  # a cell and its column/row span, as `_Sheet.add_row` takes them


class _Filler:
    def __init__(self, form: Form) -> None:
        self.form = form
        self.n_cols = len(form.widths)

    def grid(self, scope: _Scope) -> Grid:
        form = self.form
        sheet = _Sheet(self.n_cols)
        for items in self.blocks(form.body, scope):
            sheet.add_row(items)
        for r, taken in enumerate(sheet.taken):
            if not all(taken):
                raise BindingError(f"自评版式「{form.id}」第 {r + 1} 行没有填满 {self.n_cols} 列")
        label = form.label.render(scope)
        name = form.sheet.render(scope)
        # Excel: at most 31 characters, none of []:*?/\, and no apostrophe at the end.
        tab = f"{label} {_SHEET_FORBIDDEN.sub('_', name)}"[:31].rstrip(" '")
        return Grid(
            number=label,
            title=form.title.render(scope),
            org_label="",
            year_label=form.year_label.render(scope),
            unit_label="",
            cells=tuple(tuple(r) for r in sheet.cells),
            merges=tuple(sheet.merges),
            header_rows=0,
            widths=_fit_widths(form.widths, sheet),
            note=form.note.render(scope),
            no_data=False,
            landscape=form.landscape,
            label=label,
            sheet=tab,
        )

    def blocks(self, blocks: Sequence[Block], scope: _Scope) -> list[list[Item]]:
        rows: list[list[Item]] = []
        for b in blocks:
            if b.when and not _present(resolve(b.when, scope)[1]):
                continue
            if isinstance(b, RowBlock):
                rows.append([self.cell(c, scope, b.style) for c in b.cells])
            elif isinstance(b, GroupBlock):
                inner = self.blocks(b.blocks, scope)
                if b.side is not None and inner:
                    cell, cols, _rows = self.cell(b.side, scope, None)
                    inner[0].insert(0, (cell, cols, len(inner)))
                rows += inner
            elif isinstance(b, EachBlock):
                rows += self.each(b, scope)
            elif isinstance(b, HeadingBlock):
                rows.append(self.heading(b.text.render(scope)))
            else:
                text = b.text.render(scope)
                if not text.strip() and b.default is not None:
                    text = b.default.render(scope)
                if text.strip():
                    rows += self.paragraphs(text)
        return rows

    def each(self, b: EachBlock, scope: _Scope) -> list[list[Item]]:
        if b.each == "funding":
            scopes = [dataclasses.replace(scope, source=line) for line in _p(scope).funding]
        else:
            pairs = zip(scope.indicators, scope.results, strict=True)
            scopes = [dataclasses.replace(scope, indicator=pair) for pair in pairs]
        first = b.rows[0] if b.rows else None
        if isinstance(first, RowBlock) and any(
            isinstance(c, Value) and c.merge for c in first.cells
        ):
            return self.merged_rows(first, scopes)  # the parser allows merges in one row only
        return [row for s in scopes for row in self.blocks(b.rows, s)]

    def merged_rows(self, row: RowBlock, scopes: Sequence[_Scope]) -> list[list[Item]]:
        """One row per item; a merged cell spans down over the run of items that share its
        value and the values of the merged cells left of it (二级指标 within 一级指标)."""
        merged = [c for c in row.cells if isinstance(c, Value) and c.merge]
        values = [[resolve(c.binding, s)[1] for c in merged] for s in scopes]
        spans = [dict(_runs([tuple(v[: k + 1]) for v in values])) for k in range(len(merged))]
        rows: list[list[Item]] = []
        for i, s in enumerate(scopes):
            items: list[Item] = []
            for c in row.cells:
                if isinstance(c, Value) and c.merge:
                    run = spans[merged.index(c)].get(i)
                    if run is None:
                        continue  # covered by the cell spanning down from above
                    cell, cols, _ = self.cell(c, s, row.style)
                    items.append((cell, cols, run))
                else:
                    items.append(self.cell(c, s, row.style))
            rows.append(items)
        return rows

    def cell(self, c: FormCell, scope: _Scope, row_style: Style | None) -> Item:
        if isinstance(c, Blank):
            return Cell(None, c.style or row_style or Style.BODY), 1, 1
        if isinstance(c, Text):
            text = c.text.render(scope)
            style = c.style or row_style or Style.HEADER
            return Cell(text or None, style, c.align), c.cols, c.rows
        style = c.style or row_style or Style.BODY
        kind, value = resolve(c.binding, scope)
        if value is None and c.missing is not None:
            return Cell(c.missing, style, Align.CENTER), c.cols, c.rows
        if kind is Kind.TEXT:
            text = str(value).strip() if value is not None else ""
            return Cell(text or None, style, c.align or Align.LEFT), c.cols, c.rows
        printed: Decimal | int | None
        if kind is Kind.MONEY:
            assert value is None or isinstance(value, Decimal)
            printed = scope.fmt.money(value)
        elif kind is Kind.COUNT:
            assert value is None or isinstance(value, int)
            printed = value
        else:
            assert value is None or isinstance(value, Decimal)
            printed = _points(value)
        return Cell(printed, style, c.align or Align.RIGHT), c.cols, c.rows

    def heading(self, text: str) -> list[Item]:
        return [(Cell(text, Style.HEADING), self.n_cols, 1)]

    def paragraphs(self, text: str) -> list[list[Item]]:
        """One row per paragraph (long ones split at a sentence end), first line indented;
        a short numbered line such as 「（一）项目概况」 reads as a sub-heading."""
        rows: list[list[Item]] = []
        for line in (p.strip() for p in text.splitlines()):
            if not line:
                continue
            if _SUBHEADING.match(line) and len(line) <= 20 and not line.endswith(_STOPS):
                rows.append(self.heading(line))
                continue
            for i, chunk in enumerate(_chunks(line)):
                indent = "" if i else "　　"  # a continued paragraph is not indented again
                rows.append([(Cell(indent + chunk, Style.TEXT), self.n_cols, 1)])
        return rows


def _runs(values: Sequence[object]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of equal consecutive values."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            yield start, i - start
            start = i


def _chunks(paragraph: str) -> Iterator[str]:
    if len(paragraph) <= PARAGRAPH_CHARS:
        yield paragraph
        return
    chunk = ""
    for sentence in _SENTENCE_END.split(paragraph):
        if chunk and len(chunk) + len(sentence) > PARAGRAPH_CHARS:
            yield chunk
            chunk = ""
        chunk += sentence
        while len(chunk) > PARAGRAPH_CHARS:  # one sentence longer than a row holds
            yield chunk[:PARAGRAPH_CHARS]
            chunk = chunk[PARAGRAPH_CHARS:]
    if chunk:
        yield chunk


def _fit_widths(widths: tuple[float, ...], sheet: _Sheet) -> tuple[float, ...]:
    """Widen a column so the longest figure in its own (unmerged) cells fits: 元 figures
    of a large project are longer than the layout's widths, which suit 万元."""
    merged = {(m.row, m.col) for m in sheet.merges if m.cols > 1}
    out = list(widths)
    for r, row in enumerate(sheet.cells):
        for c, cell in enumerate(row):
            if cell.is_amount and (r, c) not in merged:
                out[c] = max(out[c], len(cell.text) * 1.15 + 1.5)
    return tuple(out)


# ---------------------------------------------------------------- entry point


def form_for(form_id: str, kind: str) -> Form:
    """The form `form_id`, refused unless it is a form of `kind` (project / overall)."""
    form = load_form(form_id)
    if form.kind != kind:
        raise EditionError(f"自评版式「{form_id}」是 {form.kind} 版式，不能用作 {kind} 版式")
    return form


def self_eval_grids(report: Report, unit: AmountUnit | None = None) -> list[Grid]:
    """附件1… : one grid per project in the edition's form, then the unit's self-evaluation.

    `unit` overrides the report's amount unit (as `tables.build_tables` does)."""
    forms = load_edition(report.unit.edition).self_eval
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    fmt = _Format(chosen, report.unit.year)
    grids: list[Grid] = []
    if report.self_evals:
        filler = _Filler(form_for(forms.project, "project"))
        for number, project in enumerate(report.self_evals, start=1):
            e = evaluate(project)
            scope = _Scope(
                report,
                fmt,
                number,
                "project",
                project=project,
                evaluation=e,
                indicators=project.indicators,
                results=e.indicators,
            )
            grids.append(filler.grid(scope))
    overall = report.unit_self_eval
    if overall is not None:
        scored = evaluate(SelfEval(name="", indicators=overall.indicators)).indicators
        scope = _Scope(
            report,
            fmt,
            len(grids) + 1,
            "overall",
            overall=overall,
            indicators=overall.indicators,
            results=scored,
        )
        grids.append(_Filler(form_for(forms.overall, "overall")).grid(scope))
    return grids


__all__ = [
    "EACH",
    "NO_RATE",
    "SCOPES",
    "VOCABULARY",
    "Form",
    "Kind",
    "form_for",
    "form_ids",
    "load_form",
    "parse_form",
    "self_eval_grids",
]
