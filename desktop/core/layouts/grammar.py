"""The one layout language: rows of cells, some bound to figures, in blocks.

    layout file ──reader.Node──> Parser(Language) ──> (Block, …) ──fill.Filler──> rows of cells

An edition's table headers and fixed-row bodies (templates/editions) and the
self-evaluation forms (templates/self_eval) are written in it; what differs between them
is only what their bindings can name, a `Language`:

* a row is a list of cells: ``"text"`` or ``{"text", "cols", "rows", "style", "align"}``
  for written text, ``{"value": "<binding>", …}`` for a figure or a typed text, ``null``
  (or ``{"blank": true, "style"}``) for an empty cell; ``{"cells": [...], "style": …}`` styles
  a whole row;
* ``{"side": cell, "blocks": [...]}`` puts a cell left of the rows the blocks produce,
  spanning all of them;
* ``{"each": what, "rows": [...]}`` repeats its rows per item (the language says which
  items exist and the namespace each adds); a cell with ``"merge": true`` spans down over
  equal neighbours;
* ``{"heading": …}`` and ``{"paragraphs": …, "default": …}`` are unboxed text rows;
  ``"when": "<binding>"`` keeps a block only when that figure is present.

A binding is ``namespace:field`` (a field may itself hold colons: ``line:201:spending.total``);
wording is Jinja2 that prints the same figures (``{{ score.total }}`` is ``score:total``).
Every binding is checked against the language when the file is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import jinja2
from jinja2 import nodes

from desktop.core.errors import BindingError
from desktop.core.grid import Align, Style
from desktop.core.layouts.reader import Node, optional


class Kind(StrEnum):
    """How a bound figure prints: in a cell and in wording."""

    TEXT = "text"  # typed text: stripped, blank prints nothing
    MONEY = "money"  # an amount in the report's unit
    POINTS = "points"  # a score, 2 decimals
    RATE = "rate"  # 执行率 %, 2 decimals; None has no value (the cell's "missing" mark)
    COUNT = "count"  # an integer


@dataclass(frozen=True)
class Language:
    """What the bindings of one kind of layout can name.

    `namespaces` are seen everywhere in the layout; ``each: what`` adds the namespaces
    `each[what]` to the rows it repeats (a project's ``project``, ``funding``, ``score``…).
    `kind_of(namespace, field)` is the kind of a figure, or None when there is no such
    figure."""

    namespaces: frozenset[str]
    kind_of: Callable[[str, str], Kind | None]
    each: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _finalize(value: Any) -> Any:
    # Bindings reach wording as formatted strings; anything else (None, a namespace)
    # would print as "None" or an object's repr.
    if not isinstance(value, str):
        raise BindingError(f"版式的文字输出了未格式化的值：{value!r}")
    return value


ENV = jinja2.Environment(
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    finalize=_finalize,
    keep_trailing_newline=True,
)


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class Wording:
    source: str
    compiled: jinja2.Template | None = None  # None: plain text, printed as written


@dataclass(frozen=True)
class Text:
    """Written text: a column heading unless its row or itself has another style."""

    text: Wording
    cols: int = 1
    rows: int = 1
    style: Style | None = None  # None: the row's style, else HEADER
    align: Align | None = None  # None: centred for headings and numbers (行次), else left


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
    suffix: str = ""  # written after a figure, which then prints as text: 「98.23%」


@dataclass(frozen=True)
class Blank:
    style: Style | None = None


LayoutCell = Text | Value | Blank


@dataclass(frozen=True)
class RowBlock:
    cells: tuple[LayoutCell, ...]
    style: Style | None = None
    when: str = ""


@dataclass(frozen=True)
class GroupBlock:
    side: LayoutCell | None
    blocks: tuple[Block, ...]
    when: str = ""


@dataclass(frozen=True)
class EachBlock:
    each: str
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


def walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, those inside groups and ``each``es included, in reading order."""
    for b in blocks:
        yield b
        if isinstance(b, GroupBlock):
            yield from walk(b.blocks)
        elif isinstance(b, EachBlock):
            yield from walk(b.rows)


def _own_cells(block: Block) -> tuple[LayoutCell, ...]:
    """The cells a block itself holds: a row's, a group's side cell."""
    if isinstance(block, RowBlock):
        return block.cells
    if isinstance(block, GroupBlock) and block.side is not None:
        return (block.side,)
    return ()


def bindings(blocks: Sequence[Block]) -> Iterator[str]:
    """Every binding a cell or a ``when`` names (wording is checked when parsed)."""
    for b in walk(blocks):
        if b.when:
            yield b.when
        yield from (c.binding for c in _own_cells(b) if isinstance(c, Value))


def has_merges(row: RowBlock) -> bool:
    """Whether a row has cells that span down over equal neighbours (allowed in an each)."""
    return any(isinstance(c, Value) and c.merge for c in row.cells)


def texts(blocks: Sequence[Block]) -> Iterator[str]:
    """The written text of every cell (as in the file, before any wording is filled in)."""
    for b in walk(blocks):
        yield from (c.text.source for c in _own_cells(b) if isinstance(c, Text))


def wordings(blocks: Sequence[Block]) -> Iterator[Wording]:
    """Every wording of the blocks: text cells, headings, paragraphs and their defaults."""
    for b in walk(blocks):
        yield from (c.text for c in _own_cells(b) if isinstance(c, Text))
        if isinstance(b, HeadingBlock):
            yield b.text
        elif isinstance(b, ParagraphsBlock):
            yield b.text
            if b.default is not None:
                yield b.default


def names_in(wording: Wording, namespace: str) -> Iterator[str]:
    """The fields of `namespace` a wording prints (``{{ texts.problems }}`` → problems)."""
    if wording.compiled is None:
        return
    for attr in ENV.parse(wording.source).find_all(nodes.Getattr):
        if isinstance(attr.node, nodes.Name) and attr.node.name == namespace:
            yield attr.attr


# ---------------------------------------------------------------- the parser

_Fields = dict[str, Node]
_BlockReader = Callable[[_Fields, frozenset[str], str, bool], Block]

# What says what an object is → (its required keys, its optional keys).
_BLOCKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cells": (("cells",), ("style", "when")),
    "blocks": (("blocks",), ("side", "when")),
    "each": (("each", "rows"), ("when",)),
    "heading": (("heading",), ("when",)),
    "paragraphs": (("paragraphs",), ("default", "when")),
}
_SPAN = ("cols", "rows", "style", "align")
_CELLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "value": (("value",), (*_SPAN, "merge", "missing", "suffix")),
    "text": (("text",), _SPAN),
    "blank": (("blank",), ("style",)),
}
STYLES = tuple(s.value for s in Style)
ALIGNS = tuple(a.value for a in Align)


