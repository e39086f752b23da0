"""The Excel workbook: every published figure in the right cell, and an official look.

Expected figures are the ones transcribed by hand from the real reports
(tests/data/published/), never the code's own output.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import samples
from desktop.core.editions import EconBody, ListingBody, load_edition
from desktop.core.exporters import build_outputs, xlsx
from desktop.core.exporters.xlsx import write_workbook
from desktop.core.grid import Align, Cell, Grid, Merge, Style
from desktop.core.model import CustomCode, Income, LedgerRow
from tests.data.published import datong_2024, jincheng_2022
from tests.helpers.grids import make_grid
from tests.helpers.sample_files import Book, SampleFiles
from tests.helpers.workbooks import fit_to_height, fit_to_width, front_sheets

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}
TITLE_ROWS = 3


@pytest.fixture
def workbooks(sample_files: SampleFiles) -> dict[str, Path]:
    return {name: sample_files.path(name, "xlsx") for name in PUBLISHED}


def printed(cell: object) -> str:
    """A cell as the published text shows it (amounts by their number format)."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        d = Decimal(str(value))
        return f"{d:.2f}" if getattr(cell, "number_format", "") == "#,##0.00" else str(int(d))
    return str(value)


def sheet_text(ws: Worksheet) -> list[list[str]]:
    return [[printed(c) for c in row] for row in ws.iter_rows()]


def values_after(ws: Worksheet, row: int, col: int, n: int) -> list[str]:
    """The n value cells right of (row, col), skipping the rest of a merged label."""
    end = col
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            end = rng.max_col
    return [printed(ws.cell(row, c)) for c in range(end + 1, end + 1 + n)]


def body_start(name: str, number: str) -> int:
    from desktop.core.tables import build_tables

    grid = next(g for g in build_tables(samples.load(name)) if g.number == number)
    return TITLE_ROWS + grid.header_rows + 1


@pytest.mark.parametrize("name", PUBLISHED)
def test_sheets_in_edition_order(name: str, book: Book) -> None:
    wb = book(name)
    ed = load_edition(PUBLISHED[name].EDITION)
    tables = [f"{t.number}表" for t in ed.tables]
    # the reference reports' order (the edition's structure): the prose where it stands
    # among the tables (tests/core/exporters/test_xlsx_text.py), and the 附件 last
    # (tests/core/test_self_eval_tables.py)
    expected = front_sheets(tables)
    assert wb.sheetnames[: len(expected)] == expected
    assert all(name.startswith("附件") for name in wb.sheetnames[len(expected) :])


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_published_figure_in_its_cell(name: str, book: Book) -> None:
    pub = PUBLISHED[name]
    wb = book(name)
    ed = load_edition(pub.EDITION)
    for number, rows in pub.TABLES.items():
        ws = wb[f"{number}表"]
        spec = ed.table(number)
        start = body_start(name, number)
        text = sheet_text(ws)
        if isinstance(spec.body, ListingBody):
            listed = [
                r[0]
                for r in text[start - 1 :]
                if r[0] and r[0] != "合计" and not r[0].startswith("注")
            ]
            listed = [c for c in listed if c.isdigit()]
            assert listed == [k for k in rows if k != "合计"], number
            for key, values in rows.items():
                (r,) = [i + 1 for i, row in enumerate(text) if i + 1 >= start and row[0] == key]
                assert values_after(ws, r, 2, len(values)) == values, (number, key)
        elif isinstance(spec.body, EconBody):
            for key, values in rows.items():
                hits = [
                    (i + 1, j + 1)
                    for i, row in enumerate(text)
                    for j, cell in enumerate(row)
                    if i + 1 >= start and cell == key
                ]
                assert len(hits) == 1, (number, key)
                r, c = hits[0]
                skip = 1 if key.isdigit() else 0  # a code is followed by its name
                assert values_after(ws, r, c + skip, len(values)) == values, (number, key)
        elif (
            number in ("公开09", "公开07")
            and len(rows) == 1
            and "1" in rows
            and len(rows["1"]) == 12
        ):
            assert [printed(ws.cell(start, c)) for c in range(1, 13)] == rows["1"]
        else:  # rows keyed by 行次
            for key, values in rows.items():
                hits = [
                    (i + 1, j + 1)
                    for i, row in enumerate(text)
                    for j, cell in enumerate(row)
                    if i + 1 >= start and cell == key and j > 0 and not row[j - 1].isdigit()
                ]
                assert len(hits) == 1, (number, key, hits)
                r, c = hits[0]
                assert values_after(ws, r, c, len(values)) == values, (number, key)


