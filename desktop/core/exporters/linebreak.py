"""Chinese line breaking (禁则) for the PDF: where a line may end, what stays whole, what hangs.

    text ──units()──> Units: the pieces a line never breaks inside
         ──fill(units, room)──> lines (greedy, as 书版 sets text), or
         ──balanced(units, room)──> the same number of lines, as even as they go

The rules are those of GB/T 15834 and the W3C's *Requirements for Chinese Text Layout*
(clreq §3.1), kept to what a 决算 report prints:

* no line starts with closing punctuation (，。、；：？！）》」』】” % …) and no line ends
  with opening punctuation (（《「『【“): each is glued to the character it belongs to;
* a figure is never split: its sign, digits, thousands separators, decimals, % and the
  unit after it (元 万元 个 人 人次 辆 台 套 次 分 项 …) are one unit; so is a Latin word
  and a 「——」 or 「……」;
* line-end punctuation hangs: a unit whose own characters fit but whose trailing
  punctuation does not stays on the line, the punctuation set into the margin (行末悬挂);
* a line of one lone character is avoided (孤字): the line before gives one unit up;
* a line break in the text ("\n") starts a new line.

Widths come from a function `width(text) -> points` the caller supplies (a font and a
size), so this module knows no fonts. Everything is linear in the text's length; the
balanced form (names in cells, the cover) breaks a short text a few times over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

# Closing punctuation and what else must not start a line …
NO_LINE_START = frozenset("，。、；：？！）》」』】〉〕〗〙”’％%…·‥,.;:?!)]}／/～")
# … and opening punctuation that must not end one.
NO_LINE_END = frozenset("（《「『【〈〔〖〘“‘([{")
# What may hang in the right margin at a line's end (the rest of NO_LINE_START is glued
# to its character and moves with it).
HANGING = frozenset("，。、；：？！）》」』】〉”’,.;:?!)")

_HANG = "".join(HANGING)

UNITS = (
    "万元", "亿元", "千元", "元", "人次", "批次", "个", "人", "辆", "台", "套", "次", "分",
    "项", "份", "户", "家", "天", "年", "月", "日", "所", "件", "条", "平方米", "米", "公里",
)  # fmt: skip
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
# One unit of text: a figure with its sign, separators, decimals, % and unit; a Latin
# word; a dash or an ellipsis pair; a run of spaces; or any one character.
_TOKEN = re.compile(
    rf"[-+−－±≤≥＜＞<>]?\d[\d,]*(?:\.\d+)?(?:[%％‰]|(?:{_UNIT}))?"
    r"|[A-Za-z][A-Za-z0-9_\-@#&+.']*[A-Za-z0-9]|[A-Za-z]"
    r"|——|……|─+"
    r"| +"
    r"|.",
    re.DOTALL,
)

Width = Callable[[str], float]
Measure = Callable[[int, int], float]  # the width of text[a:b], where it stands


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece never broken inside, and the punctuation at its end that may hang."""

    text: str
    start: int  # where it starts in the text
    width: float  # all of it
    hang: float  # of its trailing punctuation that may hang in the margin
    space: bool  # a run of spaces: a line may end here, the spaces are not printed


def units(text: str, measure: Measure) -> list[Unit]:
    """`text` cut into units, closing punctuation glued to what it closes and opening
    punctuation to what it opens. `measure(a, b)` is the width of text[a:b] where it
    stands (a paragraph may be in several faces); `one_face` makes one for one face."""
    pieces: list[str] = []
    glue_next = False
    for tok in _TOKEN.findall(text):
        if pieces and not glue_next and tok[0] in NO_LINE_START:
            if pieces[-1].startswith(" ") and len(pieces) > 1:
                space = pieces.pop()
                pieces[-1] += space  # 「 ，」: the space goes with the comma
            pieces[-1] += tok  # 。 stays with the character before it
        elif glue_next and pieces:
            pieces[-1] += tok  # （ stays with the character after it
        else:
            pieces.append(tok)
        glue_next = tok[-1] in NO_LINE_END and not tok.isspace()
    out, at = [], 0
    for piece in pieces:
        out.append(_unit(piece, at, measure))
        at += len(piece)
    return out


def _unit(piece: str, at: int, measure: Measure) -> Unit:
    end = at + len(piece)
    if piece.isspace():
        return Unit(piece, at, measure(at, end), 0.0, True)
    # punctuation alone (nowhere a line may break in it): all but the first mark hang
    if len(piece) == 1:
        return Unit(piece, at, measure(at, end), 0.0, False)
    alone = all(ch in NO_LINE_START for ch in piece)
    core = 1 if alone else len(piece.rstrip(_HANG))
    hang = measure(at + core, end) if core < len(piece) else 0.0
    return Unit(piece, at, measure(at, end), hang, False)


@dataclass(frozen=True, slots=True)
class Line:
    """Units `start` … `stop`-1 as one line: its text, its width without the punctuation
    hanging at its end (what the line is placed and justified by), that punctuation's."""

    start: int
    stop: int
    text: str
    width: float
    hang: float
    at: int  # where its text starts in the paragraph's
    hard: bool = False  # ended by a line break in the text (not justified)


