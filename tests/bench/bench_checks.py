"""Benchmark of the checks (审核) on a large consolidated report. Not a test: run

    python tests/bench/bench_checks.py

It prints the full check time (derive + every registered rule, derive's one-report
cache defeated each run), the incremental time after one ledger cell edit (the new
report derived again, then only the rules that read the ledger form), and the
slowest rules. The target is a full check well under 50 ms.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.checks import Form, rules_reading, run_checks, run_rules
from desktop.core.checks.registry import RULES
from desktop.core.derive import derive
from desktop.core.model import Report
from tests.helpers.synthetic import large_report

RUNS = 20


def fresh(report: Report) -> Report:
    """The same content as a new object: derive caches the last report by identity."""
    return dataclasses.replace(report)


def median_ms(prepare: Callable[[], Report], run: Callable[[Report], object]) -> float:
    times = []
    for _ in range(RUNS):
        report = prepare()
        start = time.perf_counter()
        run(report)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def edit_one_cell(report: Report, n: int) -> Report:
    """One ledger cell typed anew, as an editor does it: one row replaced."""
    rows = list(report.ledger)
    i = (n * 37) % len(rows)
    row = rows[i]
    basic = (row.spending.basic or Decimal(0)) + Decimal(n + 1)
    rows[i] = dataclasses.replace(row, spending=dataclasses.replace(row.spending, basic=basic))
    return dataclasses.replace(report, ledger=tuple(rows))


def main() -> None:
    start = time.perf_counter()
    report = large_report()
    built = (time.perf_counter() - start) * 1000
    projects = len(report.self_evals)
    indicators = sum(len(p.indicators) for p in report.self_evals)
    print(
        f"synthetic report: {len(report.ledger)} 项 rows, {len(report.econ)} economic rows, "
        f"{projects} projects × {indicators // max(projects, 1)} indicators "
        f"(built in {built:.1f} ms)"
    )
    findings = run_checks(report)
    print(f"findings on the synthetic report: {len(findings)}")

    run_checks(fresh(report))  # warm up imports and caches that live for the process
    derive_ms = median_ms(lambda: fresh(report), derive)
    full_ms = median_ms(lambda: fresh(report), run_checks)
    ledger_rules = rules_reading({Form.LEDGER})
    counter = iter(range(10**6))
    incr_ms = median_ms(
        lambda: edit_one_cell(report, next(counter)), lambda r: run_rules(r, ledger_rules)
    )
    print(f"derive alone:                 {derive_ms:7.2f} ms (median of {RUNS})")
    print(f"full check ({len(RULES)} rules):       {full_ms:7.2f} ms (median of {RUNS})")
    print(
        f"incremental, one ledger cell: {incr_ms:7.2f} ms "
        f"({len(ledger_rules)} rules read the ledger; median of {RUNS})"
    )

    per_rule: dict[str, list[float]] = {r.id: [] for r in RULES}
    for _ in range(RUNS):
        edited = fresh(report)  # caches (derive, the value scan) start cold each run
        d = derive(edited)
        for r in RULES:
            start = time.perf_counter()
            list(r.check(edited, d))
            per_rule[r.id].append((time.perf_counter() - start) * 1000)
    medians = {rule_id: statistics.median(t) for rule_id, t in per_rule.items()}
    by_area: dict[str, float] = {}
    for rule_id, ms in medians.items():
        area = rule_id.split(".")[0]
        by_area[area] = by_area.get(area, 0.0) + ms
    print("rules by area (derived figures given; sum of per-rule medians):")
    for area, ms in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"  {area:10s} {ms:6.2f} ms")
    print("slowest rules:")
    for rule_id, ms in sorted(medians.items(), key=lambda kv: -kv[1])[:6]:
        print(f"  {rule_id:32s} {ms:6.2f} ms")
    verdict = "well under" if full_ms < 25 else ("under" if full_ms < 50 else "OVER")
    print(f"target: full check well under 50 ms — {verdict} ({full_ms:.1f} ms)")


if __name__ == "__main__":
    main()
