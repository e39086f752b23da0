"""Derivation details not covered by the sample figures."""

from decimal import Decimal

from desktop.core.derive import change, derive
from desktop.core.model import BudgetLine, Income, LedgerRow, Report


def _budget(*lines: tuple[str, str]) -> Report:
    return Report(budget=tuple(BudgetLine(c, Decimal(a)) for c, a in lines))


def test_budget_rolls_up_through_untyped_levels() -> None:
    d = derive(_budget(("201", "5.00"), ("2010301", "1.00"), ("2010302", "2.00")))
    assert d.budget("20103") == Decimal("3.00")  # the 款 between is the sum of its 项
    assert d.budget("201") == Decimal("5.00")  # a typed 类 stands (checks compare it)
    assert d.budget() == Decimal("5.00")


def test_budget_is_not_counted_twice_under_a_typed_parent() -> None:
    d = derive(_budget(("20103", "1.50"), ("2010301", "1.00")))
    assert d.budget("201") == Decimal("1.50")
    assert d.budget("20103") == Decimal("1.50")


def test_no_figure_stays_none_up_the_tree() -> None:
    d = derive(Report(ledger=(LedgerRow("2010350", income=Income(other=Decimal("1.00"))),)))
    assert d.line("201")["income.other"] == Decimal("1.00")
    assert d.line("201")["income.general_budget"] is None
    assert d.totals["spending.total"] is None


def test_change_direction_and_rate() -> None:
    up = change(Decimal("110"), Decimal("100"))
    assert (up.amount, up.rate, up.direction) == (Decimal("10"), Decimal("10.00"), 1)
    flat = change(Decimal("100"), Decimal("100"))
    assert flat.direction == 0
    assert change(Decimal("5"), None).rate is None