def _what(node: Node, shapes: Mapping[str, object], thing: str, allowed: str) -> str:
    """The key that says what an object of a layout is (``cells``, ``value`` …)."""
    if not isinstance(node.value, dict):
        raise node.error(f"不认识的{thing}：应为{allowed}")
    what = next((k for k in shapes if k in node.value), None)
    if what is None:
        raise node.error(f"不认识的{thing}：应有 {'、'.join(shapes)} 之一")
    return what


def _style(node: Node) -> Style:
    return Style(node.choice(STYLES))


def _align(node: Node) -> Align:
    return Align(node.choice(ALIGNS))


def _span(node: Node) -> int:
    return node.integer(minimum=1)


class Parser:
    """Reads blocks and checks every binding against the namespaces its place can see.

    `row_style` is the style of a row that names none: None in a form and a table's
    header (text cells are headings, figures body), BODY in a table's body."""

    def __init__(self, language: Language, row_style: Style | None = None) -> None:
        self.language = language
        self.row_style = row_style
        self._blocks: dict[str, _BlockReader] = {
            "cells": self._row,
            "blocks": self._group,
            "each": self._each,
            "heading": self._heading,
            "paragraphs": self._paragraphs,
        }

    def blocks(self, node: Node, names: frozenset[str] | None = None) -> tuple[Block, ...]:
        seen = self.language.namespaces if names is None else names
        return tuple(self.block(b, seen) for b in node.items())

    def block(self, node: Node, names: frozenset[str], merge_ok: bool = False) -> Block:
        if isinstance(node.value, list):
            return RowBlock(self.cells(node, names, merge_ok), self.row_style)
        what = _what(node, _BLOCKS, "块", "一行单元格（列表）或一个对象")
        f = node.fields(*_BLOCKS[what])
        when = optional(f, "when", lambda n: self.binding(n, names)[0], "")
        return self._blocks[what](f, names, when, merge_ok)

    def _row(self, f: _Fields, names: frozenset[str], when: str, merge_ok: bool) -> Block:
        style = optional(f, "style", _style, self.row_style)
        return RowBlock(self.cells(f["cells"], names, merge_ok), style, when)

    def _group(self, f: _Fields, names: frozenset[str], when: str, _merge_ok: bool) -> Block:
        side = optional(f, "side", lambda n: self.cell(n, names), None)
        return GroupBlock(side, self.blocks(f["blocks"], names), when)

    def _heading(self, f: _Fields, names: frozenset[str], when: str, _merge_ok: bool) -> Block:
        return HeadingBlock(self.wording(f["heading"], names), when)

    def _paragraphs(self, f: _Fields, names: frozenset[str], when: str, _: bool) -> Block:
        default = optional(f, "default", lambda n: self.wording(n, names), None)
        return ParagraphsBlock(self.wording(f["paragraphs"], names), default, when)

    def _each(self, f: _Fields, names: frozenset[str], when: str, _merge_ok: bool) -> Block:
        what = f["each"].text()
        if what not in self.language.each:
            allowed = "、".join(self.language.each) or "无"
            raise f["each"].error(f"此版式不能逐项列出「{what}」（可以列出的：{allowed}）")
        inner = names | self.language.each[what]
        rows = f["rows"].items()
        merge_ok = len(rows) == 1  # merged cells only in an each of one row
        blocks = tuple(self.block(r, inner, merge_ok) for r in rows)
        first = blocks[0] if merge_ok else None
        if isinstance(first, RowBlock) and first.when and has_merges(first):
            raise rows[0].error("含 merge 单元格的行不能带 when")
        return EachBlock(what, blocks, when)

    def cells(self, node: Node, names: frozenset[str], merge_ok: bool) -> tuple[LayoutCell, ...]:
        return tuple(self.cell(c, names, merge_ok) for c in node.items())

    def cell(self, node: Node, names: frozenset[str], merge_ok: bool = False) -> LayoutCell:
        if node.value is None:
            return Blank()
        if isinstance(node.value, str):
            return Text(self.wording(node, names))
        what = _what(node, _CELLS, "单元格", "文字、null 或一个对象")
        f = node.fields(*_CELLS[what])
        style = optional(f, "style", _style, None)
        if what == "blank":
            if not f["blank"].flag():
                raise f["blank"].error("blank 只能是 true（空单元格也可以写 null）")
            return Blank(style)
        cols, rows = optional(f, "cols", _span, 1), optional(f, "rows", _span, 1)
        align = optional(f, "align", _align, None)
        if what == "text":
            return Text(self.wording(f["text"], names), cols, rows, style, align)
        binding, kind = self.binding(f["value"], names)
        merge = optional(f, "merge", Node.flag, False)
        if merge and not merge_ok:
            raise f["merge"].error("merge 只能用在只有一行的 each 中")
        missing = optional(f, "missing", Node.text, None)
        suffix = optional(f, "suffix", Node.text, "")
        if suffix and kind is Kind.TEXT:
            raise f["suffix"].error("suffix 只能跟在数字后面")
        return Value(binding, kind, cols, rows, style, align, merge, missing, suffix)

    def binding(self, node: Node, names: frozenset[str]) -> tuple[str, Kind]:
        binding = node.text()
        kind = self.kind(binding, names)
        if kind is None:
            raise node.error(f"引用了此处没有的数字「{binding}」")
        return binding, kind

    def kind(self, binding: str, names: frozenset[str]) -> Kind | None:
        namespace, _, name = binding.partition(":")
        return self.language.kind_of(namespace, name) if namespace in names else None

    def wording(self, node: Node, names: frozenset[str]) -> Wording:
        source = node.text()
        if not any(mark in source for mark in ("{{", "{%", "{#")):
            return Wording(source)
        try:
            tree = ENV.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise node.error(f"「{source}」语法错误：{exc.message}") from None
        for name in tree.find_all(nodes.Name):
            if name.name not in names:
                raise node.error(f"「{source}」引用了此处没有的「{name.name}」")
        for attr in tree.find_all(nodes.Getattr):
            if isinstance(attr.node, nodes.Name):
                binding = f"{attr.node.name}:{attr.attr}"
                if self.kind(binding, names) is None:
                    raise node.error(f"「{source}」引用了此处没有的数字「{binding}」")
        return Wording(source, ENV.from_string(source))
