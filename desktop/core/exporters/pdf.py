"""PDF renderer: the whole report as one A4 document, built with reportlab.

    ReportPlan (desktop.core.structure) ──report_pdf──> [Section] ──write_pdf──> FILE.pdf
               tables: the same `Grid`s as the Excel workbook (tables.build_tables)
               text:   the structured `Document` of desktop.core.text (headings, paragraphs)

Wide tables go on landscape pages; a table longer than a page repeats its header rows;
column widths are the grid's, scaled to the page so nothing overflows. Every page but
the cover carries the running header (unit and report title) and a page number; parts,
sections and tables are PDF bookmarks, and those the edition lists are 目录 entries with
real page numbers (one pass: the 目录's page numbers are PDF forms filled in once every
section is placed). A draft says 草稿 on every page. What is printed, in which order and
under which headings is the plan's; this module only sets it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFPage, PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.atomic import replacing
from desktop.core.exporters.fonts import FontSet, font_set
from desktop.core.exporters.long_form import (
    DATE_LINE,
    blocks,
    cover_end,
    is_long_form,
    row_kind,
)
from desktop.core.exporters.pdf_contents import Contents, Level
from desktop.core.exporters.pdf_grid import GridTable, fit_columns, layout_grid
from desktop.core.exporters.pdf_text import Span, TextBlock
from desktop.core.grid import Grid

MARGIN = 18 * mm
HEADER_GAP = 8 * mm
PORTRAIT = A4
LANDSCAPE = landscape(A4)


@dataclass(frozen=True)
class Section:
    """One block of the document: a part, a section or a table, bookmarked under `title`
    (none when it is "") and listed in the 目录 when `listed`."""

    title: str
    level: int  # 0 part, 1 section/table, 2 sub-section
    flowables: tuple[Flowable, ...]
    landscape: bool = False
    listed: bool = True


class _Deferred(Flowable):
    """A table's place in the story, made and laid out only when the build reaches it
    (`_Doc` expands it there): a report of 5,000 attachments then holds one of them at a
    time, not all, and lets each go once it is drawn."""

    def __init__(self, make: Callable[[], Grid], styles: Styles) -> None:
        super().__init__()
        self.make: Callable[[], Grid] | None = make
        self.styles = styles
        self.width = self.height = 0

    def expand(self) -> list[Flowable]:
        make, self.make = self.make, None
        if make is None:
            return []
        grid = make()
        return fitted_flowables(grid, self.styles, grid.landscape)

    def draw(self) -> None:  # expanded before it is ever drawn
        pass


class _Marker(Flowable):
    """Zero-size flowable announcing a bookmark/目录 entry where it lands."""

    def __init__(self, title: str, level: int, key: str) -> None:
        super().__init__()
        self.title, self.level, self.key = title, level, key
        self.width = self.height = 0
        self.keepWithNext = True  # a chain of flowables kept together runs through it

    def draw(self) -> None:  # nothing visible
        pass


class _Doc(BaseDocTemplate):
    def __init__(self, path: str, *, header: str, draft: bool, fonts: FontSet, **kw: Any) -> None:
        super().__init__(path, pagesize=PORTRAIT, **kw)
        self.header_text, self.draft, self.fonts = header, draft, fonts
        frame_p = Frame(
            MARGIN, MARGIN, PORTRAIT[0] - 2 * MARGIN, PORTRAIT[1] - 2 * MARGIN - HEADER_GAP, id="p"
        )
        frame_l = Frame(
            MARGIN,
            MARGIN,
            LANDSCAPE[0] - 2 * MARGIN,
            LANDSCAPE[1] - 2 * MARGIN - HEADER_GAP,
            id="l",
        )
        frame_c = Frame(MARGIN, MARGIN, PORTRAIT[0] - 2 * MARGIN, PORTRAIT[1] - 2 * MARGIN, id="c")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame_c], onPage=self._cover_page, pagesize=PORTRAIT),
                PageTemplate("portrait", [frame_p], onPage=self._page, pagesize=PORTRAIT),
                PageTemplate("landscape", [frame_l], onPage=self._page, pagesize=LANDSCAPE),
            ]
        )
        self._seq = 0
        self.pages: dict[str, int] = {}  # marker key → page number, filled while building

    def _cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.draft:
            _watermark(canvas, self.fonts, page_size(canvas))

    def _page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The running header, its rule and the page number, placed on this page's own
        size (a landscape table's page is wider than it is tall)."""
        width, height = page_size(canvas)
        canvas.saveState()
        text, size = fit_line(self.header_text, self.fonts.body, 9, width - 2 * MARGIN)
        canvas.setFont(self.fonts.body, size)
        canvas.setStrokeColor(colors.grey)
        y = height - MARGIN + 2 * mm
        canvas.drawString(MARGIN, y, text)
        canvas.setFont(self.fonts.body, 9)
        canvas.line(MARGIN, y - 1.5 * mm, width - MARGIN, y - 1.5 * mm)
        canvas.drawCentredString(width / 2, MARGIN / 2, f"第 {doc.page - 1} 页")
        canvas.restoreState()
        if self.draft:
            _watermark(canvas, self.fonts, (width, height))

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """reportlab's hook before each flowable: a deferred table is laid out here, at
        the front or after the run of flowables kept with it (reportlab groups those)."""
        i = 0
        while i < len(flowables):
            f = flowables[i]
            if isinstance(f, _Deferred):
                flowables[i : i + 1] = f.expand()
                continue
            if not f.getKeepWithNext():  # type: ignore[no-untyped-call]
                break
            i += 1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Marker):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level)
            self.pages[flowable.key] = self.page - 1  # numbered from the page after the cover


