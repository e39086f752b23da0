"""Word renderer: the whole report as one editable .docx, in the plan's order.

    ReportPlan (desktop.core.structure) ──write_report_docx──> FILE.docx
        cover · 目录 (a TOC field) · part headings · text (Document) · tables (Grid) · 附件

The same plan the PDF sets, the same `Document` and the same `Grid`s, so the three outputs
cannot disagree; this module only maps them onto Word's own means, so that the officer can
edit the result as an ordinary Word document:

* headings are Word's built-in 标题 1–4 styles (the navigation pane shows the outline) and
  every style names its faces by name — 仿宋 body text, 宋体 tables, 黑体 headings — with
  ``w:eastAsia`` set, so Word on Windows takes its own fonts;
* the 目录 is a real TOC field built from TC entries placed where each listed item starts,
  worded as the edition's 目录 (`ReportPlan.contents_entries`); its first result is those
  entries with PAGEREF fields to the items' bookmarks, and the document asks Word to
  update its fields when it is opened (``w:updateFields``), which fills in the pages;
* the cover is a section of its own without header or footer; page numbers in the footer
  count from the 目录, as in the PDF; a landscape table gets a landscape section;
* a draft says 草稿 in every page's header; placeholders for missing reasons are red on
  yellow, and a final document is refused while any remain (`exporters.build_outputs`).

Written with python-docx (its default template for the package, styles, header and
footer); the body is WordprocessingML text (`word_xml`, `word_grid`) streamed into the
file's document.xml as the plan is walked, so memory stays flat however many 附件 there
are. The tool never reads a .docx back: what the officer changes in Word is theirs, and
is not checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, cast
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.section import Section

from desktop.core.atomic import replacing
from desktop.core.exporters.word_grid import (
    ANNEX_STYLES,
    NOTE_STYLE,
    PROSE_STYLE,
    TABLE_STYLE,
    TITLE_STYLE,
    grid_blocks,
)
from desktop.core.exporters.word_xml import (
    BODY_FONT,
    HEADING_FONT,
    TABLE_FONT,
    W_NS,
    Look,
    bookmarked,
    elements,
    field,
    paragraph,
    pt,
    quoted,
    run,
)
from desktop.core.exporters.xlsx import storable
from desktop.core.grid import Grid
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.structure import (
    AttachmentItem,
    CoverLine,
    Entry,
    PartHeading,
    ReportPlan,
    TableItem,
    TextItem,
    plan,
)
from desktop.core.text import Heading, Paragraph, Run
from desktop.core.workpapers import Workpapers

# A4 in twips; margins as the PDF's (18 mm), the top one leaving room for the running head
PAGE_W, PAGE_H = 11906, 16838
MARGIN, TOP = 1020, 1474
PORTRAIT_TEXT, LANDSCAPE_TEXT = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN
PORTRAIT_PAGE = (PORTRAIT_TEXT, PAGE_H - TOP - MARGIN)  # text width and height
DRAFT_MARK = "草稿 · 未经审核，不得公开"
PLACEHOLDER = Look(color="C00000", highlight="yellow")
EMPHASIS = Look(font=HEADING_FONT)
BODY_STYLE, COVER_STYLE, CONTENTS_STYLE = PROSE_STYLE, "JuesuanCover", "JuesuanContents"
HEADING_STYLES = {0: "Heading1", 1: "Heading2", 2: "Heading3", 3: "Heading4"}
COVER_LOOKS = {  # by the plan's cover line styles, sizes as the PDF's
    "name": Look(font=HEADING_FONT, size=24),
    "title": Look(font=HEADING_FONT, size=28),
    "date": Look(font=BODY_FONT, size=14),
}


def write_report_docx(
    report: Report,
    path: Path,
    *,
    unit: AmountUnit | None = None,
    draft: bool = False,
    papers: Workpapers | None = None,
) -> Path:
    """The report as `path` (.docx): everything the PDF prints, editable in Word.

    The package (styles, header, footer, properties) is python-docx's; the body is written
    straight into the file's word/document.xml as the walk produces it, so a report of
    thousands of 附件 never holds more than one table's XML (a parsed tree of 1,000
    projects' tables took 1.4 GB)."""
    report_plan = plan(report, unit, papers=papers)
    package, refs = _package(report_plan, unit_name=report.unit.name, draft=draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, verb="写出") as out:  # the whole file, or the previous as it was
        _write_package(package, cast(IO[bytes], out), lambda sink: _body(report_plan, refs, sink))
    return path


