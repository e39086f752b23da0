"""The report's structure as an edition writes it: title, cover, 目录 heading and parts.

    edition JSON "structure" ──read_structure──> StructureSpec ──structure.plan──> ReportPlan

A printed report is a cover, a 目录, then parts in order. Each part prints its heading
lines (none for a part without a heading, like Henan's attachments) and holds one thing:
a text part of the edition's text templates (``"holds": "text"``, by the key its
``= key`` line gives it), the edition's 公开 tables (``"tables"``) or the
self-evaluation attachments (``"attachments"``; a part holding them is left out when the
report has none). What the 目录 lists is data as well: a part's own line (``toc``; by
default its heading lines joined, ``""`` for none), a text part's 一级 headings
(``"sections": true``) and one line per table or attachment (``entry``; none without).

Every wording is a Jinja2 string checked when the file is read, with these figures:

    report       name (单位名称), year, scope (部门 for a 汇总 report, else 单位)
    date         year, month, cn (「二〇二五年三月」): the date the report is dated
    table        number (公开01), title, index (1, 2 …), cn (一, 二 …)   — in a table entry
    attachment   label (附件1), title, heading (「附件1 标题」), number  — in an attachment entry
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.core.errors import BindingError
from desktop.core.layouts.fill import render
from desktop.core.layouts.grammar import Kind, Language, Parser, Wording
from desktop.core.layouts.reader import Node, optional

FIELDS: dict[str, tuple[str, ...]] = {
    "report": ("name", "year", "scope"),
    "date": ("year", "month", "cn"),
    "table": ("number", "title", "index", "cn"),
    "attachment": ("label", "title", "heading", "number"),
}
HOLDS = ("text", "tables", "attachments")
COVER_STYLES = ("name", "title", "date")  # the unit's name, the report's title, the date line
_TOP = frozenset(("report", "date"))
_ENTRY_NAMES = {"tables": _TOP | {"table"}, "attachments": _TOP | {"attachment"}}


@dataclass(frozen=True)
class CoverLine:
    text: Wording
    style: str  # one of COVER_STYLES


@dataclass(frozen=True)
class PartSpec:
    """One part of the printed report: its heading lines, its 目录 line and what it holds."""

    heading: tuple[Wording, ...]
    toc: Wording  # the part's 目录 line; "" lists none
    holds: str  # text / tables / attachments
    text: str = ""  # the text part's key (holds == "text")
    sections: bool = False  # list the text part's 一级 headings in the 目录
    entry: Wording | None = None  # a table's / attachment's 目录 line; None lists none


@dataclass(frozen=True)
class StructureSpec:
    title: Wording  # the report's title: running header, PDF metadata
    cover: tuple[CoverLine, ...]
    contents: str  # the 目录's heading, as printed (「目  录」)
    parts: tuple[PartSpec, ...]

    def text_keys(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.parts if p.holds == "text")


def _kind_of(namespace: str, name: str) -> Kind | None:
    return Kind.TEXT if name in FIELDS.get(namespace, ()) else None


LANGUAGE = Language(frozenset(FIELDS), _kind_of)


def read_structure(node: Node) -> StructureSpec:
    parser = Parser(LANGUAGE)
    f = node.fields(("title", "cover", "contents", "parts"))
    parts = tuple(_part(parser, p) for p in f["parts"].items(nonempty=True))
    keys = [p.text for p in parts if p.holds == "text"]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            raise f["parts"].error(f"正文部分「{key}」出现了不止一次")
    for holds in ("tables", "attachments"):
        if sum(p.holds == holds for p in parts) > 1:
            raise f["parts"].error(f"只能有一个部分放{_HOLDS_WORDS[holds]}")
    return StructureSpec(
        title=parser.wording(f["title"], _TOP),
        cover=tuple(_cover_line(parser, n) for n in f["cover"].items()),
        contents=f["contents"].text(),
        parts=parts,
    )


_HOLDS_WORDS = {"text": "正文", "tables": "公开表", "attachments": "附件"}
_TEXT_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _cover_line(parser: Parser, node: Node) -> CoverLine:
    f = node.fields(("text", "style"))
    return CoverLine(parser.wording(f["text"], _TOP), f["style"].choice(COVER_STYLES))


def _part(parser: Parser, node: Node) -> PartSpec:
    f = node.fields(("heading", "holds"), ("toc", "text", "sections", "entry"))
    heading = tuple(parser.wording(n, _TOP) for n in f["heading"].items())
    holds = f["holds"].choice(HOLDS)
    joined = Wording(" ".join(w.source for w in heading))
    toc = optional(f, "toc", lambda n: parser.wording(n, _TOP), None)
    if toc is None:
        toc = parser.wording(Node(joined.source, node.file, node.path), _TOP)
    if holds == "text":
        if "entry" in f:
            raise f["entry"].error("正文部分没有逐项的目录行（用 sections 列出其一级标题）")
        key = f["text"].text() if "text" in f else ""
        if not key or set(key) - _TEXT_KEY_CHARS or not key[0].isalpha():
            raise f.get("text", node).error(
                "正文部分应写明 text：正文模板中「= 名称」的名称（小写字母、数字、_）"
            )
        return PartSpec(heading, toc, holds, key, optional(f, "sections", Node.flag, False))
    for key in ("text", "sections"):
        if key in f:
            raise f[key].error(f"放{_HOLDS_WORDS[holds]}的部分不能有 {key}")
    entry = optional(f, "entry", lambda n: parser.wording(n, _ENTRY_NAMES[holds]), None)
    return PartSpec(heading, toc, holds, entry=entry)


# ---------------------------------------------------------------- filling the wording


class WordingScope:
    """What a structure wording sees: plain strings by namespace and field."""

    def __init__(self, values: Mapping[str, Mapping[str, str]]) -> None:
        self.values = values
        self.namespaces = frozenset(values)

    def resolve(self, binding: str) -> tuple[Kind, object]:
        namespace, _, name = binding.partition(":")
        try:
            return Kind.TEXT, self.values[namespace][name]
        except KeyError:
            raise BindingError(f"版式结构引用了不存在的「{binding}」") from None

    def each(self, what: str) -> Sequence[WordingScope]:
        raise BindingError(f"版式结构不能逐项列出「{what}」")

    def printed(self, kind: Kind, value: object) -> Decimal | int | None:
        raise BindingError("版式结构没有数字单元格")

    def prose(self, kind: Kind, value: object) -> str | None:
        return str(value)

    def with_values(self, namespace: str, values: Mapping[str, str]) -> WordingScope:
        return WordingScope({**self.values, namespace: values})

    def fill(self, wording: Wording) -> str:
        return render(wording, self)


def top_scope(name: str, year: int, consolidated: bool, when: date) -> WordingScope:
    """The figures every structure wording sees: the report's and the date's."""
    scope = "部门" if consolidated else "单位"
    return WordingScope(
        {
            "report": {"name": name, "year": str(year), "scope": scope},
            "date": {
                "year": str(when.year),
                "month": str(when.month),
                "cn": chinese_date(when.year, when.month),
            },
        }
    )


def part_titles(spec: StructureSpec, scope: WordingScope) -> dict[str, str]:
    """Each text part's title by key: its 目录 line, else its heading lines joined."""
    out = {}
    for part in spec.parts:
        if part.holds == "text":
            title = scope.fill(part.toc) or " ".join(scope.fill(w) for w in part.heading)
            out[part.text] = title or part.text
    return out


CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """一 … 九十九 as a heading counts: 一, 十, 十一, 二十, 二十六."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{CN_DIGITS[tens]}十")
    return head + (CN_DIGITS[ones] if ones else "")


def chinese_date(year: int, month: int) -> str:
    """「二〇二五年三月」: a year digit by digit, a month as counted."""
    return "".join(CN_DIGITS[int(d)] for d in str(year)) + f"年{chinese_number(month)}月"
