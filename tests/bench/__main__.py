"""Every benchmark in one run, as one table: measure, value, target, ok?

    python -m tests.bench [--quick] [--runs N] [--skip startup,libreoffice,scale,gui,…]

Measured, in this order and in the same run:
  start      the app to an interactive window on a sample, beside a bare QApplication
             showing an empty window (separate processes, offscreen without a display)
  checks     full check of a large consolidated report (every object new: no cache helps);
             incremental check after one ledger cell edit (the derive it triggers included)
  outputs    Excel, PDF and Word of each sample in this process; `juesuan build --format pdf`
             beside LibreOffice converting the same workbook, both as whole processes
             (start to exit, run in turn; ratio = LibreOffice ÷ ours, pair by pair)
  floors     the samples' PDF beside reportlab drawing the same pages as plain strings and
             boxes; the workbook writer beside xlsxwriter writing the same cells plainly
  scale      a department of 16, 40, 100 and 300 units (32 项 and 17 projects a unit):
             consolidate, check, xlsx, pdf at each size and their growth exponents (slope
             of log time over log size); the ledger alone at 500 and 9,600 rows; the 300
             units from the file as a whole process (wall, CPU, peak RSS)
  import     reading a 2,000-row workbook (when desktop.core.importers exists)
  gui        the window on reports of 500, 2,400 and 9,600 rows (a tenth as many projects):
             open to interactive and its longest stall, edit → findings, GUI-thread
             blocking per edit, stalls while generating (bench_gui.py, its own process)
  memory     peak RSS of the app start and of this process; Python heap peaks (tracemalloc)

Targets (issues 11 and 18): start < 1.5 s, incremental < 5 ms, full check < 50 ms, PDF of
a sample < 3 s and within 2× of its floor, the workbook writer within 2× of its floor,
time linear in size (exponent ≈ 1; 9,600 rows ≤ 25× 500 rows), 300 units ≤ 60 s and
≤ 600 MB; the window: every edit blocks its thread ≤ 50 ms, no stall over 100 ms while
opening or generating. The machine is shared, so wall times are noisy: ratios are
measured in one run, and the 300 units' CPU time is shown beside their wall time.
Nothing is asserted.
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

from tests.bench import bench_checks, bench_outputs, bench_scale, bench_startup  # noqa: E402
from tests.bench import bench_floors as bench_floors_  # noqa: E402


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

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in samples.names():
            b = bench_outputs.measure(name, samples.load(name), out, runs)
            rows.append(Row(f"xlsx: {name}, in process", f"{b.xlsx_s:.2f} s"))
            rows.append(
                Row(
                    f"pdf: {name} ({b.pages} pages), in process",
                    f"{b.pdf_s:.2f} s",
                    "< 3 s",
                    b.pdf_s < bench_outputs.PDF_TARGET_S,
                )
            )
            rows.append(
                Row(
                    f"docx: {name}, in process",
                    f"{b.docx_s:.2f} s ({b.docx_over_pdf:.2f}× the pdf)",
                )
            )
            if "libreoffice" in skip:
                continue
            w = bench_outputs.whole_processes(name, out, max(runs, 3))
            rows.append(
                Row(f"juesuan build --format pdf: {name}, whole process", f"{w.ours_s:.2f} s")
            )
            if math.isnan(w.libreoffice_s):
                rows.append(Row(f"LibreOffice xlsx→pdf: {name}", "not installed"))
                continue
            rows.append(
                Row(f"LibreOffice xlsx→pdf: {name}, whole process", f"{w.libreoffice_s:.2f} s")
            )
            rows.append(
                Row(f"pdf vs LibreOffice, whole processes: {name}", f"{w.ratio:.1f}× faster")
            )


def bench_floors(rows: list[Row], runs: int) -> None:
    from desktop.core import samples
    from tests.helpers.synthetic import large_report

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in samples.names():
            report = samples.load(name)
            b = bench_floors_.pdf_floor(name, report, out, max(runs, 5))
            rows.append(
                Row(
                    f"pdf over its floor (plain reportlab, same pages): {name}",
                    f"{b.ratio:.2f}× ({b.ours_s:.2f} s / {b.floor_s:.2f} s)",
                    "≤ 2×",
                    b.ratio <= bench_floors_.TARGET,
                )
            )
        for name, report, n in [
            *((name, samples.load(name), max(runs, 5)) for name in samples.names()),
            ("1,000 projects", large_report(projects=1000), 1),
        ]:
            b = bench_floors_.workbook_floor(name, report, out, n)
            rows.append(
                Row(
                    f"xlsx writer over its floor (plain xlsxwriter, same cells): {name}",
                    f"{b.ratio:.2f}× ({b.ours_s:.2f} s / {b.floor_s:.2f} s)",
                    "≤ 2×",
                    b.ratio <= bench_floors_.TARGET,
                )
            )
            rows.append(
                Row(
                    f"xlsx from the report (grids made + written) over that floor: {name}",
                    f"{(b.whole_s or 0) / b.floor_s:.2f}× ({b.whole_s:.2f} s)",
                )
            )


def bench_scale_(rows: list[Row], quick: bool) -> None:
    units = bench_scale.QUICK_UNITS if quick else bench_scale.UNITS
    b = bench_scale.measure(units, whole=not quick)
    for p in b.points:
        rows.append(
            Row(
                f"scale: {p.units} units ({p.rows} rows, {p.projects} projects)",
                f"consolidate {p.consolidate_s:.2f}, check {p.check_s:.2f}, "
                f"xlsx {p.xlsx_s:.2f}, pdf {p.pdf_s:.2f} s",
            )
        )
    for what, e in b.exponents.items():
        rows.append(Row(f"scale: growth exponent, {what} (4 sizes)", f"{e:.2f}", "≈ 1", e < 1.2))
    lo, hi = bench_scale.LEDGER_ROWS
    for kind in ("xlsx", "pdf"):
        a, z = b.ledger[f"{kind} {lo}"], b.ledger[f"{kind} {hi}"]
        rows.append(
            Row(
                f"scale: {kind}, ledger of {hi:,} rows over {lo} rows",
                f"×{z / a:.1f} ({z:.2f} s / {a:.2f} s)",
                f"≤ {bench_scale.RATIO_TARGET:.0f}",
                z / a <= bench_scale.RATIO_TARGET,
            )
        )
    first, last = b.points[0], b.points[-1]
    for kind in ("xlsx", "pdf"):
        a, z = getattr(first, f"{kind}_s"), getattr(last, f"{kind}_s")
        rows.append(
            Row(
                f"scale: {kind}, {last.units} units over {first.units} units",
                f"×{z / a:.1f}",
                f"≤ {bench_scale.RATIO_TARGET:.0f}" if not quick else "",
                z / a <= bench_scale.RATIO_TARGET if not quick else None,
            )
        )
    w = b.whole
    if w is None:
        return
    phases = ", ".join(f"{k} {v:.1f}" for k, v in w.phases.items())
    rows.append(
        Row(
            f"scale: {w.units} units from the file, check + xlsx + pdf, whole process",
            f"{w.wall_s:.1f} s ({phases})",
            f"≤ {bench_scale.WHOLE_TARGET_S:.0f} s",
            w.wall_s <= bench_scale.WHOLE_TARGET_S,
        )
    )
    rows.append(
        Row(
            f"scale: {w.units} units, that process's CPU time (user + system)",
            f"{w.cpu_s:.1f} s",
            f"≤ {bench_scale.WHOLE_TARGET_S:.0f} s",
            w.cpu_s <= bench_scale.WHOLE_TARGET_S,
        )
    )
    rows.append(
        Row(
            f"scale: {w.units} units, peak RSS of that process",
            f"{w.peak_rss_mb:.0f} MB",
            f"≤ {bench_scale.RSS_TARGET_MB:.0f} MB",
            w.peak_rss_mb <= bench_scale.RSS_TARGET_MB,
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
    parser.add_argument(
        "--quick", action="store_true", help="one run each; scale at small sizes, in process"
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma list of: startup, checks, outputs, libreoffice, floors, scale, import, gui, "
        "memory",
    )
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    runs = 1 if args.quick else args.runs
    rows: list[Row] = []
    started = time.perf_counter()
    steps: list[tuple[str, Callable[[], None]]] = [
        ("startup", lambda: bench_start(rows, max(runs, 3))),
        ("checks", lambda: bench_check(rows, 30)),
        ("outputs", lambda: bench_out(rows, runs, skip)),
        ("floors", lambda: bench_floors(rows, runs)),
        ("scale", lambda: bench_scale_(rows, args.quick)),
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
