"""Scale: a department consolidating many units, at four sizes. Not a test: run

    python tests/bench/bench_scale.py [--units 16,40,100,300]   (or `python -m tests.bench`)

For each size a department of that many units (tests/helpers/synthetic.department_units:
32 功能分类 项 and 17 projects a unit, so 300 units make 9,600 项 and 5,100 projects) is
consolidated, checked and written as the workbook and the draft PDF; the growth exponent of
each (the slope of log time over log size, 1 for linear) is fitted over the sizes. The
largest size runs as a whole process from its project file — load, check, xlsx, pdf, as
`juesuan build` does them — with its peak RSS. The ledger alone is measured too (500 and
9,600 项 with 10 projects), the ratio the issue names. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core import project_file  # noqa: E402
from desktop.core.checks import run_checks  # noqa: E402
from desktop.core.consolidate import consolidate  # noqa: E402
from desktop.core.exporters import build_outputs  # noqa: E402
from desktop.core.exporters.fonts import font_set  # noqa: E402
from desktop.core.model import Report  # noqa: E402
from tests.bench.bench_checks import fresh  # noqa: E402
from tests.helpers.synthetic import DEPARTMENT, department_units, large_report  # noqa: E402

UNITS = (16, 40, 100, 300)
QUICK_UNITS = (4, 8, 16, 32)
LEDGER_ROWS = (500, 9_600)
WHOLE_TARGET_S = 60.0
RSS_TARGET_MB = 600.0
RATIO_TARGET = 25.0  # t(9,600 rows) / t(500 rows): 19.2 is linear


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """Least-squares slope of log t over log n: 1 linear, 2 quadratic."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return num / sum((x - mx) ** 2 for x in xs)


@dataclass(frozen=True)
class Point:
    units: int
    rows: int
    projects: int
    consolidate_s: float
    check_s: float
    xlsx_s: float
    pdf_s: float


@dataclass(frozen=True)
class WholeProcess:
    """One process from its start to its exit: load the project file, check, xlsx, pdf."""

    units: int
    rows: int
    projects: int
    wall_s: float
    cpu_s: float  # the process's own user + system time: what a machine to itself takes
    peak_rss_mb: float
    phases: dict[str, float]  # load, fonts, check, xlsx, pdf (inside the process)


CHILD = """
import json, sys, time
from pathlib import Path
t = time.perf_counter()
from desktop.core import project_file
from desktop.core.checks import run_checks
from desktop.core.exporters import build_outputs
from desktop.core.exporters.fonts import font_set
phases = {"imports": time.perf_counter() - t}
def step(name, fn):
    global t
    t = time.perf_counter()
    value = fn()
    phases[name] = time.perf_counter() - t
    return value
report = step("load", lambda: project_file.load(sys.argv[1]))
step("fonts", font_set)
step("check", lambda: run_checks(report))
out = Path(sys.argv[2])
step("xlsx", lambda: build_outputs(report, out, formats=["xlsx"], stem="dept", draft=True))
step("pdf", lambda: build_outputs(report, out, formats=["pdf"], stem="dept", draft=True))
print(json.dumps(phases))
"""


