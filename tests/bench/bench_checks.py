"""Benchmark of the checks (审核) on a large consolidated report. Not a test: run

    python tests/bench/bench_checks.py        (or `python -m tests.bench` for everything)

It prints the full check time (derive + every registered rule on a report none of whose
parts was seen before, so no cache helps), the incremental time after one ledger cell
edit as an editor makes it (the report before the edit was checked; the edited one is
derived — incrementally — and only the rules that read the ledger form run), and the
slowest rules. Targets: full check < 50 ms, incremental < 5 ms.
"""

from __future__ import annotations

import copy
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.checks import Form, rules_reading, run_checks, run_rules
from desktop.core.checks.registry import RULES
from desktop.core.derive import derive
from desktop.core.model import Report
from desktop.core.workpapers import Workpapers
from tests.helpers.synthetic import large_report

RUNS = 30
FULL_TARGET_MS = 50.0
INCREMENTAL_TARGET_MS = 5.0


def fresh(report: Report) -> Report:
    """The same content in new objects throughout: the caches of derive and the value
    scan (which recognise unchanged parts by identity) cannot help."""
    return copy.deepcopy(report)


def median_ms(prepare: Callable[[], Report], run: Callable[[Report], object], runs: int) -> float:
    times = []
    for _ in range(runs):
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
    basic = (row.spending.basic or Decimal("0.00")) + Decimal(n + 1)
    rows[i] = dataclasses.replace(row, spending=dataclasses.replace(row.spending, basic=basic))
    return dataclasses.replace(report, ledger=tuple(rows))


@dataclass(frozen=True)
class ChecksBench:
    rows: int
    rules: int
    ledger_rules: int
    derive_full_ms: float
    derive_edit_ms: float
    full_ms: float
    incremental_ms: float
    per_rule_ms: dict[str, float]


def measure(report: Report | None = None, runs: int = RUNS) -> ChecksBench:
    report = report or large_report()
    run_checks(fresh(report))  # warm up imports and caches that live for the process
    ledger_rules = rules_reading({Form.LEDGER})

    derive_full = median_ms(lambda: fresh(report), derive, runs)
    full = median_ms(lambda: fresh(report), run_checks, runs)

    # An editing session: each edit follows the last, which the checker has seen, in
    # the working papers an open document keeps.
    papers = Workpapers()
    state = {"current": report, "n": 0}
    run_rules(report, ledger_rules, papers=papers)

    def next_edit() -> Report:
        previous = state["current"]
        assert isinstance(previous, Report)
        # untimed: the check after the previous edit
        run_rules(previous, ledger_rules, papers=papers)
        n = state["n"]
        assert isinstance(n, int)
        edited = edit_one_cell(previous, n)
        state["current"], state["n"] = edited, n + 1
        return edited

    incremental = median_ms(next_edit, lambda r: run_rules(r, ledger_rules, papers=papers), runs)
    derive_edit = median_ms(next_edit, lambda r: derive(r, papers=papers), runs)

    per_rule: dict[str, list[float]] = {r.id: [] for r in RULES}
    for _ in range(max(5, runs // 2)):
        edited = fresh(report)
        d = derive(edited)
        for r in RULES:
            start = time.perf_counter()
            list(r.check(edited, d))
            per_rule[r.id].append((time.perf_counter() - start) * 1000)
    return ChecksBench(
        rows=len(report.ledger),
        rules=len(RULES),
        ledger_rules=len(ledger_rules),
        derive_full_ms=derive_full,
        derive_edit_ms=derive_edit,
        full_ms=full,
        incremental_ms=incremental,
        per_rule_ms={k: statistics.median(v) for k, v in per_rule.items()},
    )


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
    print(f"findings on the synthetic report: {len(run_checks(report))}")
    b = measure(report)
    print(f"derive, from scratch:         {b.derive_full_ms:7.2f} ms (median of {RUNS})")
    print(f"derive, after one-cell edit:  {b.derive_edit_ms:7.2f} ms")
    print(f"full check ({b.rules} rules):       {b.full_ms:7.2f} ms")
    print(
        f"incremental, one ledger cell: {b.incremental_ms:7.2f} ms "
        f"({b.ledger_rules} rules read the ledger, and the derive the edit needs)"
    )
    by_area: dict[str, float] = {}
    for rule_id, ms in b.per_rule_ms.items():
        area = rule_id.split(".")[0]
        by_area[area] = by_area.get(area, 0.0) + ms
    print("rules by area (derived figures given; sum of per-rule medians):")
    for area, ms in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"  {area:10s} {ms:6.2f} ms")
    print("slowest rules:")
    for rule_id, ms in sorted(b.per_rule_ms.items(), key=lambda kv: -kv[1])[:6]:
        print(f"  {rule_id:32s} {ms:6.2f} ms")
    print(
        f"targets: full < {FULL_TARGET_MS:.0f} ms — "
        f"{'OK' if b.full_ms < FULL_TARGET_MS else 'MISSED'}; "
        f"incremental < {INCREMENTAL_TARGET_MS:.0f} ms — "
        f"{'OK' if b.incremental_ms < INCREMENTAL_TARGET_MS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
