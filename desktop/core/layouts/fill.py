"""Filling a layout: its blocks, read against one scope of figures, become rows of cells.

    (Block, …) + Scope ──Filler.rows──> [[(Cell, cols, rows), …], …] ──Sheet.add_row──> cells

The scope is what the bindings of one grid see (the report's derived figures for a 公开
table; one project and its evaluation for a 自评表): it resolves a binding, lists the items
an ``each`` repeats over, and prints a figure the way its document prints it — a 公开 table
leaves a zero blank, a 自评表 prints 0.00 and keeps a third 万元 decimal. The rest is the
same for every layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

import jinja2

from desktop.core.errors import BindingError
from desktop.core.grid import Align, Cell, Style
from desktop.core.layouts.grammar import (
    Blank,
    Block,
    EachBlock,
    GroupBlock,
    HeadingBlock,
    Kind,
    LayoutCell,
    ParagraphsBlock,
    RowBlock,
    Text,
    Value,
    Wording,
    has_merges,
)
from desktop.core.layouts.sheet import Item

# A paragraph longer than this is split at a sentence end: a sheet row cannot break across
# pages and Excel caps a row at 409 points.
PARAGRAPH_CHARS = 1000
_SUBHEADING = re.compile(r"^(（[一二三四五六七八九十]+）|（\d+）|\d+[.、])")
_STOPS = ("。", "；", ";", "！", "？")
_SENTENCE_END = re.compile(r"(?<=[。；;！？])")


class Scope(Protocol):
    """What the bindings of one grid (or of one item of an ``each``) see."""

    @property
    def namespaces(self) -> frozenset[str]: ...

    def resolve(self, binding: str) -> tuple[Kind, object]:
        """The kind and raw value of a binding; `BindingError` if there is no such figure."""
        ...

    def each(self, what: str) -> Sequence[Scope]:
        """One scope per item an ``each: what`` repeats its rows for."""
        ...

    def printed(self, kind: Kind, value: object) -> Decimal | int | None:
        """A figure (not a text) as its cell holds it; None prints blank."""
        ...

    def prose(self, kind: Kind, value: object) -> str | None:
        """A figure as wording prints it; None when there is none."""
        ...


class _Names:
    """One namespace in wording: ``{{ score.total }}`` is the binding ``score:total``."""

    def __init__(self, namespace: str, scope: Scope) -> None:
        self._namespace = namespace
        self._scope = scope

    def __getattr__(self, name: str) -> str | None:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            kind, value = self._scope.resolve(f"{self._namespace}:{name}")
        except BindingError:
            raise AttributeError(name) from None
        return self._scope.prose(kind, value)


def render(wording: Wording, scope: Scope) -> str:
    if wording.compiled is None:
        return wording.source
    names = {ns: _Names(ns, scope) for ns in scope.namespaces}
    try:
        return wording.compiled.render(names)
    except jinja2.UndefinedError as exc:
        raise BindingError(f"版式的文字「{wording.source}」有误：{exc.message}") from None


def present(value: object) -> bool:
    """Whether a ``when`` keeps its block: text not blank, a count not 0, a figure given."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int):
        return value != 0
    return value is not None


