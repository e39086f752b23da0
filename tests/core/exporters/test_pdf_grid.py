"""The PDF's own table layout: line breaking, page breaks, repeated headers, cut rows.

Each test states what a reader of the printed table must see — every line within its
column, no heading stranded at a page foot, a merged block kept together when it fits a
page, every character of an over-long cell printed once — and checks the real PDF (or the
layout object reportlab is given) for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.linebreak import NO_LINE_END, NO_LINE_START
from desktop.core.exporters.pdf import (
    PORTRAIT,
    Section,
    Styles,
    fitted_flowables,
    write_pdf,
)
from desktop.core.exporters.pdf_grid import GridTable, break_lines, layout_grid
from desktop.core.grid import Align, Cell, Grid, Merge, Style
from tests.helpers.grids import make_grid

FONTS = font_set()
FACE = FONTS.table


def grid(
    rows: list[list[Cell]], merges: tuple[Merge, ...] = (), header_rows: int = 1, cols: int = 3
) -> Grid:
    return make_grid(rows, merges, header_rows=header_rows, widths=(20.0,) + (12.0,) * (cols - 1))


def header(cols: int = 3) -> list[Cell]:
    return [Cell(f"栏目{c}", Style.HEADER, Align.CENTER) for c in range(cols)]


def pdf_pages(g: Grid, tmp_path: Path) -> list[str]:
    styles = Styles(FONTS)
    section = Section("测试表", 0, tuple(fitted_flowables(g, styles, g.landscape)))
    path = write_pdf(tmp_path / "t.pdf", [section], unit_name="测试单位", title="测试", draft=False)
    return ["".join(p.extract_text().split()) for p in PdfReader(path).pages]


# ---------------------------------------------------------------- line breaking


def test_short_text_is_one_line_and_no_text_no_lines() -> None:
    assert break_lines("一般公共服务支出", FACE, 9, 200) == [("一般公共服务支出", 72.0)]
    assert break_lines("", FACE, 9, 200) == []
    assert [t for t, _ in break_lines("第一行\n第二行", FACE, 9, 200)] == ["第一行", "第二行"]


def test_cjk_breaks_within_the_room_keeping_numbers_and_brackets_whole() -> None:
    lines = [t for t, _ in break_lines("共完成2024年度任务", FACE, 9, 50)]
    # 「2024年」 is not split, and the last line is not one lone character
    assert lines == ["共完成", "2024年度", "任务"]
    lines = [t for t, _ in break_lines("执行数为9,361,502.66元，", FACE, 9, 70)]
    assert lines == ["执行数为", "9,361,502.66元，"]  # a figure stays whole with its unit
    lines = [t for t, _ in break_lines("全年预算数（元）", FACE, 9, 59)]
    assert lines == ["全年预算数", "（元）"]  # an opening bracket never ends a line
    # closing punctuation never starts a line: it hangs at the end of the one before
    lines = [t for t, _ in break_lines("目标申报（元）", FACE, 9, 59)]
    assert lines == ["目标申报（元）"]


def _allowed_cuts(line: str) -> list[int]:
    """Where `line` may break: the next line would not start with closing punctuation,
    this one not end with opening punctuation, and a figure would stay whole."""
    return [
        k
        for k in range(1, len(line))
        if (line[k:].lstrip()[:1] or "x") not in NO_LINE_START
        and line[k - 1] not in NO_LINE_END
        and not (line[k - 1].isdigit() and line[k] in "0123456789.%")
        and line[:k].strip()
    ]


def test_closing_punctuation_after_a_first_character_that_alone_fits_stays_with_it() -> None:
    """A column one character wide and 「预../../etc/x」 (found by the typesetting
    property): the dots may not start a line, so they go with 「预」, past the column."""
    lines = [t for t, _ in break_lines("预../../etc/x财政局", FACE, 9, 10)]
    assert "".join(lines) == "预../../etc/x财政局"
    assert not any(line[0] in NO_LINE_START for line in lines[1:]), lines


_CLOSERS = "，。、；：？！）》」"
_ALPHABET = list("预算执行率财政拨款项目支出（）《》") + list(_CLOSERS) + list("0123456789.%A")


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from([*_ALPHABET, " "]), max_size=120),
    room=st.floats(min_value=20, max_value=300),
)
@example(text="、、 ！", room=20.0)  # nothing but closing punctuation: no break allowed
def test_every_line_fits_and_nothing_is_lost(text: str, room: float) -> None:
    lines = break_lines(text, FACE, 9, room)
    assert "".join(t for t, _ in lines).replace(" ", "") == text.replace(" ", "")
    for line, width in lines:
        # the width a line is placed by leaves out closing punctuation hanging at its end;
        # it is wider than the room only where no break is allowed inside it
        # (「、、 ！」: any cut would start a line with closing punctuation)
        assert width <= room + 1e-6 or not _allowed_cuts(line)
        body = line.rstrip("".join(NO_LINE_START))
        widths = [stringWidth(line[:k], FACE, 9) for k in range(len(body), len(line) + 1)]
        assert any(width == pytest.approx(w) for w in widths)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120),
    room=st.floats(min_value=20, max_value=300),
)
def test_no_line_but_the_first_starts_with_closing_punctuation(text: str, room: float) -> None:
    lines = break_lines(text, FACE, 9, room)
    assert all(t[:1] not in _CLOSERS for t, _ in lines[1:])


# ---------------------------------------------------------------- page breaks


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    rows = [header()] + [
        [Cell(f"科目{i:03d}"), Cell(f"{i},000.00", align=Align.RIGHT), Cell("")] for i in range(150)
    ]
    pages = pdf_pages(grid(rows), tmp_path)[2:]  # after the cover and the 目录
    assert len(pages) >= 3
    assert all("栏目0栏目1栏目2" in page for page in pages)
    body = "".join(pages)
    assert all(body.count(f"科目{i:03d}") == 1 for i in range(150))


def test_a_cell_taller_than_a_page_is_cut_between_lines_and_printed_whole(
    tmp_path: Path,
) -> None:
    prose = "".join(f"第{i}句项目绩效自评说明文字，" for i in range(400))
    rows = [header(), [Cell("说明"), Cell(prose, Style.TEXT), Cell("尾")]]
    pages = pdf_pages(grid(rows, merges=()), tmp_path)[2:]
    assert len(pages) >= 3
    text = "".join(pages)
    for i in range(400):
        assert text.count(f"第{i}句") == 1, i


def test_a_merged_block_taller_than_a_page_is_cut_and_its_rows_all_printed(
    tmp_path: Path,
) -> None:
    rows = [header()] + [
        [Cell("产出指标" if i == 0 else None), Cell(f"指标{i:03d}"), Cell("100")] for i in range(90)
    ]
    pages = pdf_pages(grid(rows, merges=(Merge(1, 0, 90, 1),)), tmp_path)[2:]
    assert len(pages) >= 2
    text = "".join(pages)
    assert text.count("产出指标") == 1
    assert all(text.count(f"指标{i:03d}") == 1 for i in range(90))


def _table(g: Grid) -> GridTable:
    width = PORTRAIT[0] - 100
    return layout_grid(g, [w * width / sum(g.widths) for w in g.widths], FONTS, 9, 700)


def test_a_merged_block_that_fits_a_page_goes_over_whole() -> None:
    rows = [header()] + [[Cell(f"行{i}"), Cell("x"), Cell("y")] for i in range(10)]
    rows += [[Cell("合并" if i == 0 else None), Cell(f"块{i}"), Cell("z")] for i in range(6)]
    table = _table(grid(rows, merges=(Merge(11, 0, 6, 1),)))
    # room for the header, the ten rows and three of the block's six
    room = sum(table.heights[:14]) + 0.5
    first, rest = table.split(table.width, room)
    assert isinstance(first, GridTable) and isinstance(rest, GridTable)
    assert len(first.heights) == 11  # header + 10: the block went over whole
    assert len(rest.heights) == 1 + 6  # header repeated + the block


def test_a_heading_row_is_never_left_at_the_foot_of_a_page() -> None:
    rows = [header()] + [[Cell(f"行{i}"), Cell("x"), Cell("y")] for i in range(10)]
    rows += [[Cell("（二）绩效指标完成情况", Style.HEADING), Cell(None), Cell(None)]]
    rows += [[Cell(f"指标{i}"), Cell("x"), Cell("y")] for i in range(5)]
    table = _table(grid(rows))
    room = sum(table.heights[:12]) + 0.5  # exactly up to and including the heading
    first, rest = table.split(table.width, room)
    assert isinstance(first, GridTable) and isinstance(rest, GridTable)
    assert len(first.heights) == 11  # the heading went over with the row it heads
    assert len(rest.heights) == 1 + 6


@pytest.mark.parametrize("room", [30.0, 300.0])
def test_a_table_that_fits_is_not_split(room: float) -> None:
    table = _table(grid([header(), [Cell("a"), Cell("b"), Cell("c")]]))
    if table.height <= room:
        assert table.split(table.width, room) == [table]


def test_splitting_a_long_table_shares_its_layout_and_shows_every_row_once() -> None:
    """A table of thousands of rows is split page after page: each fragment is a range of
    the rows laid out once (none is copied cell by cell, which made the PDF quadratic in
    rows), the header rows head every fragment, and every body row is in exactly one."""
    rows = [header()] + [[Cell(f"科目{i:04d}"), Cell("x"), Cell("y")] for i in range(3000)]
    table = _table(grid(rows))
    fragments, rest = [], table
    while True:
        parts = rest.split(table.width, 500)
        if parts == [rest]:
            fragments.append(rest)
            break
        first, rest = parts
        assert isinstance(first, GridTable) and isinstance(rest, GridTable)
        fragments.append(first)
    assert len(fragments) > 50
    assert all(f.layout is table.layout for f in fragments)
    shown = [p.lines[0][0] for f in fragments for p in f.cells if p.row >= 1 and p.col == 0]
    assert shown == [f"科目{i:04d}" for i in range(3000)]
    assert all(next(p.lines[0][0] for p in f.cells if p.row == 0) == "栏目0" for f in fragments)
