"""The print-ready PDF: every table figure and heading in it, fonts embedded, bookmarks,
draft vs final. Figures expected are the hand-transcribed published ones."""

from __future__ import annotations

import functools
import itertools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

from desktop.core import samples
from desktop.core.exporters import PublishingBlocked, build_outputs
from desktop.core.exporters.fonts import font_set, missing_glyphs
from desktop.core.model import Income, LedgerRow
from desktop.core.self_eval_tables import self_eval_grids
from desktop.core.structure import plan
from desktop.core.tables import build_tables
from desktop.core.text import Heading, build_text
from tests.data.published import datong_2024, jincheng_2022
from tests.helpers.sample_files import SampleFiles

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}


@pytest.fixture
def pdfs(sample_files: SampleFiles) -> dict[str, Path]:
    return {name: sample_files.path(name, "pdf") for name in PUBLISHED}


@functools.cache
def _text(path: Path) -> str:
    """The text of every page (the samples' PDFs are read by two tests each: read once)."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.slow  # reads every page's text back
@pytest.mark.parametrize("name", PUBLISHED)
def test_every_published_table_figure_is_in_the_pdf(name: str, pdfs: dict[str, Path]) -> None:
    text = _squash(_text(pdfs[name]))
    pub = PUBLISHED[name]
    for number, rows in pub.TABLES.items():
        assert f"{number}表" in text
        for key, values in rows.items():
            for v in values:
                if not v or v == "——":
                    continue
                shown = v if "." not in v else f"{Decimal(v):,.2f}"
                assert shown in text, (number, key, shown)


@pytest.mark.slow  # reads every page's text back
@pytest.mark.parametrize("name", PUBLISHED)
def test_every_heading_of_the_text_is_in_the_pdf(name: str, pdfs: dict[str, Path]) -> None:
    text = _squash(_text(pdfs[name]))
    document = build_text(samples.load(name))
    for part in document.parts:
        assert _squash(part.title) in text
        for block in part.blocks:
            if isinstance(block, Heading):
                assert _squash(block.full) in text, block.full
    for part in ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分"):
        assert part in text


@pytest.mark.parametrize("name", PUBLISHED)
def test_fonts_embedded_metadata_and_bookmarks(name: str, pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs[name])
    report = samples.load(name)
    assert reader.metadata is not None
    assert reader.metadata.author == report.unit.name
    assert "决算公开" in (reader.metadata.title or "")
    fonts = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and (
                "/FontFile2" in descriptor.get_object() or "/FontFile3" in descriptor.get_object()
            )
    assert fonts and all(fonts.values()), fonts  # every font embedded (and subset: 'AAAAAA+')
    assert all("+" in str(base) for base in fonts)
    titles = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for needed in ("第一部分 概况", "第三部分 情况说明", "第四部分 名词解释", "第五部分 附件"):
        assert needed in titles
    tables = [t.title for t in plan(report).tables()]  # as the edition's 目录 words them
    assert tables[0] == "一、收入支出决算总表" and tables[-1] == "十、部门决算公开相关信息统计表"
    assert sum(1 for t in titles if t in tables) == 10
    n_attachments = len(self_eval_grids(report))
    assert sum(1 for t in titles if t.startswith("附件")) == n_attachments
    # cover + 目录 + parts + ten tables + attachments: at least one page each
    assert len(reader.pages) >= 2 + 10 + n_attachments


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_character_has_a_glyph(name: str) -> None:
    report = samples.load(name)
    fonts = font_set()
    chars = {ch for run in build_text(report).runs() for ch in run.text}
    for grid in [*build_tables(report), *self_eval_grids(report)]:
        for row in grid.cells:
            for cell in row:
                chars.update(cell.text)
        chars.update(grid.title + grid.note + grid.org_label + grid.unit_label)
    text = "".join(chars)
    for face in (fonts.body, fonts.table, fonts.heading):
        assert missing_glyphs(text, face) == set(), face


@pytest.mark.slow  # reads every page's text back
def test_final_pdf_refused_while_errors_remain_and_draft_marked(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    broken = replace(
        report, ledger=(*report.ledger, LedgerRow("201035", income=Income(other=Decimal("5.00"))))
    )
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(broken, tmp_path, formats=["pdf"], stem="x")
    assert "201035" in str(err.value) and "草稿" in str(err.value)
    assert not (tmp_path / "x.pdf").exists()
    (draft,) = build_outputs(broken, tmp_path, formats=["pdf"], stem="x", draft=True)
    pages = PdfReader(draft.path).pages
    assert all("草稿" in page.extract_text() for page in pages)


@pytest.mark.slow  # reads the pages' text back
def test_missing_reason_blocks_the_final_pdf(tmp_path: Path) -> None:
    report = samples.load("datong-2024")
    without = replace(report, reasons=tuple(r for r in report.reasons if r.key != "total"))
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(without, tmp_path, formats=["pdf"], stem="y")
    assert "情况说明缺少：收入、支出总计与上年相比增减的主要原因" in str(err.value)
    assert [b.reason_key for b in err.value.blockers] == ["total"]
    (draft,) = build_outputs(without, tmp_path, formats=["pdf"], stem="y", draft=True)
    pages = PdfReader(draft.path).pages
    assert any("【请填写原因】" in _squash(page.extract_text()) for page in pages)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_an_unwritable_destination_is_a_chinese_message(tmp_path: Path, fmt: str) -> None:
    from desktop.core.errors import JuesuanError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(JuesuanError, match="写出失败"):
        build_outputs(samples.load("jincheng-2022"), blocker, formats=[fmt], stem="z", draft=True)


@pytest.mark.parametrize("name", PUBLISHED)
def test_each_table_of_the_samples_fits_one_page(name: str, pdfs: dict[str, Path]) -> None:
    """公开06's four column groups on one landscape page; no 公开 table of a sample spills."""
    reader = PdfReader(pdfs[name])
    marks: list[tuple[str, int]] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    tables = {t.title for t in plan(samples.load(name)).tables()}
    pages = [p for title, p in marks if title in tables or title.startswith("第三部分")]
    assert len(pages) == 11
    assert all(b - a == 1 for a, b in itertools.pairwise(pages)), pages
    page06 = reader.pages[pages[5]]
    assert page06.mediabox.width > page06.mediabox.height  # landscape
