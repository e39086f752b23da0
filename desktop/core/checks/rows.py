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
from typing import Any, TypeVar

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
) -> tuple[Finding, ...]:
    """`check_row` over every ledger row, its findings in ledger order; with `papers`,
    only the rows that are new objects since the last call are checked again (all of
    them when `context` is another object)."""
    ledger = report.ledger
    memo = papers.rows.get(rule_id) if papers is not None else None
    if memo is None or memo.context is not context:
        index = _index(ledger, context, [tuple(check_row(r, context)) for r in ledger])
    elif memo.ledger is ledger:
        return memo.findings
    elif papers is not None and (edited := papers.changed_rows(memo.ledger, ledger)) is not None:
        per_row = list(memo.per_row)
        flagged = set(memo.flagged)
        changed = False
        for i in edited:
            row = ledger[i]
            found = tuple(check_row(row, context))
            per_row[i] = found
            changed = changed or bool(found) or i in flagged
            if found:
                flagged.add(i)
            else:
                flagged.discard(i)
        if not changed:  # the findings stand: no row had or has any
            index = RowIndex(ledger, context, tuple(per_row), memo.flagged, memo.findings)
        else:
            order = tuple(sorted(flagged))
            index = RowIndex(
                ledger,
                context,
                tuple(per_row),
                order,
                tuple(f for i in order for f in per_row[i]),
            )
    else:  # rows added or removed: the rows still there keep their findings
        known = {id(r): found for r, found in zip(memo.ledger, memo.per_row, strict=True)}
        index = _index(
            ledger,
            context,
            [known[id(r)] if id(r) in known else tuple(check_row(r, context)) for r in ledger],
        )
    if papers is not None:
        papers.rows[rule_id] = index
    return index.findings


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
