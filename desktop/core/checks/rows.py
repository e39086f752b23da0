"""Findings kept between checks in the working papers: row by row, or while a rule's
inputs stand.

    ledger rows ──check_row(row, context)──> that row's findings            (by_row)
        Workpapers.rows[rule id] = RowIndex(ledger, context, per row, rows with findings)
    report parts ──compute()──> a rule's findings                           (kept)
        Workpapers.kept[rule id] = Kept(the parts, findings)

An open document's report changes a cell at a time, and the new report shares every
record the edit did not touch (frozen records, `dataclasses.replace`). A rule whose
findings about a ledger row depend on that row alone — and on a `context` the whole
report shares, such as the functional catalog — looks again only at the rows that are
new objects (`by_row`); a rule reading a few parts of the report runs again only when
one of them is a new object (`kept`). Kept or from scratch, the findings are the same and
in the same order (tests/core/checks/test_recheck.py); without papers nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from desktop.core.checks.findings import Finding
from desktop.core.model import LedgerRow, Report
from desktop.core.workpapers import Workpapers

C = TypeVar("C")
RowCheck = Callable[[LedgerRow, C], Iterable[Finding]]


@dataclass(frozen=True)
class RowIndex:
    """One rule's findings over one ledger, row by row. Never mutated."""

    ledger: tuple[LedgerRow, ...]
    context: object  # what else the findings depend on; kept while the same object
    per_row: tuple[tuple[Finding, ...], ...]  # one entry per ledger row
    flagged: tuple[int, ...]  # the rows with findings, in ledger order
    findings: tuple[Finding, ...]  # theirs, in ledger order


def _index(
    ledger: tuple[LedgerRow, ...], context: object, per_row: Sequence[tuple[Finding, ...]]
) -> RowIndex:
    flagged = tuple(i for i, found in enumerate(per_row) if found)
    return RowIndex(
        ledger, context, tuple(per_row), flagged, tuple(f for i in flagged for f in per_row[i])
    )


def by_row(
    rule_id: str,
    report: Report,
    papers: Workpapers | None,
    check_row: RowCheck[C],
    context: C,
    *,
    recheck: Callable[[C, C], Callable[[LedgerRow], bool]] | None = None,
) -> tuple[Finding, ...]:
    """`check_row` over every ledger row, its findings in ledger order; with `papers`,
    only the rows that are new objects since the last call are checked again. When
    `context` is another object than then, every row is checked again — or, with
    `recheck(then, now)`, the rows that predicate picks (those the change can concern)."""
    ledger = report.ledger
    memo = papers.rows.get(rule_id) if papers is not None else None
    if memo is not None and memo.ledger is ledger and memo.context is context:
        return memo.findings
    if papers is None or memo is None or (memo.context is not context and recheck is None):
        index = _index(ledger, context, [tuple(check_row(r, context)) for r in ledger])
    else:
        concerned = (
            recheck(cast(C, memo.context), context)
            if recheck is not None and memo.context is not context
            else None
        )
        index = _rechecked(memo, ledger, context, papers, check_row, concerned)
    if papers is not None:
        papers.rows[rule_id] = index
    return index.findings


def _rechecked(
    memo: RowIndex,
    ledger: tuple[LedgerRow, ...],
    context: C,
    papers: Workpapers,
    check_row: RowCheck[C],
    concerned: Callable[[LedgerRow], bool] | None,
) -> RowIndex:
    """`memo` for `ledger`: the rows that are new objects, and those `concerned` picks,
    checked again; every other row keeps its findings."""
    edited = papers.changed_rows(memo.ledger, ledger)
    if edited is not None:  # the same rows but a few
        todo = set(edited)
        if concerned is not None:
            todo.update(i for i, r in enumerate(ledger) if concerned(r))
        return _updated(memo, ledger, context, todo, check_row)
    # rows added or removed: the rows still there keep their findings
    origins = papers.row_origins(memo.ledger, ledger)
    kept_rows = memo.per_row
    return _index(
        ledger,
        context,
        [
            kept_rows[o]
            if o >= 0 and (concerned is None or not concerned(r))
            else tuple(check_row(r, context))
            for r, o in zip(ledger, origins, strict=True)
        ],
    )


def _updated(
    memo: RowIndex,
    ledger: tuple[LedgerRow, ...],
    context: C,
    todo: Iterable[int],
    check_row: RowCheck[C],
) -> RowIndex:
    """`memo` for `ledger`, whose rows at `todo` are checked again (the others stand)."""
    per_row = list(memo.per_row)
    flagged = set(memo.flagged)
    changed = False
    for i in todo:
        found = tuple(check_row(ledger[i], context))
        changed = changed or bool(found) or i in flagged
        per_row[i] = found
        if found:
            flagged.add(i)
        else:
            flagged.discard(i)
    if not changed:  # the findings stand: no row looked at had or has any
        return RowIndex(ledger, context, tuple(per_row), memo.flagged, memo.findings)
    order = tuple(sorted(flagged))
    return RowIndex(
        ledger, context, tuple(per_row), order, tuple(f for i in order for f in per_row[i])
    )


@dataclass(frozen=True)
class Kept:
    """A rule's findings and the inputs they were found in. Never mutated."""

    inputs: tuple[object, ...]
    findings: tuple[Finding, ...]


def kept(
    rule_id: str,
    papers: Workpapers | None,
    inputs: Sequence[object],
    compute: Callable[[], Iterable[Finding]],
    *,
    same: Callable[[Any, Any], bool] | None = None,
) -> tuple[Finding, ...]:
    """`compute()`'s findings, or with `papers` the last ones while every input is the
    same object as then (or, with `same`, while `same(then, now)` holds for each)."""
    memo = papers.kept.get(rule_id) if papers is not None else None
    if memo is not None and len(memo.inputs) == len(inputs):
        pairs = zip(memo.inputs, inputs, strict=True)
        if all(a is b or (same is not None and same(a, b)) for a, b in pairs):
            return memo.findings
    found = tuple(compute())
    if papers is not None:
        papers.kept[rule_id] = Kept(tuple(inputs), found)
    return found


def same_codes(papers: Workpapers | None, before: Any, after: Any) -> bool:
    """Whether two ledgers (or lists of any records with a `code`) hold the same codes in
    the same order; with `papers`, only the rows an edit changed are looked at."""
    if papers is not None:
        edited = papers.changed_rows(before, after)
        if edited is not None:
            return all(before[i].code == after[i].code for i in edited)
    return len(before) == len(after) and all(
        a is b or a.code == b.code for a, b in zip(before, after, strict=True)
    )
