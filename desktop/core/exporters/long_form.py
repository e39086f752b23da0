"""Reading a long-form sheet (a 自评分析报告, a 评价报告) as the document it stands for.

    Grid of prose rows and table rows ──blocks()──> cover lines · headings · paragraphs ·
                                                   runs of table rows (as grids of their own)

The workbook keeps such a sheet as rows (a paragraph split at a sentence end where a row
would be too tall); the PDF and the Word document set it as the stand-alone report it is in
the original. Both read it here, so they cannot disagree on what is a heading, where a
paragraph ends or which rows make a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from desktop.core.grid import Cell, Grid, Style

SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_PROSE = frozenset({Style.TEXT, Style.HEADING})


def is_long_form(grid: Grid) -> bool:
    """A sheet of paragraphs with tables among them (a 自评分析报告, a 评价报告)."""
    return any(cell.style is Style.TEXT for row in grid.cells for cell in row[:1])


def row_kind(row: Sequence[Cell]) -> str:
    first = row[0] if row else Cell()
    if first.style in _PROSE and not any(c.text for c in row[1:]):
        return "heading" if first.style is Style.HEADING else "text"
    return "table"


def heading_level(text: str) -> int:
    """一、 a section (1), （一） a sub-section (2), anything else (1. …) the third level."""
    if re.match(r"^[一二三四五六七八九十]+、", text):
        return 1
    if text.startswith("（"):
        return 2
    return 3


def cover_end(grid: Grid, kinds: Sequence[str]) -> int:
    """How many rows head the sheet as its cover block: the headings before its first
    numbered one (项目名称 …, the date)."""
    end = 0
    while (
        end < len(kinds) and kinds[end] == "heading" and not SECTION.match(grid.cells[end][0].text)
    ):
        end += 1
    return end


@dataclass(frozen=True)
class Block:
    """One block after the cover: a heading (`level` 1–3), a paragraph (the rows of one
    joined again) or a table (`grid`: the run of table rows as a grid of its own)."""

    kind: str  # heading / paragraph / table
    text: str = ""
    level: int = 0
    grid: Grid | None = None


def blocks(grid: Grid, kinds: Sequence[str], start: int) -> Iterator[Block]:
    """The sheet's blocks from row `start` on (after its cover)."""
    rows = grid.cells
    r = start
    paragraph: list[str] = []
    while r < len(rows):
        kind = kinds[r]
        if kind == "text":
            text = rows[r][0].text
            if (
                text.startswith("　") and paragraph
            ):  # a new paragraph (a continued one is not indented)
                yield Block("paragraph", "".join(paragraph))
                paragraph.clear()
            paragraph.append(text.lstrip("　"))
            r += 1
            continue
        if paragraph:
            yield Block("paragraph", "".join(paragraph))
            paragraph.clear()
        if kind == "heading":
            text = rows[r][0].text
            yield Block("heading", text, heading_level(text))
            r += 1
            continue
        end = r
        while end < len(rows) and kinds[end] == "table":
            end += 1
        yield Block("table", grid=table_part(grid, r, end))
        r = end
    if paragraph:
        yield Block("paragraph", "".join(paragraph))


def table_part(grid: Grid, start: int, stop: int) -> Grid:
    """Rows start … stop-1 as a table of their own; its leading rows of column headings
    are its header rows (repeated on each page it runs over)."""
    rows = grid.cells[start:stop]
    merges = tuple(
        replace(m, row=m.row - start)
        for m in grid.merges
        if start <= m.row and m.row + m.rows <= stop
    )
    head = 0
    while head < len(rows) and all(c.style is Style.HEADER or not c.text for c in rows[head]):
        head += 1
    return replace(grid, cells=rows, merges=merges, header_rows=min(head, len(rows) - 1), note="")
