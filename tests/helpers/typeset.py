"""A printed PDF read back as a reader sees it: every piece of text where it stands, the
lines they make, and the typesetting faults a proof-reader marks.

    FILE.pdf ──pieces()──> [Piece(text, x, y, size)] per page, in drawing order
             ──lines()───> [Line(text, x0, x1, y, size)]: pieces on one baseline that touch
             ──faults()──> ["page 7: a line starts with 「，」: …", …]

A line break inside a paragraph or a table cell is a line followed, in the drawing
order, by one that starts one leading lower (the text pages' 1.45 × size, the tables'
`pdf_grid.LEADING` × size) and not to the right of where it started: rows of a table are
further apart by their cells' paddings, so a figure in the row below is never taken for
the rest of one above.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer
from pypdf import PdfReader

from desktop.core.exporters.linebreak import NO_LINE_END, NO_LINE_START
from desktop.core.exporters.pdf_grid import LEADING as TABLE_LEADING

TEXT_LEADING = 1.45  # pdf.Styles.p
FURNITURE = re.compile(r"^第 \d+ 页$|^草稿|^草$|^稿$")
# A figure's end and what may not start the next line after it.
_FIGURE_END = re.compile(r"[-+−－±≤≥＜＞<>]?\d[\d,]*[.,]?$|[-+−－±≤≥＜＞<>]$")
_FIGURE_REST = re.compile(r"^([\d.,%％‰]|万元|亿元|元|个|人|辆|台|套|次|分)")


@dataclass(frozen=True)
class Piece:
    text: str
    x: float
    y: float
    size: float
    width: float


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y: float
    size: float
    order: int  # of its first piece in the drawing order


@dataclass
class Page:
    number: int  # from 1, the cover included
    width: float
    height: float
    pieces: list[Piece] = field(default_factory=list)

    def lines(self) -> list[Line]:
        """Pieces on one baseline that follow each other closely, joined, in drawing order."""
        out: list[Line] = []
        for k, p in enumerate(self.pieces):
            last = out[-1] if out else None
            if (
                last is not None
                and abs(last.y - p.y) < 0.01
                and abs(last.size - p.size) < 0.01
                and -0.5 <= p.x - last.x1 <= 0.6 * p.size
            ):
                last.text += p.text
                last.x1 = max(last.x1, p.x + p.width)
                continue
            out.append(Line(p.text, p.x, p.x + p.width, p.y, p.size, k))
        return [line for line in out if line.text.strip()]


def bookmarks(reader: PdfReader) -> dict[str, int]:
    """Each bookmark's title → the page (0-based, the cover being 0) it goes to."""
    marks: dict[str, int] = {}

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif (page := reader.get_destination_page_number(item)) is not None:
                marks[item.title] = page

    walk(reader.outline)
    return marks


def pieces(path: Path) -> list[Page]:
    """Every page's text as pieces: characters drawn one after the other along a baseline,
    each where the PDF places it ."""
    pages: list[Page] = []
    for n, layout in enumerate(extract_pages(path, laparams=None), 1):
        page = Page(n, float(layout.width), float(layout.height))
        run: list[LTChar] = []
        for ch in _chars(layout):
            if run and not _follows(run[-1], ch):
                page.pieces.append(_piece(run))
                run = []
            run.append(ch)
        if run:
            page.pieces.append(_piece(run))
        pages.append(page)
    return pages


def _chars(item: Any) -> Iterator[LTChar]:
    for child in item:
        if isinstance(child, LTChar):
            yield child
        elif isinstance(child, LTContainer):
            yield from _chars(child)


def _origin(ch: LTChar) -> tuple[float, float]:
    return float(ch.matrix[4]), float(ch.matrix[5])


def _follows(a: LTChar, b: LTChar) -> bool:
    """`b` is drawn right after `a` on the same baseline (within a little spacing)."""
    ay, (bx, by) = _origin(a)[1], _origin(b)
    size = a.size
    return abs(ay - by) < 0.01 and abs(a.size - b.size) < 0.01 and -0.5 <= bx - a.x1 <= 0.6 * size


def _piece(run: list[LTChar]) -> Piece:
    x, y = _origin(run[0])
    text = "".join(ch.get_text() for ch in run)
    return Piece(text, x, y, float(run[0].size), float(run[-1].x1) - x)


def _continues(a: Line, b: Line) -> bool:
    """Whether `b` is the line after `a` in the same paragraph or table cell."""
    if abs(a.size - b.size) > 0.01 or b.order <= a.order:
        return False
    drop = a.y - b.y
    leading = any(abs(drop - k * a.size) < 0.02 for k in (TEXT_LEADING, TABLE_LEADING))
    return leading and b.x0 <= a.x0 + 2 * a.size


def faults(path: Path, *, header: str) -> list[str]:
    """What a proof-reader would mark: lines starting with closing punctuation or ending
    with opening punctuation, figures split over two lines, a page after the cover
    without its running header or page number inside the page, a page of fewer than
    three lines of body."""
    out: list[str] = []
    for page in pieces(path):
        lines = page.lines()
        where = f"page {page.number}"
        body = [line for line in lines if not FURNITURE.match(line.text.strip())]
        if page.number > 1:
            heads = [ln for ln in body if _is_header(ln.text, header)]
            numbers = [ln for ln in lines if re.fullmatch(r"第 \d+ 页", ln.text.strip())]
            if not any(_inside(page, ln) for ln in heads):
                out.append(f"{where}: no running header inside the page")
            if not any(
                _inside(page, ln) and abs((ln.x0 + ln.x1) / 2 - page.width / 2) < 1
                for ln in numbers
            ):
                out.append(f"{where}: no centred page number inside the page")
            body = [ln for ln in body if not _is_header(ln.text, header)]
            if len(body) < 3:
                out.append(f"{where}: only {len(body)} body lines: {[ln.text for ln in body]}")
        for a, b in itertools.pairwise(lines):
            if not _continues(a, b):
                continue
            first, last = b.text.lstrip()[:1], a.text.rstrip()[-1:]
            if first in NO_LINE_START:
                out.append(f"{where}: a line starts with 「{first}」: {a.text} | {b.text}")
            if last in NO_LINE_END:
                out.append(f"{where}: a line ends with 「{last}」: {a.text} | {b.text}")
            if _FIGURE_END.search(a.text.rstrip()) and _FIGURE_REST.match(b.text.lstrip()):
                out.append(f"{where}: a figure split: {a.text} | {b.text}")
    return out


def _is_header(text: str, header: str) -> bool:
    """The running header 「unit  title」: the whole of it, its beginning cut short with
    「…」, or ending in its title (a random unit name's control characters read back as
    something else)."""
    title = "".join(header.split("  ")[-1].split())
    text, header = "".join(text.split()), "".join(header.split())
    return (
        text == header
        or (text.endswith("…") and header.startswith(text[:-1]))
        or (bool(title) and text.endswith(title))
    )


def _inside(page: Page, line: Line) -> bool:
    return line.x0 >= 0 and line.x1 <= page.width and 0 <= line.y <= page.height - line.size