def fit_line(text: str, font: str, size: float, room: float) -> tuple[str, float]:
    """One line within `room` points: in smaller type (down to 6.5 pt) when it is too
    wide, and cut short with 「…」 when even that is (a unit name of 200 characters)."""
    width = stringWidth(text, font, size)
    if width <= room:
        return text, size
    small = max(6.5, size * room / width)
    if stringWidth(text, font, small) <= room:
        return text, small
    keep = len(text)
    while keep > 0 and stringWidth(text[:keep] + "…", font, small) > room:
        keep -= max(1, (keep // 8))
    return text[:keep] + "…", small


def page_size(canvas: Canvas) -> tuple[float, float]:
    """The size of the page being drawn (its template's: portrait or landscape), which
    the document's own `pagesize` is not."""
    width, height = getattr(canvas, "_pagesize")  # noqa: B009 (not in the stubs)
    return float(width), float(height)


WATERMARK_SIZE = 120


def _watermark(canvas: Canvas, fonts: FontSet, pagesize: tuple[float, float]) -> None:
    """「草稿」 across the page's centre, and the red line in its top margin."""
    width, height = pagesize
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.12))
    canvas.setFont(fonts.heading, WATERMARK_SIZE)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    # centred on its middle, not on its baseline: the em box's centre is 0.38 em up
    canvas.drawCentredString(0, -0.38 * WATERMARK_SIZE, "草稿")
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.8, 0.1, 0.1))
    canvas.setFont(fonts.heading, 11)
    canvas.drawRightString(width - MARGIN, height - MARGIN / 2, "草稿 · 未经审核，不得公开")
    canvas.restoreState()


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    fonts: FontSet

    def p(self, name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK", **kw
        )

    def text(
        self, text: str | Sequence[Span], style: ParagraphStyle, *, balance: bool = False
    ) -> TextBlock:
        """A paragraph set by the Chinese line-breaking rules (`pdf_text`): plain text
        in the style's face, or spans in faces of their own."""
        spans = [Span(text, style.fontName)] if isinstance(text, str) else text
        return TextBlock(spans, style, fallback=self.fonts.fallback, balance=balance)

    @property
    def title(self) -> ParagraphStyle:
        return self.p("title", self.fonts.heading, 16, alignment=TA_CENTER, spaceAfter=4)

    @property
    def small_right(self) -> ParagraphStyle:
        return self.p("sr", self.fonts.table, 9, alignment=TA_RIGHT)

    @property
    def small(self) -> ParagraphStyle:
        return self.p("s", self.fonts.table, 8.5)

    @property
    def body(self) -> ParagraphStyle:
        return self.p(
            "body", self.fonts.body, 12, firstLineIndent=24, spaceAfter=4, alignment=TA_JUSTIFY
        )

    def heading(self, level: int) -> ParagraphStyle:
        sizes = {0: 18, 1: 14, 2: 12.5, 3: 12}
        align = TA_CENTER if level == 0 else TA_LEFT
        return self.p(
            f"h{level}",
            self.fonts.heading,
            sizes.get(level, 12),
            alignment=align,
            spaceBefore=8 if level else 0,
            spaceAfter=6,
            keepWithNext=True,
        )


