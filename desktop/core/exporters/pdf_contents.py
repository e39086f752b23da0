"""The PDF's 目录: its entries set once, their page numbers filled in at the end.

    [(level, title, key)] ──Contents.wrap──> rows of lines ──draw──> page text + links
    doc.pages {key: page} ──define_forms (at save)──> each entry's dots and page number

Each entry is broken by the Chinese line-breaking rules (`pdf_grid.break_lines`) into the
room its dots and page number leave, drawn with the page's text operators, and linked to
its section. Its dots and number are a PDF form referenced where they go and defined once
the build has placed every section, so the document is built in one pass instead of the
three reportlab's `multiBuild` needs to settle a table of contents — and a 300-unit
department's 5,000 entries are not 5,000 reportlab Paragraphs in a Table (a tenth of its
PDF's time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from desktop.core.exporters.fonts import covers
from desktop.core.exporters.pdf_grid import break_lines
from desktop.core.exporters.pdf_textops import place, show

ASCENT = 0.88  # of the em box above the baseline, in the CJK faces used
LEADING = 1.45  # line height over type size, as the body text
DOTS = " . "
NUMBER_ROOM = 40.0  # points kept right of an entry's text for its dots and page number


@dataclass(frozen=True)
class Level:
    """How entries of one level are set: face, size, indent and space above."""

    font: str
    size: float
    indent: float
    space_before: float = 0.0
    fallback: str | None = None  # the face for a character `font` lacks (a rare 字 in a name)


@dataclass(frozen=True)
class Row:
    """One entry as set (`key` None: the space above a level's entry), its height padded."""

    level: int
    key: str | None
    lines: tuple[tuple[str, float], ...]
    height: float


@dataclass
class Ends:
    """Where each entry's text ended, by form name: filled as the pages are drawn."""

    at: dict[str, tuple[float, float, float, Level]] = field(default_factory=dict)


def layout(
    entries: Sequence[tuple[int, str, str]], levels: Sequence[Level], pad: float, width: float
) -> list[Row]:
    """The entries as rows `width` wide: lines broken into the room the dots leave."""
    rows: list[Row] = []
    for level, title, key in entries:
        style = levels[min(level, len(levels) - 1)]
        if style.space_before:
            rows.append(Row(level, None, (), style.space_before + 2 * pad))
        room = width - style.indent - NUMBER_ROOM
        lines = tuple(break_lines(title, style.font, style.size, room)) or (("", 0.0),)
        height = len(lines) * style.size * LEADING + 2 * pad
        rows.append(Row(level, key, lines, height))
    return rows


class Contents(Flowable):
    """The 目录 as a flowable that splits between rows, never leaving a level-0 entry or
    the space above it alone at a page's foot."""

    def __init__(
        self,
        entries: Sequence[tuple[int, str, str]],
        levels: Sequence[Level],
        pad: float,
        *,
        rows: list[Row] | None = None,
        ends: Ends | None = None,
    ) -> None:
        super().__init__()
        self.entries, self.levels, self.pad = entries, levels, pad
        self.rows = rows  # a part's rows, as they were set; else set at the first wrap
        self.ends = ends if ends is not None else Ends()
        self._width = -1.0

    def _rows(self, width: float) -> list[Row]:
        if self.rows is None or (self._width >= 0 and width != self._width):
            self.rows = layout(self.entries, self.levels, self.pad, width)
            self._width = width
        return self.rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(r.height for r in self._rows(availWidth))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        rows = self._rows(availWidth)
        used, k = 0.0, 0
        while k < len(rows) and used + rows[k].height <= availHeight:
            used += rows[k].height
            k += 1
        # no level-0 entry (nor the space above one) as the last row before its own
        while 0 < k < len(rows) and (rows[k - 1].key is None or rows[k - 1].level == 0):
            k -= 1
        if k == 0:
            return []
        return [self._part(rows[:k]), self._part(rows[k:])]

    def _part(self, rows: list[Row]) -> Contents:
        return Contents(self.entries, self.levels, self.pad, rows=rows, ends=self.ends)

    def draw(self) -> None:
        canvas: Canvas = self.canv
        text = canvas.beginText()
        top = self.height
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        for row in self.rows or ():
            if row.key is None:
                top -= row.height
                continue
            style = self.levels[min(row.level, len(self.levels) - 1)]
            text.setFont(style.font, style.size, style.size * LEADING)
            x = style.indent
            y = top - self.pad - style.size * ASCENT
            for line, _width in row.lines:
                _line(text, line, x, y, style)
                y -= style.size * LEADING
            last = row.lines[-1][1]
            self.ends.at[f"toc-{row.key}"] = (x + last, y + style.size * LEADING, self.width, style)
            links.append((row.key, (0.0, top - row.height, self.width, top)))
            top -= row.height
        canvas.drawText(text)
        for key, rect in links:
            canvas.doForm(f"toc-{key}")
            canvas.linkRect("", key, rect, relative=1)

    def define_forms(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Each entry's dots, right-aligned with its page number at the 目录's right edge."""
        for form, (x, y, width, style) in self.ends.at.items():
            canvas.beginForm(form, lowerx=-10_000, lowery=-10_000, upperx=10_000, uppery=10_000)
            page = pages.get(form.removeprefix("toc-"))
            if page is not None:  # every section is placed; an empty form if one were not
                _number(canvas, str(page), x, y, width, style)
            canvas.endForm()


def _line(text: PDFTextObject, line: str, x: float, y: float, style: Level) -> None:
    """One line of an entry at (x, y): a character its face lacks in the fallback face."""
    alt = style.fallback
    if alt is None or all(covers(style.font, ch) for ch in line):
        place(text, x, y)
        show(text, line)
        return
    for face, run in _runs(line, style.font, alt):
        text.setFont(face, style.size, style.size * LEADING)
        place(text, x, y)
        show(text, run)
        x += stringWidth(run, face, style.size)
    text.setFont(style.font, style.size, style.size * LEADING)


def _runs(line: str, font: str, alt: str) -> list[tuple[str, str]]:
    """`line` as runs of one face each: `font` where it has the glyph, else `alt`."""
    runs: list[tuple[str, str]] = []
    for ch in line:
        face = font if covers(font, ch) else alt
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


def _number(canvas: Canvas, number: str, x: float, y: float, width: float, style: Level) -> None:
    size = style.size
    number_width = canvas.stringWidth(number, style.font, size)
    dot_width = canvas.stringWidth(DOTS, style.font, size)
    dots = max(0, int((width - x - number_width) / dot_width))
    text = canvas.beginText()
    text.setFont(style.font, size)
    place(text, width - dots * dot_width - number_width, y)
    show(text, DOTS * dots + number)
    canvas.drawText(text)