@pytest.mark.parametrize("name", PUBLISHED)
def test_empty_tables_say_so(name: str, book: Book) -> None:
    pub = PUBLISHED[name]
    wb = book(name)
    for ws in wb.worksheets:
        notes = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        has_no_data_line = "说明：本表无数据" in notes
        assert has_no_data_line == (ws.title.removesuffix("表") in pub.NO_DATA), ws.title


def test_a_long_self_evaluation_report_prints_on_as_many_pages_as_it_needs(book: Book) -> None:
    """The 2022 自评分析报告 runs over pages: fitted to the width only, never shrunk to one."""
    wb = book("jincheng-2022")
    ws = next(ws for ws in wb.worksheets if ws.title.startswith("附件1 "))
    assert fit_to_width(ws) == 1 and fit_to_height(ws) == 0


@pytest.mark.parametrize("name", PUBLISHED)
def test_official_look_and_print_setup(name: str, book: Book) -> None:
    pub = PUBLISHED[name]
    wb = book(name)
    ed = load_edition(pub.EDITION)
    assert wb.properties.creator == samples.load(name).unit.name
    for spec in ed.tables:
        ws = wb[f"{spec.number}表"]
        n = len(spec.widths)
        assert ws["A1"].value == spec.title and ws["A1"].font.b and ws["A1"].font.name == "宋体"
        assert any(str(r) == f"A1:{get_column_letter(n)}1" for r in ws.merged_cells.ranges)
        assert ws.cell(2, n).value == f"{spec.number}表"
        line3 = [c.value for c in ws[3] if c.value]
        assert line3[0].startswith(("部门名称：", "单位名称：")) and line3[-1].endswith(pub.UNIT)
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == ("landscape" if spec.landscape else "portrait")
        assert fit_to_width(ws) == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        # each 公开 table is one printed page, as in the original (公开04 fitted in height too)
        assert fit_to_height(ws) == 1, ws.title
        assert ws.print_options.horizontalCentered
        assert ws.print_title_rows and ws.print_title_rows.startswith("$1:")
        amounts = [
            c
            for row in ws.iter_rows(min_row=TITLE_ROWS + 1)
            for c in row
            if isinstance(c.value, (int, float)) and c.number_format != "0"
        ]
        assert all(
            c.number_format == "#,##0.00" and c.alignment.horizontal == "right" for c in amounts
        )
        headers = [c for c in ws[TITLE_ROWS + 1] if c.value] if spec.header else []
        assert all(c.alignment.horizontal == "center" and c.alignment.wrap_text for c in headers)
        grid_cells = [
            c for row in ws.iter_rows(min_row=TITLE_ROWS + 1, max_row=TITLE_ROWS + 4) for c in row
        ]
        assert all(
            c.border.left.style == "thin" for c in grid_cells if not isinstance(c, MergedCell)
        )
        assert spec.note in [c.value for row in ws.iter_rows() for c in row]


