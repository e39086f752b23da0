"""Fonts for the PDF: the officer's Windows fonts when present, else the bundled ones.

    font_set() ──> FontSet(body, table, heading) — names registered with reportlab

On an officer's Windows machine the report uses 仿宋 for body text, 宋体 for tables
and 黑体 for headings, as the published reports do. Elsewhere (and in CI) it falls back
to the fonts in resources/fonts/, whose licences allow redistribution: FandolFang for
仿宋, AR PL UMing for 宋体, WenQuanYi Zen Hei for 黑体 (each with one width for all ten
digits, so figures line up). All are TrueType, so reportlab embeds and subsets them
(FandolFang converted from CFF outlines: tools/fonts_otf2ttf.py). FandolFang has the
GB 2312 characters and some more; a character it lacks is drawn in the 宋体 face
(`FontSet.fallback`, read by `pdf_text`). `missing_glyphs` lets a test prove every
character of a report can be drawn.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.paths import resource

# (registered name, Windows file, subfont index, bundled fallback file)
_FACES = {
    "body": ("JS-Body", "simfang.ttf", 0, "fandolfang.ttf"),
    "table": ("JS-Table", "simsun.ttc", 0, "uming.ttc"),
    "heading": ("JS-Heading", "simhei.ttf", 0, "wqy-zenhei.ttc"),
}


@dataclass(frozen=True)
class FontSet:
    body: str
    table: str
    heading: str
    files: tuple[str, ...]  # where each face came from, for the log and the tests
    # a face → the face that draws the characters it lacks (a bundled face of GB 2312)
    fallback: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


def windows_font_dirs() -> list[Path]:
    dirs = []
    for var, sub in (("WINDIR", "Fonts"), ("LOCALAPPDATA", "Microsoft/Windows/Fonts")):
        base = os.environ.get(var)
        if base:
            dirs.append(Path(base) / sub)
    return dirs


_registering = threading.Lock()


def font_set(use_system: bool = True) -> FontSet:
    """Register the three faces once per process and say which files they came from.
    Safe from any thread: the app reads them in the background after it starts."""
    with _registering:
        return _font_set(use_system)


@cache
def _font_set(use_system: bool) -> FontSet:
    files = []
    fallback: dict[str, str] = {}
    for role, (name, windows_file, index, bundled) in _FACES.items():
        path = _find(windows_file) if use_system else None
        if path is None:
            path, index = resource("fonts", bundled), 0
            if role == "body":  # FandolFang's GB 2312 and more; UMing has the rest
                fallback[name] = _FACES["table"][0]
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        files.append(f"{role}={path.name}")
    return FontSet(
        body=_FACES["body"][0],
        table=_FACES["table"][0],
        heading=_FACES["heading"][0],
        files=tuple(files),
        fallback=fallback,
    )


def _find(filename: str) -> Path | None:
    for folder in windows_font_dirs():
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    return None


@cache
def _cmap(font_name: str) -> frozenset[int]:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(face.charToGlyph) if face is not None else frozenset()


def covers(font_name: str, ch: str) -> bool:
    """Whether the registered face has a glyph for `ch` (a space always counts)."""
    return ch.isspace() or ord(ch) in _cmap(font_name)


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """Characters of `text` the registered font cannot draw (whitespace ignored)."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:
        return set()
    covered = face.charToGlyph
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) not in covered}