# ---------------------------------------------------------------- tables


def fitted_flowables(grid: Grid, styles: Styles, landscape_page: bool) -> list[Flowable]:
    """The table's flowables, in smaller type when that keeps a nearly-one-page table on one
    page (公开06's four column groups, a short listing) — never below a readable size.
    A long-form sheet (a 自评分析报告: headings, paragraphs, tables) is set as a document."""
    page = LANDSCAPE if landscape_page else PORTRAIT
    # what a frame holds: reportlab's frames keep 6 pt of padding on each side
    width, height = page[0] - 2 * MARGIN - 12, page[1] - 2 * MARGIN - HEADER_GAP - 12
    if is_long_form(grid):
        return document_flowables(grid, styles, width, height)
    size = _base_size(grid, width)
    flow = grid_flowables(grid, styles, width, size, frame_height=height)
    for _ in range(6):
        used = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flow)
        if used <= height or used > 1.45 * height or size <= 6.5:
            break
        size = max(6.5, size * 0.92)
        flow = grid_flowables(grid, styles, width, size, frame_height=height)
    return flow


def _base_size(grid: Grid, frame_width: float) -> float:
    return max(5.5, min(9.0, frame_width / sum(grid.widths) * 1.9))


def grid_flowables(
    grid: Grid,
    styles: Styles,
    frame_width: float,
    size: float | None = None,
    *,
    frame_height: float = PORTRAIT[1] - 2 * MARGIN - HEADER_GAP,
) -> list[Flowable]:
    """A Grid as the official table: title block, the table, the 注 line."""
    f = styles.fonts
    scale = frame_width / sum(grid.widths)
    size = size or _base_size(grid, frame_width)
    widths = fit_columns(grid, [w * scale for w in grid.widths], f, size)
    table = layout_grid(grid, widths, f, size, frame_height, note=grid.note)
    info = Table(
        [
            [
                styles.text(grid.org_label, styles.small),
                styles.text(grid.year_label, styles.p("y", f.table, 9, alignment=TA_CENTER)),
                styles.text(grid.unit_label, styles.small_right),
            ]
        ],
        colWidths=[frame_width * 0.5, frame_width * 0.25, frame_width * 0.25],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), f.table, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    out: list[Flowable] = [
        styles.text(grid.title, styles.title, balance=True),
        styles.text(grid.label or f"{grid.number}表", styles.small_right),
        info,
        Spacer(1, 2),
        table,
    ]
    if grid.no_data:  # the table's 注 is its own last row (`layout_grid`), kept with it
        out += [Spacer(1, 3), styles.text(grid.empty_note, styles.small)]
    return out


# ---------------------------------------------------------------- long-form sheets


