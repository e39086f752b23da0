"""The printed PDF read back as a proof-reader reads it (tests/helpers/typeset.py: every
piece of text where it stands): no line starting with closing punctuation or ending with
opening punctuation, no figure split over two lines, the running header and the page
number inside every page after the cover (portrait and landscape alike), no page of fewer
than three lines; the cover, the 附件 as documents, the bundled 仿宋 and its fallback."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from desktop.core import samples
from desktop.core.exporters import build_outputs
from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.pdf import MARGIN, Styles
from desktop.core.model import Report
from desktop.core.structure import plan
from tests.helpers.sample_files import SampleFiles
from tests.helpers.strategies import consistent_reports
from tests.helpers.typeset import bookmarks, faults, pieces

pytestmark = pytest.mark.slow  # PDFs of samples and random reports read back glyph by glyph

SAMPLES = ("datong-2024", "jincheng-2022", "henan-2024")


def _header(report: Report) -> str:
    return f"{report.unit.name}  {plan(report).title}"


@pytest.mark.slow  # reads every character of both PDFs back
@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_are_typeset_clean(name: str, sample_files: SampleFiles) -> None:
    path = sample_files.path(name, "pdf")
    assert faults(path, header=_header(samples.load(name))) == []
    pages = pieces(path)
    landscape = [p for p in pages if p.width > p.height]
    assert landscape  # the furniture was checked on turned pages too (公开02 …)


@pytest.mark.slow  # a PDF per example, read back
@settings(
    max_examples=4,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=consistent_reports())
def test_random_reports_are_typeset_clean(
    report: Report, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("typeset")
    (written,) = build_outputs(report, out, formats=["pdf"], draft=True)
    assert faults(written.path, header=_header(report)) == []


def test_the_proof_reader_marks_what_it_should(tmp_path: Path) -> None:
    """The checker itself: a paragraph set by reportlab's own CJK wrapping (a line
    starting with 「，」, a figure cut after its decimal point) is marked."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    fonts = font_set()
    style = ParagraphStyle("b", fontName=fonts.body, fontSize=12, leading=12 * 1.45, wordWrap="CJK")
    room = A4[0] - 2 * MARGIN
    per_line = int(room // 12)
    comma = "字" * (per_line - 1) + "，其后" + "字" * per_line
    figures = "".join(f"项目{i}支出267.37万元，" for i in range(40))
    path = tmp_path / "p.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN)
    doc.build([Paragraph(comma, style), Paragraph(figures, style)])
    marked = faults(path, header="无")
    assert any("starts with 「，」" in m for m in marked), marked
    assert any("figure split" in m for m in marked), marked


@pytest.mark.slow  # reads the PDF's pages back
def test_the_cover_balances_a_long_name_and_prints_the_compiled_date(
    sample_files: SampleFiles,
) -> None:
    cover = pieces(sample_files.path("datong-2024", "pdf"))[0]
    name = [ln for ln in cover.lines() if ln.size == 24]
    text = "".join(ln.text for ln in name)
    assert text == "大同市公共资源交易中心（大同市政府采购中心）"
    assert len(name) == 2 and name[1].text != "心）"  # the original leaves 「采购中心）」
    widths = [ln.x1 - ln.x0 for ln in name]
    assert max(widths) - min(widths) <= 24 * 1.5  # even to a character or so
    today = date.today()
    assert any(ln.text == f"{today.year}年{today.month}月" for ln in cover.lines())
    assert not any("编制" in ln.text for ln in cover.lines())
    dated = pieces(sample_files.path("jincheng-2022", "pdf"))[0]
    assert any(ln.text == "2022年12月" for ln in dated.lines())  # compiled_on: "2022-12"


@pytest.mark.slow  # reads the PDF's pages back
def test_a_2022_analysis_report_is_a_document(sample_files: SampleFiles) -> None:
    """附件1 of 晋城 2022: its cover block (项目名称/项目单位/主管部门/date) on a page of its
    own, then headings, text at 12 pt and its tables at table size — nothing shrunk
    below 8 pt (the 2022 PDF had 6.5–7.2) — and the 目录 and bookmarks name each project."""
    path = sample_files.path("jincheng-2022", "pdf")
    marks = bookmarks(PdfReader(path))
    report = samples.load("jincheng-2022")
    for n, project in enumerate(report.self_evals, 1):
        assert f"附件{n} {project.name}项目支出绩效自评分析报告" in marks
    pages = pieces(path)
    first = marks["附件1 工作经费项目支出绩效自评分析报告"]
    cover = [ln.text for ln in pages[first].lines()]
    for line in ("项目支出绩效自评分析报告", "项目名称：工作经费", "2022年12月"):
        assert line in cover, cover
    assert any(t.startswith("项目单位：062003") for t in cover)
    assert any(t.startswith("主管部门：062") for t in cover)
    assert not any(t.startswith("一、") for t in cover)  # the body starts on the next page
    body = pages[first + 1].lines()
    assert body[1].text.strip() == "一、项目基本信息" or any(
        ln.text == "一、项目基本信息" for ln in body
    )
    last = marks["附件8 部门（单位）整体支出绩效自评表"]
    sizes = {round(p.size, 1) for page in pages[first:last] for p in page.pieces}
    # tables at 9 pt, or a little less where the form's columns are widened for 元 figures
    assert min(sizes) >= 8.0, sorted(sizes)
    assert 12 in sizes and 9 in sizes  # text at text size, tables at table size


def test_a_character_the_bundled_fangsong_lacks_is_drawn_in_the_song_face() -> None:
    fonts = font_set(use_system=False)
    styles = Styles(fonts)
    block = styles.text("张堃同志", styles.body)
    faces = block._set.faces
    assert faces[0] == fonts.body and faces[1] == fonts.table and faces[2] == fonts.body


def test_the_running_header_fits_a_page_however_long_the_name(tmp_path: Path) -> None:
    report = samples.load("datong-2024")
    report = replace(report, unit=replace(report.unit, name="很长的单位名称" * 30), self_evals=())
    (written,) = build_outputs(report, tmp_path, formats=["pdf"], draft=True)
    assert [m for m in faults(written.path, header=_header(report)) if "header" in m] == []
    pages = pieces(written.path)
    assert any(ln.text == "目  录" for ln in pages[1].lines())  # the cover is one page
    for page in pages[1:]:
        (head,) = [ln for ln in page.lines() if ln.text.startswith("很长的单位名称")]
        assert head.text.endswith("…") and head.x1 <= page.width - MARGIN + 0.5