@pytest.mark.slow  # a whole workbook built again, in the other unit
def test_unit_choice_rounds_each_cell_half_up(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    (out,) = build_outputs(report, tmp_path, formats=["xlsx"], unit="万元", stem="j")
    ws = load_workbook(out.path)["公开01表"]
    text = sheet_text(ws)
    assert text[TITLE_ROWS + 3][:3] == [
        "一、一般公共预算财政拨款收入",
        "1",
        "936.15",
    ]  # 9361502.66 元
    assert ws.cell(3, 6).value == "金额单位：万元"


@pytest.mark.slow  # a whole workbook built and read back
def test_officer_text_never_becomes_a_formula(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    evil = '=HYPERLINK("http://x","点我")'
    report = replace(
        report,
        unit=replace(report.unit, name=evil),
        ledger=(*report.ledger, LedgerRow("2019957", income=Income(other=Decimal("1.00")))),
        custom_codes=(CustomCode("2019957", "+1+2"),),
    )
    (out,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="evil")
    wb = load_workbook(out.path)
    cells = [
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    ]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "+1+2" for c in cells)
    assert any(isinstance(c.value, str) and c.value.endswith(evil) for c in cells)


def _grid(cells: list[list[Cell]], merges: tuple[Merge, ...], sheet: str) -> Grid:
    return make_grid(cells, merges, widths=(10.0,) * 4, note="注：测试。", sheet=sheet)


@pytest.mark.parametrize("in_memory_sheets", [xlsx.IN_MEMORY_SHEETS, 0])
def test_a_merge_down_keeps_the_cells_beside_it_and_its_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory_sheets: int
) -> None:
    """Sheets are written row by row (a large workbook is streamed, a row leaving memory
    as the next begins); a label merged down over three rows must not cost the figures to
    its right in those rows, and its box runs round the whole range."""
    monkeypatch.setattr(xlsx, "IN_MEMORY_SHEETS", in_memory_sheets)
    head = [Cell(f"栏{c}", Style.HEADER, Align.CENTER) for c in range(4)]
    body = [
        [Cell("产出指标" if r == 0 else None), Cell(f"指标{r}"), Cell(Decimal(f"{r}.50")), Cell(r)]
        for r in range(3)
    ]
    path = write_workbook(
        [_grid([head, *body], (Merge(1, 0, 3, 1),), "测试")],
        tmp_path / "m.xlsx",
        title="t",
        author="a",
    )
    ws = load_workbook(path)["测试"]
    top = TITLE_ROWS + 2  # the first body row
    assert f"A{top}:A{top + 2}" in [str(r) for r in ws.merged_cells.ranges]
    assert [[printed(ws.cell(top + r, c)) for c in range(1, 5)] for r in range(3)] == [
        ["产出指标", "指标0", "0.50", "0"],
        ["", "指标1", "1.50", "1"],
        ["", "指标2", "2.50", "2"],
    ]
    assert ws.cell(top + 2, 1).border.bottom.style == "thin"  # the range's foot is boxed


def test_sheet_names_are_ones_excel_takes(tmp_path: Path) -> None:
    """At most 31 characters, none of []:*?/\\, no apostrophe at either end, none twice
    (Excel compares them ignoring case): a name taken is numbered on."""
    cells = [[Cell("a"), Cell("b"), Cell("c"), Cell("d")]]
    names = ["附件1 a/b:c", "'引号'", "Sheet", "SHEET", "附件" + "长" * 40, "附件" + "长" * 40]
    path = write_workbook(
        [_grid(cells, (), n) for n in names], tmp_path / "n.xlsx", title="t", author="a"
    )
    got = load_workbook(path).sheetnames
    assert got[:4] == ["附件1 a_b_c", "引号", "Sheet", "SHEET(2)"]
    assert got[4] == ("附件" + "长" * 40)[:31] and got[5] == ("附件" + "长" * 40)[:28] + "(2)"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)
def test_libreoffice_opens_and_prints_both_workbooks(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    assert SOFFICE is not None
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, workbooks.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name, path in workbooks.items():
        pdf = tmp_path / f"{path.stem}.pdf"
        assert pdf.is_file(), name
        reader = PdfReader(pdf)
        # ten tables; 公开04 runs to a second landscape page as in the published reports;
        # the prose sheets and the self-evaluation 附件 (tests/core/test_self_eval_tables.py
        # counts theirs) around them
        assert len(reader.pages) > 11, name
        text = "".join(p.extract_text() for p in reader.pages)
        for number in PUBLISHED[name].TABLES:
            assert f"{number}表" in text
