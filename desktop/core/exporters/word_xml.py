"""WordprocessingML pieces as text: runs, paragraphs, fields and bookmarks.

    text + look ──run()/paragraph()/field()──> "<w:p>…</w:p>" ──elements()──> lxml nodes

The Word writer (`word`, `word_grid`) builds the body from these strings and parses each
block once: python-docx's object API creates and looks up a proxy per cell and per run,
which for a report of tables is most of the time spent. Every text goes through
`storable` (what XML 1.0 can hold) and is escaped here, so no caller can produce a
malformed document from an officer's text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from desktop.core.exporters.xlsx import storable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The faces, by the names Word on Windows knows them: 仿宋 body text, 宋体 tables, 黑体 headings
BODY_FONT, TABLE_FONT, HEADING_FONT = "仿宋", "宋体", "黑体"
_ROOT_OPEN = f'<w:root xmlns:w="{W_NS}">'


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def pt(size: float) -> int:
    """A type size as WordprocessingML's half-points, to the nearest half point."""
    return round(size * 2)


@dataclass(frozen=True)
class Look:
    """How a run looks; the paragraph's style gives the rest (font, size)."""

    bold: bool = False
    size: float | None = None  # points; None: the style's
    color: str = ""  # RRGGBB
    highlight: str = ""  # a Word highlight colour name ("yellow")
    font: str = ""  # a face by name (ascii, hAnsi and eastAsia alike)


PLAIN = Look()


def rpr(look: Look) -> str:
    parts = []
    if look.font:
        f = escape(look.font, {'"': "&quot;"})
        parts.append(f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>')
    if look.bold:
        parts.append("<w:b/><w:bCs/>")
    if look.color:
        parts.append(f'<w:color w:val="{look.color}"/>')
    if look.size is not None:
        half = pt(look.size)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if look.highlight:
        parts.append(f'<w:highlight w:val="{look.highlight}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, look: Look = PLAIN) -> str:
    """One run; a new line in `text` is a line break, a tab a tab."""
    props = rpr(look)
    out = []
    for i, line in enumerate(storable(text).split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{props}{''.join(out)}</w:r>"


def paragraph(
    content: str | Iterable[str],
    *,
    style: str = "",
    align: str = "",
    page_break: bool = False,
    keep_next: bool = False,
    extra_ppr: str = "",
) -> str:
    """A paragraph of `content` (runs and other inline XML). `style` is a style id,
    `align` one of left/center/right/both."""
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break:
        ppr.append("<w:pageBreakBefore/>")
    ppr.append(extra_ppr)
    if align:
        ppr.append(f'<w:jc w:val="{align}"/>')
    inner = content if isinstance(content, str) else "".join(content)
    props = "".join(ppr)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{inner}</w:p>"


def field(instruction: str, result: str = "", look: Look = PLAIN) -> str:
    """A complex field: `instruction` (``PAGE``, ``PAGEREF _Toc1 \\h``, ``TC "…" \\l 1``)
    and the result Word shows until it updates the field (runs; none for a TC entry)."""
    props = rpr(look)
    code = escape(storable(instruction))
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        + (f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>{result}' if result else "")
        + f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def quoted(text: str) -> str:
    """`text` as a quoted field argument (a TC entry's text)."""
    return '"' + text.replace("\\", "\\\\").replace('"', "\\" + '"') + '"'


def bookmarked(number: int, name: str, inner: str) -> str:
    return (
        f'<w:bookmarkStart w:id="{number}" w:name="{escape(name)}"/>'
        f'{inner}<w:bookmarkEnd w:id="{number}"/>'
    )


def elements(xml: str) -> list[BaseOxmlElement]:
    """The top-level elements of a fragment of body XML, parsed once."""
    root = parse_xml(f"{_ROOT_OPEN}{xml}</w:root>")
    return list(root)