_BODY_MARK = "@@juesuan-body@@"  # stands where the body goes in the package's document.xml


def _package(report_plan: ReportPlan, *, unit_name: str, draft: bool) -> tuple[bytes, str]:
    """The .docx package without its body (a mark in its place), and the header/footer
    references the first section names."""
    document = docx.Document()
    define_styles(document)
    first = document.sections[0]
    _running_head(first, f"{unit_name}  {report_plan.title}", draft)
    refs = "".join(
        f'<w:{ref.tag.rsplit("}", 1)[1]} w:type="{ref.get(qn("w:type"))}" '
        f'r:id="{ref.get(qn("r:id"))}"/>'
        for ref in first._sectPr.xpath("w:headerReference|w:footerReference")
    )
    body = document.element.body
    for child in list(body):
        body.remove(child)
    body.text = _BODY_MARK
    props = document.core_properties
    title = storable(report_plan.title)  # what XML can hold, as every text of the body
    props.title, props.author, props.subject = title, storable(unit_name), title
    props.comments = "由决算公开助手生成；在 Word 中的修改不会被软件读回或审核。"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue(), refs


def _write_package(
    package: bytes, out: IO[bytes], body: Callable[[Callable[[str], None]], None]
) -> None:
    """`package` copied to `out`, its document.xml's body written by `body` (given a sink
    for text) where the mark stands."""
    with ZipFile(BytesIO(package)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info, data)
                continue
            head, tail = data.decode("utf-8").split(_BODY_MARK)
            entry = ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = ZIP_DEFLATED
            with target.open(entry, "w") as stream:
                chunks = _Chunks(stream)
                chunks(head)
                body(chunks)
                chunks(tail)
                chunks.flush()


class _Chunks:
    """A sink for text that writes it to `stream` as UTF-8 in pieces of about a megabyte
    (one write per paragraph would cost a call into zlib each)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.pending: list[str] = []
        self.size = 0

    def __call__(self, xml: str) -> None:
        self.pending.append(xml)
        self.size += len(xml)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self.pending).encode("utf-8"))
        self.pending.clear()
        self.size = 0


def _body(report_plan: ReportPlan, refs: str, sink: Callable[[str], None]) -> None:
    """The report's body, block by block, into `sink`."""
    # the cover: a section without header or footer (its first page's are empty)
    writer = _Body(_Page(False, refs=refs, title_page=True), sink)
    writer.add(_cover(report_plan.cover))
    writer.new_section(landscape=False, restart_numbers=True)
    writer.add(_contents(report_plan))
    writer.walk(report_plan)
    writer.finish()
    if writer.entries != report_plan.contents_entries():  # the 目录 links by position
        raise RuntimeError("Word 目录的条目与文档中的标记不一致")


# ---------------------------------------------------------------- the body


@dataclass(frozen=True)
class _Page:
    """A section's page: A4 in the given orientation, the PDF's margins; the first section
    names the header and footer (later ones inherit them)."""

    landscape: bool
    refs: str = ""  # header/footer references
    title_page: bool = False  # the first page without header and footer (the cover)
    restart: bool = False  # page numbers start at 1 here (the 目录, as in the PDF)

    def xml(self) -> str:
        w, h = (PAGE_H, PAGE_W) if self.landscape else (PAGE_W, PAGE_H)
        orient = ' w:orient="landscape"' if self.landscape else ""
        return (
            f'<w:sectPr>{self.refs}<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            f'<w:pgMar w:top="{TOP}" w:right="{MARGIN}" w:bottom="{MARGIN}" '
            f'w:left="{MARGIN}" w:header="680" w:footer="510" w:gutter="0"/>'
            + ('<w:pgNumType w:start="1"/>' if self.restart else "")
            + ("<w:titlePg/>" if self.title_page else "")
            + "</w:sectPr>"
        )