class Filler:
    """Turns blocks into rows of (cell, column span, row span) for a sheet `n_cols` wide."""

    def __init__(self, n_cols: int) -> None:
        self.n_cols = n_cols

    def rows(self, blocks: Sequence[Block], scope: Scope) -> list[list[Item]]:
        rows: list[list[Item]] = []
        for b in blocks:
            if b.when and not present(scope.resolve(b.when)[1]):
                continue
            if isinstance(b, RowBlock):
                rows.append([self.cell(c, scope, b.style) for c in b.cells])
            elif isinstance(b, GroupBlock):
                rows += self.group(b, scope)
            elif isinstance(b, EachBlock):
                rows += self.each(b, scope)
            elif isinstance(b, HeadingBlock):
                rows.append(self.heading(render(b.text, scope)))
            else:
                rows += self.prose(b, scope)
        return rows

    def prose(self, b: ParagraphsBlock, scope: Scope) -> list[list[Item]]:
        text = render(b.text, scope)
        if not text.strip() and b.default is not None:
            text = render(b.default, scope)
        return self.paragraphs(text) if text.strip() else []

    def group(self, b: GroupBlock, scope: Scope) -> list[list[Item]]:
        inner = self.rows(b.blocks, scope)
        if b.side is not None and inner:
            cell, cols, _rows = self.cell(b.side, scope, None)
            inner[0].insert(0, (cell, cols, len(inner)))
        return inner

    def each(self, b: EachBlock, scope: Scope) -> list[list[Item]]:
        scopes = scope.each(b.each)
        first = b.rows[0] if b.rows else None
        if isinstance(first, RowBlock) and has_merges(first):
            return self.merged_rows(first, scopes)  # the parser allows merges in one row only
        return [row for s in scopes for row in self.rows(b.rows, s)]

    def merged_rows(self, row: RowBlock, scopes: Sequence[Scope]) -> list[list[Item]]:
        """One row per item; a merged cell spans down over the run of items that share its
        value and the values of the merged cells left of it (二级指标 within 一级指标)."""
        merged = [c for c in row.cells if isinstance(c, Value) and c.merge]
        spans = _spans(merged, scopes)
        # by position, not by equality: layout cells compare field by field
        span_of = [
            next((spans[k] for k, m in enumerate(merged) if m is c), None) for c in row.cells
        ]
        rows: list[list[Item]] = []
        for i, s in enumerate(scopes):
            items: list[Item] = []
            for c, span in zip(row.cells, span_of, strict=True):
                item = self.cell(c, s, row.style)
                if span is not None:
                    run = span.get(i)
                    if run is None:
                        continue  # covered by the cell spanning down from above
                    item = (item[0], item[1], run)
                items.append(item)
            rows.append(items)
        return rows

    def cell(self, c: LayoutCell, scope: Scope, row_style: Style | None) -> Item:
        if isinstance(c, Blank):
            return Cell(None, c.style or row_style or Style.BODY), 1, 1
        if isinstance(c, Text):
            return self.text(c, scope, row_style), c.cols, c.rows
        return self.value(c, scope, row_style), c.cols, c.rows

    def text(self, c: Text, scope: Scope, row_style: Style | None) -> Cell:
        if c.text.compiled is None:
            return _written(c, row_style)
        text = render(c.text, scope)
        style = c.style or row_style or Style.HEADER
        align = c.align or _text_align(text, style)
        # Text as written ("" included); wording that comes out empty holds nothing.
        return Cell(text if c.text.compiled is None else text or None, style, align)

    def value(self, c: Value, scope: Scope, row_style: Style | None) -> Cell:
        style = c.style or row_style or Style.BODY
        kind, value = scope.resolve(c.binding)
        if value is None and c.missing is not None:
            return Cell(c.missing, style, Align.CENTER)
        if kind is Kind.TEXT:
            text = str(value).strip() if value is not None else ""
            return Cell(text or None, style, c.align or Align.LEFT)
        figure = scope.printed(kind, value)
        if c.suffix and figure is not None:
            return Cell(f"{Cell(figure).text}{c.suffix}", style, c.align or Align.RIGHT)
        return Cell(figure, style, c.align or Align.RIGHT)

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


@lru_cache(maxsize=4096)
def _written(c: Text, row_style: Style | None) -> Cell:
    """A layout's plain text as its cell: the same in every 附件 (cells are frozen, so a
    department's 5,000 forms share one per label)."""
    text = c.text.source
    style = c.style or row_style or Style.HEADER
    return Cell(text, style, c.align or _text_align(text, style))


def _text_align(text: str, style: Style) -> Align:
    """Headings and numbers (行次, 栏次) centred; labels left."""
    return Align.CENTER if style is Style.HEADER or text.isdigit() else Align.LEFT


def _spans(merged: Sequence[Value], scopes: Sequence[Scope]) -> list[dict[int, int]]:
    """Per merged cell: the item starting each run → the run's length."""
    values = [[s.resolve(c.binding)[1] for c in merged] for s in scopes]
    return [dict(_runs([tuple(v[: k + 1]) for v in values])) for k in range(len(merged))]


def _runs(values: Sequence[Any]) -> Iterator[tuple[int, int]]:
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
