"""Floors: what the same output costs written plainly, beside what the exporters take.

    python tests/bench/bench_floors.py            (or `python -m tests.bench`)

- **Workbook floor**: xlsxwriter writing the same grids' cells, one format per distinct
  style (font, border, alignment, number format), assembled in memory — no merges, row
  heights or print setup — beside the exporter's writer on the same grids
  (`write_workbook`). The whole workbook from the report (the grids made too, which is
  the tables' work, not the writer's) is printed beside them.
- **PDF floor**: reportlab's canvas writing the pages of our PDF as plain strings and
  boxes: every text run, in its font (the same TrueType files, subset and embedded the
  same way) at its place, every rectangle and line, page by page, read back from the
  PDF with pypdf. No layout, no line breaking: what drawing those pages costs. The
  exporter is timed from the report (text and tables built, laid out, drawn).

Both ratios are measured in one process, one after the other, so a noisy machine moves
both. Asserts nothing.
"""

from __future__ import annotations

import math
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from desktop.core.exporters import DRAFT_MARK, build_outputs  # noqa: E402
from desktop.core.exporters.fonts import FontSet, font_set  # noqa: E402
from desktop.core.exporters.xlsx import write_workbook  # noqa: E402
from desktop.core.grid import Align, Grid, Style  # noqa: E402
from desktop.core.model import Report  # noqa: E402
from desktop.core.self_eval_tables import self_eval_grids  # noqa: E402
from desktop.core.tables import build_tables  # noqa: E402

TARGET = 2.0


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ---------------------------------------------------------------- workbook


def plain_workbook(grids: Sequence[Grid], path: Path) -> None:
    """The grids' cells and styles, written by xlsxwriter with nothing else."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files
    formats: dict[tuple[object, ...], Any] = {}
    for n, grid in enumerate(grids):
        ws = wb.add_worksheet(f"S{n}")
        for r, row in enumerate(grid.cells):
            for c, cell in enumerate(row):
                key = (cell.style, cell.align, cell.is_amount)
                fmt = formats.get(key)
                if fmt is None:
                    fmt = formats[key] = wb.add_format(
                        {
                            "font_name": "宋体",
                            "font_size": 10,
                            "bold": cell.style is not Style.BODY,
                            "border": 1,
                            "align": cell.align.value if cell.align is not Align.LEFT else "left",
                            "valign": "vcenter",
                            "text_wrap": not cell.is_amount,
                            "num_format": "#,##0.00" if cell.is_amount else "",
                        }
                    )
                v = cell.value
                if isinstance(v, (Decimal, int)):
                    ws.write_number(r, c, v, fmt)
                elif v is None:
                    ws.write_blank(r, c, None, fmt)
                else:
                    ws.write_string(r, c, v, fmt)
    wb.close()


@dataclass(frozen=True)
class FloorBench:
    name: str
    ours_s: float
    floor_s: float
    whole_s: float | None = None  # the workbook from the report: grids made and written

    @property
    def ratio(self) -> float:
        return self.ours_s / self.floor_s


def workbook_floor(name: str, report: Report, out: Path, runs: int) -> FloorBench:
    """The workbook writer on the report's grids beside the plain write of the same grids;
    and the whole workbook from the report (its grids made too) for the record."""
    grids = [*build_tables(report), *self_eval_grids(report)]
    floor = median_s(lambda: plain_workbook(grids, out / "floor.xlsx"), runs)
    ours = median_s(lambda: write_workbook(grids, out / "ours.xlsx", title="t", author="a"), runs)
    whole = median_s(
        lambda: build_outputs(report, out, formats=["xlsx"], stem="ours", draft=True), runs
    )
    return FloorBench(name, ours, floor, whole)


# ---------------------------------------------------------------- PDF


@dataclass(frozen=True)
class Run:
    font: str  # a registered font name
    size: float
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class PageContent:
    width: float
    height: float
    runs: tuple[Run, ...]
    rects: tuple[tuple[float, float, float, float], ...]
    lines: tuple[tuple[float, float, float, float], ...]


def _mul(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """PDF matrix product a × b (6-element affine matrices)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>")


