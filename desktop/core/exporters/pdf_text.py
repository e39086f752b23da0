"""Long paragraphs laid out in time linear in their length.

    markup ──paragraph(markup, style)──> Paragraph            (the usual, short text)
                                     └─> LongParagraph        (beyond LONG characters)

reportlab splits a paragraph that runs over a page by breaking the remainder into lines
again, on every page: a text of n pages is broken n times over, and a 200,000-character
reason took a minute (a million characters, a quarter of an hour). A `LongParagraph` is
broken into lines once, for the width it is given; each page takes the next run of those
lines as an ordinary `Paragraph` made of just them, so the work is the text's length
once plus each page's own lines. The lines, the page breaks (as many lines as fit) and
what is drawn are those reportlab makes of the same paragraph.
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

LONG = 3000  # characters of markup; shorter paragraphs are reportlab's own
_FUZZ = 1e-8


def paragraph(markup: str, style: ParagraphStyle) -> Flowable:
    """The flowable for one paragraph of text: reportlab's, or a long one's."""
    if len(markup) <= LONG:
        return Paragraph(markup, style)
    return LongParagraph(_Broken(Paragraph(markup, style)), 0)


class _Broken:
    """A paragraph and its lines, broken once per width (a page turned sideways asks
    for another width; the text pages are all one)."""

    def __init__(self, para: Paragraph) -> None:
        self.para: Any = para  # reportlab's line-breaking state is not in its stubs
        self.width: float | None = None
        self.lines: list[Any] = []

    def at(self, width: float) -> _Broken:
        if self.width != width:
            self.para.wrap(width, 0x7FFFFFFF)
            self.width = width
            self.lines = self.para.blPara.lines
        return self

    def run(self, start: int, stop: int) -> Flowable:
        """Lines start … stop-1 as a paragraph of their own (as reportlab's split makes
        one): the first keeps the paragraph's indent and space before, a later one has
        neither; all but the last run justify their last line when the style justifies."""
        para, style = self.para, self.para.style
        if start or stop < len(self.lines):
            style = copy.copy(style)
            if start:
                style.firstLineIndent = 0
                style.spaceBefore = 0
            if stop < len(self.lines):
                style.spaceAfter = 0
        split = para._get_split_blParaFunc()  # reportlab's own: the frags of those lines
        run: Any = Paragraph(None, style, frags=split(para.blPara, start, stop))  # type: ignore[arg-type]
        if stop < len(self.lines):
            run._JustifyLast = True
        made: Flowable = run
        return made


class LongParagraph(Flowable):
    """The lines of a long paragraph from `start` on; splitting gives a run that fits
    and a `LongParagraph` of the rest, sharing the broken lines."""

    def __init__(self, broken: _Broken, start: int) -> None:
        super().__init__()
        self.broken = broken
        self.start = start
        self.width = self.height = 0

    @property
    def style(self) -> ParagraphStyle:
        style: ParagraphStyle = self.broken.para.style
        return style

    def _leading(self) -> float:
        return float(self.style.leading)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.broken.at(availWidth).lines
        self.width = availWidth
        self.height = (len(lines) - self.start) * self._leading()
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        broken = self.broken.at(availWidth)
        fit = int((availHeight + _FUZZ) / self._leading())
        left = len(broken.lines) - self.start
        if fit >= left:
            return [self]
        # reportlab's rules for where a paragraph may break, from the style
        if fit == 0 or (fit <= 1 and not getattr(self.style, "allowOrphans", 0)):
            return []
        if not getattr(self.style, "allowWidows", 1) and left - fit == 1:
            fit -= 1  # give the last line some company
            if fit <= 1:
                return []
        stop = self.start + fit
        return [broken.run(self.start, stop), LongParagraph(broken, stop)]

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self.start == 0 else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        run = self.broken.run(self.start, len(self.broken.lines))
        run.wrap(self.width, 0x7FFFFFFF)
        run.drawOn(self.canv, 0, 0)
