"""Text shown on a PDF page: a line of a TrueType face → the page's text operators.

    GridTable.draw · TextBlock.draw ──show(text_object, line)──> "/F2+0 9 Tf 11 TL (…) Tj"

reportlab encodes each string char by char in Python (`TTFont.splitString`: which of the
face's 256-glyph subsets holds each character, and its code there) — a 300-unit report
shows 1.1 million strings. Here a string whose characters the document has all met
before is encoded by `str.translate` calls and a regular expression that finds its runs
within one subset (C loops); anything else (a new character, a character the face lacks)
goes through reportlab's own `splitString`, which assigns the codes. The operators are
those reportlab's `_formatText` writes, byte for byte (a test compares them).
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.textobject import PDFTextObject


class _FaceCodes:
    """One TrueType face's codes in one document: char → code byte, char → subset."""

    def __init__(self, font: Any, doc: Any) -> None:
        self.font, self.doc = font, doc
        self.byte: dict[int, str] = {}  # for str.translate: the code within its subset
        self.subset: dict[int, str] = {}  # … and the subset, as a character
        self.known: dict[int, None] = {}  # … and what deletes every known character
        self.seen = 0  # how many of the document's assignments the tables hold
        self.switches: dict[tuple[int, float, float], str] = {}

    def _learn(self) -> None:
        """Take in the codes reportlab has assigned since the last look."""
        assignments: dict[int, int] = self.font.state[self.doc].assignments
        if len(assignments) == self.seen:
            return
        new = len(assignments) - self.seen
        # the newest are last (a dict keeps its order): read them from the end
        for char, n in islice(reversed(assignments.items()), new):
            self.byte[char] = chr(n & 0xFF)
            self.subset[char] = chr(n >> 8)
            self.known[char] = None
        self.seen = len(assignments)

    def switch(self, subset: int, size: float, leading: float) -> str:
        """The operator that selects a subset at a size: 「/F2+0 9 Tf 11.7 TL」."""
        key = (subset, size, leading)
        op = self.switches.get(key)
        if op is None:
            name = self.font.getSubsetInternalName(subset, self.doc)
            op = self.switches[key] = f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"
        return op

    def split(self, text: str) -> list[tuple[int, bytes]]:
        """(subset, code bytes) runs of `text`, as `TTFont.splitString` gives them: from the
        tables when every character has its code already, else from reportlab (which
        assigns the new ones)."""
        if text and not text.translate(self.known):
            subsets = text.translate(self.subset)
            coded = text.translate(self.byte).encode("latin-1")
            first = subsets[0]
            if subsets.count(first) == len(subsets):
                return [(ord(first), coded)]
            return [(ord(m[1]), coded[m.start() : m.end()]) for m in _RUNS.finditer(subsets)]
        runs: list[tuple[int, bytes]] = self.font.splitString(text, self.doc)
        self._learn()
        return runs


_RUNS = re.compile(r"(.)\1*", re.DOTALL)  # a run of characters in one subset

_FACES: WeakKeyDictionary[Any, dict[str, _FaceCodes]] = WeakKeyDictionary()


def _codes(canvas: Any, font_name: str) -> _FaceCodes | None:
    """The face's code tables for the canvas's document; None for a face without subsets
    (a standard Type 1 font), which reportlab encodes itself."""
    doc = canvas._doc
    faces = _FACES.get(doc)
    if faces is None:
        faces = _FACES[doc] = {}
    codes = faces.get(font_name)
    if codes is None:
        font: Any = getFont(font_name)
        if not getattr(font, "_dynamicFont", False):
            return None
        font.splitString("", doc)  # makes the document's state for the face
        codes = faces[font_name] = _FaceCodes(font, doc)
        codes._learn()
    return codes


def show(text: PDFTextObject, line: str) -> None:
    """Show `line` at the text object's current origin in its current font, without moving
    the cursor: what `PDFTextObject._textOut` writes."""
    t: Any = text
    canvas = t._canvas
    codes = None if t._fontname is None or t._rise else _codes(canvas, t._fontname)
    if codes is None:  # no face set, a rise, or a face reportlab encodes itself
        t._textOut(line)
        return
    escape = canvas._escape
    current = t._curSubset
    parts: list[str] = []
    for subset, chars in codes.split(line):
        if subset != current:
            parts.append(codes.switch(subset, t._fontsize, t._leading))
            current = subset
        parts.append(f"({escape(chars)}) Tj")
    t._curSubset = current
    t._code.append(" ".join(parts))


def place(text: PDFTextObject, x: float, y: float) -> None:
    """`setTextOrigin` for a bottom-up canvas (ours), in one append."""
    t: Any = text
    if not t._canvas.bottomup:
        t.setTextOrigin(x, y)
        return
    t._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
    t._x0 = t._x = x
    t._y0 = t._y = y
