"""Draw the app icon: resources/icons/juesuan.png (256 px) and juesuan.ico (16–256 px).

    python packaging/make_icon.py

A white report sheet with a folded corner on a deep-blue rounded square, the glyph 决
in red on the sheet, two ruled lines below it. Drawn with Pillow and the bundled
WenQuanYi Zen Hei (resources/fonts/, redistributable), each ICO size rendered on its
own so the small sizes stay crisp. The files are committed; rerun only to change them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-zenhei.ttc"
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)

BLUE = (31, 78, 140, 255)
PAPER = (255, 255, 255, 255)
FOLD = (205, 214, 228, 255)
RED = (192, 32, 38, 255)
RULE = (160, 172, 190, 255)


def draw(size: int) -> Image.Image:
    """One icon image, drawn at 4× and reduced, so edges are anti-aliased."""
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 64  # drawing unit: the icon is designed on a 64×64 grid

    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=12 * u, fill=BLUE)

    # The sheet, its top-right corner folded.
    small = size < 32  # at 16–24 px the sheet fills the square and the glyph is larger
    left, top, right, bottom, fold = (
        (9 * u, 6 * u, 55 * u, 58 * u, 12 * u) if small else (14 * u, 8 * u, 50 * u, 56 * u, 11 * u)
    )
    d.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=PAPER,
    )
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)

    # 决, centred on the sheet's upper part; small sizes drop the ruled lines.
    with_rules = not small
    glyph_box = 26 * u if with_rules else 42 * u
    font = ImageFont.truetype(str(FONT), int(glyph_box), index=0)
    x0, y0, x1, y1 = d.textbbox((0, 0), "决", font=font)
    centre_y = (top + (42 * u if with_rules else bottom)) / 2 + 1 * u
    d.text(
        ((left + right) / 2 - (x0 + x1) / 2, centre_y - (y0 + y1) / 2),
        "决",
        font=font,
        fill=RED,
    )
    if with_rules:
        for y in (45 * u, 50 * u):
            d.rectangle((left + 5 * u, y, right - 5 * u, y + 1.6 * u), fill=RULE)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(n) for n in ICO_SIZES]
    images[-1].save(OUT / "juesuan.png", optimize=True)
    images[-1].save(
        OUT / "juesuan.ico",
        format="ICO",
        sizes=[(n, n) for n in ICO_SIZES],
        append_images=images[:-1],
    )
    for name in ("juesuan.png", "juesuan.ico"):
        path = OUT / name
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
