"""The incremental derivation and value scan agree with a fresh one, figure for figure.

With working papers, `derive()` updates its last result when a new report differs from
the last one in a few ledger rows — figures edited, rows added or removed anywhere, codes
changed — (or in parts outside the ledger); `checks.values.scan` rescans only changed
rows. Chains of random edits — one-cell ledger edits (to any value, None included),
pastes over several rows, edits elsewhere, rows added and removed anywhere, changed
codes — must give exactly what a derivation from scratch (no papers) gives: same values,
same Decimal exponents and signs, same None-ness, same key order.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from statistics import median
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.checks import Form, values
from desktop.core.derive import Derived, _rederive, derive
from desktop.core.model import EconRow, LedgerRow, Report
from desktop.core.workpapers import Workpapers
from tests.helpers.strategies import (
    cents,
    consistent_reports,
    inconsistent_reports,
    ledger_edits,
    maybe,
    set_path,
)
from tests.helpers.synthetic import large_report


def exact(value: Any) -> Any:
    """A structure compared with ==, where Decimals keep exponent and sign."""
    if isinstance(value, Decimal):
        return ("D", str(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, exact(getattr(value, f.name))) for f in dataclasses.fields(value))
    if hasattr(value, "items"):
        return tuple((k, exact(v)) for k, v in value.items())
    if isinstance(value, tuple | list):
        return tuple(exact(v) for v in value)
    return value


def same(a: Derived, b: Derived) -> None:
    assert a.report is b.report
    for f in dataclasses.fields(Derived):
        if f.name in ("report", "functional", "papers"):
            continue
        assert exact(getattr(a, f.name)) == exact(getattr(b, f.name)), f.name
    assert len(a.functional) == len(b.functional)


# 项 to add: some typed already (a duplicate), some new under a 款 or 类 already there,
# some under a 款 and a 类 of their own.
NEW_ITEMS = ("2010301", "2010308", "2010350", "2080599", "2130199", "2299901", "2990101")


@st.composite
def edit(draw: st.DrawFn, report: Report) -> Report:
    kind = draw(
        st.sampled_from(
            (
                *("cell", "cell", "cell", "cell", "econ", "budget", "add", "remove", "code"),
                *("insert", "insert", "remove_at", "paste"),
            )
        )
    )
    if kind == "cell" or not report.ledger:
        return draw(ledger_edits(report))
    if kind == "insert":  # a 项 added where the officer puts it (or the ledger sorts it)
        at = draw(st.integers(0, len(report.ledger)))
        row = LedgerRow(
            draw(st.sampled_from(NEW_ITEMS)),
            spending=dataclasses.replace(LedgerRow("x").spending, basic=draw(maybe(cents()))),
        )
        return dataclasses.replace(report, ledger=(*report.ledger[:at], row, *report.ledger[at:]))
    if kind == "remove_at":
        at = draw(st.integers(0, len(report.ledger) - 1))
        return dataclasses.replace(report, ledger=report.ledger[:at] + report.ledger[at + 1 :])
    if kind == "paste":  # several rows' cells at once
        for _ in range(draw(st.integers(2, 4))):
            report = draw(ledger_edits(report))
        return report
    if kind == "econ":
        row = EconRow(draw(st.sampled_from(("30101", "30201", "30217"))), basic=draw(cents()))
        return dataclasses.replace(report, econ=(*report.econ, row))
    if kind == "budget":
        return dataclasses.replace(report, budget=())
    if kind == "add":
        return dataclasses.replace(report, ledger=(*report.ledger, LedgerRow("2010301")))
    if kind == "remove":
        return dataclasses.replace(report, ledger=report.ledger[1:])
    i = draw(st.integers(0, len(report.ledger) - 1))
    return set_path(report, ("ledger", str(i), "code"), draw(st.sampled_from(("2010302", "201"))))


def reference_scan(report: Report) -> values.Scan:
    """The value scan as one plain pass over `typed_amounts` (what `scan` must equal)."""
    negative, beyond, huge, small, sizes = [], [], [], [], []
    for item in values.typed_amounts(report):
        form, row, field, v = item
        if v < 0 and row not in values._CARRY_OVERS:
            negative.append(item)
        if not v.same_quantum(Decimal("0.01")) and values._beyond_cents(v):
            beyond.append(item)
        if abs(v) >= values.TEN_BILLION:
            huge.append(item)
        on_rows = form in (Form.LEDGER, Form.ECON) and field != "budget.amount"
        if on_rows and v and row not in values._CARRY_OVERS:
            sizes.append(abs(v))
            if abs(v) < values.SMALL:
                small.append(item)
    return values.Scan(
        negative=tuple(negative),
        negative_counts=tuple(c for c in values.typed_counts(report) if c[3] < 0),
        beyond_cents=tuple(beyond),
        huge=tuple(huge),
        small=tuple(small),
        typical=median(sizes) if len(sizes) >= 3 else None,
    )


def _check_chain(report: Report, data: st.DataObject, steps: int) -> None:
    papers = Workpapers()
    derive(report, papers=papers)
    assert values.scan(report, papers) == reference_scan(report)
    for _ in range(steps):
        report = data.draw(edit(report))
        same(derive(report, papers=papers), derive(report))  # kept vs from scratch
        assert values.scan(report, papers) == reference_scan(report)


@pytest.mark.slow  # 60 random reports and edits
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(consistent_reports(), inconsistent_reports()), st.data())
def test_edits_derive_as_from_scratch(report: Report, data: st.DataObject) -> None:
    _check_chain(report, data, steps=8)


@pytest.mark.slow  # large random reports
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_edits_of_a_large_report_derive_as_from_scratch(data: st.DataObject) -> None:
    _check_chain(large_report(rows=120, projects=5), data, steps=6)


def test_one_cell_edit_takes_the_incremental_path() -> None:
    """The fast path is really taken for a plain one-cell edit (not only correct)."""
    report = large_report(rows=60, projects=1)
    papers = Workpapers()
    derive(report, papers=papers)
    row = report.ledger[7]
    edited = set_path(
        report, ("ledger", "7", "spending", "basic"), (row.spending.basic or 0) + Decimal("1.00")
    )
    memo = papers.derivation
    assert memo is not None
    assert _rederive(memo, edited, papers) is not None
    # …and a change of a row's code is left to the full derivation.
    moved = set_path(report, ("ledger", "7", "code"), "2010399")
    assert _rederive(memo, moved, papers) is None


def test_adding_and_removing_a_row_take_the_incremental_path() -> None:
    """A 项 added anywhere, under a new 款 and 类 too, and one removed: derived as from
    scratch, without deriving from scratch."""
    report = large_report(rows=60, projects=1)
    papers = Workpapers()
    derive(report, papers=papers)
    for code, at in (("2010397", 3), ("2990101", 60), ("2130197", 30)):
        row = LedgerRow(code, spending=dataclasses.replace(LedgerRow(code).spending, basic=D))
        added = dataclasses.replace(report, ledger=(*report.ledger[:at], row, *report.ledger[at:]))
        memo = papers.derivation
        assert memo is not None and _rederive(memo, added, papers) is not None, code
        same(derive(added, papers=papers), derive(added))
        assert derive(added, papers=papers).line(code[:3])["spending.basic"] is not None
        removed = dataclasses.replace(added, ledger=added.ledger[:at] + added.ledger[at + 1 :])
        memo = papers.derivation
        assert memo is not None and _rederive(memo, removed, papers) is not None, code
        d = derive(removed, papers=papers)
        same(d, derive(removed))
        assert code not in d.lines and (code[:3] in d.lines) == (
            code[:3] in memo.leaf or any(c.startswith(code[:3]) for c in memo.leaf if c != code)
        )
        report = removed


D = Decimal("12.34")


def test_removing_the_only_figure_under_a_class_leaves_no_figure() -> None:
    report = Report(
        ledger=(
            LedgerRow(
                "2010301", income=dataclasses.replace(LedgerRow("x").income, other=Decimal("5.00"))
            ),
            LedgerRow("2080505"),
        )
    )
    papers = Workpapers()
    derive(report, papers=papers)
    cleared = set_path(report, ("ledger", "0", "income", "other"), None)
    d = derive(cleared, papers=papers)
    assert d.line("201")["income.other"] is None
    assert d.totals["income.other"] is None
    same(d, derive(cleared))