@dataclass
class _Body:
    """The body as WordprocessingML text handed to `sink` block by block, and the state
    the walk needs: the current section's page, whether the next block starts a page,
    the bookmarks of the 目录's entries."""

    page: _Page
    sink: Callable[[str], None]
    fresh_page: bool = True  # nothing on the current page yet (a section just began)
    after_part: bool = False
    marks: int = 0
    entries: list[Entry] = dataclasses.field(default_factory=list)  # TC entries, in order

    @property
    def landscape(self) -> bool:
        return self.page.landscape

    def add(self, xml: str) -> None:
        self.sink(xml)
        self.fresh_page = self.fresh_page and not xml

    def new_section(self, *, landscape: bool, restart_numbers: bool = False) -> None:
        """End the current section (its properties in a paragraph of its own, as Word
        keeps them) and begin another on a new page."""
        self.sink(f"<w:p><w:pPr>{self.page.xml()}</w:pPr></w:p>")
        self.page = _Page(landscape, restart=restart_numbers)
        self.fresh_page = True

    def finish(self) -> None:
        """The last section's properties, which end the body."""
        self.sink(self.page.xml())

    def _bookmark(self, inner: str, entry: Entry | None) -> str:
        """`inner` (a heading's runs) bookmarked and marked as the 目录 `entry`."""
        if entry is None:
            return inner
        self.marks += 1
        self.entries.append(entry)
        name = toc_bookmark(self.marks)
        mark = field(f"TC {quoted(entry.text)} \\l {entry.level + 1}")
        return bookmarked(self.marks, name, inner) + mark

    def walk(self, report_plan: ReportPlan) -> None:
        level = 0  # the 目录 level of what a part holds: 1 under a listed part heading
        for item in report_plan.items:
            if isinstance(item, PartHeading):
                self._orient(False)
                lines = "\n".join(item.lines)
                entry = Entry(0, item.toc) if item.toc else None
                heading = self._bookmark(run(lines), entry)
                self.add(
                    paragraph(heading, style=HEADING_STYLES[0], page_break=not self.fresh_page)
                )
                self.fresh_page, self.after_part = False, True
                level = 1 if item.toc else 0
            elif isinstance(item, TextItem):
                for block in item.part.blocks:
                    listed = isinstance(block, Heading) and block.level == 1 and item.sections
                    entry = Entry(level, block.full) if isinstance(block, Heading) else None
                    self.add(self._block(block, entry if listed else None))
                    self.fresh_page = False
                self.after_part = False
            elif isinstance(item, (TableItem, AttachmentItem)):
                self._grid(item.grid(), Entry(level, item.toc) if item.toc else None)

    def _orient(self, landscape: bool) -> None:
        if landscape != self.landscape:
            self.new_section(landscape=landscape)

    def _grid(self, grid: Grid, entry: Entry | None) -> None:
        # a table starts a page, except a portrait one right under its part's heading
        keep_with_part = self.after_part and not grid.landscape and not self.landscape
        self._orient(grid.landscape)
        page = (LANDSCAPE_TEXT, PAGE_W - TOP - MARGIN) if grid.landscape else PORTRAIT_PAGE
        blocks = grid_blocks(grid, *page)
        new_page = not self.fresh_page and not keep_with_part
        label = (
            paragraph(blocks.label_runs, page_break=new_page, keep_next=True)
            if blocks.label_runs
            else ""
        )
        title = paragraph(
            self._bookmark(blocks.title_runs, entry),
            style=TITLE_STYLE,
            page_break=new_page and not label,
        )
        self.add(label + title + blocks.rest)
        self.fresh_page, self.after_part = False, False

    def _block(self, block: Heading | Paragraph, entry: Entry | None) -> str:
        if isinstance(block, Heading):
            style = HEADING_STYLES[min(block.level, 3)]
            return paragraph(self._bookmark(run(block.full), entry), style=style)
        return paragraph(runs_xml(block.runs), style=BODY_STYLE)


def runs_xml(runs: tuple[Run, ...]) -> str:
    """A paragraph's runs: emphasis in the heading face, placeholders red on yellow."""
    return "".join(
        run(r.text, PLACEHOLDER if r.placeholder else EMPHASIS if r.emphasis else Look())
        for r in runs
    )


