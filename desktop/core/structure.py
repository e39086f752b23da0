"""The report's plan: what is printed, in which order, under which headings, and what the
目录 lists — read from the edition's structure (`Edition.structure`), never decided here.

    Edition.structure ─┐
    Report ────────────┼──plan()──> ReportPlan: title · cover lines · 目录 heading ·
    text Document ─────┤              items in print order (part headings, text parts,
    self-eval 附件 ─────┘              tables, attachments) · the 目录 entries
                                     ──> PDF (exporters.report_pdf) · workbook · preview

Every writer reads the same plan: the PDF sets each item and lists `contents()`; the
workbook takes its tables and attachments in plan order; the GUI preview shows the items as
its outline. An item knows its 目录 line (`toc`, "" when the edition lists none) and is
bookmarked in the PDF whether listed or not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from desktop.core.derive import derive
from desktop.core.editions import Edition, TableSpec, load_edition
from desktop.core.errors import JuesuanError
from desktop.core.grid import Grid
from desktop.core.layouts.structure import PartSpec, WordingScope, chinese_number, top_scope
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.self_eval_tables import Attachment, self_eval_attachments
from desktop.core.tables import build_grid
from desktop.core.text import Document, Heading, Part, build_text
from desktop.core.workpapers import Workpapers


class StructureError(JuesuanError):
    """An edition's structure and its text templates do not fit together."""


@dataclass(frozen=True)
class Entry:
    """One line of the 目录: its level (0 a part, 1 what the part holds) and its text."""

    level: int
    text: str


@dataclass(frozen=True)
class PartHeading:
    """The heading a part prints where it starts: one or more lines (none: `lines` empty,
    as for Henan's attachments, and then nothing is printed)."""

    lines: tuple[str, ...]
    toc: str  # its 目录 line; "" when not listed

    @property
    def title(self) -> str:
        """The part's name in the PDF's bookmarks."""
        return self.toc or " ".join(self.lines)


@dataclass(frozen=True)
class TextItem:
    """A text part of the report (概况, 情况说明, 名词解释): its blocks, and whether the
    目录 lists its 一级 headings."""

    part: Part
    sections: bool

    @property
    def toc(self) -> str:
        return ""  # the part's own line is its `PartHeading`'s

    def section_titles(self) -> list[str]:
        return [b.full for b in self.part.blocks if isinstance(b, Heading) and b.level == 1]


@dataclass(frozen=True)
class TableItem:
    """A 公开 table: its spec, its 目录 line, and the grid made when asked for."""

    spec: TableSpec
    toc: str
    make: Callable[[], Grid] = field(compare=False, repr=False)
    level: int = 1  # in the 目录 and bookmarks: 1 under its part's heading, 0 without one

    @property
    def number(self) -> str:
        return self.spec.number

    @property
    def title(self) -> str:
        """The table's name in the bookmarks: its 目录 line, else 「公开01表 标题」."""
        return self.toc or f"{self.spec.number}表 {self.spec.title}"

    @property
    def landscape(self) -> bool:
        return self.spec.landscape

    def grid(self) -> Grid:
        return self.make()


@dataclass(frozen=True)
class AttachmentItem:
    """A self-evaluation 附件: made when written (a department may have thousands)."""

    attachment: Attachment
    toc: str
    level: int = 1  # 1 under its part's heading, 0 in a part without one (Henan's 附件)

    @property
    def title(self) -> str:
        return self.toc or self.attachment.heading

    @property
    def landscape(self) -> bool:
        return self.attachment.landscape

    def grid(self) -> Grid:
        return self.attachment.grid()


Item = PartHeading | TextItem | TableItem | AttachmentItem


@dataclass(frozen=True)
class CoverLine:
    text: str
    style: str  # name / title / date (layouts.structure.COVER_STYLES)


