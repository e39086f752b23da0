"""Make a bundled font reportlab can embed: an OpenType font with CFF (cubic) outlines
→ the same font with TrueType (quadratic) outlines.

    python -m tools.fonts_otf2ttf FandolFang-Regular.otf resources/fonts/fandolfang.ttf

reportlab embeds and subsets TrueType outlines only (`glyf`); FandolFang, the free
仿宋-style face the bundled fonts lacked, ships as CFF. Each glyph is converted with
fontTools' cu2qu (curves approximated within 1 unit of the 1000-unit em), the name
table says the font was converted, and everything else (cmap, metrics, OS/2) is kept.
The result is a modified version of the font under its own licence (GPL with the font
exception): resources/fonts/README.md says where the original comes from.
"""

from __future__ import annotations

import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0  # font units: how far a quadratic curve may stray from the cubic one


def convert(source: str, target: str) -> None:
    font = TTFont(source)
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
        "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
    ):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"
    for record in font["name"].names:
        if record.nameID == 5:  # the version string says it was converted
            text = record.toUnicode()
            record.string = f"{text}; TrueType outlines (fontTools cu2qu)"
    font.save(target)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
