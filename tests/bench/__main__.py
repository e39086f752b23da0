"""Every benchmark in one run, as one table: measure, value, target, ok?

    python -m tests.bench [--quick] [--runs N] [--skip startup,large-pdf,libreoffice,import,gui]

Measured, in this order and in the same run:
  start      the app to an interactive window on a sample, beside a bare QApplication
             showing an empty window (separate processes, offscreen without a display)
  checks     full check of a large consolidated report (every object new: no cache helps);
             incremental check after one ledger cell edit (the derive it triggers included)
  outputs    Excel and PDF for each sample and for the large report, beside LibreOffice
             headless converting the same workbook (ratio = LibreOffice ÷ our PDF); and a
             sample's PDF in a fresh process, font reading included (what `juesuan build` pays)
  import     reading a 2,000-row workbook (when desktop.core.importers exists)
  gui        the window on reports of 500, 2,400 and 9,600 rows (a tenth as many projects):
             open to interactive and its longest stall, edit → findings, GUI-thread
             blocking per edit, stalls while generating (bench_gui.py, its own process)
  memory     peak RSS of the app start and of this process; Python heap peaks (tracemalloc)

Targets (issue 11): start < 1.5 s, incremental < 5 ms, full check < 50 ms, PDF of a
sample < 3 s and ≥ 10× faster than LibreOffice. Nothing is asserted; the table says.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import bench_checks, bench_outputs, bench_startup  # noqa: E402


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None  # None: no target


def _rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss  # KiB on Linux (bytes on macOS)
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _heap_peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def print_table(rows: list[Row]) -> None:
    head = Row("measure", "value", "target")
    cols = [
        max(_width(r.measure) for r in [head, *rows]),
        max(_width(r.value) for r in [head, *rows]),
        max(_width(r.target) for r in [head, *rows]),
    ]
    line = f"{'-' * cols[0]}  {'-' * cols[1]}  {'-' * cols[2]}  ---"
    print(f"{_pad('measure', cols[0])}  {_pad('value', cols[1])}  {_pad('target', cols[2])}  ok?")
    print(line)
    for r in rows:
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        print(
            f"{_pad(r.measure, cols[0])}  {_pad(r.value, cols[1])}  {_pad(r.target, cols[2])}  {ok}"
        )


def bench_start(rows: list[Row], runs: int) -> None:
    try:
        m = bench_startup.measure("datong-2024", runs)
    except (SystemExit, Exception) as exc:  # the GUI may be mid-change; say so and go on
        first = str(exc).strip().splitlines()[-1:] or [type(exc).__name__]
        rows.append(Row("start: app on datong-2024", f"FAILED ({first[0][:60]})", "< 1.5 s", False))
        return
    rows.append(Row("start: bare QApplication + window", f"{m.bare_s:.2f} s"))
    rows.append(
        Row("start: app on datong-2024, interactive", f"{m.app_s:.2f} s", "< 1.5 s", m.app_s < 1.5)
    )
    rows.append(Row("start: app over bare", f"{m.app_s - m.bare_s:+.2f} s"))
    rows.append(Row("memory: peak RSS, app start", f"{_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"))


def bench_check(rows: list[Row], runs: int) -> None:
    from tests.helpers.synthetic import large_report

    report = large_report()
    b = bench_checks.measure(report, runs)
    what = f"{b.rows} rows, {len(report.self_evals)} projects"
    rows.append(
        Row(
            f"check: full, large report ({what}, {b.rules} rules)",
            f"{b.full_ms:.1f} ms",
            "< 50 ms",
            b.full_ms < bench_checks.FULL_TARGET_MS,
        )
    )
    rows.append(
        Row(
            f"check: incremental, one ledger cell ({b.ledger_rules} rules + derive)",
            f"{b.incremental_ms:.2f} ms",
            "< 5 ms",
            b.incremental_ms < bench_checks.INCREMENTAL_TARGET_MS,
        )
    )
    rows.append(Row("derive: from scratch, large report", f"{b.derive_full_ms:.2f} ms"))
    rows.append(Row("derive: after one ledger cell edit", f"{b.derive_edit_ms:.2f} ms"))


def bench_out(rows: list[Row], runs: int, skip: set[str]) -> None:
    from desktop.core import samples
    from tests.helpers.synthetic import large_report

    reports = [(n, samples.load(n), runs) for n in samples.names()]
    with tempfile.TemporaryDirectory() as tmp:
        first = samples.names()[0]
        seconds = bench_outputs.fresh_process_pdf_seconds(first, Path(tmp))
        rows.append(Row(f"pdf: {first} in a fresh process, fonts read", f"{seconds:.2f} s"))
    if "large-pdf" not in skip:
        reports.append(("large", large_report(), 1))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name, report, n in reports:
            b = bench_outputs.measure(name, report, out, n)
            if "libreoffice" in skip:
                b = bench_outputs.OutputBench(b.name, b.xlsx_s, b.pdf_s, b.pages, math.nan)
            sample = name != "large"
            rows.append(Row(f"xlsx: {name}", f"{b.xlsx_s:.2f} s"))
            rows.append(
                Row(
                    f"pdf: {name} ({b.pages} pages)",
                    f"{b.pdf_s:.2f} s",
                    "< 3 s" if sample else "",
                    b.pdf_s < bench_outputs.PDF_TARGET_S if sample else None,
                )
            )
            if math.isnan(b.libreoffice_s):
                rows.append(Row(f"LibreOffice xlsx→pdf: {name}", "not run"))
                continue
            rows.append(Row(f"LibreOffice xlsx→pdf: {name}", f"{b.libreoffice_s:.2f} s"))
            rows.append(
                Row(
                    f"pdf vs LibreOffice: {name}",
                    f"{b.ratio:.1f}× faster",
                    "≥ 10×" if sample else "",
                    b.ratio >= bench_outputs.RATIO_TARGET if sample else None,
                )
            )


def bench_import(rows: list[Row], runs: int) -> None:
    if importlib.util.find_spec("desktop.core.importers") is None:
        print("note: desktop.core.importers does not exist yet: import not measured")
        rows.append(Row("import: 2,000-row workbook", "skipped (no importer)"))
        return
    try:
        from desktop.core.importers import import_workbook, write_template
    except ImportError as exc:
        print(f"note: the importer's API is not there ({exc}): import not measured")
        rows.append(Row("import: 2,000-row workbook", "skipped (importer API)"))
        return
    from tests.helpers.synthetic import large_report

    report = large_report(rows=2000, projects=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2000.xlsx"
        write_template(path, report)
        try:
            seconds = bench_outputs.timed(lambda: import_workbook(path), runs)
            n = len(import_workbook(path).ledger)
        except Exception as exc:  # another helper's work in progress: report, don't stop
            rows.append(Row("import: 2,000-row workbook", f"FAILED ({type(exc).__name__})"))
            return
    rows.append(Row(f"import: 2,000-row workbook ({n} ledger rows read)", f"{seconds:.2f} s"))


def bench_gui_rows(rows: list[Row], quick: bool) -> None:
    """The window on large reports (`bench_gui`), in a process of its own: Qt stays out
    of this one, whose memory is measured below."""
    import json
    import os
    import subprocess

    from tests.bench import bench_gui

    sizes = "500" if quick else ",".join(str(n) for n in bench_gui.SIZES)
    cmd = [sys.executable, str(Path(bench_gui.__file__)), "--json", "--sizes", sizes]
    if quick:
        cmd.append("--no-generate")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        rows.append(Row("gui: window on large reports", f"FAILED ({last[:60]})"))
        return
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            b = bench_gui.GuiBench(**json.loads(line))
            rows += [Row(*r) for r in bench_gui.table_rows(b)]


def bench_memory(rows: list[Row]) -> None:
    from desktop.core import samples
    from desktop.core.checks import run_checks
    from desktop.core.exporters import build_outputs
    from tests.helpers.synthetic import large_report

    report = large_report()
    heap_check = _heap_peak_mb(lambda: run_checks(bench_checks.fresh(report)))
    sample = samples.load("datong-2024")
    with tempfile.TemporaryDirectory() as tmp:
        heap_pdf = _heap_peak_mb(
            lambda: build_outputs(sample, Path(tmp), formats=["xlsx", "pdf"], draft=True)
        )
    rows.append(Row("memory: Python heap peak, full check (large)", f"{heap_check:.1f} MB"))
    rows.append(Row("memory: Python heap peak, xlsx+pdf of datong-2024", f"{heap_pdf:.1f} MB"))
    rows.append(Row("memory: peak RSS, this process (all of the above)", f"{_rss_mb(0):.0f} MB"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per output/start measure")
    parser.add_argument("--quick", action="store_true", help="one run each, no large PDF")
    parser.add_argument(
        "--skip", default="", help="comma list of: startup, large-pdf, libreoffice, import, gui"
    )
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    runs = 1 if args.quick else args.runs
    if args.quick:
        skip.add("large-pdf")
    rows: list[Row] = []
    started = time.perf_counter()
    steps: list[tuple[str, Callable[[], None]]] = [
        ("startup", lambda: bench_start(rows, max(runs, 3))),
        ("checks", lambda: bench_check(rows, 30)),
        ("outputs", lambda: bench_out(rows, runs, skip)),
        ("import", lambda: bench_import(rows, runs)),
        ("gui", lambda: bench_gui_rows(rows, args.quick)),
        ("memory", lambda: bench_memory(rows)),
    ]
    for name, step in steps:
        if name in skip:
            continue
        t = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        step()
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    print()
    print_table(rows)
    missed = [r.measure for r in rows if r.ok is False]
    print(f"\n{len(rows)} measures in {time.perf_counter() - started:.0f} s; ", end="")
    print(f"targets missed: {', '.join(missed)}" if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