def document_flowables(grid: Grid, styles: Styles, width: float, height: float) -> list[Flowable]:
    """A long-form sheet as the stand-alone report it is in the original: the label and
    the title; the headings before its first numbered one (项目名称 …, the date) as a
    cover block on a page of its own; then headings in the heading face, paragraphs at
    text size, and each run of table rows a table at table size (its header rows
    repeated when it runs over a page). A paragraph the sheet split over rows (at a
    sentence end, for the workbook's row height) is one paragraph again (`long_form`)."""
    f = styles.fonts
    rows = grid.cells
    kinds = [row_kind(row) for row in rows]
    end = cover_end(grid, kinds)
    out: list[Flowable] = [
        styles.text(grid.label, styles.p("al", f.heading, 12)),
        styles.text(grid.title, styles.heading(0), balance=True),
    ]
    if grid.year_label:
        out.append(styles.text(grid.year_label, styles.p("ay", f.body, 12, alignment=TA_CENTER)))
    if end:
        block = styles.p("cb", f.heading, 14, leftIndent=36, spaceBefore=10)
        out.append(Spacer(1, 24 * mm))
        for row in rows[:end]:
            text = row[0].text
            if DATE_LINE.fullmatch(text):
                out += [
                    Spacer(1, 30 * mm),
                    styles.text(text, styles.p("cd", f.body, 14, alignment=TA_CENTER)),
                ]
            else:
                out.append(styles.text(text, block))
        out.append(PageBreak())
    for part in blocks(grid, kinds, end):
        if part.kind == "paragraph":
            out.append(styles.text(part.text, styles.body))
        elif part.kind == "heading":
            out.append(styles.text(part.text, styles.heading(part.level)))
        elif part.grid is not None:
            out += [Spacer(1, 2), _table_part(part.grid, styles, width, height), Spacer(1, 4)]
    if grid.note:
        out.append(styles.text(grid.note, styles.small))
    return out


def _table_part(part: Grid, styles: Styles, width: float, height: float) -> GridTable:
    """A run of a long-form sheet's table rows (`long_form.table_part`) at table size."""
    size = min(9.0, _base_size(part, width))
    scale = width / sum(part.widths)
    widths = fit_columns(part, [w * scale for w in part.widths], styles.fonts, size)
    return layout_grid(part, widths, styles.fonts, size, height)


# ---------------------------------------------------------------- text parts


def paragraph_spans(runs: Iterable[Any], fonts: FontSet) -> list[Span]:
    """Runs as spans: emphasis in the heading face, placeholders in red on yellow."""
    out = []
    for run in runs:
        if run.placeholder:
            out.append(Span(run.text, fonts.body, "#c00000", "#ffe9a8"))
        elif run.emphasis:
            out.append(Span(run.text, fonts.heading))
        else:
            out.append(Span(run.text, fonts.body))
    return out


def text_sections(part: Any, styles: Styles, *, listed: bool = True) -> list[Section]:
    """One text `Part`'s blocks as sections, one per 一级 heading, each bookmarked and (when
    `listed`) in the 目录; what comes before the first heading is a section of its own
    without a bookmark (a 名词解释 has nothing else). The part's own heading is the plan's."""
    from desktop.core.text import Heading

    sections: list[Section] = []
    flow: list[Flowable] = []
    title = ""

    def close() -> None:
        if title or flow:
            sections.append(Section(title, 1, tuple(flow), listed=listed and bool(title)))

    for block in part.blocks:
        if isinstance(block, Heading) and block.level == 1:
            close()
            flow, title = [], block.full
        if isinstance(block, Heading):
            flow.append(styles.text(block.full, styles.heading(min(block.level, 3))))
        else:
            flow.append(styles.text(paragraph_spans(block.runs, styles.fonts), styles.body))
    close()
    _keep_the_tail(sections)
    return sections


def _keep_the_tail(sections: Sequence[Section]) -> None:
    """The part's last heading and what follows it (often one line: 「无」) never stand
    alone on the part's last page: the flowable before that heading keeps with it, so a
    paragraph split there brings its last lines along (markers keep with what follows);
    the last paragraph split over pages leaves three lines, not two, on the last one."""
    flows = [f for section in sections for f in section.flowables]
    last = max((i for i, f in enumerate(flows) if _is_heading(f)), default=0)
    if last > 0:
        flows[last - 1].keepWithNext = True
    if flows and isinstance(flows[-1], TextBlock):
        flows[-1].tail_lines = 3  # the part's last page holds at least three lines