def toc_bookmark(number: int) -> str:
    return f"_Toc{number:08d}"  # Word's own names for 目录 targets (hidden bookmarks)


def _cover(lines: tuple[CoverLine, ...]) -> str:
    """The cover lines centred, the date lines low on the page (the PDF's spacing)."""
    out = []
    dated = False
    for i, line in enumerate(lines):
        if i == 0:
            before = 70
        elif line.style == "date" and not dated:
            before, dated = 80, True
        else:
            before = 18 if line.style != "date" else 4
        spacing = f'<w:spacing w:before="{round(before / 25.4 * 1440)}"/>'
        look = COVER_LOOKS.get(line.style, COVER_LOOKS["date"])
        out.append(
            paragraph(run(line.text, look), style=COVER_STYLE, align="center", extra_ppr=spacing)
        )
    return "".join(out)


def _contents(report_plan: ReportPlan) -> str:
    """The 目录: its heading, then a TOC field over the TC entries the walk places. Its
    first result lists the same entries, each linked to its bookmark with a PAGEREF field
    for the page (Word fills them when it updates the fields; so does LibreOffice)."""
    heading = paragraph(run(report_plan.contents), style=CONTENTS_STYLE, align="center")
    entries = report_plan.contents_entries()
    if not entries:
        return heading
    out = [heading]
    last = len(entries)
    for i, entry in enumerate(entries, 1):
        name = toc_bookmark(i)
        page = field(f"PAGEREF {name} \\h", run(""))
        link = f'<w:hyperlink w:anchor="{name}" w:history="1">{run(entry.text)}{_TAB}{page}'
        content = (TOC_BEGIN if i == 1 else "") + link + "</w:hyperlink>"
        content += TOC_END if i == last else ""
        out.append(paragraph(content, style=f"TOC{min(entry.level, 1) + 1}"))
    return "".join(out)


_TAB = "<w:r><w:tab/></w:r>"
# the 目录 field spans its entries' paragraphs: begin and code in the first, end in the last
TOC_BEGIN = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> TOC \\f \\l "1-2" \\h \\z </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
)
TOC_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _running_head(section: Section, text: str, draft: bool) -> None:
    """The header every page but the cover carries, 草稿 at its right on a draft, and the
    page number centred in the footer (later sections inherit both)."""
    header = section.header._element
    for p in header.findall(qn("w:p")):
        header.remove(p)
    rule = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="808080"/></w:pBdr>'
    xml = ""
    if draft:
        xml += paragraph(
            run(DRAFT_MARK, Look(bold=True, color="C00000", font=HEADING_FONT, size=11)),
            style="Header",
            align="right",
        )
    xml += paragraph(run(text), style="Header", extra_ppr=rule)
    for element in elements(xml):
        header.append(element)
    footer = section.footer._element
    for p in footer.findall(qn("w:p")):
        footer.remove(p)
    number = run("第 ") + field("PAGE", run("1")) + run(" 页")
    for element in elements(paragraph(number, style="Footer", align="center")):
        footer.append(element)


# ---------------------------------------------------------------- styles


