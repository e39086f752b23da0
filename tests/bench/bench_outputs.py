"""Output speed of the samples: the workbook, the complete PDF and the Word document in
this process, and `juesuan build --format pdf` beside LibreOffice converting the same
sample's workbook, both as whole processes (start to exit, run in turn). Prints a table;
asserts nothing.

    python tests/bench/bench_outputs.py [--runs N]

LibreOffice prints the workbook (the tables, the 附件 and the prose sheets, without page
numbers in its 目录); our process writes the complete report (cover, 目录, text, tables,
附件), reading its fonts and starting Python.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core import project_file, samples  # noqa: E402
from desktop.core.exporters import DRAFT_MARK, build_outputs  # noqa: E402
from desktop.core.exporters.fonts import font_set  # noqa: E402
from desktop.core.model import Report  # noqa: E402

PDF_TARGET_S = 3.0


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
    xlsx_s: float  # in this process
    pdf_s: float  # in this process, fonts registered
    pages: int
    docx_s: float = math.nan  # the Word document, in this process

    @property
    def docx_over_pdf(self) -> float:
        return self.docx_s / self.pdf_s


def measure(name: str, report: Report, out: Path, runs: int = 3) -> OutputBench:
    from pypdf import PdfReader

    font_set()  # registered once per process, as in the app
    x = timed(lambda: build_outputs(report, out, formats=["xlsx"], stem=name, draft=True), runs)
    p = timed(lambda: build_outputs(report, out, formats=["pdf"], stem=name, draft=True), runs)
    d = timed(lambda: build_outputs(report, out, formats=["docx"], stem=name, draft=True), runs)
    pages = len(PdfReader(out / f"{name}{DRAFT_MARK}.pdf").pages)
    return OutputBench(name, x, p, pages, d)


@dataclass(frozen=True)
class WholeProcesses:
    ours_s: float  # juesuan build SAMPLE --format pdf --draft
    libreoffice_s: float  # soffice --convert-to pdf WORKBOOK (nan without LibreOffice)
    ratio: float  # LibreOffice ÷ ours, the median of the pairs' ratios


def whole_processes(name: str, out: Path, runs: int) -> WholeProcesses:
    """Our PDF and LibreOffice's, each a whole process, run in turn A B A B …; medians,
    the ratio taken pair by pair so that a drift of the machine's speed cancels."""
    exe = soffice()
    report = samples.load(name)
    project = out / f"{name}.juesuan"
    project_file.save(report, project, keep_backup=False)
    (workbook,) = build_outputs(report, out, formats=["xlsx"], stem=f"{name}-lo", draft=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    ours = [sys.executable, "-m", "desktop.cli", "build", str(project), "--out", str(out / "w")]
    ours += ["--format", "pdf", "--draft", "--force"]  # the same file, run after run
    lo = [exe or "soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless"]
    lo += ["--convert-to", "pdf", "--outdir", str(out / "lo"), str(workbook.path)]

    def run(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True, timeout=600)
        return time.perf_counter() - start

    run(ours)  # warm the file cache, the .pyc files and LibreOffice's profile
    if exe is None:
        return WholeProcesses(statistics.median(run(ours) for _ in range(runs)), math.nan, math.nan)
    run(lo)
    pairs = [(run(ours), run(lo)) for _ in range(runs)]
    return WholeProcesses(
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(b / a for a, b in pairs),
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    t = time.perf_counter()
    font_set()
    print(f"font registration (once per process): {time.perf_counter() - t:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name in samples.names():
            b = measure(name, samples.load(name), Path(tmp), args.runs)
            w = whole_processes(name, Path(tmp), args.runs)
            print(
                f"{name}: xlsx {b.xlsx_s:.2f} s, pdf {b.pdf_s:.2f} s ({b.pages} pages), "
                f"docx {b.docx_s:.2f} s ({b.docx_over_pdf:.2f}× the pdf) in process; "
                f"whole processes: ours {w.ours_s:.2f} s, LibreOffice {w.libreoffice_s:.2f} s "
                f"(×{w.ratio:.1f})"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
