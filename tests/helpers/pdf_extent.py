"""Where a PDF page draws: every path point and every text start, in page coordinates.

    page ──content stream (q/Q/cm, m/l/c/v/y/re, BT … Tm/Td/TD/T*)──> [(x, y)]

Used to prove that a table a renderer laid out stays on the page: a table wider than its
page is drawn past the page's edge (its borders and its text), where a viewer cuts it
off. Only what the readers here produce is followed: the graphics state stack and its
matrix, paths, and text positioning (not the width of the text after its start).
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m × n (PDF's row-vector convention: apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass(frozen=True)
class Extent:
    """The page box and the points drawn on the page."""

    width: float
    height: float
    points: tuple[tuple[float, float], ...]

    def outside(self, tolerance: float = 0.5) -> list[tuple[float, float]]:
        """The points drawn beyond the page box."""
        return [
            (x, y)
            for x, y in self.points
            if not (
                -tolerance <= x <= self.width + tolerance
                and -tolerance <= y <= self.height + tolerance
            )
        ]

    @property
    def right(self) -> float:
        return max((x for x, _ in self.points), default=0.0)


def page_extent(page: PageObject) -> Extent:
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    stream = ContentStream(page.get_contents(), page.pdf)
    ctm, stack = IDENTITY, []
    tm = line = IDENTITY
    leading = 0.0
    points: list[tuple[float, float]] = []

    def mark(x: float, y: float, m: Matrix) -> None:
        px, py = _apply(m, x, y)
        points.append((px - left, py - bottom))

    for operands, op in stream.operations:
        args = [float(a) for a in operands if isinstance(a, (int, float))]
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else IDENTITY
        elif op == b"cm" and len(args) == 6:
            ctm = _times((args[0], args[1], args[2], args[3], args[4], args[5]), ctm)
        elif op in (b"m", b"l") and len(args) == 2:
            mark(args[0], args[1], ctm)
        elif op in (b"c", b"v", b"y"):
            for i in range(0, len(args) - 1, 2):
                mark(args[i], args[i + 1], ctm)
        elif op == b"re" and len(args) == 4:
            x, y, w, h = args
            mark(x, y, ctm)
            mark(x + w, y + h, ctm)
        elif op == b"BT":
            tm = line = IDENTITY
        elif op == b"Tm" and len(args) == 6:
            tm = line = (args[0], args[1], args[2], args[3], args[4], args[5])
        elif op in (b"Td", b"TD") and len(args) == 2:
            if op == b"TD":
                leading = -args[1]
            tm = line = _times((1.0, 0.0, 0.0, 1.0, args[0], args[1]), line)
        elif op == b"TL" and args:
            leading = args[0]
        elif op in (b"T*", b"'", b'"'):
            tm = line = _times((1.0, 0.0, 0.0, 1.0, 0.0, -leading), line)
        if op in (b"Tj", b"TJ", b"'", b'"'):
            mark(0.0, 0.0, _times(tm, ctm))
    return Extent(float(box.width), float(box.height), tuple(points))
