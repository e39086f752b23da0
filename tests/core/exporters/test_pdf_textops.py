"""`pdf_textops.show` writes exactly what reportlab's own `_textOut` writes: the same
operators for every kind of string, in two documents side by side."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.pdf_textops import place, show

FONTS = font_set()

# more than one subset's worth (a subset holds 256 codes): common CJK characters
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 700)]


def _strings(seed: int) -> list[str]:
    rng = random.Random(seed)
    fixed = [
        "",
        "1,234,567.89",
        "（一）项目概况",
        "预算执行率 100.00%",
        "括号(与)反斜杠\\",
        "不间断\u00a0空格",
        "\u00a0",
        "字体里没有的字：\U0001f600 与 \ue000",
        "tab\there",
    ]
    mixed = ["".join(rng.choice(HAN) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    digits = [f"{rng.randint(0, 10**9):,}.{rng.randint(0, 99):02d}" for _ in range(100)]
    strings = fixed + mixed + digits
    return strings + rng.sample(strings, len(strings))  # each met again, once its codes exist


def _draw(strings: list[str], fonts: list[str], fast: bool) -> str:
    canvas = Canvas(io.BytesIO())
    text = canvas.beginText()
    for i, line in enumerate(strings):
        if i % 37 == 0:  # a change of face now and then, as a grid's header rows do
            text.setFont(fonts[(i // 37) % len(fonts)], 9 + i % 3, 12)
        if fast:
            place(text, 10.5 + i, 700.25 - i)
            show(text, line)
        else:
            text.setTextOrigin(10.5 + i, 700.25 - i)
            getattr(text, "_textOut")(line)  # noqa: B009
    canvas.drawText(text)
    return " ".join(getattr(canvas, "_code"))  # noqa: B009


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_show_writes_what_reportlab_writes(seed: int) -> None:
    strings = _strings(seed)
    fonts = [FONTS.body, FONTS.heading]
    assert _draw(strings, fonts, fast=True) == _draw(strings, fonts, fast=False)


def test_the_fast_path_is_taken_once_the_codes_exist() -> None:
    """Strings met before are encoded by the tables, not by reportlab's per-character loop."""
    calls = 0
    canvas = Canvas(io.BytesIO())
    text = canvas.beginText()
    text.setFont(FONTS.body, 9, 12)
    face = getFont(FONTS.body)
    original = face.splitString

    def counting(*args: object, **kw: object) -> object:
        nonlocal calls
        calls += 1
        return original(*args, **kw)

    face.splitString = counting
    try:
        show(text, "预算执行率 100.00%")
        first = calls
        for _ in range(50):
            show(text, "执行率 100.00%")
    finally:
        del face.splitString
    assert first >= 1 and calls == first