def whole_process(report: Report, units: int, out: Path) -> WholeProcess:
    """`report` saved, then loaded, checked and written by a fresh Python process; its
    wall time from start to exit and its own peak RSS (os.wait4: this child alone)."""
    path = out / "dept.juesuan"
    project_file.save(report, path, keep_backup=False)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log, err = out / "child.out", out / "child.err"
    start = time.perf_counter()
    with log.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(out)],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"the {units}-unit process failed:\n{err.read_text()[-2000:]}")
    kb = usage.ru_maxrss  # KiB on Linux
    rss = kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024
    phases = json.loads(log.read_text().strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    return WholeProcess(
        units, len(report.ledger), len(report.self_evals), wall, cpu, rss, dict(phases)
    )


@dataclass(frozen=True)
class ScaleBench:
    points: list[Point]
    whole: WholeProcess | None  # the largest size, as a whole process
    exponents: dict[str, float]  # consolidate, check, xlsx, pdf
    ledger: dict[str, float]  # xlsx / pdf time at LEDGER_ROWS[0] and [-1]


def consolidated(units: int) -> tuple[Report, float]:
    """The department of `units` units, and the seconds its consolidation took."""
    parts = department_units(units)
    start = time.perf_counter()
    report = consolidate(parts, DEPARTMENT)
    return report, time.perf_counter() - start


def _in_process(units: int, out: Path) -> tuple[Point, Report]:
    report, c = consolidated(units)
    check = seconds(lambda: run_checks(fresh(report)))
    x = seconds(lambda: build_outputs(report, out, formats=["xlsx"], stem="dept", draft=True))
    p = seconds(lambda: build_outputs(report, out, formats=["pdf"], stem="dept", draft=True))
    return Point(units, len(report.ledger), len(report.self_evals), c, check, x, p), report


def measure(units: Sequence[int] = UNITS, whole: bool = True) -> ScaleBench:
    font_set()  # registered once per process, as in the app
    points: list[Point] = []
    largest: WholeProcess | None = None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for n in units:
            if whole and n == units[-1]:
                # the largest size as the officer's machine runs it: from the file, in a
                # process of its own (consolidation is timed here, in this one)
                report, c = consolidated(n)
                largest = whole_process(report, n, out)
                del report
                ph = largest.phases
                points.append(
                    Point(n, largest.rows, largest.projects, c, ph["check"], ph["xlsx"], ph["pdf"])
                )
                continue
            point, _ = _in_process(n, out)
            points.append(point)
            print(f"  {n} units: {point}", file=sys.stderr, flush=True)
        ledger: dict[str, float] = {}
        for rows in (LEDGER_ROWS[0], LEDGER_ROWS[-1]):
            report = large_report(rows=rows, projects=10)
            ledger[f"xlsx {rows}"] = seconds(
                lambda r=report: build_outputs(r, out, formats=["xlsx"], stem="ledger", draft=True)
            )
            ledger[f"pdf {rows}"] = seconds(
                lambda r=report: build_outputs(r, out, formats=["pdf"], stem="ledger", draft=True)
            )
    sizes = [p.units for p in points]
    exps = {
        what: exponent(sizes, [getattr(p, f"{what}_s") for p in points])
        for what in ("consolidate", "check", "xlsx", "pdf")
    }
    return ScaleBench(points, largest, exps, ledger)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", default=",".join(map(str, UNITS)))
    parser.add_argument("--no-whole", action="store_true", help="the largest size in process")
    args = parser.parse_args(argv)
    units = [int(u) for u in args.units.split(",")]
    b = measure(units, whole=not args.no_whole)
    print(
        f"{'units':>6}{'rows':>7}{'projects':>9}{'consolidate':>12}{'check':>8}{'xlsx':>8}{'pdf':>8}"
    )
    for p in b.points:
        print(
            f"{p.units:>6}{p.rows:>7}{p.projects:>9}{p.consolidate_s:>11.2f}s"
            f"{p.check_s:>7.2f}s{p.xlsx_s:>7.2f}s{p.pdf_s:>7.2f}s"
        )
    print("growth exponents: " + ", ".join(f"{k} {v:.2f}" for k, v in b.exponents.items()))
    lo, hi = LEDGER_ROWS
    for kind in ("xlsx", "pdf"):
        a, z = b.ledger[f"{kind} {lo}"], b.ledger[f"{kind} {hi}"]
        print(f"ledger alone, {kind}: {a:.2f} s at {lo} rows, {z:.2f} s at {hi}: ×{z / a:.1f}")
    if b.whole:
        w = b.whole
        phases = ", ".join(f"{k} {v:.1f}" for k, v in w.phases.items())
        print(
            f"{w.units} units as a whole process: {w.wall_s:.1f} s ({phases}), "
            f"CPU {w.cpu_s:.1f} s, peak RSS {w.peak_rss_mb:.0f} MB"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