def _is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, TextBlock) and bool(getattr(flowable.style, "keepWithNext", 0))


def part_section(lines: Sequence[str], title: str, styles: Styles, *, listed: bool) -> Section:
    """A part's heading: its lines, centred, each a heading of level 0."""
    flow = tuple(styles.text(line, styles.heading(0), balance=True) for line in lines)
    return Section(title, 0, flow, listed=listed)


# ---------------------------------------------------------------- assembly


COVER_SIZES = {"name": 24, "title": 28, "date": 14}  # by the plan's cover line styles


def cover(lines: Sequence[tuple[str, str]], styles: Styles) -> list[Flowable]:
    """The cover: the plan's lines (text, style) centred, the date lines low on the page;
    each in balanced lines (a long unit name never leaves 「心）」 alone), a name of more
    than three lines at 24 pt (the limit is 200 characters) in smaller type, so that the
    cover stays one page."""
    f = styles.fonts
    room = PORTRAIT[0] - 2 * MARGIN - 12
    out: list[Flowable] = [Spacer(1, 70 * mm)]
    dated = False
    for i, (text, style) in enumerate(lines):
        if style == "date" and not dated:
            out.append(Spacer(1, 80 * mm))
            dated = True
        elif i:
            out.append(Spacer(1, 18 * mm if style != "date" else 4 * mm))
        font = f.body if style == "date" else f.heading
        size = float(COVER_SIZES.get(style, 14))
        while style == "name" and size > 12 and stringWidth(text, font, size) > 3 * room * 0.9:
            size -= 2
        line_style = styles.p(f"c{i}", font, size, alignment=TA_CENTER)
        out.append(styles.text(text, line_style, balance=True))
    return out


_TOC_SIZES, _TOC_PAD = (12.0, 11.0, 10.5), 3.0  # the 目录's type sizes; its rows' padding


def _contents(entries: Sequence[tuple[int, str, str]], fonts: FontSet, scale: float) -> Contents:
    sizes = [size * scale for size in _TOC_SIZES]
    alt = fonts.fallback.get
    levels = [
        Level(fonts.heading, sizes[0], 0.0, 4 * scale, alt(fonts.heading)),
        Level(fonts.body, sizes[1], 18.0, 0.0, alt(fonts.body)),
        Level(fonts.body, sizes[2], 36.0, 0.0, alt(fonts.body)),
    ]
    return Contents(entries, levels, _TOC_PAD * scale)


def toc_flowables(
    styles: Styles, entries: Sequence[tuple[int, str, str]] = (), heading: str = "目  录"
) -> list[Flowable]:
    f = styles.fonts
    # a 目录 a little longer than its page set a little smaller, so that no page holds
    # its last line or two alone (never below three quarters of the size)
    width = PORTRAIT[0] - 2 * MARGIN - 12
    room = PORTRAIT[1] - 2 * MARGIN - HEADER_GAP - 12 - 18 * 1.45 - 6 - 6 * mm
    toc = _contents(entries, f, 1.0)
    need = toc.wrap(width, room)[1]
    if room < need <= 1.3 * room:
        scale = 1.0
        while scale > 0.75 and need > room:
            scale -= 0.02
            toc = _contents(entries, f, scale)
            need = toc.wrap(width, room)[1]
    return [styles.text(heading, styles.heading(0)), Spacer(1, 6 * mm), toc]


