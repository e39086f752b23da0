"""Paragraphs of Chinese text set as a 书版 sets them: broken by the rules of `linebreak`,
justified, punctuation hanging at line ends, broken once and split between pages by lines.

    [Span(text, face, colour, highlight)] + ParagraphStyle ──TextBlock──> a reportlab Flowable
        wrap   the lines for the width given (broken once per width)
        split  between lines, never leaving one line alone at a page's foot or head
        draw   each line in its spans' faces, justified by character spacing (Tc)

reportlab's `Paragraph` breaks CJK text wherever a character ends (「267.｜37万元」, a line
starting with 。), justifies only at spaces, which Chinese text has none of, and breaks
the rest of a paragraph again on every page it runs over. A `TextBlock` is broken once,
by units a line never breaks inside (a figure with its unit, punctuation glued to its
character), so its work is linear in the text and each page takes the next run of lines.

A character its span's face lacks is drawn in that face's fallback (`FontSet.fallback`:
the bundled FandolFang has the GB 2312 characters and more, AR PL UMing the rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, toColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.core.exporters.fonts import covers
from desktop.core.exporters.linebreak import (
    HANGING,
    NO_LINE_START,
    Line,
    Unit,
    balanced,
    fill,
    split_by_character,
    units,
)
from desktop.core.exporters.pdf_textops import place, show

ASCENT = 0.88  # of the em box above the baseline, in the CJK faces used
MIN_LINES = 2  # a paragraph split over pages leaves at least this many lines on each side


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text in one face and colour (`back`: a highlight behind it)."""

    text: str
    font: str
    color: str | None = None
    back: str | None = None


@cache
def char_width(font: str, ch: str) -> float:
    """A character's advance at 1 pt."""
    return stringWidth(ch, font, 1.0)


@cache
def _color(spec: str) -> Color:
    color: Color = toColor(spec)
    return color


class _Set:
    """A paragraph's text with the face of every character, and its lines for one width.
    Shared by the pieces a paragraph is split into over pages."""

    def __init__(
        self, spans: Sequence[Span], size: float, fallback: dict[str, str], balance: bool
    ) -> None:
        self.text = "".join(s.text for s in spans)
        self.size, self.balance, self.spans = size, balance, tuple(spans)
        faces: list[str] = []
        owner: list[int] = []  # the span each character belongs to
        for k, s in enumerate(spans):
            alt = fallback.get(s.font)
            faces += [s.font if alt is None or covers(s.font, ch) else alt for ch in s.text]
            owner += [k] * len(s.text)
        self.faces, self.owner = faces, owner
        advance = [0.0]
        for ch, face in zip(self.text, faces, strict=True):
            advance.append(advance[-1] + char_width(face, ch) * size)
        self.advance = advance  # advance[i]: the width of text[:i]
        self._key: tuple[float, float] | None = None
        self._units: list[Unit] | None = None
        self.lines: list[Line] = []

    def measure(self, a: int, b: int) -> float:
        return self.advance[b] - self.advance[a]

    def lines_for(self, first: float, rest: float) -> list[Line]:
        if self._key != (first, rest):
            if self._units is None:  # the same pieces at every width
                self._units = units(self.text, self.measure)
            items = self._units
            if self.balance and first == rest:
                self.lines = balanced(items, rest)
            else:
                cut = split_by_character(self.measure)
                self.lines = fill(items, lambda i: first if i == 0 else rest, split=cut)
            self._key = (first, rest)
        return self.lines

    def runs(self, line: Line) -> list[tuple[int, int, str, Span]]:
        """The line as (start, stop, face, span): characters drawn alike, in order."""
        out: list[tuple[int, int, str, Span]] = []
        a = line.at
        end = a + len(line.text)
        faces, owner = self.faces, self.owner
        while a < end:
            b = a + 1
            while b < end and faces[b] == faces[a] and owner[b] == owner[a]:
                b += 1
            out.append((a, b, faces[a], self.spans[owner[a]]))
            a = b
        return out