def _to_unicode(font: Any) -> dict[int, str]:
    """A reportlab subset font's byte → character map (its ToUnicode bfchar table)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    data = cmap.get_object().get_data()
    return {
        int(a, 16): bytes.fromhex(b.decode()).decode("utf-16-be") for a, b in _BFCHAR.findall(data)
    }


def read_pages(pdf: Path, fonts: FontSet) -> list[PageContent]:
    """Each page's text runs (font, size, place) and boxes and lines, in page space:
    the content streams walked for text state (Tf, Tm, Td, T*, Tj) and paths (re, m, l),
    forms (the 目录's page numbers) followed, strings decoded by the fonts' ToUnicode."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(pdf)
    families: dict[str, str] = {}  # reportlab names a font's subsets /F2+0, /F2+1 …

    def registered(key: str, font: Any) -> str:
        family = key.split("+")[0]
        if family not in families:
            base = str(font["/BaseFont"])
            families[family] = fonts.heading if "WenQuanYi" in base else fonts.table
        return families[family]

    pages = []
    for page in reader.pages:
        runs: list[Run] = []
        rects: list[tuple[float, float, float, float]] = []
        lines: list[tuple[float, float, float, float]] = []

        def walk(
            content: Any,
            resources: Any,
            ctm: list[float],
            runs: list[Run] = runs,
            rects: list[tuple[float, float, float, float]] = rects,
            lines: list[tuple[float, float, float, float]] = lines,
        ) -> None:
            font_refs = resources.get("/Font", {}) if resources else {}
            stack: list[list[float]] = []
            tm = line = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            leading, size, name, codes = 0.0, 10.0, fonts.table, dict[int, str]()
            start = (0.0, 0.0)

            def place(x: float, y: float) -> tuple[float, float]:
                return x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]

            for operands, op in ContentStream(content, reader).operations:
                if op == b"q":
                    stack.append(ctm)
                elif op == b"Q":
                    ctm = stack.pop() if stack else ctm
                elif op == b"cm":
                    ctm = _mul([float(v) for v in operands], ctm)
                elif op == b"BT":
                    tm = line = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
                elif op == b"Tf":
                    key = str(operands[0])
                    font = font_refs[key].get_object()
                    name, size, codes = registered(key, font), float(operands[1]), _to_unicode(font)
                elif op == b"TL":
                    leading = float(operands[0])
                elif op == b"Tm":
                    tm = line = [float(v) for v in operands]
                elif op in (b"Td", b"T*"):
                    dx, dy = (
                        (float(operands[0]), float(operands[1])) if op == b"Td" else (0, -leading)
                    )
                    tm = line = _mul([1.0, 0.0, 0.0, 1.0, dx, dy], line)
                elif op == b"Tj":
                    raw = operands[0]
                    data = raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
                    text = "".join(codes.get(b, "") for b in data)
                    m = _mul(tm, ctm)
                    scale = math.hypot(m[0], m[1])
                    runs.append(Run(name, size * scale, m[4], m[5], text))
                    advance = stringWidth(text, name, size)
                    tm = _mul([1.0, 0.0, 0.0, 1.0, advance, 0.0], tm)
                elif op == b"re":
                    x, y, w, h = (float(v) for v in operands)
                    (x0, y0), (x1, y1) = place(x, y), place(x + w, y + h)
                    rects.append((x0, y0, x1 - x0, y1 - y0))
                elif op == b"m":
                    start = place(float(operands[0]), float(operands[1]))
                elif op == b"l":
                    end = place(float(operands[0]), float(operands[1]))
                    lines.append((*start, *end))
                    start = end
                elif op == b"Do":
                    form = resources["/XObject"][operands[0]].get_object()
                    walk(form, form.get("/Resources", resources), ctm)

        walk(page.get_contents(), page["/Resources"].get_object(), [1.0, 0.0, 0.0, 1.0, 0.0, 0.0])
        box = page.mediabox
        pages.append(
            PageContent(
                float(box.width), float(box.height), tuple(runs), tuple(rects), tuple(lines)
            )
        )
    return pages


def plain_pdf(pages: Sequence[PageContent], path: Path, fonts: FontSet) -> None:
    """The pages as strings and boxes on reportlab's canvas: the cost of drawing them."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), initialFontName=fonts.body, initialFontSize=10)
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        font: tuple[str, float] = ("", 0.0)
        for run in page.runs:
            if (run.font, run.size) != font:
                font = (run.font, run.size)
                canvas.setFont(run.font, run.size)
            canvas.drawString(run.x, run.y, run.text)
        path_ = canvas.beginPath()
        for x, y, w, h in page.rects:
            path_.rect(x, y, w, h)
        for x0, y0, x1, y1 in page.lines:
            path_.moveTo(x0, y0)
            path_.lineTo(x1, y1)
        canvas.drawPath(path_, stroke=1, fill=0)
        canvas.showPage()
    canvas.save()


def pdf_floor(name: str, report: Report, out: Path, runs: int) -> FloorBench:
    fonts = font_set()
    build = lambda: build_outputs(report, out, formats=["pdf"], stem="ours", draft=True)  # noqa: E731
    build()
    pages = read_pages(out / f"ours{DRAFT_MARK}.pdf", fonts)
    ours = median_s(build, runs)
    floor = median_s(lambda: plain_pdf(pages, out / "floor.pdf", fonts), runs)
    return FloorBench(name, ours, floor)


def main(argv: list[str]) -> None:
    from desktop.core import samples
    from tests.helpers.synthetic import large_report

    runs = int(argv[0]) if argv else 5
    font_set()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in samples.names():
            report = samples.load(name)
            b = pdf_floor(name, report, out, runs)
            print(f"pdf {name}: ours {b.ours_s:.3f} s, floor {b.floor_s:.3f} s, ×{b.ratio:.2f}")
        cases = [(n, samples.load(n), runs) for n in samples.names()]
        for name, report, n in [*cases, ("1,000 projects", large_report(projects=1000), 1)]:
            b = workbook_floor(name, report, out, n)
            print(
                f"xlsx {name}: writer {b.ours_s:.2f} s, floor {b.floor_s:.2f} s, "
                f"×{b.ratio:.2f}; the whole workbook {b.whole_s:.2f} s"
            )
