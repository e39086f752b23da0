"""The PDF's 目录 read back as a reader sees it: every listed section once, in order, with
the page its bookmark goes to, linked there, over as many pages as it takes."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.exporters import build_outputs
from desktop.core.exporters.pdf import MARGIN
from desktop.core.structure import plan
from tests.helpers.synthetic import large_report
from tests.helpers.typeset import FURNITURE, bookmarks, pieces

LONG = "城乡居民基本医疗保险财政补助资金及困难群众医疗救助资金统筹使用与绩效管理"


@pytest.fixture(scope="module")
def long_contents(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A report whose 目录 takes several pages, some entries two lines."""
    report = large_report(rows=60, projects=90, indicators=3)
    projects = tuple(
        replace(p, name=f"{LONG}（{n}）" if n % 7 == 0 else p.name)
        for n, p in enumerate(report.self_evals)
    )
    report = replace(report, self_evals=projects)
    out = tmp_path_factory.mktemp("contents")
    written = build_outputs(report, out, formats=["pdf"], draft=True)
    titles = [e.text for e in plan(report).contents_entries()]
    return written[0].path, titles


def _entries(path: Path) -> list[tuple[str, int, int]]:
    """(title, printed page number, page it is printed on) of each 目录 entry: the pages
    after the cover that show dots, their pieces on a baseline joined left to right, an
    entry's lines up to the one its dots and number end."""
    out: list[tuple[str, int, int]] = []
    pending = ""
    for page in pieces(path)[1:]:
        if not any(" . " in p.text for p in page.pieces):
            break
        rows: dict[float, list[tuple[float, str]]] = {}
        for p in page.pieces:
            # not the running header, the page number, nor the draft's watermark
            if MARGIN < p.y < page.height - MARGIN and not FURNITURE.match(p.text):
                rows.setdefault(round(p.y, 1), []).append((p.x, p.text))
        for y in sorted(rows, reverse=True):
            text = "".join(t for _x, t in sorted(rows[y]))
            if " . " not in text:
                if text.replace(" ", "") != "目录":
                    pending += text.strip()  # an entry's first line: its number is on its last
                continue
            title, number = re.fullmatch(r"(.*?)[ .]+(\d+)", text.strip()).groups()  # type: ignore[union-attr]
            out.append((pending + title, int(number), page.number))
            pending = ""
    return out


@pytest.mark.slow  # builds a 90-project report's PDF and reads its pages back
def test_every_entry_has_the_page_its_section_starts_on(
    long_contents: tuple[Path, list[str]],
) -> None:
    path, titles = long_contents
    reader = PdfReader(path)
    marks = bookmarks(reader)
    entries = _entries(path)
    assert [t for t, _n, _p in entries] == titles
    for title, number, _printed_on in entries:
        # numbered from the page after the cover, as the running footer numbers them
        assert number == marks[title], title
    assert len({on for _t, _n, on in entries}) >= 3  # the 目录 took several pages
    assert any(LONG in t for t, _n, _p in entries)


@pytest.mark.slow
def test_every_entry_links_to_its_section(long_contents: tuple[Path, list[str]]) -> None:
    path, _titles = long_contents
    reader = PdfReader(path)
    marks = bookmarks(reader)
    entries = _entries(path)
    named = reader.named_destinations
    index = {pg.indirect_reference.idnum: i for i, pg in enumerate(reader.pages)}  # type: ignore[union-attr]

    def target(dest: object) -> int:
        if isinstance(dest, str):
            return reader.get_destination_page_number(named[dest])
        return index[dest[0].idnum]  # type: ignore[index]

    for on in sorted({on for _t, _n, on in entries}):
        page = reader.pages[on - 1]
        links = [a.get_object() for a in page.get("/Annots", [])]
        links = [a for a in links if a.get("/Subtype") == "/Link"]
        wanted = sorted(marks[t] for t, _n, p in entries if p == on)
        found = sorted(target(a["/Dest"]) for a in links)
        assert found == wanted


def test_a_character_the_contents_face_lacks_is_drawn_in_its_fallback(tmp_path: Path) -> None:
    """「堃」 is not in the bundled 仿宋: in the 目录 it is drawn in the 宋体 the text uses
    for it, not left as an empty box."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer
    from reportlab.pdfbase.pdfmetrics import getFont

    from desktop.core import samples
    from desktop.core.exporters.fonts import font_set, missing_glyphs

    fonts = font_set()
    assert missing_glyphs("堃", fonts.body)  # else this test would prove nothing
    report = samples.load("datong-2024")
    first = replace(report.self_evals[0], name="张堃工作室建设")
    report = replace(report, self_evals=(first, *report.self_evals[1:]))
    (written,) = build_outputs(report, tmp_path, formats=["pdf"], draft=True)

    def chars(item: object) -> list[LTChar]:
        if isinstance(item, LTChar):
            return [item]
        if isinstance(item, LTContainer):
            return [c for child in item for c in chars(child)]
        return []

    pages = extract_pages(written.path, page_numbers=[1, 2])  # the 目录's two pages
    found = [c for page in pages for c in chars(page) if c.get_text() == "堃"]
    assert found, "the entry is in the 目录"
    song = getFont(fonts.table).face.name.decode()  # its PostScript name, as the PDF has it
    assert all(song in c.fontname for c in found), found[0].fontname
