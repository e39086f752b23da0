"""The report's prose in the workbook: 封面, 目录 and the text parts as sheets of their own.

    ReportPlan ──workbook_sheets──> 封面 · 目录 · 第一部分 概况 · 公开01 … · 第三部分 情况说明 ·
                                    第四部分 名词解释 · 附件…   (TextSheet | Grid, plan order)
    TextSheet ──write_text_sheet──> one wide column, A4 portrait, each row fitted to its text

The text is the same `Document` the PDF and the Word document print (through the same
plan), so wording and figures are identical. A sheet is one wide column, wrapped, and every
row is given the height its text needs at the printed width — Excel, WPS and LibreOffice
then print it whole, none of them having to fit rows themselves (Excel does not, for a
height written in the file; none does for merged cells). A paragraph longer than a row
may be tall (Excel's limit is 409 points) continues in the next row, broken after a
sentence. Headings are bold and larger; a placeholder for a missing reason is red, bold and
underlined in a row shaded yellow; a draft says 草稿 in every sheet's header (the caller's
print setup).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.exporters.xlsx import storable
from desktop.core.grid import Grid
from desktop.core.structure import AttachmentItem, PartHeading, ReportPlan, TableItem, TextItem
from desktop.core.text import Heading, Paragraph, Run

# The text column: four columns of 23 character units merged in every row, A4 portrait
# within the margins. One column that wide would do in Excel, but a reader whose default
# font is wider (LibreOffice without Calibri's metric twin) makes it wider than the page,
# and none scales or splits a single column to fit: four merged ones it scales.
SPAN, COLUMN = 4, 23
_COLUMN_PT = SPAN * (COLUMN * 7 + 5) * 0.75  # Excel's pixel width of the four, in points
_PADDING_PT = 6.0  # the cell's own padding and a little slack either side
# Measured text runs wider in some readers (LibreOffice's substitutes for 宋体) and a
# line breaks before a word or a closing mark that does not fit: plan for 90% of a line.
_FILL = 0.9
_LINE = 1.55  # a printed line's height, × the type size (CJK faces' ascent + descent)
MAX_ROW_PT = 400.0  # Excel's limit is 409
INDENT = "\u3000\u3000"  # a paragraph's first line, indented two characters
PLACEHOLDER_FILL = "#FFF2CC"
PLACEHOLDER_COLOR = "#C00000"
_WIDE = re.compile("[\u2e80-\U0010ffff]")  # characters a full em wide (CJK, full-width)
_SENTENCE_END = re.compile("(?<=[。；！？;!?])")


@dataclass(frozen=True)
class Line:
    """One row of a text sheet: its runs and how it looks. `kind` is ``cover:<style>``
    (a cover line: name, title or date), ``title`` (a part's heading or the 目录's),
    ``heading`` (a numbered heading, `level` 1–3), ``entry`` (a 目录 line, `level` 0/1)
    or ``paragraph``; `continued` marks the rows after the first of a long paragraph."""

    kind: str
    runs: tuple[Run, ...]
    level: int = 0
    continued: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextSheet:
    """A sheet of prose: its tab's name and its rows."""

    name: str
    lines: tuple[Line, ...]


def workbook_sheets(report_plan: ReportPlan) -> Iterator[TextSheet | Grid]:
    """The workbook's sheets in the plan's order: the cover, the 目录, each text part
    under its part's heading, and the tables' and attachments' grids (each made when its
    sheet is reached)."""
    cover = tuple(Line(f"cover:{c.style}", (Run(c.text),)) for c in report_plan.cover)
    yield TextSheet("封面", cover)
    contents = [Line("title", (Run(report_plan.contents),))]
    contents += [Line("entry", (Run(e.text),), e.level) for e in report_plan.contents_entries()]
    yield TextSheet(report_plan.contents.replace(" ", "").replace("\u3000", ""), tuple(contents))
    heading: PartHeading | None = None
    for item in report_plan.items:
        if isinstance(item, PartHeading):
            heading = item
        elif isinstance(item, TextItem):
            lines = [Line("title", (Run(text),)) for text in (heading.lines if heading else ())]
            for block in item.part.blocks:
                lines += _block_lines(block)
            yield TextSheet(heading.title if heading else item.part.title, tuple(lines))
            heading = None
        elif isinstance(item, (TableItem, AttachmentItem)):
            heading = None
            yield item.grid()


def _block_lines(block: Heading | Paragraph) -> list[Line]:
    if isinstance(block, Heading):
        return [Line("heading", (Run(block.full),), block.level)]
    pieces = split_runs(block.runs, int(rows_capacity(PARAGRAPH_SIZE)))
    return [Line("paragraph", runs, continued=i > 0) for i, runs in enumerate(pieces)]


# ---------------------------------------------------------------- measuring


PARAGRAPH_SIZE = 11.0
_SIZES = {
    "cover:name": 20.0,
    "cover:title": 24.0,
    "cover:date": 14.0,
    "title": 16.0,
    "entry": 11.0,
    "paragraph": PARAGRAPH_SIZE,
}
_HEADING_SIZES = {1: 13.0, 2: 12.0, 3: 11.0}


def size_of(line: Line) -> float:
    if line.kind == "heading":
        return _HEADING_SIZES.get(line.level, 11.0)
    return _SIZES.get(line.kind, 11.0)