def fill(
    items: Sequence[Unit],
    room: float | Callable[[int], float],
    *,
    max_hang: float = float("inf"),
    split: Callable[[Unit, float], list[Unit]] | None = None,
) -> list[Line]:
    """Greedy lines within `room` (points, or a function of the line's index: a first
    line indented). A unit wider than a whole line is cut by `split` when given (a figure
    in too narrow a column), else it overflows on a line of its own. At most `max_hang`
    points of punctuation hang."""
    room_of = room if callable(room) else (lambda _i, r=room: r)
    items = list(items)
    lines: list[Line] = []
    i, n = 0, len(items)
    while i < n:
        while i < n and items[i].space:  # a line never starts with spaces
            i += 1
        if i >= n:
            break
        limit = room_of(len(lines))
        used, j = 0.0, i
        while j < n:
            u = items[j]
            if u.text == "\n":
                break  # a line break in the text: a new line, the break not printed
            fits = used + u.width <= limit + 1e-6
            hangs = not fits and u.hang and used + u.width - u.hang <= limit + 1e-6
            if fits or (hangs and u.hang <= max_hang):
                used += u.width
                j += 1
                continue
            break
        if j == i:  # one unit wider than the line
            u = items[i]
            if split is not None and len(u.text) > 1:
                parts = split(u, limit)
                if len(parts) > 1:
                    items[i : i + 1] = parts
                    n = len(items)
                    continue
            j = i + 1
        line = _line(items, i, j, limit)
        if j < n and items[j].text == "\n":
            line = replace(line, hard=True)
        lines.append(line)
        i = j
    return _no_lone_character(items, lines, room_of)


def _line(items: Sequence[Unit], a: int, b: int, room: float) -> Line:
    while b > a + 1 and items[b - 1].space:
        b -= 1  # spaces at a break are not printed
    text = "".join(u.text for u in items[a:b])
    width = sum(u.width for u in items[a:b])
    hang = items[b - 1].hang if width > room + 1e-6 else 0.0  # only what is in the margin
    return Line(a, b, text, width - hang, hang, items[a].start)


def _no_lone_character(
    items: Sequence[Unit], lines: list[Line], room_of: Callable[[int], float]
) -> list[Line]:
    """A last line of one character (with its punctuation) takes the unit before it
    along, when the line before keeps at least two units."""
    if len(lines) < 2:
        return lines
    last, before = lines[-1], lines[-2]
    core = last.text.rstrip("".join(NO_LINE_START))
    if len(core) != 1 or last.stop - last.start != 1 or before.stop - before.start < 3:
        return lines
    moved = before.stop - 1
    while moved > before.start + 1 and items[moved].space:
        moved -= 1
    room = room_of(len(lines) - 1)
    grown = sum(u.width for u in items[moved : last.stop]) - items[last.stop - 1].hang
    if grown > room + 1e-6:
        return lines
    return [
        *lines[:-2],
        _line(items, before.start, moved, room_of(len(lines) - 2)),
        _line(items, moved, last.stop, room),
    ]


def balanced(items: Sequence[Unit], room: float, *, tries: int = 12) -> list[Line]:
    """As few lines as `fill` makes, but as even as they go: the narrowest room that
    still gives that many lines (a long name on the cover, a 科目名称 in its column)."""
    lines = fill(items, room)
    if len(lines) < 2:
        return lines
    count = len(lines)
    low, high = max(u.width for u in items) if items else 0.0, room
    best = lines
    for _ in range(tries):
        if high - low < 0.5:
            break
        mid = (low + high) / 2
        trial = fill(items, mid)
        if len(trial) <= count and all(line.width <= mid + 1e-6 for line in trial):
            best, high = trial, mid
        else:
            low = mid
    return best


def one_face(text: str, width: Width) -> Measure:
    """The `Measure` of text in one face, from its face's `width(string)`."""
    return lambda a, b: width(text[a:b])


def split_by_character(measure: Measure) -> Callable[[Unit, float], list[Unit]]:
    """A `split` for `fill`: a unit wider than a line cut into as much as fits, then the
    rest (a figure in a column too narrow for it; never when the column fits it)."""
    by_place = measure

    def cut(u: Unit, limit: float) -> list[Unit]:
        k = 1
        while k < len(u.text) and by_place(u.start, u.start + k + 1) <= limit + 1e-6:
            k += 1
        while 1 < k < len(u.text) and u.text[k] in NO_LINE_START:
            k -= 1  # closing punctuation stays off the next line's start
        while k < len(u.text) and u.text[k] in NO_LINE_START:
            k += 1  # none fits before it (「预../」): it goes with the first piece, past the room
        if k >= len(u.text):
            return [u]
        if u.text[k].isspace() and u.text[k:].lstrip()[:1] in NO_LINE_START:
            return [u]  # 「0 ”%」: the space would go and ” start the line; overflow whole
        return [_unit(u.text[:k], u.start, by_place), _unit(u.text[k:], u.start + k, by_place)]

    return cut
