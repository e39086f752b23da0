"""The registry: every rule listed once, described, and safe on any data."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.checks import balance, codes, cross, narrative, rules_reading, sums, values
from desktop.core.checks.findings import Form
from desktop.core.checks.registry import RULES
from desktop.core.derive import derive
from desktop.core.model import (
    BudgetLine,
    CodeAmount,
    EconRow,
    FiscalAmounts,
    FiscalSpending,
    Income,
    LedgerRow,
    NamedAmount,
    PriorYear,
    Procurement,
    Report,
    SangongAmounts,
    Spending,
    UnitKind,
)
from tests.helpers.reports import clean_report, with_sangong, with_stats

MINE = (*balance.RULES, *codes.RULES, *sums.RULES, *cross.RULES, *values.RULES, *narrative.RULES)


def test_every_rule_is_registered_once_with_a_stable_id() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in MINE:
        assert r in RULES
        assert re.fullmatch(r"[a-z_]+\.[a-z_0-9]+", r.id), r.id
        assert r.description and "\n" not in r.description
        assert re.search(r"[\u4e00-\u9fff]", r.description), r.id
        assert r.reads, f"{r.id} reads no form: an edit would never re-run it"


def test_rules_reading_a_form_select_the_rules_that_read_it() -> None:
    chosen = rules_reading({Form.STATS})
    assert cross.procurement_sme in chosen and cross.vehicle_total in chosen
    assert codes.functional_level not in chosen


# ---------------------------------------------------------------- never raise

# Beyond 10**26 元 `money.format_amount` cannot quantize (28-digit context); such a
# figure is reported by values.magnitude_large long before that, and the file loader
# and parser are the place to refuse it (noted for the foundation).
amounts = st.one_of(
    st.none(),
    st.decimals(
        min_value=Decimal("-1e20"),
        max_value=Decimal("1e20"),
        allow_nan=False,
        allow_infinity=False,
        places=3,
    ),
    st.sampled_from([Decimal(0), Decimal("0.00"), Decimal("0.001"), Decimal("-0.01")]),
)
counts = st.one_of(st.none(), st.integers(min_value=-5, max_value=5))
ledger_codes = st.sampled_from(
    ["2010301", "2010350", "2080505", "20103", "201", "", "abc", "2999999"]
)
econ_codes = st.sampled_from(["30101", "30217", "30231", "31013", "302", "", "x"])


def records(cls: type, names: list[str]) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.builds(cls, **{n: amounts for n in names})


ledger_rows = st.builds(
    LedgerRow,
    code=ledger_codes,
    income=records(Income, ["general_budget", "gov_fund", "other"]),
    spending=records(Spending, ["basic", "project", "operating"]),
    fiscal=records(FiscalSpending, ["general_basic", "general_project", "fund_project"]),
    fiscal_opening=records(FiscalAmounts, ["general_budget", "gov_fund"]),
)
sangong_amounts = records(
    SangongAmounts, ["abroad", "vehicle_purchase", "vehicle_operation", "reception"]
)


@pytest.mark.slow  # 150 random reports
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ledger=st.lists(ledger_rows, max_size=5),
    econ=st.lists(st.builds(EconRow, code=econ_codes, basic=amounts, project=amounts), max_size=5),
    budget=st.lists(st.builds(BudgetLine, code=ledger_codes, amount=amounts), max_size=3),
    actual=sangong_amounts,
    prior_sangong=sangong_amounts,
    prior_total=amounts,
    by_class=st.lists(st.builds(CodeAmount, code=ledger_codes, amount=amounts), max_size=3),
    procurement=records(Procurement, ["goods", "services", "sme", "small_micro"]),
    admin_cost=amounts,
    held=counts,
    kind=st.sampled_from(list(UnitKind)),
    unit=st.sampled_from(["元", "万元", ""]),
    items=st.lists(st.builds(NamedAmount, label=st.just("油费"), amount=amounts), max_size=2),
)
def test_rules_never_raise(
    ledger: list[LedgerRow],
    econ: list[EconRow],
    budget: list[BudgetLine],
    actual: SangongAmounts,
    prior_sangong: SangongAmounts,
    prior_total: Decimal | None,
    by_class: list[CodeAmount],
    procurement: Procurement,
    admin_cost: Decimal | None,
    held: int | None,
    kind: UnitKind,
    unit: str,
    items: list[NamedAmount],
) -> None:
    report = clean_report()
    report = dataclasses.replace(
        report,
        unit=dataclasses.replace(report.unit, kind=kind, amount_unit=unit),
        ledger=tuple(ledger),
        econ=tuple(econ),
        budget=tuple(budget),
        prior=PriorYear(
            income_total=prior_total,
            general_spending=prior_total,
            general_by_class=tuple(by_class),
            sangong=prior_sangong,
            admin_cost=prior_total,
        ),
    )
    report = with_sangong(
        report, actual=actual, vehicles_held=held, vehicle_operation_items=tuple(items)
    )
    report = with_stats(report, procurement=procurement, admin_cost=admin_cost)
    d = derive(report)
    for r in MINE:
        for f in r.check(report, d):
            assert f.rule == r.id and f.severity is r.severity
            assert re.search(r"[\u4e00-\u9fff]", f.message)


def test_an_empty_report_passes_every_rule_without_raising() -> None:
    report = Report()
    d = derive(report)
    for r in MINE:
        list(r.check(report, d))