def units(text: str) -> int:
    """The text's width in half-ems: a CJK or full-width character is 2, the rest 1."""
    return len(text) + len(_WIDE.findall(text))


def line_capacity(size: float, indent_units: int = 0) -> int:
    """Half-ems that fit on one printed line of the column at `size` points."""
    per_line = (_COLUMN_PT - 2 * _PADDING_PT) / (size / 2) * _FILL
    return max(10, int(per_line) - indent_units)


def lines_needed(text: str, size: float) -> int:
    capacity = line_capacity(size)
    return sum(max(1, -(-units(piece) // capacity)) for piece in text.split("\n"))


def row_height(text: str, size: float) -> float:
    return round(lines_needed(text, size) * size * _LINE + 4, 1)


def rows_capacity(size: float) -> float:
    """Half-ems of text one row can hold within `MAX_ROW_PT`."""
    lines = int((MAX_ROW_PT - 4) // (size * _LINE))
    return lines * line_capacity(size)


def split_runs(runs: tuple[Run, ...], capacity: int) -> list[tuple[Run, ...]]:
    """A paragraph's runs in pieces of at most `capacity` half-ems (indent included), broken
    after a sentence where one ends within the piece, else where the piece is full."""
    total = units(INDENT) + sum(units(r.text) for r in runs)
    if total <= capacity:
        return [runs]
    pieces: list[tuple[Run, ...]] = []
    current: list[Run] = []
    room = capacity - units(INDENT)
    for r in runs:
        text = r.text
        while text:
            if units(text) <= room:
                current.append(_like(r, text))
                room -= units(text)
                break
            cut = _cut(text, room)
            if cut:
                current.append(_like(r, text[:cut]))
                text = text[cut:]
            pieces.append(tuple(current))
            current, room = [], capacity
    if current:
        pieces.append(tuple(current))
    return pieces


def _cut(text: str, room: int) -> int:
    """Where to break `text` to fit `room` half-ems: after the last sentence that fits,
    else at the last character that fits (0: nothing fits)."""
    fit, used = 0, 0
    for i, ch in enumerate(text):
        used += 2 if _WIDE.match(ch) else 1
        if used > room:
            break
        fit = i + 1
    ends = [m.start() for m in _SENTENCE_END.finditer(text[:fit])]
    sentence = max((e for e in ends if e > fit // 2), default=0)
    return sentence or fit


def _like(run: Run, text: str) -> Run:
    return Run(text, run.emphasis, run.placeholder, run.key)


# ---------------------------------------------------------------- writing


def write_text_sheet(ws: Any, sheet: TextSheet, formats: Any) -> None:
    """Write `sheet` into the worksheet `ws` (`xlsx._Sheet`, written row by row) with
    formats from `formats` (the workbook's cache, `xlsx._Formats`). Print setup is the
    caller's."""
    ws.set_column(0, SPAN - 1, COLUMN)
    ws.hide_gridlines(2)
    cover = any(line.kind.startswith("cover:") for line in sheet.lines)
    row = 0
    for line in sheet.lines:
        if cover:  # the cover's lines stand apart, the date low on the page
            gap = 150 if row == 0 else (200 if line.kind == "cover:date" else 50)
            ws.set_row(row, gap)
            row += 1
        elif line.kind == "title" and row:
            ws.set_row(row, 10)
            row += 1
        _write_line(ws, row, line, formats)
        ws.declare_merge(row, 0, row, SPAN - 1)
        row += 1


def _write_line(ws: Any, row: int, line: Line, formats: Any) -> None:
    size = size_of(line)
    owed = any(r.placeholder for r in line.runs)
    prefix = INDENT if line.kind == "paragraph" and not line.continued else ""
    text = storable(prefix + line.text)
    ws.set_row(row, row_height(text, size))
    bold = line.kind in ("title", "heading") or line.kind in ("cover:name", "cover:title")
    bold = bold or (line.kind == "entry" and line.level == 0)
    props: dict[str, object] = {
        "font_size": size,
        "bold": bold,
        "text_wrap": True,
        "valign": "top",
        "align": "center" if line.kind == "title" or line.kind.startswith("cover:") else "left",
    }
    if line.kind == "entry" and line.level:
        props["indent"] = 2 * line.level
    if owed:
        props["bg_color"] = PLACEHOLDER_FILL
    cell = formats.get(**props)
    special = [r for r in line.runs if (r.placeholder or r.emphasis) and r.text]
    if not special:
        ws.write_string(row, 0, text, cell)
        return
    fragments: list[tuple[dict[str, object], str]] = [({}, prefix)] if prefix else []
    for r in line.runs:
        if r.text:
            fragments.append((_look(r), storable(r.text)))
    if len(fragments) == 1:  # one styled run alone: the cell's own format carries its look
        ws.write_string(row, 0, text, formats.get(**{**props, **fragments[0][0]}))
        return
    rich: list[object] = []
    for look, piece in fragments:
        rich += [formats.get(**{"font_size": size, "bold": bold, **look}), piece]
    ws.write_rich_string(row, 0, *rich, cell)


def _look(run: Run) -> dict[str, object]:
    if run.placeholder:
        return {"bold": True, "underline": 1, "font_color": PLACEHOLDER_COLOR}
    return {"bold": True} if run.emphasis else {}
