"""Output speed: Excel and the complete PDF for each sample (and, with --large, the large
synthetic report), beside LibreOffice converting the same workbook to PDF in the same
run. Prints a table; asserts nothing.

    python tests/bench/bench_outputs.py [--large] [--runs N]
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import samples
from desktop.core.exporters import build_outputs
from desktop.core.exporters.fonts import font_set
from desktop.core.model import Report

PDF_TARGET_S = 3.0
RATIO_TARGET = 10.0


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class OutputBench:
    name: str
    xlsx_s: float
    pdf_s: float
    pages: int
    libreoffice_s: float  # nan without LibreOffice

    @property
    def ratio(self) -> float:
        return self.libreoffice_s / self.pdf_s


def libreoffice_seconds(workbook: Path, out: Path, runs: int) -> float:
    """Median time of `soffice --headless --convert-to pdf` on `workbook` (profile warm)."""
    exe = soffice()
    if exe is None:
        return math.nan
    profile = out / "lo-profile"
    args = [
        exe,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out / "lo"),
        str(workbook),
    ]
    subprocess.run(args, capture_output=True, check=True, timeout=600)  # warm the profile
    return timed(lambda: subprocess.run(args, capture_output=True, check=True, timeout=600), runs)


def fresh_process_pdf_seconds(name: str, out: Path) -> float:
    """A sample's PDF in a new process, reading the fonts included — what `juesuan build`
    pays (the app reads them in the background after it starts; the bench above does not
    count them). Imports are not counted: they are the start-up the `start` row measures."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from desktop.core import samples\n"
        "from desktop.core.exporters import build_outputs\n"
        "from desktop.core.exporters.fonts import font_set\n"
        f"report = samples.load({name!r})\n"
        "t = time.perf_counter()\n"
        "font_set()\n"
        f"build_outputs(report, Path(sys.argv[1]), formats=['pdf'], stem='fresh', draft=True)\n"
        "print(time.perf_counter() - t)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return float(done.stdout.split()[-1])


def measure(name: str, report: Report, out: Path, runs: int = 3) -> OutputBench:
    from pypdf import PdfReader

    font_set()  # registered once per process, as in the app
    x = timed(lambda: build_outputs(report, out, formats=["xlsx"], stem=name), runs)
    p = timed(lambda: build_outputs(report, out, formats=["pdf"], stem=name, draft=True), runs)
    pages = len(PdfReader(out / f"{name}.pdf").pages)
    lo = libreoffice_seconds(out / f"{name}.xlsx", out, runs)
    return OutputBench(name, x, p, pages, lo)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", action="store_true", help="also the large synthetic report")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    t = time.perf_counter()
    font_set()
    print(f"font registration (once per process): {time.perf_counter() - t:.2f} s")
    print(
        f"{'report':<15}{'xlsx':>8}{'pdf':>8}{'pages':>7}{'LibreOffice xlsx→pdf':>22}{'ratio':>8}"
    )
    reports: list[tuple[str, Report]] = [(n, samples.load(n)) for n in samples.names()]
    if args.large:
        from tests.helpers.synthetic import large_report

        reports.append(("large", large_report()))
    with tempfile.TemporaryDirectory() as tmp:
        for name, report in reports:
            b = measure(name, report, Path(tmp), 1 if name == "large" else args.runs)
            print(
                f"{name:<15}{b.xlsx_s:>7.2f}s{b.pdf_s:>7.2f}s{b.pages:>7}"
                f"{b.libreoffice_s:>21.2f}s{b.ratio:>7.1f}×"
            )
    if not soffice():
        print("LibreOffice not installed: no comparison")


if __name__ == "__main__":
    main(sys.argv[1:])
