"""Self-evaluation forms: templates/self_eval/<id>.json read into a `Form`.

    templates/self_eval/<id>.json ──load_form──> Form ──self_eval_tables──> [Grid]

An edition names its forms (`Edition.self_eval`): the one printed for each project
(``project-table``: the one-page 项目支出绩效自评表 of 大同 2024; ``project-report``: the
long 项目支出绩效自评分析报告 of 晋城 2022), the one for the 部门（单位）整体支出绩效自评
(``overall-table``; ``overall-funding-table`` with a row per 资金来源 and the 年度主要任务), and,
where a province prints them, a 项目单位自评汇总表 printed once with a row per project
(kind ``summary``: ``project-summary``) and a 部门整体绩效评价报告 (kind ``report``:
``overall-report``), whose prose the officer writes into the slots the form declares. A
form file holds the title, the column widths, the rows with their spans and wording, and
names every figure with a binding; the format is described in templates/self_eval/README.md.
The body is written in the layout language editions use too (`layouts.grammar`), with the
self-evaluation vocabulary (`self_eval_vocabulary`); the file is read strictly
(`layouts.reader`): an unknown key, a missing one, a wrong type or a binding its place
cannot see is an `EditionError` naming the file and the JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core.editions import layout_file, layout_ids
from desktop.core.errors import EditionError
from desktop.core.layouts.grammar import Block, Parser, Wording, bindings, names_in, wordings
from desktop.core.layouts.reader import Node, optional, read_layout
from desktop.core.self_eval_vocabulary import SCOPES, language

_SLOT_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class Slot:
    """A stretch of prose a report form leaves to the officer (``texts.<key>``)."""

    key: str
    label: str  # what the officer is asked to write: 「存在的主要问题」


@dataclass(frozen=True)
class Form:
    id: str
    kind: str  # project / overall / summary / report
    name: str
    title: Wording
    label: Wording  # 附件N, above the table's right edge
    sheet: Wording  # the workbook tab, after the label
    year_label: Wording
    widths: tuple[float, ...]
    landscape: bool
    note: Wording
    body: tuple[Block, ...]
    slots: tuple[Slot, ...] = ()  # the prose the officer writes (report forms), in order

    def bindings(self) -> Iterator[str]:
        """Every binding a cell or a ``when`` names (wording is checked when parsed)."""
        yield from bindings(self.body)


def form_ids() -> list[str]:
    return layout_ids("self_eval")


@cache
def load_form(form_id: str) -> Form:
    return read_form(read_layout(layout_file("self_eval", form_id, "自评版式")), form_id)


def parse_form(data: Any, form_id: str, path: Path | None = None) -> Form:
    """A form from its parsed JSON (`path` names the file in messages)."""
    return read_form(Node(data, str(path) if path else f"「{form_id}」"), form_id)


def read_form(root: Node, form_id: str) -> Form:
    f = root.fields(
        ("form", "title", "label", "sheet", "widths", "body"),
        ("name", "year_label", "landscape", "note", "slots"),
    )
    kind = f["form"].choice(tuple(SCOPES))
    slots: tuple[Slot, ...] = optional(f, "slots", _slots, ())
    if slots and kind != "report":
        raise f["slots"].error("只有 report（评价报告）版式可以有 slots")
    parser = Parser(language(kind, [s.key for s in slots]))
    top = SCOPES[kind]
    empty = Wording("")
    form = Form(
        id=form_id,
        kind=kind,
        name=optional(f, "name", Node.text, form_id),
        title=parser.wording(f["title"], top),
        label=parser.wording(f["label"], top),
        sheet=parser.wording(f["sheet"], top),
        year_label=optional(f, "year_label", lambda n: parser.wording(n, top), empty),
        widths=tuple(w.width() for w in f["widths"].items(nonempty=True)),
        landscape=optional(f, "landscape", Node.flag, False),
        note=optional(f, "note", lambda n: _note(parser, n), empty),
        body=parser.blocks(f["body"]),
        slots=slots,
    )
    used = {name for w in wordings(form.body) for name in names_in(w, "texts")}
    used |= {b.partition(":")[2] for b in form.bindings() if b.startswith("texts:")}
    for slot in slots:
        if slot.key not in used:
            raise f["slots"].at(slot.key).error(f"声明了段落「{slot.key}」，正文却没有用到它")
    return form


def _slots(node: Node) -> tuple[Slot, ...]:
    """``{"problems": "存在的主要问题", …}``: each slot's key and what it asks for."""
    if not isinstance(node.value, dict):
        raise node.error("这里应当是一个对象（段落名: 说明）")
    for key in getattr(node.value, "repeated", ()):
        raise node.at(key).error(f"字段「{key}」写了不止一次")
    slots = []
    for key in node.value:
        if not _SLOT_KEY.fullmatch(key):
            raise node.at(key).error(f"段落名「{key}」只能由小写字母、数字和 _ 组成")
        label = node.at(key).text().strip()
        if not label:
            raise node.at(key).error("段落的说明不能为空")
        slots.append(Slot(key, label))
    return tuple(slots)


def _note(parser: Parser, node: Node) -> Wording:
    """The lines under the table: one text, or a list of lines."""
    if isinstance(node.value, list):
        node = Node("\n".join(node.texts()), node.file, node.path)
    return parser.wording(node, parser.language.namespaces)


def form_for(form_id: str, kind: str) -> Form:
    """The form `form_id`, refused unless it is a form of `kind` (project / overall /
    summary / report)."""
    form = load_form(form_id)
    if form.kind != kind:
        raise EditionError(f"自评版式「{form_id}」是 {form.kind} 版式，不能用作 {kind} 版式")
    return form
