"""The report's prose in the workbook: 封面, 目录 and the text parts say, paragraph for
paragraph, what the PDF says; rows are tall enough for their text when printed; long
paragraphs continue in the next row; placeholders and drafts are marked."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from desktop.core import samples
from desktop.core.exporters import build_outputs
from desktop.core.exporters.xlsx_text import INDENT
from desktop.core.model import Report
from desktop.core.structure import plan
from desktop.core.text import build_text, placeholders
from tests.data.published import datong_2024, jincheng_2022
from tests.helpers.sample_files import Book, SampleFiles

pytestmark = pytest.mark.slow  # every test builds whole workbooks and PDFs of the samples

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}
TEXT_SHEETS = {  # each text sheet, and what follows it in the printed report
    "第一部分 概况": "第二部分",
    "第三部分 情况说明": "第四部分",
    "第四部分 名词解释": "第五部分",
}
_PAGE_NUMBER = re.compile(r"^第\s*\d+\s*页")


def _squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path, furniture: str) -> str:
    """The PDF's text without its page furniture (the running head, the page numbers),
    squashed: a paragraph running over a page break reads on unbroken."""
    lines = []
    for page in PdfReader(path).pages:
        for line in page.extract_text().split("\n"):
            if _squash(line) == furniture or _PAGE_NUMBER.match(line.strip()):
                continue
            lines.append(line)
    return _squash("".join(lines))


def blocks(ws: Worksheet) -> Iterator[str]:
    """The sheet's headings and paragraphs, a paragraph's continuation rows joined to it."""
    current: str | None = None
    for (cell,) in ws.iter_rows(max_col=1):
        value = cell.value
        if not isinstance(value, str) or not value.strip():
            continue
        continued = not cell.font.b and not value.startswith(INDENT) and current is not None
        if continued:
            current = (current or "") + value
            continue
        if current is not None:
            yield current
        current = value if not cell.font.b else None
        if cell.font.b:
            yield value
    if current is not None:
        yield current


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_text_sheets_say_what_the_pdf_says_paragraph_for_paragraph(
    name: str, book: Book, sample_files: SampleFiles
) -> None:
    report = samples.load(name)
    wb = book(name)
    title = plan(report).title
    text = pdf_text(sample_files.path(name, "pdf"), _squash(f"{report.unit.name}{title}"))
    for sheet, following in TEXT_SHEETS.items():
        said = [_squash(b) for b in blocks(wb[sheet])]
        assert said[0] == _squash(sheet)  # the part's heading heads its sheet
        start = text.rindex(said[0])  # the part itself, not its line in the 目录
        end = text.find(following, start)
        printed = text[start : end if end >= 0 else len(text)]
        # every heading and paragraph in the PDF's order, and nothing else between them
        at = 0
        for block in said:
            found = printed.find(block, at)
            assert found == at, (sheet, block[:40], printed[at : at + 40])
            at = found + len(block)
        assert at == len(printed), (sheet, printed[at : at + 80])
        n_paragraphs = sum(1 for b in blocks(wb[sheet]) if b.startswith(INDENT))
        assert n_paragraphs > 1, sheet


def test_the_cover_and_the_contents_as_published(book: Book) -> None:
    wb = book("datong-2024")
    cover = [c.value for (c,) in wb["封面"].iter_rows(max_col=1) if c.value]
    assert cover[:2] == datong_2024.COVER
    lines = [c for (c,) in wb["目录"].iter_rows(max_col=1) if c.value]
    assert _squash(lines[0].value) == "目录"
    printed = [text for _, text in datong_2024.CONTENTS]
    assert [c.value for c in lines[1 : 1 + len(printed)]] == printed
    parts = [c.value for c in lines[1:] if c.font.b]  # parts in bold, what they hold indented
    assert parts == [text for level, text in datong_2024.CONTENTS if level == 0]


# A4 portrait within 0.5" margins: 7.27 inches; a full-width character is its type size
# wide. An independent floor of what a row needs: never less than this many lines.
_PRINTABLE_PT = 7.27 * 72
_WIDE = re.compile("[\u2e80-\U0010ffff]")


def _min_lines(text: str, size: float) -> int:
    lines = 0
    for piece in text.split("\n"):
        width = sum(size if _WIDE.match(ch) else size / 2 for ch in piece)
        lines += max(1, -(-int(width) // int(_PRINTABLE_PT)))
    return lines


@pytest.mark.parametrize("name", PUBLISHED)
def test_rows_are_fitted_and_print_on_a4_portrait(name: str, book: Book) -> None:
    wb = book(name)
    for sheet in ["封面", "目录", *TEXT_SHEETS]:
        ws = wb[sheet]
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
        assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide
        merged = {str(r) for r in ws.merged_cells.ranges}
        for (cell,) in ws.iter_rows(max_col=1):
            if not isinstance(cell.value, str):
                continue
            assert f"A{cell.row}:D{cell.row}" in merged  # one wide column
            assert cell.alignment.wrap_text
            height = ws.row_dimensions[cell.row].height
            size = float(cell.font.sz)
            assert height is not None and height <= 409, (sheet, cell.row)
            assert height >= _min_lines(cell.value, size) * size * 1.2, (sheet, cell.value[:30])


def test_a_paragraph_longer_than_a_row_continues_after_a_sentence(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    sentence = "本单位严格执行各项财务制度，规范资金使用，确保预算资金安全高效运行。"
    duties = sentence * 120  # ≈ 4,000 characters: far taller than Excel's 409-point row
    report = dataclasses.replace(
        report, overview=dataclasses.replace(report.overview, duties=duties)
    )
    (out,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="long")
    ws = load_workbook(out.path)["第一部分 概况"]
    rows = [c for (c,) in ws.iter_rows(max_col=1) if isinstance(c.value, str)]
    first = next(i for i, c in enumerate(rows) if c.value.startswith(INDENT + sentence))
    pieces = [rows[first]]
    for c in rows[first + 1 :]:
        if c.value.startswith(INDENT) or c.font.b:
            break
        pieces.append(c)
    assert len(pieces) > 2
    assert "".join(c.value for c in pieces) == INDENT + duties
    assert all(c.value.endswith("。") for c in pieces)  # broken after a sentence
    assert all(ws.row_dimensions[c.row].height <= 409 for c in pieces)


@pytest.fixture(scope="module")
def blocked() -> Report:
    report = samples.load("datong-2024")
    kept = tuple(r for r in report.reasons if r.key not in ("total", "general"))
    return dataclasses.replace(report, reasons=kept)


def test_placeholders_are_marked_and_a_draft_says_so_on_every_sheet(
    blocked: Report, tmp_path: Path
) -> None:
    (out,) = build_outputs(blocked, tmp_path, formats=["xlsx"], stem="draft", draft=True)
    wb = load_workbook(out.path, rich_text=True)
    for ws in wb.worksheets:
        assert "草稿" in (ws.oddHeader.center.text or ""), ws.title
    ws = wb["第三部分 情况说明"]
    owed = [c for (c,) in ws.iter_rows(max_col=1) if "【请填写原因】" in str(c.value)]
    assert len(owed) == len(placeholders(build_text(blocked)))
    for cell in owed:
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")  # the row shaded
        runs = [b for b in cell.value if getattr(b, "text", None) == "【请填写原因】"]
        assert runs and runs[0].font.color.rgb.endswith("C00000") and runs[0].font.b
    (final,) = build_outputs(samples.load("datong-2024"), tmp_path, formats=["xlsx"], stem="f")
    for ws in load_workbook(final.path).worksheets:
        assert "草稿" not in (ws.oddHeader.center.text or ""), ws.title