class TextBlock(Flowable):
    """A paragraph (or a heading, a title, a line of the cover) in `style`'s size,
    leading, indents, alignment and spacing; lines `start` … of the whole paragraph."""

    def __init__(
        self,
        spans: Sequence[Span],
        style: ParagraphStyle,
        *,
        fallback: dict[str, str] | None = None,
        balance: bool = False,
    ) -> None:
        super().__init__()
        self.style = style
        self._set = _Set(spans, style.fontSize, fallback or {}, balance)
        self._start, self._stop = 0, None  # type: tuple[int, int | None]
        self.width = self.height = 0.0
        self._avail = 0.0
        # lines a split leaves for the next page: more for a part's last paragraph, whose
        # page nothing else fills
        self.tail_lines = MIN_LINES

    @property
    def text(self) -> str:
        return self._set.text

    # ---------------------------------------------------------------- layout

    def _rooms(self, avail: float) -> tuple[float, float]:
        s = self.style
        rest = avail - s.leftIndent - s.rightIndent
        return rest - s.firstLineIndent, rest

    def _lines(self) -> list[Line]:
        lines = self._set.lines_for(*self._rooms(self._avail))
        return lines[self._start : self._stop]

    def _count(self) -> int:
        """How many lines this piece has (without copying them: a long text's pieces
        are asked on every page)."""
        total = len(self._set.lines_for(*self._rooms(self._avail)))
        stop = total if self._stop is None else min(self._stop, total)
        return max(0, stop - self._start)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = self.width = availWidth
        self.height = self._count() * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        count = self._count()
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= count:
            return [self]
        tail = self.tail_lines
        if fit < MIN_LINES or count - fit < tail:
            fit = min(fit, count - tail)
            if fit < MIN_LINES:
                return []  # too short to split well: it goes to the next page whole
        start = self._start
        return [self._piece(start, start + fit), self._piece(start + fit, self._stop)]

    def _piece(self, start: int, stop: int | None) -> TextBlock:
        piece = TextBlock.__new__(TextBlock)
        piece.tail_lines = self.tail_lines
        Flowable.__init__(piece)
        piece.style, piece._set = self.style, self._set
        piece._start, piece._stop = start, stop
        piece.width = piece.height = 0.0
        piece._avail = self._avail
        return piece

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self._start == 0 else 0.0

    def getSpaceAfter(self) -> float:
        last = self._stop is None or self._stop >= len(self._set.lines)
        return float(self.style.spaceAfter) if last else 0.0

    # ---------------------------------------------------------------- drawing

    def draw(self) -> None:
        style, s = self.style, self._set
        first_room, room = self._rooms(self._avail)
        last = len(s.lines_for(first_room, room)) - 1
        size, leading = style.fontSize, style.leading
        y = self.height - (leading - size) / 2 - ASCENT * size
        placed: list[tuple[float, float, float, str, Span, str, float]] = []
        for k, line in enumerate(self._lines()):
            index = self._start + k
            width = first_room if index == 0 else room
            x = style.leftIndent + (style.firstLineIndent if index == 0 else 0.0)
            hanging = _hanging_chars(line)
            core = len(line.text) - hanging  # characters set within the measure
            spacing = 0.0
            if style.alignment == TA_JUSTIFY and index < last and not line.hard and core > 1:
                spacing = max(0.0, (width - line.width) / (core - 1))
            elif style.alignment == TA_CENTER:
                x += (width - line.width) / 2
            elif style.alignment == TA_RIGHT:
                x += width - line.width
            hang_at = line.at + core
            for a, b, face, span in s.runs(line):
                for c, d, tc in ((a, min(b, hang_at), spacing), (max(a, hang_at), b, 0.0)):
                    if c < d:
                        left = x + s.measure(line.at, c) + spacing * min(c - line.at, core - 1)
                        placed.append((left, y, tc, face, span, s.text[c:d], s.measure(c, d)))
            y -= leading
        canvas = self.canv
        canvas.saveState()
        for left, base, tc, _face, span, seg, seg_width in placed:
            if span.back:  # highlights first: the text is drawn over them
                canvas.setFillColor(_color(span.back))
                width = seg_width + tc * len(seg)
                canvas.rect(left, base - 0.2 * size, width, leading * 0.95, stroke=0, fill=1)
        text = canvas.beginText()
        text.setFillColor(_BLACK)
        font, spacing, color = "", 0.0, ""
        for left, base, tc, face, span, seg, _w in placed:
            place(text, left, base)
            if face != font:
                text.setFont(face, size)
                font = face
            if tc != spacing:
                text.setCharSpace(tc)
                spacing = tc
            if (span.color or "") != color:
                color = span.color or ""
                text.setFillColor(_color(color) if color else _BLACK)
            show(text, seg)
        canvas.drawText(text)
        canvas.restoreState()


_BLACK = Color(0, 0, 0)


def _hanging_chars(line: Line) -> int:
    """How many characters at the line's end hang in the margin."""
    if not line.hang:
        return 0
    text = line.text
    if all(ch in NO_LINE_START for ch in text):
        return len(text) - 1
    return len(text) - len(text.rstrip(_HANGING))


_HANGING = "".join(HANGING)