def write_pdf(
    path: Path,
    sections: Sequence[Section],
    *,
    unit_name: str,
    title: str,
    draft: bool,
    when: date | None = None,
    fonts: FontSet | None = None,
    cover_lines: Sequence[tuple[str, str]] | None = None,
    contents: str = "目  录",
) -> Path:
    """The sections as one PDF after a cover (`cover_lines`: (text, style) pairs; by
    default the unit's name, `title` and the month of `when`) and a 目录 headed `contents`
    listing the sections that are `listed`."""
    fonts = fonts or font_set()
    styles = Styles(fonts)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = _Doc(
        str(path),
        header=f"{unit_name}  {title}",
        draft=draft,
        fonts=fonts,
        title=title,
        author=unit_name,
        subject=title,
        creator="决算公开助手",
        # without these the canvas declares an unembedded Helvetica on every page
        initialFontName=fonts.body,
        initialFontSize=10,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    day = when or date.today()
    month = f"{day.year}年{day.month}月"
    lines = cover_lines or ((unit_name, "name"), (title, "title"), (month, "date"))
    story: list[Flowable] = [*cover(lines, styles)]
    entries = [
        (section.level, section.title, f"s{i}")
        for i, section in enumerate(sections)
        if section.listed and section.title
    ]
    toc_flow = toc_flowables(styles, entries, contents)
    story += [NextPageTemplate("portrait"), PageBreak(), *toc_flow]
    current, after_part = "portrait", False
    for i, section in enumerate(sections):
        wanted = "landscape" if section.landscape else "portrait"
        # Parts and tables start a page, except a portrait table right under its part title.
        starts_page = section.level == 0 or (_is_table(section) and not after_part)
        if wanted != current or starts_page:
            story += [NextPageTemplate(wanted), PageBreak()]
            current = wanted
        if section.title:
            story.append(_Marker(section.title, section.level, f"s{i}"))
        story.extend(section.flowables)
        after_part = section.level == 0
    toc = next(f for f in toc_flow if isinstance(f, Contents))

    class _Canvas(Canvas):
        def showPage(self) -> None:
            super().showPage()
            pages: list[PDFPage] = getattr(self, "_doc").Pages.pages  # noqa: B009 (not in the stubs)
            _compress_now(pages[-1])

        def save(self) -> None:
            toc.define_forms(self, doc.pages)  # the page numbers are known by now
            super().save()

    with replacing(path, verb="写出") as out:  # the whole PDF, or the previous file as it was
        doc.filename = out
        doc.build(story, canvasmaker=_Canvas)
    return path


class _Compressed:
    """The Flate filter of a page stream compressed when its page was finished."""

    pdfname = "FlateDecode"

    def encode(self, data: bytes) -> bytes:
        return data


def _compress_now(page: PDFPage) -> None:
    """Compress a finished page's drawing commands now, not when the document is saved:
    a 7,000-page report would otherwise hold them all as text to the end (≈150 MB).
    The bytes are those reportlab writes at the save."""
    stream = page.stream
    if not stream or not page.compression or page.Contents:
        return
    data = stream.encode("utf8") if isinstance(stream, str) else stream
    contents = PDFStream(content=zlib.compress(data))
    contents.filters = [PDFBase85Encode, _Compressed()] if rl_config.useA85 else [_Compressed()]
    setattr(contents, "__Comment__", "page stream")  # noqa: B010 (not in the stubs)
    page.Contents, page.stream = contents, None


def _is_table(section: Section) -> bool:
    return any(isinstance(f, (GridTable, _Deferred)) for f in section.flowables)


def grid_section(
    title: str,
    make: Callable[[], Grid],
    styles: Styles,
    landscape: bool,
    *,
    listed: bool = True,
    level: int = 1,
) -> Section:
    """A bookmarked table, its grid made and laid out when the build reaches it."""
    flow = (_Deferred(make, styles),)
    return Section(title, level, flow, landscape=landscape, listed=listed)


def table_sections(grids: Iterable[Grid], styles: Styles) -> list[Section]:
    return [
        grid_section(f"{grid.number}表 {grid.title}", partial(_given, grid), styles, grid.landscape)
        for grid in grids
    ]


def _given(grid: Grid) -> Grid:
    return grid