@dataclass(frozen=True)
class ReportPlan:
    title: str  # the report's title: running header and PDF metadata
    cover: tuple[CoverLine, ...]
    contents: str  # the 目录's heading as printed
    items: tuple[Item, ...]

    def contents_entries(self) -> list[Entry]:
        """The 目录, top to bottom, as the edition words it."""
        out: list[Entry] = []
        level = 0
        for item in self.items:
            if isinstance(item, PartHeading):
                if item.toc:
                    out.append(Entry(0, item.toc))
                level = 1 if item.toc else 0
            elif isinstance(item, TextItem):
                if item.sections:
                    out += [Entry(level, t) for t in item.section_titles()]
            elif item.toc:
                out.append(Entry(min(level, item.level), item.toc))
        return out

    def tables(self) -> Iterator[TableItem]:
        return (i for i in self.items if isinstance(i, TableItem))

    def attachments(self) -> Iterator[AttachmentItem]:
        return (i for i in self.items if isinstance(i, AttachmentItem))

    def grids(self) -> Iterator[Grid]:
        """The tables' and attachments' grids in print order (the workbook's sheets), each
        made as it is reached."""
        for item in self.items:
            if isinstance(item, (TableItem, AttachmentItem)):
                yield item.grid()


def plan(
    report: Report,
    unit: AmountUnit | None = None,
    *,
    text: Document | None = None,
    when: date | None = None,
    papers: Workpapers | None = None,
) -> ReportPlan:
    """The report as its edition prints it. `text` is the report's text if already built
    (else built here); `when` the date the cover shows (default today); `unit` overrides
    the report's amount unit, as in `tables.build_tables`."""
    edition = load_edition(report.unit.edition)
    spec = edition.structure
    info = report.unit
    scope = top_scope(info.name, info.year, info.consolidated, when or date.today())
    document = text if text is not None else build_text(report, papers=papers)
    check_text_parts(edition, document)
    chosen: AmountUnit = unit or ("元" if info.amount_unit == "元" else "万元")
    items: list[Item] = []
    for part in spec.parts:
        lines = tuple(scope.fill(w) for w in part.heading)
        toc = scope.fill(part.toc)
        level = 1 if toc else 0
        held = _held(part, edition, report, chosen, document, scope, papers, level)
        if part.holds == "attachments" and not held:
            continue  # a part of attachments is left out when there are none
        if lines or toc:
            items.append(PartHeading(lines, toc))
        items += held
    return ReportPlan(
        title=scope.fill(spec.title),
        cover=tuple(CoverLine(scope.fill(c.text), c.style) for c in spec.cover),
        contents=spec.contents,
        items=tuple(items),
    )


def _held(
    part: PartSpec,
    edition: Edition,
    report: Report,
    unit: AmountUnit,
    document: Document,
    scope: WordingScope,
    papers: Workpapers | None,
    level: int,
) -> list[Item]:
    if part.holds == "text":
        return [TextItem(document.by_key(part.text), part.sections)]
    if part.holds == "tables":
        d = derive(report, papers=papers)
        out: list[Item] = []
        for index, spec in enumerate(edition.tables, start=1):
            values = {
                "number": spec.number,
                "title": spec.title,
                "index": str(index),
                "cn": chinese_number(index),
            }
            toc = scope.with_values("table", values).fill(part.entry) if part.entry else ""
            make = partial(build_grid, spec, edition, d, unit)
            out.append(TableItem(spec, toc, make, level))
        return out
    attachments = self_eval_attachments(report, unit, papers=papers)
    held: list[Item] = []
    for a in attachments:
        label = a.label
        values = {"label": label, "title": a.title, "heading": a.heading, "number": a.number}
        toc = scope.with_values("attachment", values).fill(part.entry) if part.entry else ""
        held.append(AttachmentItem(a, toc, level))
    return held


def check_text_parts(edition: Edition, document: Document) -> None:
    """Every text part the structure names is in the text, and every part of the text
    has its place in the structure (else it would silently never print)."""
    wanted = edition.structure.text_keys()
    have = [p.key for p in document.parts]
    missing = [k for k in wanted if k not in have]
    if missing:
        raise StructureError(
            f"版式「{edition.id}」的结构要求正文部分「{'、'.join(missing)}」，"
            f"正文模板却只有：{'、'.join(have) or '无'}"
        )
    unplaced = [k for k in have if k not in wanted]
    if unplaced:
        raise StructureError(
            f"正文模板有部分「{'、'.join(unplaced)}」，版式「{edition.id}」的结构却没有安排它"
        )
