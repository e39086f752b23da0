"""The Word document: read back with python-docx — the 目录 as a TOC field worded as
printed, Word's heading styles, faces by name, the tables as real Word tables with the
grids' merges and repeated headers in sections of the edition's orientation, drafts and
placeholders. Figures expected are the hand-transcribed published ones."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from desktop.core import samples
from desktop.core.exporters import PublishingBlocked, build_outputs
from desktop.core.exporters.long_form import blocks, cover_end, is_long_form, row_kind
from desktop.core.grid import Grid
from desktop.core.model import Report
from desktop.core.structure import plan
from desktop.core.text import Heading, build_text, placeholders
from tests.data.published import datong_2024, jincheng_2022
from tests.helpers.sample_files import SampleFiles

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}
TC = re.compile(r'^TC "((?:[^"\\]|\\.)*)" \\l (\d)$')


def _word(sample_files: SampleFiles, name: str) -> WordDocument:
    return docx.Document(str(sample_files.path(name, "docx")))


def _instructions(doc: WordDocument) -> list[str]:
    return [(i.text or "").strip() for i in doc.element.body.iter(qn("w:instrText"))]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_contents_are_a_toc_field_over_the_editions_entries(
    name: str, sample_files: SampleFiles
) -> None:
    doc = _word(sample_files, name)
    report = samples.load(name)
    codes = _instructions(doc)
    assert [c for c in codes if c.startswith("TOC")] == ['TOC \\f \\l "1-2" \\h \\z']
    entries = [
        (int(m.group(2)) - 1, m.group(1).replace('\\"', '"'))
        for m in (TC.match(c) for c in codes)
        if m
    ]
    assert len(entries) == sum(c.startswith("TC ") for c in codes)
    if name == "datong-2024":  # worded as the published 目录, then one line per 附件
        printed = datong_2024.CONTENTS
        assert entries[: len(printed)] == printed
        assert len(entries) == len(printed) + len(report.self_evals)
    parts = [text for level, text in entries if level == 0]
    assert parts == [
        "第一部分 概况",
        f"第二部分 {report.unit.year}年部门决算表",
        "第三部分 情况说明",
        "第四部分 名词解释",
        "第五部分 附件",
    ]
    # the field's first result lists the same lines, each linked to its entry's bookmark
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    links = list(doc.element.body.iter(qn("w:hyperlink")))
    assert len(links) == len(entries)
    for link, (_, text) in zip(links, entries, strict=True):
        shown = "".join(t.text or "" for t in link.iter(qn("w:t")))
        assert shown == text
        assert link.get(qn("w:anchor")) in bookmarks
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"  # Word fills the pages


@pytest.mark.parametrize("name", PUBLISHED)
def test_headings_are_words_heading_styles(name: str, sample_files: SampleFiles) -> None:
    doc = _word(sample_files, name)
    styled = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    headings = [(s, t) for s, t in styled if s.startswith("Heading")]
    parts = [t for s, t in headings if s == "Heading 1"]
    assert parts[0] == "第一部分 概况" and parts[-1] == "第五部分 附件"
    expected = [
        (f"Heading {min(block.level, 3) + 1}", block.full)
        for part in build_text(samples.load(name)).parts
        for block in part.blocks
        if isinstance(block, Heading)
    ]
    text_headings = [h for h in headings if h[0] != "Heading 1"]
    assert text_headings == expected
    # tables' titles are headings too (level 2 in the outline), in their own style
    titles = [t for s, t in styled if s == "表格标题"]
    assert titles[0] == "收入支出决算总表" and len(titles) == 10 + len(
        samples.load(name).self_evals
    ) + (1 if name == "jincheng-2022" else 0)


def test_faces_are_named_with_their_east_asian_names(sample_files: SampleFiles) -> None:
    doc = _word(sample_files, "datong-2024")

    def east_asia(style_name: str) -> str | None:
        fonts = doc.styles[style_name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    assert east_asia("正文文字") == "仿宋"  # body text, as the PDF
    for level in range(1, 5):
        assert east_asia(f"Heading {level}") == "黑体"
    assert east_asia("表格文字") == "宋体" and east_asia("Normal") == "宋体"
    assert east_asia("表格标题") == "黑体"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    lang = defaults.find(f".//{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-CN"


def _sections_of_tables(doc: WordDocument) -> Iterator[tuple[Any, Any]]:
    """Each body table with the section properties that govern it (the next sectPr)."""
    body = doc.element.body
    pending: list[Any] = []
    for child in body.iterchildren():
        top = child.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn('w:top')}")
        if child.tag == qn("w:tbl") and top.get(qn("w:val")) != "none":  # not an info line
            pending.append(child)
        sect = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr"):
            sect = child
        if sect is not None:
            yield from ((t, sect) for t in pending)
            pending = []


def _merges(tbl: Any) -> set[tuple[int, int, int, int]]:
    """(row, col, rows, cols) of every merged cell, read from gridSpan and vMerge."""
    down: dict[int, list[int]] = {}  # column → a vertical merge still open there
    out: set[tuple[int, int, int, int]] = set()
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        col = 0
        for tc in tr.iterchildren(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            v = pr.find(qn("w:vMerge"))
            if v is not None and v.get(qn("w:val")) != "restart":  # continues the one above
                down[col][2] += 1
            else:
                if col in down:
                    row, first, rows, cols = down.pop(col)
                    out.add((row, first, rows, cols))
                if v is not None:
                    down[col] = [r, col, 1, span]
                elif span > 1:
                    out.add((r, col, 1, span))
            col += span
    out.update((row, first, rows, cols) for row, first, rows, cols in down.values())
    return out


@pytest.mark.parametrize("name", PUBLISHED)
def test_tables_are_the_grids_as_real_word_tables(name: str, sample_files: SampleFiles) -> None:
    doc = _word(sample_files, name)
    grids = [part for grid in plan(samples.load(name)).grids() for part in _tables_of(grid)]
    placed = list(_sections_of_tables(doc))
    assert len(placed) == len(grids)
    for grid, (tbl, sect) in zip(grids, placed, strict=True):
        rows = list(tbl.iterchildren(qn("w:tr")))
        assert len(rows) == len(grid.cells), grid.title
        repeated = [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in rows]
        assert repeated == [r < grid.header_rows for r in range(len(rows))], grid.title
        want = {(m.row, m.col, m.rows, m.cols) for m in grid.merges}
        assert _merges(tbl) == want, grid.title
        # the page: the edition's orientation, and the table within its text width
        size = sect.find(qn("w:pgSz"))
        margins = sect.find(qn("w:pgMar"))
        width = int(size.get(qn("w:w")))
        landscape = size.get(qn("w:orient")) == "landscape"
        assert landscape == grid.landscape and (width > 16000) == grid.landscape, grid.title
        text_width = width - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
        cols = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
        assert sum(cols) <= text_width, grid.title
        # every amount right-aligned, as the grid prints it
        cells = {
            (r, c): cell
            for r, row in enumerate(grid.cells)
            for c, cell in enumerate(row)
            if isinstance(cell.value, Decimal)
        }
        for (r, c), cell in list(cells.items())[:40]:
            tc = _cell_at(rows[r], c)
            assert "".join(t.text or "" for t in tc.iter(qn("w:t"))) == cell.text
            assert tc.find(f".//{qn('w:jc')}").get(qn("w:val")) == "right"


def _tables_of(grid: Grid) -> list[Grid]:
    """The Word tables a grid becomes: itself, or a long-form sheet's runs of table rows
    (its paragraphs and headings are paragraphs, as in the PDF)."""
    if not is_long_form(grid):
        return [grid]
    kinds = [row_kind(row) for row in grid.cells]
    parts = blocks(grid, kinds, cover_end(grid, kinds))
    return [b.grid for b in parts if b.grid is not None]


def _cell_at(tr: Any, col: int) -> Any:
    at = 0
    for tc in tr.iterchildren(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        if at == col:
            return tc
        at += int(span.get(qn("w:val"))) if span is not None else 1
    raise KeyError(col)


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_published_table_figure_is_in_the_word_tables(
    name: str, sample_files: SampleFiles
) -> None:
    doc = _word(sample_files, name)
    text = _squash(" ".join(t.text or "" for tbl in doc.tables for t in tbl._tbl.iter(qn("w:t"))))
    for number, rows in PUBLISHED[name].TABLES.items():
        for key, values in rows.items():
            for v in values:
                if v and v != "——":
                    shown = v if "." not in v else f"{Decimal(v):,.2f}"
                    assert shown in text, (number, key, shown)


@pytest.mark.parametrize("name", PUBLISHED)
def test_cover_page_numbers_and_no_draft_mark_on_a_final(
    name: str, sample_files: SampleFiles
) -> None:
    doc = _word(sample_files, name)
    first, second = doc.sections[0], doc.sections[1]
    assert first.different_first_page_header_footer  # the cover: no header, no footer
    cover = [p.text for p in doc.paragraphs[:3]]
    if name == "datong-2024":
        assert cover[:2] == datong_2024.COVER
    numbering = second._sectPr.find(qn("w:pgNumType"))
    assert numbering is not None and numbering.get(qn("w:start")) == "1"  # 目录 is page 1
    assert all(s._sectPr.find(qn("w:pgNumType")) is None for s in doc.sections[2:])
    footer = first.footer._element
    codes = [(i.text or "").strip() for i in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE"]
    header = "".join(p.text for p in first.header.paragraphs)
    assert samples.load(name).unit.name in header and "草稿" not in header


@pytest.fixture(scope="module")
def blocked() -> Report:
    """The 大同 sample without two of its reasons: the text shows two placeholders."""
    report = samples.load("datong-2024")
    gone = ("total", "general")
    return dataclasses.replace(
        report, reasons=tuple(r for r in report.reasons if r.key not in gone)
    )


def test_a_final_is_refused_a_draft_marks_the_placeholders(blocked: Report, tmp_path: Path) -> None:
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(blocked, tmp_path, formats=["docx"], stem="final")
    assert "正式版" in str(err.value)
    assert not (tmp_path / "final.docx").exists()
    (out,) = build_outputs(blocked, tmp_path, formats=["docx"], stem="draft", draft=True)
    doc = docx.Document(str(out.path))
    for section in doc.sections:  # every page's header says so (later ones inherit it)
        if not section.header.is_linked_to_previous:
            assert "草稿" in "".join(p.text for p in section.header.paragraphs)
    owed = [r for p in doc.paragraphs for r in p.runs if r.text == "【请填写原因】"]
    assert len(owed) == len(placeholders(build_text(blocked)))
    for r in owed:
        assert str(r.font.color.rgb) == "C00000"
        assert r.font.highlight_color is not None  # red on yellow, as in the PDF


def test_officer_text_cannot_break_the_document(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    odd = "<&>\"' 单位\x0b名称\x01"
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, name=odd))
    (out,) = build_outputs(report, tmp_path, formats=["docx"], stem="odd")
    doc = docx.Document(str(out.path))
    assert doc.paragraphs[0].text == "<&>\"' 单位\n名称"


def test_a_long_form_attachment_is_set_as_a_document(sample_files: SampleFiles) -> None:
    """晋城's 自评分析报告: as in the PDF, each paragraph is one body-text paragraph again
    (the workbook splits long ones over rows) and each heading a heading of the 附件."""
    doc = _word(sample_files, "jincheng-2022")
    styled = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    body = {text for style, text in styled if style == "正文文字"}
    headings = [text for style, text in styled if style.startswith("附件标题")]
    reports = [g for g in plan(samples.load("jincheng-2022")).grids() if is_long_form(g)]
    assert reports
    expected_headings = []
    for grid in reports:
        kinds = [row_kind(row) for row in grid.cells]
        parts = list(blocks(grid, kinds, cover_end(grid, kinds)))
        for part in parts:
            if part.kind == "paragraph":
                assert part.text in body, part.text[:30]
            elif part.kind == "heading":
                expected_headings.append(part.text)
    assert headings == expected_headings
