"""Findings kept in the working papers (`checks.rows`): row by row, or while a rule's
inputs stand. Whatever an edit does to the ledger — a figure, a row added or removed,
a 科目 the catalog gains — the kept findings are those a check from scratch makes, and
only the rows the edit concerns are looked at again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.catalog import Catalog
from desktop.core.checks import (
    RULES,
    Finding,
    Form,
    codes,
    rows,
    rules_reading,
    run_checks,
    run_rules,
)
from desktop.core.derive import derive
from desktop.core.edits import add_ledger_row, remove_ledger_rows, set_value
from desktop.core.model import CustomCode, LedgerRow, Report
from desktop.core.workpapers import Workpapers
from tests.helpers.synthetic import large_report

LEDGER_RULES = rules_reading({Form.LEDGER})


def by_rule(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {r.id: [] for r in RULES}
    for f in findings:
        out[f.rule].append(f)
    return out


def overspent(report: Report, i: int) -> Report:
    """Row i's 财政拨款 basic spending beyond its basic spending (sums.fiscal_within_nature)."""
    row = report.ledger[i]
    basic = row.spending.basic or Decimal("0.00")
    return set_value(report, ("ledger", i, "fiscal", "general_basic"), basic + Decimal("1.00"))[0]


def test_kept_findings_after_edits_added_and_removed_rows_are_a_full_checks() -> None:
    report = large_report(rows=80, projects=2)
    papers = Workpapers()
    kept = by_rule(run_rules(report, RULES, papers=papers))
    steps = [
        lambda r: overspent(r, 5),
        lambda r: overspent(r, 40),
        lambda r: add_ledger_row(r, "2990101", "新增科目")[0],  # a 类 of its own
        lambda r: add_ledger_row(r, "20101a1")[0],  # malformed: codes.functional_level
        lambda r: remove_ledger_rows(r, [0, 6])[0],
        lambda r: set_value(r, ("ledger", 3, "code"), "2010101")[0],  # now typed twice
        lambda r: dataclasses.replace(r, ledger=(*r.ledger, r.ledger[0])),  # one object twice
        lambda r: dataclasses.replace(r, ledger=r.ledger[1:]),
    ]
    found: set[str] = set()  # the rules that found something on the way
    for step in steps:
        report = step(report)
        fresh = by_rule(run_rules(report, LEDGER_RULES, papers=papers))
        kept.update({r.id: fresh[r.id] for r in LEDGER_RULES})
        assert kept == by_rule(run_checks(report))
        found |= {rule for rule, findings in kept.items() if findings}
    assert {"codes.functional_level", "sums.fiscal_within_nature", "codes.duplicate"} <= found


def test_only_the_edited_row_is_checked_again() -> None:
    report = large_report(rows=200, projects=1)
    papers = Workpapers()
    run_rules(report, LEDGER_RULES, papers=papers)
    seen: list[str] = []

    def counting(row: LedgerRow, context: None) -> tuple[Finding, ...]:
        seen.append(row.code)
        return ()

    rows.by_row("test.rows", report, papers, counting, None)
    assert len(seen) == 200
    seen.clear()
    edited = overspent(report, 17)
    rows.by_row("test.rows", edited, papers, counting, None)
    assert seen == [report.ledger[17].code]
    seen.clear()
    added, _ = add_ledger_row(edited, "2990101")
    rows.by_row("test.rows", added, papers, counting, None)
    assert seen == ["2990101"]
    seen.clear()
    rows.by_row("test.rows", added, papers, counting, None)  # nothing changed
    assert seen == []


def test_a_code_the_catalog_gains_or_loses_rechecks_only_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = dataclasses.replace(large_report(rows=400, projects=1), custom_codes=())
    unknown = [r.code for r in report.ledger if r.code not in derive(report).functional]
    papers = Workpapers()
    before = list(codes.functional_unknown.check(report, derive(report, papers=papers)))
    assert len(before) >= len(unknown) > 3  # the 项 the bundled catalog lacks
    named = dataclasses.replace(
        report, custom_codes=tuple(CustomCode(c, f"自行增加{c}") for c in unknown[:3])
    )
    seen: list[str] = []
    real = codes._unknown_in

    def counting(row: LedgerRow, functional: Catalog) -> Iterator[Finding]:
        seen.append(row.code)
        return real(row, functional)

    monkeypatch.setattr(codes, "_unknown_in", counting)
    kept = list(codes.functional_unknown.check(named, derive(named, papers=papers)))
    assert sorted(seen) == sorted(unknown[:3])  # not the other 397 rows
    monkeypatch.undo()
    assert kept == list(codes.functional_unknown.check(named, derive(named)))
    assert len(kept) == len(before) - 3
    undone = list(codes.functional_unknown.check(report, derive(report, papers=papers)))
    assert undone == before


def test_changed_rows_and_row_origins() -> None:
    a, b, c, d = (LedgerRow(code) for code in ("2010101", "2010102", "2010103", "2010104"))
    papers = Workpapers()
    assert papers.changed_rows((a, b, c), (a, d, c)) == (1,)
    assert papers.changed_rows((a, b, c), (a, b)) is None
    assert papers.row_origins((a, b, c), (a, d, c)) == (0, -1, 2)
    assert papers.row_origins((a, b, c), (c, a)) == (2, 0)
    assert papers.row_origins((a, a, b), (a, b, a, a)) == (0, 2, 1, -1)  # one object twice


# Rows as a few objects, some standing more than once; an edit keeps a head and a tail
# of them and puts other objects (old ones, or new ones: 9 and up) between.
_ROWS = st.lists(st.integers(0, 5), max_size=12)


@given(_ROWS, st.integers(0, 12), st.integers(0, 12), st.lists(st.integers(0, 12), max_size=6))
def test_row_origins_match_every_row_they_can(
    ids: list[int], cut: int, keep: int, middle: list[int]
) -> None:
    """Each row of `after` comes from a row of `before` holding the same object, each
    row of `before` at most once, and as many of each object as both hold are matched
    (what the per-row results kept after rows were added or removed rely on);
    `rows_replaced` names exactly the rows left over on each side."""
    objects = [LedgerRow(f"20101{n:02d}") for n in range(13)]
    before = tuple(objects[i] for i in ids)
    cut = min(cut, len(before))
    after = (*before[:cut], *(objects[i] for i in middle), *before[cut:][keep:])
    papers = Workpapers()
    origins = papers.row_origins(before, after)
    assert len(origins) == len(after)
    used = [o for o in origins if o >= 0]
    assert len(set(used)) == len(used)
    assert all(before[o] is r for r, o in zip(after, origins, strict=True) if o >= 0)
    for obj in set(after):
        matched = sum(1 for r, o in zip(after, origins, strict=True) if r is obj and o >= 0)
        assert matched == min(before.count(obj), after.count(obj))
    gone, came = papers.rows_replaced(before, after)
    assert gone == tuple(i for i in range(len(before)) if i not in set(used))
    assert came == tuple(j for j, o in enumerate(origins) if o < 0)


def test_kept_findings_stand_while_their_inputs_are_the_same_objects() -> None:
    papers = Workpapers()
    calls: list[int] = []
    inputs = ((1, 2), "x")

    def compute() -> list[Finding]:
        calls.append(1)
        return []

    assert rows.kept("t", papers, inputs, compute) == ()
    assert rows.kept("t", papers, inputs, compute) == ()
    assert len(calls) == 1
    rows.kept("t", papers, ((1, 2), "y"), compute)
    assert len(calls) == 2
    assert rows.kept("t", None, inputs, compute) == ()  # no papers: from scratch
    assert len(calls) == 3