def define_styles(document: WordDocument) -> None:
    """The styles the body names, faces by name with eastAsia set (Word on Windows maps
    仿宋/宋体/黑体 to its own fonts; elsewhere the reader substitutes)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(_DOC_DEFAULTS))
    for style_id, xml in _styles().items():
        for old in styles.xpath(f'w:style[@w:styleId="{style_id}"]'):
            styles.remove(old)
        styles.append(parse_xml(xml))
    # Word reads settings in the schema's order: updateFields comes before these
    settings = document.settings.element
    update = parse_xml(f'<w:updateFields xmlns:w="{W_NS}" w:val="true"/>')
    later = [c for c in settings if c.tag.rsplit("}", 1)[-1] in _AFTER_UPDATE_FIELDS]
    if later:
        later[0].addprevious(update)
    else:
        settings.append(update)


_AFTER_UPDATE_FIELDS = frozenset(
    (
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
        "docId",
        "defaultImageDpi",
    )
)


def _fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}"/>'


_DOC_DEFAULTS = (
    f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault><w:rPr>{_fonts(TABLE_FONT)}'
    '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
)


def _style(
    style_id: str,
    name: str,
    *,
    face: str,
    size: float,
    ppr: str = "",
    based_on: str = "Normal",
    outline: int | None = None,
    extra: str = "",
) -> str:
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}{extra}<w:qFormat/>'
        f"<w:pPr>{ppr}{outline_xml}</w:pPr>"
        f'<w:rPr>{_fonts(face)}<w:color w:val="000000"/>'
        f'<w:sz w:val="{pt(size)}"/><w:szCs w:val="{pt(size)}"/></w:rPr></w:style>'
    )


def _spacing(before: float = 0, after: float = 0, leading: float | None = None) -> str:
    """Paragraph spacing in points; `leading` the exact line pitch in points, as the PDF
    sets it (Word's "multiple" spacing multiplies the font's own line height, which for
    CJK faces is already about 1.4 × the size, and differs from face to face)."""
    line = f' w:line="{round(leading * 20)}" w:lineRule="exact"' if leading else ""
    return f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"{line}/>'


def _styles() -> dict[str, str]:
    keep = "<w:keepNext/><w:keepLines/>"
    right_tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{PORTRAIT_TEXT}"/></w:tabs>'
    heading = {  # level → (size, alignment), the PDF's
        0: (18, "center"),
        1: (14, "left"),
        2: (12.5, "left"),
        3: (12, "left"),
    }
    out = {
        "Normal": _style("Normal", "Normal", face=TABLE_FONT, size=10.5, based_on=""),
        BODY_STYLE: _style(
            BODY_STYLE,
            "正文文字",
            face=BODY_FONT,
            size=12,
            ppr=_spacing(after=4, leading=12 * 1.45)
            + '<w:ind w:firstLine="480"/><w:jc w:val="both"/>',
        ),
        COVER_STYLE: _style(COVER_STYLE, "封面", face=HEADING_FONT, size=24, ppr=keep),
        CONTENTS_STYLE: _style(
            CONTENTS_STYLE, "目录标题", face=HEADING_FONT, size=18, ppr=_spacing(after=18)
        ),
        "TOC1": _style(
            "TOC1",
            "toc 1",
            face=HEADING_FONT,
            size=12,
            ppr=right_tab + _spacing(before=4, leading=12 * 1.45),
        ),
        "TOC2": _style(
            "TOC2",
            "toc 2",
            face=BODY_FONT,
            size=11,
            ppr=right_tab + _spacing(leading=11 * 1.45) + '<w:ind w:left="360"/>',
        ),
        TITLE_STYLE: _style(
            TITLE_STYLE,
            "表格标题",
            face=HEADING_FONT,
            size=16,
            ppr=keep + _spacing(after=4, leading=16 * 1.45) + '<w:jc w:val="center"/>',
            outline=1,
        ),
        TABLE_STYLE: _style(TABLE_STYLE, "表格文字", face=TABLE_FONT, size=9),
        NOTE_STYLE: _style(
            NOTE_STYLE, "表格说明", face=TABLE_FONT, size=9, ppr=_spacing(before=2, leading=9 * 1.3)
        ),
        "Header": _style("Header", "header", face=TABLE_FONT, size=9),
        "Footer": _style("Footer", "footer", face=TABLE_FONT, size=9),
    }
    for level, size in ((1, 14.0), (2, 12.5), (3, 12.0)):  # a 附件's own headings
        style_id = ANNEX_STYLES[level]
        out[style_id] = _style(
            style_id,
            f"附件标题 {level}",
            face=HEADING_FONT,
            size=size,
            ppr=keep + _spacing(before=8, after=6, leading=size * 1.45),
            outline=level + 1,  # under the 附件's title (outline level 1)
            extra=f'<w:next w:val="{BODY_STYLE}"/>',
        )
    for level, (size, align) in heading.items():
        style_id = HEADING_STYLES[level]
        ppr = (
            keep
            + _spacing(before=8 if level else 0, after=6, leading=size * 1.45)
            + f'<w:jc w:val="{align}"/>'
        )
        out[style_id] = _style(
            style_id,
            f"heading {level + 1}",
            face=HEADING_FONT,
            size=size,
            ppr=ppr,
            outline=level,
            extra='<w:next w:val="JuesuanBody"/>',
        )
    return out
