"""Benchmark of getting data in. Not a test: run

    python tests/bench/bench_import.py

It prints the time to
1. write and import a fill-in template holding a 2,000-row ledger (plus 100 projects
   of 10 indicators, every other sheet filled);
2. import an officer's own 2,000-row ledger sheet (two-row merged header, 类/款
   subtotals and a 合计 row, all checked — the tolerant reader);
3. load 50 unit project files and consolidate them into one department report.

The target for each is a few seconds at most.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from openpyxl import Workbook

from desktop.core import catalog, project_file
from desktop.core.consolidate import consolidate
from desktop.core.importers import import_workbook, write_template
from desktop.core.model import LedgerRow, Report
from desktop.core.money import ZERO
from tests.helpers.synthetic import large_report

ROWS = 2000
UNITS = 50
RUNS = 3
TARGET_S = 5.0


def timed(run: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# (heading, model path) of the officer's ledger: codes and names, then figures.
_FIGURES = (
    ("一般公共预算财政拨款", "income.general_budget"),
    ("政府性基金预算财政拨款", "income.gov_fund"),
    ("其他收入", "income.other"),
    ("基本支出", "spending.basic"),
    ("项目支出", "spending.project"),
)


def _figure(row: LedgerRow, path: str) -> Decimal | None:
    record, field = path.split(".")
    value: Decimal | None = getattr(getattr(row, record), field)
    return value


def write_officer_ledger(report: Report, path: Path) -> int:
    """A 2,000-row ledger as an officer keeps it: merged header, subtotals, 合计."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "收支台账"
    ws.append(["收入支出决算表"])
    ws.append(["单位：合成测试局", None, None, None, None, None, "金额单位：元"])
    ws.append(["科目编码", "科目名称", "本年收入", None, None, "本年支出", None])
    ws.append([None, None, *(h for h, _ in _FIGURES)])
    for col in ("A", "B"):
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("C3:E3")
    ws.merge_cells("F3:G3")
    names = {c.code: c.name for c in report.custom_codes}
    functional = catalog.functional()
    sums: dict[str, list[Decimal]] = {}
    for row in report.ledger:
        for code in ("", *catalog.ancestors(row.code)):
            acc = sums.setdefault(code, [ZERO] * len(_FIGURES))
            for i, (_, p) in enumerate(_FIGURES):
                acc[i] += _figure(row, p) or ZERO
    written = 0
    done: set[str] = set()
    for row in sorted(report.ledger, key=lambda r: r.code):
        for code in catalog.ancestors(row.code):
            if code not in done:
                done.add(code)
                ws.append([code, functional.name(code) or names.get(code, ""), *sums[code]])
        name = functional.name(row.code) or names.get(row.code, "")
        # Codes as numbers, amounts as text with separators: as pasted from elsewhere.
        values = [_figure(row, p) for _, p in _FIGURES]
        ws.append([int(row.code), name, *(f"{v:,.2f}" if v is not None else None for v in values)])
        written += 1
    ws.append([None, "合计", *sums[""]])
    wb.save(path)
    return written


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = large_report(rows=ROWS)
        print(
            f"report: {len(report.ledger)} 项 rows, {len(report.econ)} economic rows, "
            f"{len(report.self_evals)} projects, {len(report.custom_codes)} custom codes"
        )

        path = folder / "filled.xlsx"
        write_s, _ = timed(lambda: write_template(path, report))
        read_s, back = timed(lambda: import_workbook(path))
        assert back == report, "round trip lost something"
        size = path.stat().st_size / 1024
        print(
            f"template, {ROWS} rows: write {write_s:5.2f} s, import {read_s:5.2f} s ({size:.0f} KB)"
        )

        officer = folder / "ledger.xlsx"
        rows = write_officer_ledger(report, officer)
        tolerant_s, got = timed(lambda: import_workbook(officer))
        assert isinstance(got, Report) and len(got.ledger) == rows
        print(f"officer's own ledger, {rows} 项 rows + subtotals: import {tolerant_s:5.2f} s")

        base = large_report(rows=120, projects=10, indicators=8)
        files = []
        for i in range(UNITS):
            unit = dataclasses.replace(base.unit, name=f"所属单位{i + 1:02d}", consolidated=False)
            files.append(folder / f"unit{i:02d}.juesuan")
            project_file.save(dataclasses.replace(base, unit=unit), files[-1], keep_backup=False)

        def load_and_consolidate() -> Report:
            return consolidate([project_file.load(f) for f in files], "合成测试部门")

        cons_s, dept = timed(load_and_consolidate)
        assert isinstance(dept, Report) and len(dept.unit.member_units) == UNITS
        only_s, _ = timed(lambda: consolidate([project_file.load(files[0])], "x"))
        print(
            f"consolidate {UNITS} unit files ({len(base.ledger)} 项 rows, "
            f"{len(base.self_evals)} projects each): {cons_s:5.2f} s including loading"
            f" (one file: {only_s * 1000:.0f} ms)"
        )
        worst = max(write_s, read_s, tolerant_s, cons_s)
        verdict = "under" if worst < TARGET_S else "OVER"
        print(f"target: each under {TARGET_S:.0f} s — {verdict} (slowest {worst:.2f} s)")


if __name__ == "__main__":
    main()
